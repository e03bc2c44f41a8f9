import SweepDiagnostics
import SweepNumerics

/// Expands every macro call of a model into fresh variables, the way Vensim does ("variables
/// and equations will be made up", Vensim DSS Reference Manual, "Using Macros").
///
/// Each call `y[S] = … NAME(a, b : o1) …` makes one instance of the macro's body:
/// - its variables are named `NAME.k.local` (k counts the calls of NAME in the file), the
///   variable named after the macro is `NAME.k` and stands where the call stood, and the body's
///   output `out1` is the caller's `o1`;
/// - every instance variable gets the caller's left-hand subscripts `S` (and its `:EXCEPT:`
///   lists), as Vensim's expanded equations do; the macro's body is written without subscripts;
/// - an input is replaced by its argument when that is a number or a variable, and otherwise
///   by a variable `NAME.k.input` holding the argument, so it is computed once;
/// - a stock in the body is a stock of each instance, with its own state;
/// - a call inside a body expands in turn, so macros may call macros (in any order of
///   definition), to a depth of `maxDepth`.
///
/// ```
/// :MACRO: SCALED(x, f)
/// SCALED = x * f ~ x ~ |
/// :END OF MACRO:
/// out = SCALED(input, 2) ~~|      →   out = SCALED.1,  SCALED.1 = input * 2
/// ```
struct MacroExpansion {
    let state: VensimReadState
    let macros: [CanonicalName: VensimMacro]
    /// Each macro's body as variables (no subscripts); calls inside stand as placeholders.
    let templates: [CanonicalName: [Variable]]
    /// Names already used, so an instance never takes a model variable's name.
    var taken: Set<CanonicalName>
    var instances: [CanonicalName: Int] = [:]
    /// The expression each expanded placeholder stands for.
    var results: [String: Expression] = [:]

    static let maxDepth = 64
    /// At most this many instances in a model: a macro that calls itself twice doubles at each
    /// level, long before `maxDepth`.
    static let maxInstances = 10_000

    /// Expands the calls in `variables` (and in the instances they make, appended to it);
    /// `exceptions` are `:EXCEPT:` lists by index into `variables`, copied onto instances.
    mutating func run(_ variables: inout [Variable], exceptions: inout [Int: [[String]]]) throws {
        var depth = Array(repeating: 0, count: variables.count)
        var i = 0
        while i < variables.count {
            let caller = variables[i]
            for p in MacroExpansion.placeholders(in: caller.kind) where results[p] == nil {
                let call = state.calls[p]!
                guard depth[i] < MacroExpansion.maxDepth, results.count < MacroExpansion.maxInstances else {
                    throw ModelError(.cycle, "macro '\(call.name)' expands more than \(MacroExpansion.maxDepth) levels deep or into more than \(MacroExpansion.maxInstances) calls: does it call itself, directly or through another macro?", at: caller.location)
                }
                let (result, made) = try instantiate(call, caller: caller)
                results[p] = result
                for m in made {
                    variables.append(m)
                    depth.append(depth[i] + 1)
                    if let x = exceptions[i] { exceptions[variables.count - 1] = x }
                }
            }
            variables[i].kind = MacroExpansion.map(caller.kind) { e in
                if case .variable(let n, _) = e, let r = results[n] { return r }
                return nil
            }
            i += 1
        }
    }

