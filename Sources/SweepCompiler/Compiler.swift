import SweepDiagnostics
import SweepModel
import SweepNumerics

/// Compiles a `Model` into a `CompiledModel`.
///
/// Passes: resolve names and check every reference; desugar the time functions (STEP, RAMP,
/// PULSE, PULSE TRAIN) into IF THEN ELSE over `Time`; classify every variable as constant,
/// time-only, run-only or state; order auxiliaries by dependency (a cycle is reported by naming
/// its variables) and the initialisation separately (stocks may start from other stocks); fold
/// constants; lower to ops, hoisting time-only subexpressions into the per-step scalar program
/// and run-only subexpressions into the per-run initialisation.
///
/// ```swift
/// let compiled = try Compiler.compile(model, parameters: ["Contact Rate"], overrides: ["Infectivity": 0.2])
/// ```
public enum Compiler {
    /// - Parameters:
    ///   - parameters: constants that vary per run, in the order of the parameter matrix columns.
    ///   - overrides: constants given new fixed values (`--set`).
    ///   - outputs: the variables the caller will record; nil keeps every variable. With a
    ///     list, what no output or stock needs is dropped, and state auxiliaries used once are
    ///     inlined into their user, so that sums of products factor across them.
    /// - Throws: `CompileError` naming the variable and its location.
    public static func compile(_ model: Model, parameters: [String] = [], overrides: [String: Double] = [:],
                               outputs: [String]? = nil) throws -> CompiledModel {
        // Smooths, delays and trends become hidden stocks first, with the final time spec and
        // knowing which constants vary per run (their orders are fixed at initialisation).
        let expanded = try model.expandingStatefulBuiltins(parameters: parameters, overrides: overrides)
        var c = try Compilation(model: expanded, parameters: parameters, overrides: overrides, outputs: outputs)
        return try c.run()
    }
}

/// The class of a value: how often it must be computed.
enum ValueClass: Int, Comparable {
    case constant = 0, time = 1, run = 2, state = 3
    static func < (a: ValueClass, b: ValueClass) -> Bool { a.rawValue < b.rawValue }
    /// Time-only joined with run-only is state: it varies with both.
    func join(_ other: ValueClass) -> ValueClass {
        if (self == .time && other == .run) || (self == .run && other == .time) { return .state }
        return Swift.max(self, other)
    }
}

struct Compilation {
    let model: Model
    var vars: [CanonicalName: Int] = [:]
    /// Variables by their exact spelling: after desugaring every reference is spelled as its
    /// variable is, so this avoids building a canonical name per lookup.
    var exactNames: [String: Int] = [:]
    var exprs: [Expression?]          // desugared equation per variable (auxiliaries)
    var stockInit: [Expression?]
    var stockNet: [Expression?]
    var constValue: [Double?]
    var isParameter: [Bool]
    var parameterOrder: [Int] = []
    var classes: [ValueClass?]
    var tableIndex: [Int: Int] = [:]  // lookup variable → table
    var tables: [TableData] = []

    // Emission state.
    var scalars: [Double] = [0]       // slot 0: Time
    var poolSlot: [UInt64: Int] = [:]
    var columnCount = 0
    var timeOps: [Op] = []
    var initOps: [Op] = []
    var stepOps: [Op] = []
    var varRef: [Ref?]
    var hoistedTime: [(Expression, Ref)] = []
    var hoistedRun: [(Expression, Ref)] = []
    var captures: [String: Ref] = [:]  // INITIAL(...) values, keyed by variable and occurrence
    var freeTemps: [Int] = []
    var tempsInUse: [Int] = []
    /// Variables the caller records (nil: all).
    var isOutput: [Bool]?
    /// State auxiliaries substituted into their single user instead of getting a column.
    var inlined: [Bool] = []

