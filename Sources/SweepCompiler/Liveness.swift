import SweepModel

/// Liveness and inlining, the fourth pass, which runs only when the caller names its outputs.
///
/// A variable is live when an output or a stock needs it, through any equation. A state
/// auxiliary that nobody records, that exactly one equation uses and that holds no INITIAL is
/// inlined: substituted into its user instead of getting a column, so that `Σ w_j · (c_j · D)`
/// spread over several auxiliaries still becomes `D · Σ w_j c_j`, its sum computed once per run.
struct Liveness {
    /// Whether each variable is computed at all.
    let live: [Bool]
    /// Whether each variable is substituted into its single user.
    let inlined: [Bool]
    private let model: ResolvedModel

    init(_ model: ResolvedModel, classes: ValueClasses, stocks: [Int]) {
        self.model = model
        guard let isOutput = model.outputs else {
            live = [Bool](repeating: true, count: model.variables.count)
            inlined = [Bool](repeating: false, count: model.variables.count)
            return
        }
        live = Liveness.needed(model, outputs: isOutput, stocks: stocks)
        inlined = Liveness.inlineable(model, classes: classes, live: live, outputs: isOutput)
    }

    private static func equations(_ model: ResolvedModel, _ i: Int) -> [Expression] {
        switch model.definitions[i] {
        case .equation(let e): [e]
        case .stock(let initial, let net): [initial, net]
        case .constant, .lookup: []
        }
    }

    /// What the outputs and the stocks need, through every equation.
    private static func needed(_ model: ResolvedModel, outputs: [Bool], stocks: [Int]) -> [Bool] {
        var live = [Bool](repeating: false, count: model.variables.count)
        var work = model.indices.filter { outputs[$0] } + stocks
        while let i = work.popLast() {
            if live[i] { continue }
            live[i] = true
            // Both phases' reads: the initialisation's (INITIAL and ACTIVE INITIAL's initial
            // argument) and the steps' (ACTIVE INITIAL's value).
            for e in equations(model, i) {
                work += model.dependencies(e, throughInitial: true).filter { !live[$0] }
                work += model.dependencies(e, throughInitial: false).filter { !live[$0] }
            }
        }
        return live
    }

    /// State auxiliaries nobody records, used by exactly one state equation, with no INITIAL.
    private static func inlineable(_ model: ResolvedModel, classes: ValueClasses, live: [Bool], outputs: [Bool]) -> [Bool] {
        var uses = [Int](repeating: 0, count: model.variables.count)
        for i in model.indices where live[i] && classes[i] == .state {
            let read = model.equation(i).map { [$0] } ?? model.stock(i).map { [$0.net] } ?? []
            for e in read {
                for d in model.dependencies(e, throughInitial: false) { uses[d] += 1 }
            }
        }
        var result = [Bool](repeating: false, count: model.variables.count)
        for i in model.indices where live[i] && !outputs[i] && classes[i] == .state && !model.isStock(i) {
            guard let e = model.equation(i), uses[i] == 1 else { continue }
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
            let i = model.names[n]
            return inlined[i] ? substituted(model.equation(i)!) : e
        case .unary(let op, let a): return .unary(op, substituted(a))
        case .binary(let op, let a, let b): return .binary(op, substituted(a), substituted(b))
        case .call(let b, let args): return .call(b, args.map(substituted))
        case .lookupCall(let n, let a, let o): return .lookupCall(n, substituted(a), offset: o)
        case .withLookup(let a, let l): return .withLookup(substituted(a), l)
        }
    }
}