    /// One instance of `call`'s macro for `caller`: the expression standing for the call and the
    /// instance's variables.
    mutating func instantiate(_ call: ExpressionParser.MacroCall, caller: Variable) throws -> (Expression, [Variable]) {
        let macro = macros[CanonicalName(call.name)]!
        guard call.inputs.count == macro.inputs.count, call.outputs.count <= macro.outputs.count else {
            let wanted = "\(macro.inputs.count) input\(macro.inputs.count == 1 ? "" : "s")" + (macro.outputs.isEmpty ? "" : " and up to \(macro.outputs.count) output\(macro.outputs.count == 1 ? "" : "s") after ':'")
            throw ModelError(.invalidValue, "in '\(caller.name)': macro '\(macro.name)' takes \(wanted), got \(call.inputs.count)" + (call.outputs.isEmpty ? "" : " and \(call.outputs.count)"), at: caller.location)
        }
        let template = templates[macro.id]!
        let prefix = freshPrefix(macro)
        let suffix = caller.subscripts.isEmpty ? "" : "[" + caller.subscripts.joined(separator: ",") + "]"
        var made: [Variable] = []
        func instanceVariable(_ name: String, _ kind: Variable.Kind, like source: Variable) -> Variable {
            var v = source
            v.name = name
            v.id = CanonicalName(name)
            v.kind = kind
            v.subscripts = caller.subscripts
            taken.insert(v.id)
            return v
        }
        var renamer = MacroRenamer(macro: macro, suffix: suffix, state: state)
        for (param, arg) in zip(macro.inputs, call.inputs) {
            switch arg {
            case .number, .variable: renamer.inputs[CanonicalName(param)] = arg
            default:
                let name = MacroExpansion.joined(prefix, param)
                made.append(instanceVariable(name, .auxiliary(arg), like: Variable(name: name, kind: .auxiliary(arg), location: caller.location)))
                renamer.inputs[CanonicalName(param)] = .variable(name + suffix, offset: 0)
            }
        }
        let outputs = Dictionary(zip(macro.outputs.map(CanonicalName.init), call.outputs), uniquingKeysWith: { a, _ in a })
        for t in template {
            if t.id == macro.id {
                renamer.locals[t.id] = prefix
            } else if case .variable(let n, _)? = outputs[t.id] {
                renamer.locals[t.id] = SubscriptedName(parsing: n)?.base ?? n
            } else {
                renamer.locals[t.id] = MacroExpansion.joined(prefix, t.name)
            }
        }
        for required in [macro.name] + macro.outputs where renamer.locals[CanonicalName(required)] == nil {
            throw ModelError(.missingValue, "macro '\(macro.name)' does not define its output '\(required)'", at: SourceLocation(file: caller.location.file, line: macro.line))
        }
        for t in template {
            var v = instanceVariable(renamer.locals[t.id]!, try renamer.rename(t.kind, at: t.location), like: t)
            // Units written as an input's name mean "the input's units", which are not known here.
            if let u = t.units, renamer.inputs[CanonicalName(u)] != nil { v.units = nil }
            made.append(v)
        }
        return (.variable(prefix + suffix, offset: 0), made)
    }

    /// `NAME.k` for the next instance of `macro`, skipping names the model already uses.
    mutating func freshPrefix(_ macro: VensimMacro) -> String {
        while true {
            let k = (instances[macro.id] ?? 0) + 1
            instances[macro.id] = k
            let prefix = MacroExpansion.joined(macro.name, String(k))
            if !taken.contains(CanonicalName(prefix)) { return prefix }
        }
    }

    /// `a.b`, a name the expression parser reads back: quoted when it holds other characters.
    static func joined(_ a: String, _ b: String) -> String {
        func bare(_ s: String) -> String {
            s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
        }
        let name = bare(a) + "." + bare(b)
        if case .variable(let n, _)? = try? ExpressionParser.parse(name), n == name { return name }
        return "\"" + name.replacingOccurrences(of: "\"", with: "'") + "\""
    }

    /// The macro placeholders in `kind`'s expressions, in order of appearance.
    static func placeholders(in kind: Variable.Kind) -> [String] {
        var out: [String] = []
        for e in kind.expressions {
            e.visit { if case .variable(let n, _) = $0, n.hasPrefix("\u{1}macro "), !out.contains(n) { out.append(n) } }
        }
        return out
    }

    /// `kind` with each subexpression that `replace` maps replaced, outermost first.
    static func map(_ kind: Variable.Kind, _ replace: (Expression) -> Expression?) -> Variable.Kind {
        switch kind {
        case .constant, .lookup: kind
        case .auxiliary(let e): .auxiliary(e.replacing(replace))
        case .flow(let e): .flow(e.replacing(replace))
        case .stock(let i, let n): .stock(initial: i.replacing(replace), net: n.replacing(replace))
        }
    }
}

