import SweepDiagnostics

/// GET DATA AT TIME and GET DATA BETWEEN TIMES, rewritten by `StatefulExpansion` into lookups of
/// the data variable's own series at the time asked for. No state is kept: a data variable read
/// from a file is a `WITH LOOKUP(TIME, …)` of its series (`DataSeries.expression`), so its value
/// at any other time is the same table read at that time, and when the time argument depends on
/// time alone the result stays in the time-only program.
///
/// Vensim's definitions (Vensim Help, "GET DATA BETWEEN TIMES"; release notes 4.1, "GET DATA AT
/// TIME"):
/// - `GET DATA BETWEEN TIMES(datavar, time, mode)` "Returns the value of a data variable at a
///   time using the specified interpolation mode …, or :NA: if the time is before the first or
///   after the last data point. … If mode = 0 the value is computed by interpolating. If mode = 1
///   the value returned is the later time value (same as :LOOK FORWARD:). If mode is -1 the value
///   returned is the earlier time value (same as :HOLD BACKWARD:)."
/// - `GET DATA AT TIME(D, T)`: "The value for the data variable D at time T or :NA: if not
///   available": here the value D itself takes at time T (its own `:INTERPOLATE:`, `:HOLD
///   BACKWARD:`, `:LOOK FORWARD:` or `:RAW:` keyword), :NA: before its first and after its last
///   data point as for GET DATA BETWEEN TIMES.
///
/// :NA: is NaN, as everywhere in SDSweep. A lookup variable (GET XLS LOOKUPS, a table written in
/// the model) is read the same way, its x values taken as the data times. A data equation that
/// is an expression of other variables (`x := a · 2`) has no series to read at another time and
/// is refused, as is a mode other than −1, 0 and 1 or one not known at INITIAL TIME.
extension StatefulExpansion {
    mutating func dataCall(_ b: Builtin, _ args: [Expression], owner: Variable) throws -> Expression {
        let at = "in '\(owner.name)' at line \(owner.location.line ?? 0)"
        guard case .variable(let name, _) = args[0], let source = model.variable(named: name),
              let (own, times, values) = Self.series(of: source.kind) else {
            throw ModelError(.unsupported, "unsupported: \(b.rawValue) of something other than a data variable read from a file or a lookup (its first argument must name one; a data equation computed from other variables has no series to read at another time) \(at)", at: owner.location)
        }
        let time = args[1]
        var value = own
        if b == .getDataBetweenTimes {
            guard let m = self.value(args[2]), let mode = [-1: DataInterpolation.holdBackward, 0: .interpolate, 1: .lookForward][Int(exactly: m) ?? 2] else {
                throw ModelError(.invalidValue, "\(b.rawValue) \(at): the mode must be -1 (hold backward), 0 (interpolate) or 1 (look forward), known at INITIAL TIME", at: owner.location)
            }
            // The points come from a table that held them; they increase and are finite.
            value = try! DataSeries(times: times, values: values).expression(mode)
        }
        let read = value.replacing { $0 == .call(.time, []) ? time : nil }
        let outside = Expression.binary(.or, .binary(.less, time, .number(times[0])), .binary(.greater, time, .number(times[times.count - 1])))
        return .call(.ifThenElse, [outside, .number(.nan), read])
    }

    /// A data variable's value as a function of TIME and its data points, or a lookup's table
    /// read at TIME and its points; nil for anything else.
    static func series(of kind: Variable.Kind) -> (Expression, [Double], [Double])? {
        let time = Expression.call(.time, [])
        switch kind {
        case .lookup(let l):
            return (.withLookup(time, l), l.xs, l.ys)
        case .auxiliary(let e):
            switch e {
            case .withLookup(time, let l):
                let (xs, ys) = points(l)
                return (e, xs, ys)
            case .call(.ifThenElse, let a) where a.count == 3:
                // :RAW: data: the held series where TIME is a data time, :NA: elsewhere.
                guard case .withLookup(time, let held) = a[1], a[2].isNaNLiteral else { return nil }
                let (xs, ys) = points(held)
                return (e, xs, ys)
            default: return nil
            }
        default: return nil
        }
    }

    /// The data points of a series' table. A :HOLD BACKWARD: or :LOOK FORWARD: table adds, beside
    /// each data time but the first, a point one representable time away
    /// (`DataSeries.expression`), so the data points are those at even positions; an
    /// interpolated table holds the data points only.
    static func points(_ l: Lookup) -> ([Double], [Double]) {
        let n = l.xs.count
        let stepped = n >= 3 && n % 2 == 1 && stride(from: 1, to: n, by: 2).allSatisfy { i in
            l.xs[i].nextUp == l.xs[i + 1] || l.xs[i - 1].nextUp == l.xs[i]
        }
        guard stepped else { return (l.xs, l.ys) }
        let even = Array(stride(from: 0, to: n, by: 2))
        return (even.map { l.xs[$0] }, even.map { l.ys[$0] })
    }
}

extension Expression {
    /// True for the literal `:NA:` (NaN).
    var isNaNLiteral: Bool {
        if case .number(let x) = self { x.isNaN } else { false }
    }
}