    init(model: Model, parameters: [String], overrides: [String: Double], outputs: [String]?) throws {
        self.model = model
        let n = model.variables.count
        exprs = Array(repeating: nil, count: n)
        stockInit = Array(repeating: nil, count: n)
        stockNet = Array(repeating: nil, count: n)
        constValue = Array(repeating: nil, count: n)
        isParameter = Array(repeating: false, count: n)
        classes = Array(repeating: nil, count: n)
        varRef = Array(repeating: nil, count: n)
        for (i, v) in model.variables.enumerated() {
            if vars[v.id] != nil { throw CompileError(.duplicateName, "duplicate variable '\(v.name)'", at: v.location) }
            vars[v.id] = i
            exactNames[v.name] = i
        }
        for (name, value) in overrides {
            let i = try constantIndex(name, what: "--set")
            guard value.isFinite else { throw CompileError(.invalidValue, "--set \(name): value must be finite", at: nil) }
            constValue[i] = value
        }
        for name in parameters {
            let i = try constantIndex(name, what: "parameter")
            if isParameter[i] { throw CompileError(.badParameter, "parameter '\(name)' is listed twice", at: nil) }
            isParameter[i] = true
            parameterOrder.append(i)
        }
        if let outputs {
            var mask = [Bool](repeating: false, count: n)
            for name in outputs {
                guard let i = vars[CanonicalName(name)] else {
                    let hint = Suggestion.hint(for: name, among: model.variables.map(\.name))
                    throw CompileError(.unknownName, "unknown output variable '\(name)'\(hint)", at: SourceLocation(file: model.file))
                }
                mask[i] = true
            }
            isOutput = mask
        }
    }

    func constantIndex(_ name: String, what: String) throws -> Int {
        guard let i = vars[CanonicalName(name)] else {
            let hint = Suggestion.hint(for: name, among: model.constantNames)
            throw CompileError(what == "parameter" ? .badParameter : .unknownName, "\(what) '\(name)' is not a variable of the model\(hint)", at: SourceLocation(file: model.file))
        }
        guard case .constant = model.variables[i].kind else {
            throw CompileError(what == "parameter" ? .badParameter : .invalidValue, "\(what) '\(name)' is not a constant (it has an equation), so it cannot be set", at: model.variables[i].location)
        }
        return i
    }

    /// The index of the variable named `name` (checked to exist by `resolve`).
    func index(_ name: String) -> Int {
        exactNames[name] ?? vars[CanonicalName(name)]!
    }

