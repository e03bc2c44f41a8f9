/// An XMILE graphical function (`gf`, XMILE 1.0 section 3.1.4): its points and how it reads
/// between and beyond them, applied to an input as an expression of SDSweep's own builtins.
///
/// - `continuous` (the default): linear between the points, the end values held beyond them;
///   Vensim's lookups, so a `WITH LOOKUP` node.
/// - `extrapolate`: linear between the points, and beyond them along the first or last
///   segment.
/// - `discrete`: a step function, each y holding from its x up to the next x; below the first
///   x the first y, from the last x on the last y.
///
/// ```swift
/// let gf = XMILEGraphical(table: try Lookup(xs: [0, 1], ys: [0, 2]), type: .extrapolate)
/// gf.applied(to: .number(2))  // 4 when evaluated
/// ```
struct XMILEGraphical {
    enum Kind: String {
        case continuous, extrapolate, discrete
    }

    var table: Lookup
    var type: Kind

    /// The function's value at `x`. `x` appears more than once for the extrapolating and
    /// discrete kinds; it is an expression without side effects, so that costs only time.
    func applied(to x: Expression) -> Expression {
        let xs = table.xs, ys = table.ys
        func ite(_ c: Expression, _ a: Expression, _ b: Expression) -> Expression { .call(.ifThenElse, [c, a, b]) }
        switch type {
        case .continuous:
            return .withLookup(x, table)
        case .extrapolate:
            let n = xs.count - 1
            func line(_ i: Int, _ j: Int) -> Expression {
                // y_i + (x − x_i)·(y_j − y_i)/(x_j − x_i)
                .binary(.add, .number(ys[i]), .binary(.multiply, .binary(.subtract, x, .number(xs[i])), .number((ys[j] - ys[i]) / (xs[j] - xs[i]))))
            }
            return ite(.binary(.less, x, .number(xs[0])), line(0, 1), ite(.binary(.greater, x, .number(xs[n])), line(n, n - 1), .withLookup(x, table)))
        case .discrete:
            var e = Expression.number(ys[ys.count - 1])
            for i in stride(from: xs.count - 2, through: 0, by: -1) {
                e = ite(.binary(.less, x, .number(xs[i + 1])), .number(ys[i]), e)
            }
            return e
        }
    }
}
