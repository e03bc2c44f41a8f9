import SweepDiagnostics
import SweepModel

/// A model whose every reference names a variable, spelled as that variable is, with the time
/// functions desugared and the caller's parameters, overrides and outputs checked: what every
/// later pass reads.
struct ResolvedModel {
    let name: String
    let time: TimeSpec
    let variables: [Variable]
    let names: NameIndex
    /// Each variable's definition, with `--set` values in place.
    let definitions: [Definition]
    /// The per-run parameters, in the order of the parameter matrix's columns.
    let parameters: [Int]
    let isParameter: [Bool]
    /// The variables the caller records; nil: all of them.
    let outputs: [Bool]?
    /// The lookup variables' tables, in model order.
    let tables: [TableData]

    enum Definition {
        case constant(Double)
        /// An auxiliary or a flow.
        case equation(Expression)
        case stock(initial: Expression, net: Expression)
        case lookup(table: Int)
    }

    var indices: Range<Int> { variables.indices }

    func constant(_ i: Int) -> Double? {
        if case .constant(let v) = definitions[i] { return v }
        return nil
    }

    /// The equation of an auxiliary or a flow.
    func equation(_ i: Int) -> Expression? {
        if case .equation(let e) = definitions[i] { return e }
        return nil
    }

    func stock(_ i: Int) -> (initial: Expression, net: Expression)? {
        if case .stock(let initial, let net) = definitions[i] { return (initial, net) }
        return nil
    }

    func isStock(_ i: Int) -> Bool { stock(i) != nil }

    func table(_ i: Int) -> Int? {
        if case .lookup(let t) = definitions[i] { return t }
        return nil
    }

    /// The variables `e` reads, in order of appearance, optionally not looking inside INITIAL().
    func dependencies(_ e: Expression, throughInitial: Bool) -> [Int] {
        var out: [Int] = []
        func walk(_ e: Expression) {
            switch e {
            case .variable(let n, _): out.append(names[n])
            case .number: break
            case .unary(_, let a): walk(a)
            case .binary(_, let a, let b): walk(a); walk(b)
            case .lookupCall(_, let a, _), .withLookup(let a, _): walk(a)
            case .call(let b, let args):
                if b == .initial && !throughInitial { return }
                // ACTIVE INITIAL(value, initial): the initialisation reads `initial`, steps `value`.
                if b == .activeInitial { walk(throughInitial ? args[1] : args[0]); return }
                args.forEach(walk)
            }
        }
        walk(e)
        return out
    }

    /// Evaluates a constant expression with the engine's own arithmetic, so folding and
    /// running agree to the bit.
    func fold(_ e: Expression) -> Double {
        switch e {
        case .number(let v): return v
        case .variable(let n, _):
            let i = names[n]
            return constant(i) ?? fold(equation(i)!)
        case .unary(let op, let a): return OpCode.unary(OpCode(op), fold(a))
        case .binary(let op, let a, let b): return OpCode.binary(OpCode(op), fold(a), fold(b))
        case .lookupCall(let name, let a, _):
            let t = tables[table(names[name])!]
            return Lookup.interpolate(fold(a), xs: t.xs, ys: t.ys)
        case .withLookup(let a, let l): return l(fold(a))
        case .call(let b, let args):
            switch b {
            case .timeStep: return time.step
            case .initialTime: return time.initial
            case .finalTime: return time.final
            case .saveper: return time.saveper
            case .initial: return fold(args[0])
            case .ifThenElse: return OpCode.ternary(.select, fold(args[0]), fold(args[1]), fold(args[2]))
            case .xidz: return OpCode.ternary(.xidz, fold(args[0]), fold(args[1]), fold(args[2]))
            case _ where b.readsTable:
                let (x, t): (Expression, TableData)
                switch args[0] {
                case .lookupCall(let name, let a, _): (x, t) = (a, tables[table(names[name])!])
                case .withLookup(let a, let l): (x, t) = (a, TableData(xs: l.xs, ys: l.ys))
                default: preconditionFailure("checked by Model.expandingStatefulBuiltins")
                }
                let y = args.count > 1 ? fold(args[1]) : 0
                return t.xs.withUnsafeBufferPointer { xs in
                    t.ys.withUnsafeBufferPointer { ys in OpCode.table(OpCode(b), fold(x), y, xs: xs, ys: ys) }
                }
            case _ where b.isVectorElement:
                return args.map(fold).withUnsafeBufferPointer { VensimVectors.element(b, $0)! }
            default:
                let code = OpCode(b)
                return code.arity == 1 ? OpCode.unary(code, fold(args[0])) : OpCode.binary(code, fold(args[0]), fold(args[1]))
            }
        }
    }
}

/// Variables by name: by canonical name for what the modeller wrote, and by exact spelling for
/// references after resolution (every one is spelled as its variable is, so no canonical name
/// is built per lookup).
struct NameIndex {
    private var canonical: [CanonicalName: Int] = [:]
    private var exact: [String: Int] = [:]

    /// - Throws: `CompileError` on a second variable of the same canonical name.
    init(_ variables: [Variable]) throws {
        for (i, v) in variables.enumerated() {
            if canonical[v.id] != nil { throw CompileError(.duplicateName, "duplicate variable '\(v.name)'", at: v.location) }
            canonical[v.id] = i
            exact[v.name] = i
        }
    }

    /// The variable named `name` in any spelling Vensim accepts.
    func find(_ name: String) -> Int? { canonical[CanonicalName(name)] }

    /// The variable a resolved reference names (checked to exist by resolution).
    subscript(_ name: String) -> Int { exact[name] ?? canonical[CanonicalName(name)]! }
}

