/// Vensim's other ways of reading a lookup (Vensim DSS Reference Manual, "LOOKUP FORWARD",
/// "LOOKUP BACKWARD", "LOOKUP EXTRAPOLATE", "LOOKUP INVERT", "LOOKUP AREA"), over the same
/// sorted points as `Lookup.interpolate`. The generated C transcribes each in this order.
///
/// With the points (0,1), (1,1), (2,2): FORWARD at 1.5 is 2, BACKWARD at 1.5 is 1,
/// EXTRAPOLATE at 2.5 is 2.5, INVERT at 1.5 is 1.5, AREA from 0 to 2 is 1 + 1.5 = 2.5.
public enum LookupModes {
    /// The y of the first point at or after x (the last y past the end); NaN in, NaN out.
    public static func forward(_ x: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        if x.isNaN { return x }
        for i in 0..<xs.count where xs[i] >= x { return ys[i] }
        return ys[ys.count - 1]
    }

    /// The y of the last point at or before x (the first y before the start).
    public static func backward(_ x: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        if x.isNaN { return x }
        var i = xs.count - 1
        while i > 0 && xs[i] > x { i -= 1 }
        return ys[i]
    }

    /// Linear interpolation, the end segments continued outside the x range.
    public static func extrapolate(_ x: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        let n = xs.count
        if x.isNaN || n < 2 { return n < 2 && !x.isNaN ? ys[0] : x }
        if x < xs[0] { return ys[0] + (x - xs[0]) * (ys[1] - ys[0]) / (xs[1] - xs[0]) }
        if x > xs[n - 1] { return ys[n - 1] + (x - xs[n - 1]) * (ys[n - 1] - ys[n - 2]) / (xs[n - 1] - xs[n - 2]) }
        return Lookup.interpolate(x, xs: xs, ys: ys)
    }

    /// The x of the first segment whose y values bracket y, interpolated (a flat segment gives
    /// its left x); the first or last x when y is outside every segment, whichever end's y is
    /// nearer.
    public static func invert(_ y: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        let n = xs.count
        if y.isNaN { return y }
        for i in 0..<(n - 1) {
            let a = ys[i], b = ys[i + 1]
            if (a <= y && y <= b) || (b <= y && y <= a) {
                return a == b ? xs[i] : xs[i] + (y - a) * (xs[i + 1] - xs[i]) / (b - a)
            }
        }
        return Swift.abs(y - ys[0]) <= Swift.abs(y - ys[n - 1]) ? xs[0] : xs[n - 1]
    }

    /// The area under the lookup from its first x to x, the end values held outside (negative
    /// left of the first x).
    public static func cumulativeArea(_ x: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        let n = xs.count
        if x <= xs[0] { return (x - xs[0]) * ys[0] }
        var area = 0.0
        for i in 0..<(n - 1) {
            if x <= xs[i + 1] {
                let y = ys[i] + (x - xs[i]) * (ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i])
                return area + (x - xs[i]) * (ys[i] + y) * 0.5
            }
            area += (xs[i + 1] - xs[i]) * (ys[i] + ys[i + 1]) * 0.5
        }
        return area + (x - xs[n - 1]) * ys[n - 1]
    }

    /// LOOKUP AREA(table, x1, x2): the area under the lookup from x1 to x2.
    public static func area(_ x1: Double, _ x2: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        cumulativeArea(x2, xs: xs, ys: ys) - cumulativeArea(x1, xs: xs, ys: ys)
    }
}