/// Rewrites one instance of a macro body: inputs to arguments, locals to the instance's names
/// with the caller's subscripts, `name$` to the model's `name`, and each call inside the body to
/// a new call of the instance.
struct MacroRenamer {
    let macro: VensimMacro
    let suffix: String
    let state: VensimReadState
    var inputs: [CanonicalName: Expression] = [:]
    /// Local names to instance names (without subscripts).
    var locals: [CanonicalName: String] = [:]

    init(macro: VensimMacro, suffix: String, state: VensimReadState) {
        self.macro = macro
        self.suffix = suffix
        self.state = state
    }

    func rename(_ kind: Variable.Kind, at location: SourceLocation) throws -> Variable.Kind {
        switch kind {
        case .constant, .lookup: kind
        case .auxiliary(let e): .auxiliary(try rename(e, at: location))
        case .flow(let e): .flow(try rename(e, at: location))
        case .stock(let i, let n): .stock(initial: try rename(i, at: location), net: try rename(n, at: location))
        }
    }

    func rename(_ e: Expression, at location: SourceLocation) throws -> Expression {
        switch e {
        case .number: return e
        case .variable(let n, _): return try reference(n, at: location)
        case .lookupCall(let n, let a, let offset):
            let arg = try rename(a, at: location)
            switch try reference(n, at: location) {
            case .variable(let table, _): return .lookupCall(table, arg, offset: offset)
            default:
                throw error("'\(n)' is called like a lookup, but its argument in this call is not a lookup's name", at: location)
            }
        case .unary(let op, let a): return .unary(op, try rename(a, at: location))
        case .binary(let op, let a, let b): return .binary(op, try rename(a, at: location), try rename(b, at: location))
        case .withLookup(let a, let l): return .withLookup(try rename(a, at: location), l)
        case .call(let b, let args): return .call(b, try args.map { try rename($0, at: location) })
        }
    }

    /// What a name in the body stands for in this instance.
    func reference(_ name: String, at location: SourceLocation) throws -> Expression {
        if let call = state.calls[name] {
            var inner = call
            inner.inputs = try call.inputs.map { try rename($0, at: location) }
            inner.outputs = try call.outputs.map { try rename($0, at: location) }
            return .variable(state.register(inner), offset: 0)
        }
        if name.hasSuffix("$") {
            let global = String(name.dropLast()).trimmingBlanks
            if let b = Builtin.named(global), b.arity == nil { return .call(b, []) }
            return .variable(global, offset: 0)
        }
        if SubscriptedName(parsing: name) != nil {
            throw ModelError(.unsupported, "unsupported: subscripts inside a macro's body ('\(name)' in macro '\(macro.name)') at line \(location.line ?? 0)", at: location)
        }
        let id = CanonicalName(name)
        if let arg = inputs[id] { return arg }
        if let local = locals[id] { return .variable(local + suffix, offset: 0) }
        throw error("'\(name)' is neither an input of the macro nor defined in it (write '\(name)$' for the model's variable)", at: location)
    }

    func error(_ message: String, at location: SourceLocation) -> ModelError {
        ModelError(.unknownName, "in macro '\(macro.name)': \(message)", at: location)
    }
}

extension Expression {
    /// The tree with each subexpression that `replace` maps replaced (outermost first; a
    /// replacement is not searched further).
    func replacing(_ replace: (Expression) -> Expression?) -> Expression {
        if let r = replace(self) { return r }
        switch self {
        case .number, .variable: return self
        case .unary(let op, let a): return .unary(op, a.replacing(replace))
        case .binary(let op, let a, let b): return .binary(op, a.replacing(replace), b.replacing(replace))
        case .call(let b, let args): return .call(b, args.map { $0.replacing(replace) })
        case .lookupCall(let n, let a, let offset): return .lookupCall(n, a.replacing(replace), offset: offset)
        case .withLookup(let a, let l): return .withLookup(a.replacing(replace), l)
        }
    }
}
