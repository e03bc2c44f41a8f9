/// A lookup (table function): piecewise-linear through its points, holding the first and last
/// y outside the x range, as Vensim does.
public struct Lookup: Equatable, Sendable {
    public let xs: [Double]
    public let ys: [Double]

    /// - Throws: fewer than two points, or x not strictly increasing, as a message for the
    ///   caller to attach a location to.
    public init(xs: [Double], ys: [Double]) throws(LookupShapeError) {
        guard xs.count == ys.count else { throw LookupShapeError(message: "lookup has \(xs.count) x values but \(ys.count) y values") }
        guard xs.count >= 2 else { throw LookupShapeError(message: "lookup needs at least two points, got \(xs.count)") }
        for i in 1..<xs.count where !(xs[i] > xs[i - 1]) {
            throw LookupShapeError(message: "lookup x values must increase: x[\(i)] = \(xs[i]) follows \(xs[i - 1])")
        }
        guard (xs + ys).allSatisfy(\.isFinite) else { throw LookupShapeError(message: "lookup points must be finite numbers") }
        self.xs = xs
        self.ys = ys
    }

    /// The table's value at `x`.
    @inlinable
    public func callAsFunction(_ x: Double) -> Double {
        Lookup.interpolate(x, xs: xs, ys: ys)
    }

    /// Linear interpolation in sorted `xs`, clamped to the end values; NaN in, NaN out.
    @inlinable
    public static func interpolate(_ x: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        let n = xs.count
        if x.isNaN { return x }
        if x <= xs[0] { return ys[0] }
        if x >= xs[n - 1] { return ys[n - 1] }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if xs[mid] <= x { lo = mid } else { hi = mid }
        }
        return ys[lo] + (x - xs[lo]) * (ys[hi] - ys[lo]) / (xs[hi] - xs[lo])
    }

    @inlinable
    public static func interpolate(_ x: Double, xs: [Double], ys: [Double]) -> Double {
        xs.withUnsafeBufferPointer { xb in ys.withUnsafeBufferPointer { yb in interpolate(x, xs: xb, ys: yb) } }
    }
}

public struct LookupShapeError: Error, Sendable {
    public let message: String
}