/// Resolution, the first pass: finds the variable behind every name, checks each reference
/// (unknown names, lookups used as values and values called as lookups, a misplaced INTEG),
/// and rewrites STEP, RAMP, PULSE and PULSE TRAIN into IF THEN ELSE over `Time`.
struct Resolution {
    let model: Model
    let names: NameIndex

    /// - Throws: `CompileError`, in this order: a duplicate variable, a bad `--set`, a bad
    ///   parameter, an unknown output, then the first bad reference in model order.
    static func resolve(_ model: Model, parameters: [String], overrides: [String: Double], outputs: [String]?) throws -> ResolvedModel {
        let pass = Resolution(model: model, names: try NameIndex(model.variables))
        let n = model.variables.count
        var overridden = [Double?](repeating: nil, count: n)
        for (name, value) in overrides {
            let i = try pass.constantIndex(name, what: "--set")
            guard value.isFinite else { throw CompileError(.invalidValue, "--set \(name): value must be finite", at: nil) }
            overridden[i] = value
        }
        var isParameter = [Bool](repeating: false, count: n)
        var order: [Int] = []
        for name in parameters {
            let i = try pass.constantIndex(name, what: "parameter")
            if isParameter[i] { throw CompileError(.badParameter, "parameter '\(name)' is listed twice", at: nil) }
            isParameter[i] = true
            order.append(i)
        }
        let isOutput = try outputs.map(pass.outputMask)
        var tables: [TableData] = []
        var definitions: [ResolvedModel.Definition] = []
        for (i, v) in model.variables.enumerated() {
            switch v.kind {
            case .constant(let value): definitions.append(.constant(overridden[i] ?? value))
            case .auxiliary(let e), .flow(let e): definitions.append(.equation(try pass.desugar(e, in: v)))
            case .stock(let initial, let net):
                definitions.append(.stock(initial: try pass.desugar(initial, in: v), net: try pass.desugar(net, in: v)))
            case .lookup(let l):
                definitions.append(.lookup(table: tables.count))
                tables.append(TableData(xs: l.xs, ys: l.ys))
            }
        }
        return ResolvedModel(name: model.name, time: model.time, variables: model.variables, names: pass.names,
                             definitions: definitions, parameters: order, isParameter: isParameter,
                             outputs: isOutput, tables: tables)
    }

    func constantIndex(_ name: String, what: String) throws -> Int {
        guard let i = names.find(name) else {
            let hint = Suggestion.hint(for: name, among: model.constantNames)
            throw CompileError(what == "parameter" ? .badParameter : .unknownName, "\(what) '\(name)' is not a variable of the model\(hint)", at: SourceLocation(file: model.file))
        }
        guard case .constant = model.variables[i].kind else {
            throw CompileError(what == "parameter" ? .badParameter : .invalidValue, "\(what) '\(name)' is not a constant (it has an equation), so it cannot be set", at: model.variables[i].location)
        }
        return i
    }

    func outputMask(_ outputs: [String]) throws -> [Bool] {
        var mask = [Bool](repeating: false, count: model.variables.count)
        for name in outputs {
            guard let i = names.find(name) else {
                let hint = Suggestion.hint(for: name, among: model.variables.map(\.name))
                throw CompileError(.unknownName, "unknown output variable '\(name)'\(hint)", at: SourceLocation(file: model.file))
            }
            mask[i] = true
        }
        return mask
    }

    func unknown(_ name: String, in v: Variable) -> CompileError {
        let hint = Suggestion.hint(for: name, among: model.variables.map(\.name))
        return CompileError(.unknownName, "unknown variable '\(name)' in the equation of '\(v.name)'\(hint)", at: v.location)
    }

    /// Checks references and rewrites the time functions into plain expressions of `Time`.
    func desugar(_ e: Expression, in v: Variable) throws -> Expression {
        switch e {
        case .number: return e
        case .variable(let name, _):
            guard let i = names.find(name) else { throw unknown(name, in: v) }
            if case .lookup = model.variables[i].kind {
                throw CompileError(.invalidValue, "'\(model.variables[i].name)' is a lookup: call it with an argument, as in '\(model.variables[i].name)(Time)'", at: v.location)
            }
            // One spelling per variable, so equal subexpressions compare equal wherever written.
            return .variable(model.variables[i].name, offset: 0)
        case .unary(let op, let a): return .unary(op, try desugar(a, in: v))
        case .binary(let op, let a, let b): return .binary(op, try desugar(a, in: v), try desugar(b, in: v))
        case .lookupCall(let name, let arg, _):
            guard let i = names.find(name) else {
                throw CompileError(.unknownName, "unknown function or lookup '\(name)' in the equation of '\(v.name)'", at: v.location)
            }
            guard case .lookup = model.variables[i].kind else {
                throw CompileError(.invalidValue, "'\(model.variables[i].name)' is not a lookup, so it cannot be called as '\(name)(…)'", at: v.location)
            }
            return .lookupCall(model.variables[i].name, try desugar(arg, in: v), offset: 0)
        case .withLookup(let arg, let table): return .withLookup(try desugar(arg, in: v), table)
        case .call(let b, let rawArgs):
            let args = try rawArgs.map { try desugar($0, in: v) }
            if b.isVector {
                throw CompileError(.invalidValue, "\(b.rawValue) in '\(v.name)' works on subscripted variables; expand the model's subscripts first", at: v.location)
            }
            if b == .integ {
                throw CompileError(.invalidValue, "INTEG may only be the whole equation of a stock (in '\(v.name)')", at: v.location)
            }
            return Expression.timeFunction(b, args) ?? .call(b, args)
        }
    }
}