    mutating func run() throws -> CompiledModel {
        try resolve()
        for i in model.variables.indices { _ = try valueClass(i, path: []) }
        let auxOrder = try orderAuxiliaries()
        let initOrder = try orderInitialisation()

        let stockIdx = model.variables.indices.filter { stockInit[$0] != nil }
        let live = liveVariables(stocks: stockIdx)
        inlined = inlineable(live: live, stocks: stockIdx)

        // Columns: stocks first (contiguous for the BLAS update), then parameters.
        let stockBase = 0
        for (k, i) in stockIdx.enumerated() { varRef[i] = .column(stockBase + k) }
        columnCount = stockIdx.count
        for i in parameterOrder { varRef[i] = .column(newColumn()) }
        for i in model.variables.indices {
            if let v = constValue[i], !isParameter[i] { varRef[i] = pool(v) }
            if classes[i] == .constant, let e = exprs[i] { varRef[i] = pool(fold(e)) }
            guard live[i] else { continue }
            if classes[i] == .time { varRef[i] = .scalar(newScalar()) }
            if classes[i] == .run || classes[i] == .state, stockInit[i] == nil, exprs[i] != nil { varRef[i] = .column(newColumn()) }
        }

        // Time-only values, once per evaluation for the whole chunk.
        for i in auxOrder where classes[i] == .time && live[i] {
            emitStatement(exprs[i]!, into: varRef[i]!, phase: .time, owner: i)
        }
        // Initialisation, in its own dependency order: run-only values, state values needed
        // by initial stock values, the stocks themselves, INITIAL() captures.
        for i in initOrder {
            if let e = stockInit[i] {
                let r = emitStatement(e, into: nil, phase: .initial, owner: i)
                initOps.append(Op(.copy, varRef[i]!, r))
            } else if let e = exprs[i], live[i], classes[i] == .run || classes[i] == .state {
                emitStatement(e, into: varRef[i]!, phase: .initial, owner: i)
            }
        }
        // State values, every evaluation.
        for i in auxOrder where classes[i] == .state && live[i] && !inlined[i] {
            emitStatement(substituted(exprs[i]!), into: varRef[i]!, phase: .step, owner: i)
        }
        let bodyOps = stepOps
        // Fused path: each stock's net flow.
        stepOps = []
        var net: [Ref] = []
        for i in stockIdx {
            // Each net flow is read after all are computed, so none may live in a temporary.
            let e = substituted(stockNet[i]!)
            if case .variable = e { net.append(emitStatement(e, into: nil, phase: .step, owner: i)); continue }
            if classOf(e) < .run { net.append(emitStatement(e, into: nil, phase: .step, owner: i)); continue }
            net.append(emitStatement(e, into: .column(newColumn()), phase: .step, owner: i))
        }
        let netOps = stepOps
        // BLAS path.
        let blas = emitBLASProgram(stocks: stockIdx, stockBase: stockBase)

        var compiledVars: [CompiledVariable] = []
        for (i, v) in model.variables.enumerated() {
            guard let ref = varRef[i], live[i], !inlined[i], !v.isHidden else { continue }
            let role: CompiledVariable.Role
            switch v.kind {
            case .constant: role = isParameter[i] ? .parameter : .constant
            case .stock: role = .stock
            case .flow: role = .flow
            default: role = .auxiliary
            }
            compiledVars.append(CompiledVariable(name: v.name, id: v.id, ref: ref, units: v.units, role: role))
        }
        return CompiledModel(
            name: model.name, time: model.time,
            parameters: parameterOrder.map { model.variables[$0].name },
            parameterColumns: parameterOrder.map { if case .column(let c) = varRef[$0]! { c } else { -1 } },
            columnCount: columnCount, scalars: scalars,
            timeOps: timeOps, initOps: initOps, stepOps: bodyOps,
            stockBase: stockBase, stockNames: stockIdx.map { model.variables[$0].name },
            netOps: netOps, net: net,
            blasOps: blas.pre, linearMaps: blas.maps, blasPostOps: blas.post, blasNet: blas.net, linearMapWidth: blas.width, linearMapDensity: blas.density,
            tables: tables, variables: compiledVars,
            variableIndex: Dictionary(compiledVars.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a }))
    }

    // MARK: Resolution and desugaring

    mutating func resolve() throws {
        for (i, v) in model.variables.enumerated() {
            switch v.kind {
            case .constant(let value): if constValue[i] == nil { constValue[i] = value }
            case .auxiliary(let e), .flow(let e): exprs[i] = try desugar(e, in: v)
            case .stock(let initial, let net):
                stockInit[i] = try desugar(initial, in: v)
                stockNet[i] = try desugar(net, in: v)
            case .lookup(let l):
                tableIndex[i] = tables.count
                tables.append(TableData(xs: l.xs, ys: l.ys))
            }
        }
    }

    func unknown(_ name: String, in v: Variable) -> CompileError {
        let candidates = model.variables.map(\.name)
        let hint = Suggestion.hint(for: name, among: candidates)
        return CompileError(.unknownName, "unknown variable '\(name)' in the equation of '\(v.name)'\(hint)", at: v.location)
    }

    /// Checks references and rewrites the time functions into plain expressions of `Time`.
    func desugar(_ e: Expression, in v: Variable) throws -> Expression {
        switch e {
        case .number: return e
        case .variable(let name, _):
            guard let i = vars[CanonicalName(name)] else { throw unknown(name, in: v) }
            if case .lookup = model.variables[i].kind {
                throw CompileError(.invalidValue, "'\(model.variables[i].name)' is a lookup: call it with an argument, as in '\(model.variables[i].name)(Time)'", at: v.location)
            }
            // One spelling per variable, so equal subexpressions compare equal wherever written.
            return .variable(model.variables[i].name, offset: 0)
        case .unary(let op, let a): return .unary(op, try desugar(a, in: v))
        case .binary(let op, let a, let b): return .binary(op, try desugar(a, in: v), try desugar(b, in: v))
        case .lookupCall(let name, let arg, let off):
            guard let i = vars[CanonicalName(name)] else {
                throw CompileError(.unknownName, "unknown function or lookup '\(name)' in the equation of '\(v.name)'", at: v.location)
            }
            guard case .lookup = model.variables[i].kind else {
                throw CompileError(.invalidValue, "'\(model.variables[i].name)' is not a lookup, so it cannot be called as '\(name)(…)'", at: v.location)
            }
            return .lookupCall(model.variables[i].name, try desugar(arg, in: v), offset: 0)
        case .withLookup(let arg, let table): return .withLookup(try desugar(arg, in: v), table)
        case .call(let b, let rawArgs):
            let args = try rawArgs.map { try desugar($0, in: v) }
            if b == .integ {
                throw CompileError(.invalidValue, "INTEG may only be the whole equation of a stock (in '\(v.name)')", at: v.location)
            }
            return Expression.timeFunction(b, args) ?? .call(b, args)
        }
    }

    // MARK: Classification and ordering

    /// The class of variable `i`, found by walking its equation; stocks are state and end the walk.
    mutating func valueClass(_ i: Int, path: [Int]) throws -> ValueClass {
        if let c = classes[i] { return c }
        if path.contains(i) {
            let cycle = path[path.firstIndex(of: i)!...].map { model.variables[$0].name } + [model.variables[i].name]
            throw CompileError(.cycle, "circular definition among auxiliaries: \(cycle.joined(separator: " → "))", at: model.variables[i].location)
        }
        let c: ValueClass
        if stockInit[i] != nil {
            c = .state
        } else if constValue[i] != nil {
            c = isParameter[i] ? .run : .constant
        } else if let e = exprs[i] {
            c = try exprClass(e, path: path + [i])
        } else {
            c = .constant  // lookup tables have no value of their own
        }
        classes[i] = c
        return c
    }

    mutating func exprClass(_ e: Expression, path: [Int]) throws -> ValueClass {
        switch e {
        case .number: return .constant
        case .variable(let n, _): return try valueClass(index(n), path: path)
        case .unary(_, let a): return try exprClass(a, path: path)
        case .binary(_, let a, let b): return try exprClass(a, path: path).join(try exprClass(b, path: path))
        case .lookupCall(_, let a, _), .withLookup(let a, _): return try exprClass(a, path: path)
        case .call(let b, let args):
            switch b {
            case .time: return .time
            case .timeStep, .initialTime, .finalTime, .saveper: return .constant
            case .initial:
                let inner = try exprClass(args[0], path: path)
                return inner == .constant ? .constant : .run
            case .activeInitial:
                // Computed in both the initialisation and the step programs, with different
                // arguments: only the state class is evaluated in both.
                for a in args { _ = try exprClass(a, path: path) }
                return .state
            default:
                var c = ValueClass.constant
                for a in args { c = c.join(try exprClass(a, path: path)) }
                return c
            }
        }
    }

    /// Variables referenced by `e`, optionally not looking inside INITIAL().
    func dependencies(_ e: Expression, throughInitial: Bool) -> [Int] {
        var out: [Int] = []
        func walk(_ e: Expression) {
            switch e {
            case .variable(let n, _): out.append(index(n))
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

    /// Auxiliaries in evaluation order; stocks are sources. A cycle names its variables.
    func orderAuxiliaries() throws -> [Int] {
        try topologicalOrder(nodes: model.variables.indices.filter { exprs[$0] != nil }, what: "auxiliaries") { i in
            self.dependencies(self.exprs[i]!, throughInitial: false).filter { self.exprs[$0] != nil }
        }
    }

    /// Initialisation order: stocks start from their initial expressions, which may use other
    /// stocks and auxiliaries; INITIAL() arguments are evaluated here too.
    func orderInitialisation() throws -> [Int] {
        try topologicalOrder(nodes: Array(model.variables.indices), what: "initial values") { i in
            if let e = self.stockInit[i] { return self.dependencies(e, throughInitial: true) }
            if let e = self.exprs[i] { return self.dependencies(e, throughInitial: true) }
            return []
        }
    }

    func topologicalOrder(nodes: [Int], what: String, deps: (Int) -> [Int]) throws -> [Int] {
        var state = [UInt8](repeating: 0, count: model.variables.count)  // 0 new, 1 on path, 2 done
        var order: [Int] = []
        var path: [Int] = []
        func visit(_ i: Int) throws {
            if state[i] == 2 { return }
            if state[i] == 1 {
                let cycle = path[path.lastIndex(of: i)!...].map { model.variables[$0].name } + [model.variables[i].name]
                throw CompileError(.cycle, "circular definition among \(what): \(cycle.joined(separator: " → "))", at: model.variables[i].location)
            }
            state[i] = 1
            path.append(i)
            for d in deps(i) { try visit(d) }
            path.removeLast()
            state[i] = 2
            order.append(i)
        }
        for i in nodes { try visit(i) }
        return order
    }

    /// The ± terms of a net-flow expression written as a sum of flows, or the whole expression
    /// as one implicit flow.
    static func signedTerms(_ e: Expression) -> [(Expression, Double)] {
        func flatten(_ e: Expression, _ sign: Double) -> [(Expression, Double)]? {
            switch e {
            case .binary(.add, let a, let b):
                guard let l = flatten(a, sign), let r = flatten(b, sign) else { return nil }
                return l + r
            case .binary(.subtract, let a, let b):
                guard let l = flatten(a, sign), let r = flatten(b, -sign) else { return nil }
                return l + r
            case .number(0): return []
            case .variable: return [(e, sign)]
            default: return nil
            }
        }
        return flatten(e, 1) ?? [(e, 1)]
    }

    // MARK: Dead code and inlining

    /// What the outputs and the stocks need, through every equation (all, without outputs).
    func liveVariables(stocks: [Int]) -> [Bool] {
        guard let isOutput else { return [Bool](repeating: true, count: model.variables.count) }
        var live = [Bool](repeating: false, count: model.variables.count)
        var work = model.variables.indices.filter { isOutput[$0] } + stocks
        while let i = work.popLast() {
            if live[i] { continue }
            live[i] = true
            for e in [exprs[i], stockInit[i], stockNet[i]].compactMap({ $0 }) {
                work += dependencies(e, throughInitial: true).filter { !live[$0] }
            }
        }
        return live
    }

    /// State auxiliaries nobody records and exactly one equation uses: substituting them lets
    /// `Σ w_j · (c_j · D)` become `D · Σ w_j c_j` with the sum computed once per run.
    func inlineable(live: [Bool], stocks: [Int]) -> [Bool] {
        var result = [Bool](repeating: false, count: model.variables.count)
        guard let isOutput else { return result }
        var uses = [Int](repeating: 0, count: model.variables.count)
        for i in model.variables.indices where live[i] {
            for e in [exprs[i], stockNet[i]].compactMap({ $0 }) where classes[i] == .state {
                for d in dependencies(e, throughInitial: false) { uses[d] += 1 }
            }
        }
        for i in model.variables.indices where live[i] && !isOutput[i] && classes[i] == .state && stockInit[i] == nil {
            guard let e = exprs[i], uses[i] == 1 else { continue }
            var hasInitial = false
            e.visit { if case .call(.initial, _) = $0 { hasInitial = true } }
            result[i] = !hasInitial
        }
        return result
    }

    /// `e` with inlined variables replaced by their equations.
    func substituted(_ e: Expression) -> Expression {
        switch e {
        case .number: return e
        case .variable(let n, _):
            let i = index(n)
            return inlined[i] ? substituted(exprs[i]!) : e
        case .unary(let op, let a): return .unary(op, substituted(a))
        case .binary(let op, let a, let b): return .binary(op, substituted(a), substituted(b))
        case .call(let b, let args): return .call(b, args.map(substituted))
        case .lookupCall(let n, let a, let o): return .lookupCall(n, substituted(a), offset: o)
        case .withLookup(let a, let l): return .withLookup(substituted(a), l)
        }
    }

    // MARK: Emission

    enum Phase { case time, initial, step }

    mutating func newColumn() -> Int { columnCount += 1; return columnCount - 1 }
    mutating func newScalar() -> Int { scalars.append(0); return scalars.count - 1 }

    mutating func pool(_ v: Double) -> Ref {
        if let s = poolSlot[v.bitPattern] { return .scalar(s) }
        scalars.append(v)
        poolSlot[v.bitPattern] = scalars.count - 1
        return .scalar(scalars.count - 1)
    }

    mutating func temp(_ phase: Phase) -> Ref {
        if phase == .time { return .scalar(newScalar()) }
        let c = freeTemps.popLast() ?? newColumn()
        tempsInUse.append(c)
        return .column(c)
    }

    func lastOp(_ phase: Phase) -> Op? {
        switch phase {
        case .time: timeOps.last
        case .initial: initOps.last
        case .step: stepOps.last
        }
    }

    mutating func retargetLastOp(_ phase: Phase, to dst: Ref) {
        switch phase {
        case .time: timeOps[timeOps.count - 1].dst = dst
        case .initial: initOps[initOps.count - 1].dst = dst
        case .step: stepOps[stepOps.count - 1].dst = dst
        }
    }

    mutating func append(_ op: Op, _ phase: Phase) {
        switch phase {
        case .time: timeOps.append(op)
        case .initial: initOps.append(op)
        case .step: stepOps.append(op)
        }
    }

    /// Emits one equation; its temporaries are free again afterwards. Returns where the value
    /// is (`into` when given).
    @discardableResult
    mutating func emitStatement(_ e: Expression, into dst: Ref?, phase: Phase, owner: Int) -> Ref {
        var occurrence = 0
        let r = emit(e, phase: phase, into: dst, owner: owner, occurrence: &occurrence)
        return finishStatement(r, into: dst, phase: phase)
    }

    /// Puts a statement's result where it belongs and frees its temporaries.
    @discardableResult
    mutating func finishStatement(_ r: Ref, into dst: Ref?, phase: Phase) -> Ref {
        defer {
            freeTemps += tempsInUse
            tempsInUse = []
        }
        if let dst, r != dst {
            // A result left in a temporary by the statement's last op: write it straight
            // into the destination instead of copying it there.
            if case .column(let c) = r, tempsInUse.contains(c), lastOp(phase)?.dst == r {
                retargetLastOp(phase, to: dst)
            } else {
                append(Op(.copy, dst, r), phase)
            }
            return dst
        }
        return r
    }

    mutating func emit(_ e: Expression, phase: Phase, into dst: Ref?, owner: Int, occurrence: inout Int, plain: Bool = false) -> Ref {
        // ACTIVE INITIAL(value, initial): Vensim uses `initial` while initialising, `value` after.
        if case .call(.activeInitial, let args) = e {
            return emit(phase == .initial ? args[1] : args[0], phase: phase, into: dst, owner: owner, occurrence: &occurrence)
        }
        // INITIAL(x): evaluated once during initialisation, then read.
        if case .call(.initial, let args) = e {
            let key = "\(owner)#\(occurrence)"
            occurrence += 1
            if case .constant = classOf(args[0]) { return pool(fold(args[0])) }
            if let r = captures[key], phase != .initial { return r }
            // INITIAL(x) is run-only, so it is never part of the time program.
            precondition(phase != .time, "INITIAL in the time program")
            let slot = Ref.column(newColumn())
            captures[key] = slot
            // INITIALs nested inside this one are numbered apart: the step phase reads this
            // capture and never visits them, so they must not shift the numbering of later ones.
            var inner = 0
            let r = emit(args[0], phase: phase, into: nil, owner: owner * 1000 + 999, occurrence: &inner)
            append(Op(.copy, slot, r), phase)
            return slot
        }
        let cls = classOf(e)
        if cls == .constant { return pool(fold(e)) }
        if case .variable(let n, _) = e { return varRef[index(n)]! }
        if case .call(.time, _) = e { return .scalar(0) }
        // Hoist what varies less than the phase computes: time-only parts of run or state
        // equations into the scalar program, run-only parts of state equations into the
        // per-run initialisation.
        if cls == .time && phase != .time {
            if let hit = hoistedTime.first(where: { $0.0 == e }) { return hit.1 }
            let saved = (freeTemps, tempsInUse)
            let r = emit(e, phase: .time, into: nil, owner: owner, occurrence: &occurrence)
            (freeTemps, tempsInUse) = saved
            hoistedTime.append((e, r))
            return r
        }
        if cls == .run && phase == .step {
            if let hit = hoistedRun.first(where: { $0.0 == e }) { return hit.1 }
            let slot = Ref.column(newColumn())
            let saved = (freeTemps, tempsInUse)
            freeTemps = []; tempsInUse = []
            let r = emit(e, phase: .initial, into: slot, owner: owner, occurrence: &occurrence)
            if r != slot { append(Op(.copy, slot, r), .initial) }
            // Temporaries used in the initialisation are free for later statements.
            (freeTemps, tempsInUse) = (saved.0 + freeTemps + tempsInUse, saved.1)
            hoistedRun.append((e, slot))
            return slot
        }
        if cls == .state, !plain {
            let terms = linearTerms(of: e)
            let unchanged = terms.count == 1 && terms[0].rest == e && terms[0].isPlain
            if !unchanged { return emitLinear(terms, phase: phase, owner: owner, occurrence: &occurrence) }
        }
        func operand(_ x: Expression) -> Ref { emit(x, phase: phase, into: nil, owner: owner, occurrence: &occurrence) }
        func out(_ op: OpCode, _ a: Ref, _ b: Ref = .scalar(0), _ c: Ref = .scalar(0), table: Int = 0) -> Ref {
            let d = dst ?? temp(phase)
            append(Op(op, d, a, b, c, table: table), phase)
            return d
        }
        switch e {
        case .unary(let op, let a):
            let ra = operand(a)
            return out(op == .negate ? .neg : .not, ra)
        case .binary(let op, let a, let b):
            let ra = operand(a), rb = operand(b)
            return out(Compilation.opCode(op), ra, rb)
        case .lookupCall(let name, let a, _):
            let ra = operand(a)
            return out(.lookup, ra, table: tableIndex[index(name)]!)
        case .withLookup(let a, let l):
            let ra = operand(a)
            tables.append(TableData(xs: l.xs, ys: l.ys))
            return out(.lookup, ra, table: tables.count - 1)
        case .call(let b, let args):
            let refs = args.map(operand)
            switch b {
            case .ifThenElse: return out(.select, refs[0], refs[1], refs[2])
            case .xidz: return out(.xidz, refs[0], refs[1], refs[2])
            default: return out(Compilation.opCode(b), refs[0], refs.count > 1 ? refs[1] : .scalar(0))
            }
        default:
            preconditionFailure("unreachable: \(e)")
        }
    }

    func classOf(_ e: Expression) -> ValueClass {
        switch e {
        case .number: return .constant
        case .variable(let n, _): return classes[index(n)]!
        case .unary(_, let a): return classOf(a)
        case .binary(_, let a, let b): return classOf(a).join(classOf(b))
        case .lookupCall(_, let a, _), .withLookup(let a, _): return classOf(a)
        case .call(let b, let args):
            switch b {
            case .time: return .time
            case .timeStep, .initialTime, .finalTime, .saveper: return .constant
            case .initial: return classOf(args[0]) == .constant ? .constant : .run
            case .activeInitial: return .state
            default: return args.reduce(ValueClass.constant) { $0.join(classOf($1)) }
            }
        }
    }

    /// Evaluates a constant expression with the engine's own arithmetic, so folding and
    /// running agree to the bit.
    func fold(_ e: Expression) -> Double {
        switch e {
        case .number(let v): return v
        case .variable(let n, _):
            let i = index(n)
            if let v = constValue[i] { return v }
            return fold(exprs[i]!)
        case .unary(let op, let a): return OpCode.unary(op == .negate ? .neg : .not, fold(a))
        case .binary(let op, let a, let b): return OpCode.binary(Compilation.opCode(op), fold(a), fold(b))
        case .lookupCall(let name, let a, _):
            let t = tables[tableIndex[index(name)]!]
            return Lookup.interpolate(fold(a), xs: t.xs, ys: t.ys)
        case .withLookup(let a, let l): return l(fold(a))
        case .call(let b, let args):
            switch b {
            case .timeStep: return model.time.step
            case .initialTime: return model.time.initial
            case .finalTime: return model.time.final
            case .saveper: return model.time.saveper
            case .initial: return fold(args[0])
            case .ifThenElse: return OpCode.ternary(.select, fold(args[0]), fold(args[1]), fold(args[2]))
            case .xidz: return OpCode.ternary(.xidz, fold(args[0]), fold(args[1]), fold(args[2]))
            default:
                let code = Compilation.opCode(b)
                return code.arity == 1 ? OpCode.unary(code, fold(args[0])) : OpCode.binary(code, fold(args[0]), fold(args[1]))
            }
        }
    }

    static func opCode(_ op: BinaryOperator) -> OpCode {
        switch op {
        case .add: .add
        case .subtract: .sub
        case .multiply: .mul
        case .divide: .div
        case .power: .pow
        case .less: .lt
        case .lessEqual: .le
        case .greater: .gt
        case .greaterEqual: .ge
        case .equal: .eq
        case .notEqual: .ne
        case .and: .and
        case .or: .or
        }
    }

    static func opCode(_ b: Builtin) -> OpCode {
        switch b {
        case .min: .min
        case .max: .max
        case .abs: .abs
        case .exp: .exp
        case .ln: .ln
        case .log: .log
        case .sqrt: .sqrt
        case .sin: .sin
        case .cos: .cos
        case .tan: .tan
        case .arcsin: .asin
        case .arccos: .acos
        case .arctan: .atan
        case .integer: .integer
        case .modulo: .modulo
        case .zidz: .zidz
        case .ifThenElse: .select
        case .xidz: .xidz
        default: preconditionFailure("\(b) has no op code")
        }
    }
}
