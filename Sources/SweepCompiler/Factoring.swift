import SweepModel

/// One term of a sum of products: constant × run × factor × rest, a nil part being 1.
struct LinearTerm: Equatable {
    var constant: Double = 1
    /// A run-only product.
    var run: Expression?
    /// A time-only product.
    var factor: Expression?
    /// A state expression that is not itself a sum or a product with a non-state factor.
    var rest: Expression?

    var isPlain: Bool { constant == 1 && run == nil && factor == nil }

    func negated() -> LinearTerm {
        var t = self
        t.constant = -t.constant
        return t
    }
}

/// Factoring: sums of products, regrouped so that each part is computed as rarely as it can be.
///
/// A state equation is read as Σ_k constant_k × run_k × time_k × state_k, each part possibly
/// 1. Terms with no state part collapse per time factor into one run-only coefficient: the
/// paper's `Σ_j w_j · (c_j · D(t))` becomes `(Σ_j w_j c_j) · D(t)`, its sum computed once per
/// run. Terms with a state part are gathered by their run and time scale into a linear
/// combination with constant coefficients, `scale × Σ_k c_k · x_k`: a network's
/// `s · Σ_j W_ij C_j` costs one multiply-add per link and no per-run column per link, and
/// over stocks it is the batch-shared linear map the BLAS path runs as one `dgemm`.
///
/// Reassociating changes rounding in the last bits; every run of a batch uses the same
/// program, so batches stay bit-identical to single runs and across thread counts.
struct Factoring {
    let model: ResolvedModel
    let classes: ValueClasses

    /// The combined terms of `e`, in order of first appearance.
    func linearTerms(of e: Expression) -> [LinearTerm] {
        // Like terms add their constants.
        var terms: [LinearTerm] = []
        for t in expand(e) {
            if let k = terms.firstIndex(where: { $0.run == t.run && $0.factor == t.factor && $0.rest == t.rest }) {
                terms[k].constant += t.constant
            } else {
                terms.append(t)
            }
        }
        let out = statelessTerms(terms) + stateTerms(terms)
        return out.isEmpty ? [LinearTerm(constant: 0)] : out
    }

    /// Terms without a state part: one per time factor, their run coefficients summed into one
    /// run-only expression; all the time-only ones into one time-only sum.
    private func statelessTerms(_ terms: [LinearTerm]) -> [LinearTerm] {
        var out: [LinearTerm] = []
        let stateless = terms.filter { $0.rest == nil }
        let timeOnly = stateless.filter { $0.run == nil }
        if !timeOnly.isEmpty {
            let total = timeOnly.map { t in Self.product(.number(t.constant), t.factor ?? .number(1)) }.reduce(Expression.number(0), Self.sum)
            out.append(classes.of(total) == .constant ? LinearTerm(constant: model.fold(total)) : LinearTerm(factor: total))
        }
        var factors: [Expression?] = []
        for t in stateless where t.run != nil && !factors.contains(t.factor) { factors.append(t.factor) }
        for f in factors {
            let coefficient = stateless.filter { $0.run != nil && $0.factor == f }
                .map { Self.product(.number($0.constant), $0.run!) }.reduce(Expression.number(0), Self.sum)
            out.append(LinearTerm(run: coefficient, factor: f))
        }
        return out
    }

    /// Terms with a state part: a state part under several run coefficients gets their sum.
    private func stateTerms(_ terms: [LinearTerm]) -> [LinearTerm] {
        var out: [LinearTerm] = []
        var keys: [(Expression?, Expression)] = []
        for t in terms where t.rest != nil && !keys.contains(where: { $0.0 == t.factor && $0.1 == t.rest! }) {
            keys.append((t.factor, t.rest!))
        }
        for (f, r) in keys {
            let same = terms.filter { $0.rest == r && $0.factor == f }
            if same.count == 1 {
                if same[0].constant != 0 { out.append(same[0]) }
                continue
            }
            let coefficient = same.map { t in t.run.map { Self.product(.number(t.constant), $0) } ?? .number(t.constant) }
                .reduce(Expression.number(0), Self.sum)
            if classes.of(coefficient) == .constant {
                let c = model.fold(coefficient)
                if c != 0 { out.append(LinearTerm(constant: c, factor: f, rest: r)) }
            } else {
                out.append(LinearTerm(run: coefficient, factor: f, rest: r))
            }
        }
        return out
    }

    /// Sums and negations are split without classifying them first (a long sum would be
    /// classified once per prefix); like terms are combined afterwards.
    func expand(_ e: Expression) -> [LinearTerm] {
        switch e {
        case .binary(.add, let a, let b): return expand(a) + expand(b)
        case .binary(.subtract, let a, let b): return expand(a) + expand(b).map { $0.negated() }
        case .unary(.negate, let a): return expand(a).map { $0.negated() }
        default: break
        }
        switch classes.of(e) {
        case .constant: return [LinearTerm(constant: model.fold(e))]
        case .run: return [LinearTerm(run: e)]
        case .time: return [LinearTerm(factor: e)]
        case .state: break
        }
        switch e {
        case .binary(.multiply, let a, let b):
            let ca = classes.of(a), cb = classes.of(b)
            if ca == .state && cb == .state { return [LinearTerm(rest: e)] }
            return cb == .state || ca != .state ? scaled(expand(b), by: a) : scaled(expand(a), by: b)
        case .binary(.divide, let a, let b) where classes.of(b) != .state:
            return scaled(expand(a), by: .binary(.divide, .number(1), b))
        default:
            return [LinearTerm(rest: e)]
        }
    }

    private func scaled(_ terms: [LinearTerm], by x: Expression) -> [LinearTerm] {
        let cls = classes.of(x)
        let value = cls == .constant ? model.fold(x) : 1
        return terms.map { t in
            var t = t
            switch cls {
            case .constant: t.constant *= value
            case .run: t.run = t.run.map { Self.product($0, x) } ?? x
            default: t.factor = t.factor.map { Self.product($0, x) } ?? x
            }
            return t
        }
    }

    static func product(_ a: Expression, _ b: Expression) -> Expression {
        if a == .number(1) { return b }
        if b == .number(1) { return a }
        return .binary(.multiply, a, b)
    }

    static func sum(_ a: Expression, _ b: Expression) -> Expression {
        if a == .number(0) { return b }
        if b == .number(0) { return a }
        if case .number(let x) = a, case .number(let y) = b { return .number(x + y) }
        return .binary(.add, a, b)
    }
}
