import Foundation

/// Vensim's vector functions, one element of the result at a time, from the scalar arguments
/// `Model.expandingSubscripts` lays out (Vensim DSS Reference Manual, "Arrays, Vectors, and
/// Subscripts" and "Allocation Functions"; PySD's `functions.py` and `allocation.py` where
/// the manual is silent). The interpreter, constant folding and the generated C (a
/// transcription doing these operations in this order) all compute them so, with the same bits.
///
/// Layouts, element k counted from 0:
/// - `VECTOR SELECT ELEMENT(missing, action, error action, s1…sm, e1…em)`
/// - `VECTOR ELM MAP ELEMENT(index, x0…xn−1)`: x at the index rounded, :NA: outside
/// - `VECTOR SORT ORDER ELEMENT(k, direction, x1…xn)`, `VECTOR RANK ELEMENT(k, direction, x1…xn)`
/// - `VECTOR REORDER ELEMENT(k, x1…xn, s1…sn)`: x at s_k
/// - `INVERT MATRIX ELEMENT(i, j, m11…mnn)`: row-major
/// - `ALLOCATE BY PRIORITY ELEMENT(k, width, supply, r1…rn, p1…pn)`
/// - `ALLOCATE AVAILABLE ELEMENT(k, supply, r1…rn, profile 1 (4 values)…profile n)`
/// - `VECTOR LOOKUP ELEMENT(x, xmin, xmax, mode, y1…yn)`
public enum VensimVectors {
    /// The element `f` gives from `x`, laid out as above; nil when `f` is not a vector element.
    public static func element(_ f: Builtin, _ x: UnsafeBufferPointer<Double>) -> Double? {
        switch f {
        case .vectorSelectElement: select(x)
        case .vectorElmMapElement: elmMap(x)
        case .vectorSortOrderElement: sortOrder(x)
        case .vectorRankElement: rank(x)
        case .vectorReorderElement: reorder(x)
        case .invertMatrixElement: invert(x)
        case .allocateByPriorityElement: allocateByPriority(x)
        case .allocateAvailableElement: allocateAvailable(x)
        case .vectorLookupElement: lookup(x)
        default: nil
        }
    }

    /// The index `v` names in a vector of `n`, or nil (not finite, or outside).
    @inlinable static func index(_ v: Double, _ n: Int) -> Int? {
        let r = v.rounded()
        guard r >= 0, r < Double(n) else { return nil }
        return Int(r)
    }

    /// VECTOR SELECT's actions: 0 Σ s·e, 1 Π s·e, 2 min s·e, 3 max s·e, 4 mean s·e, 5 Π e^s,
    /// 6 Σ e, 7 Π e, 8 min e, 9 max e, 10 mean e, over the elements whose selection is not 0
    /// (NaN values skipped, as PySD does); `missing` when every selection is 0. The error
    /// action is not checked (a sweep cannot stop on one run's error).
    public static func select(_ x: UnsafeBufferPointer<Double>) -> Double {
        let m = (x.count - 3) / 2
        let action = x[1]
        guard action >= 0, action <= 10, action == action.rounded() else { return .nan }
        let a = Int(action)
        var acc = 0.0, count = 0, selected = false
        for j in 0..<m {
            let s = x[3 + j], e = x[3 + m + j]
            if s == 0 { continue }
            selected = true
            let v = a <= 4 ? s * e : a == 5 ? Foundation.pow(e, s) : e
            if v.isNaN { continue }
            switch a {
            case 1, 5, 7: acc = count == 0 ? v : acc * v
            case 2, 8: acc = count == 0 || v < acc ? v : acc
            case 3, 9: acc = count == 0 || v > acc ? v : acc
            default: acc = count == 0 ? v : acc + v
            }
            count += 1
        }
        if !selected { return x[0] }
        if count == 0 { return .nan }
        return a == 4 || a == 10 ? acc / Double(count) : acc
    }

    public static func elmMap(_ x: UnsafeBufferPointer<Double>) -> Double {
        guard let i = index(x[0], x.count - 1) else { return .nan }
        return x[1 + i]
    }

    /// The ascending order of `x[base ..< base + n]` (stable: equal values keep their order),
    /// by insertion, into `order`.
    static func ascending(_ x: UnsafeBufferPointer<Double>, base: Int, n: Int, into order: UnsafeMutableBufferPointer<Int>) {
        for i in 0..<n { order[i] = i }
        for i in 1..<Swift.max(n, 1) {
            var j = i
            while j > 0 && x[base + order[j - 1]] > x[base + order[j]] {
                order.swapAt(j - 1, j)
                j -= 1
            }
        }
    }

    /// VECTOR SORT ORDER: the 0-based index of the element in sorted position k, smallest
    /// first when direction > 0, else biggest first (the ascending order reversed, as PySD).
    public static func sortOrder(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count - 2
        guard let k = index(x[0], n) else { return .nan }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { order in
            ascending(x, base: 2, n: n, into: order)
            return Double(x[1] > 0 ? order[k] : order[n - 1 - k])
        }
    }

    /// VECTOR RANK: element k's rank from 1, in VECTOR SORT ORDER's order.
    public static func rank(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count - 2
        guard let k = index(x[0], n) else { return .nan }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { order in
            ascending(x, base: 2, n: n, into: order)
            var p = 0
            while order[p] != k { p += 1 }
            return Double(x[1] > 0 ? p + 1 : n - p)
        }
    }

    public static func reorder(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = (x.count - 1) / 2
        guard let k = index(x[0], n), let i = index(x[1 + n + k], n) else { return .nan }
        return x[1 + i]
    }

    /// INVERT MATRIX: entry (i, j) of the inverse, by Gauss–Jordan elimination with partial
    /// pivoting; :NA: for a singular matrix.
    public static func invert(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = Int(Double(x.count - 2).squareRoot().rounded())
        guard let i = index(x[0], n), let j = index(x[1], n) else { return .nan }
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n * n) { w in
            // a in w[0 ..< n²], the inverse in w[n² ..< 2n²], both row-major.
            let nn = n * n
            for r in 0..<n {
                for c in 0..<n {
                    w[r * n + c] = x[2 + r * n + c]
                    w[nn + r * n + c] = r == c ? 1 : 0
                }
            }
            for col in 0..<n {
                var p = col
                for r in (col + 1)..<Swift.max(n, col + 1) where Swift.abs(w[r * n + col]) > Swift.abs(w[p * n + col]) { p = r }
                if w[p * n + col] == 0 { return .nan }
                if p != col {
                    for c in 0..<n {
                        w.swapAt(p * n + c, col * n + c)
                        w.swapAt(nn + p * n + c, nn + col * n + c)
                    }
                }
                let pivot = w[col * n + col]
                for c in 0..<n {
                    w[col * n + c] = w[col * n + c] / pivot
                    w[nn + col * n + c] = w[nn + col * n + c] / pivot
                }
                for r in 0..<n where r != col {
                    let f = w[r * n + col]
                    if f == 0 { continue }
                    for c in 0..<n {
                        w[r * n + c] = w[r * n + c] - f * w[col * n + c]
                        w[nn + r * n + c] = w[nn + r * n + c] - f * w[nn + col * n + c]
                    }
                }
            }
            return w[nn + i * n + j]
        }
    }

    /// What a requester of `q` gets at priority level `level` under its profile (Vensim's
    /// "Allocation Functions": 1 rectangular, 2 triangular, 3 normal, 4 exponential, with the
    /// profile's priority and width); :NA: for the fixed-quantity (0) and constant-elasticity
    /// (5) profiles, which are not supported.
    public static func allocation(_ q: Double, type: Double, priority p: Double, width w: Double, at level: Double) -> Double {
        if q <= 0 { return 0 }
        let h = w * 0.5
        switch type {
        case 1:
            if level <= p - h { return q }
            if level < p + h { return q * (1 - (level - p + h) / w) }
            return 0
        case 2:
            if level <= p - h { return q }
            if level < p {
                let d = level - p + h
                return q * (1 - 2 * d * d / (w * w))
            }
            if level < p + h {
                let d = p + h - level
                return 2 * q * d * d / (w * w)
            }
            return 0
        case 3:
            return q * 0.5 * (2 - Foundation.erfc((p - level) / (1.4142135623730951 * w)))
        case 4:
            if level < p { return q * (1 - 0.5 * Foundation.exp((level - p) / w)) }
            return q * 0.5 * Foundation.exp((p - level) / w)
        default:
            return .nan
        }
    }

    /// Requester k's share of `supply` among `n` requesters with profiles `profile(i)` (type,
    /// priority, width): every request when supply covers them all, none when it is not
    /// positive, else the allocations at the priority level where they add up to the supply,
    /// found by bisection to the last bit (they never add up to more than the supply).
    static func allocate(k: Int, n: Int, supply: Double, request: (Int) -> Double,
                         profile: (Int) -> (type: Double, priority: Double, width: Double)) -> Double {
        var total = 0.0
        for i in 0..<n { total += request(i) }
        if supply >= total { return request(k) }
        if supply <= 0 { return 0 }
        var lo = Double.infinity, hi = -Double.infinity
        for i in 0..<n where request(i) > 0 {
            let pp = profile(i)
            if !(pp.width > 0) { return .nan }
            lo = Swift.min(lo, pp.priority - 40 * pp.width)
            hi = Swift.max(hi, pp.priority + 40 * pp.width)
        }
        func sum(_ level: Double) -> Double {
            var s = 0.0
            for i in 0..<n {
                let pp = profile(i)
                s += allocation(request(i), type: pp.type, priority: pp.priority, width: pp.width, at: level)
            }
            return s
        }
        for _ in 0..<200 {
            let mid = lo + (hi - lo) * 0.5
            if !(mid > lo && mid < hi) { break }
            if sum(mid) > supply { lo = mid } else { hi = mid }
        }
        let pk = profile(k)
        return allocation(request(k), type: pk.type, priority: pk.priority, width: pk.width, at: hi)
    }

    /// ALLOCATE BY PRIORITY: ALLOCATE AVAILABLE with rectangular profiles of the given
    /// priorities and one width (the manual's equivalence; PySD's piecewise-linear algorithm
    /// gives the same shares).
    public static func allocateByPriority(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = (x.count - 3) / 2
        guard let k = index(x[0], n) else { return .nan }
        let width = x[1]
        return allocate(k: k, n: n, supply: x[2], request: { x[3 + $0] }, profile: { (1, x[3 + n + $0], width) })
    }

    public static func allocateAvailable(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = (x.count - 2) / 5
        guard let k = index(x[0], n) else { return .nan }
        let base = 2 + n
        return allocate(k: k, n: n, supply: x[1], request: { x[2 + $0] },
                        profile: { (x[base + 4 * $0], x[base + 4 * $0 + 1], x[base + 4 * $0 + 2]) })
    }

    /// VECTOR LOOKUP: the y values over n equally spaced x from xmin to xmax, read in mode 0
    /// (interpolated), 1 (area from xmin), 2 (backward), 3 (extrapolated), 4 (forward) or 5
    /// (inverted); :NA: for the slope modes 6–9 and fewer than two values.
    public static func lookup(_ x: UnsafeBufferPointer<Double>) -> Double {
        let n = x.count - 4
        let xmin = x[1], xmax = x[2], mode = x[3]
        guard n >= 2, mode >= 0, mode <= 5, mode == mode.rounded() else { return .nan }
        let ys = UnsafeBufferPointer(rebasing: x[4...])
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { xs in
            for i in 0..<n { xs[i] = xmin + Double(i) * (xmax - xmin) / Double(n - 1) }
            let points = UnsafeBufferPointer(xs)
            switch Int(mode) {
            case 0: return Lookup.interpolate(x[0], xs: points, ys: ys)
            case 1: return LookupModes.cumulativeArea(x[0], xs: points, ys: ys)
            case 2: return LookupModes.backward(x[0], xs: points, ys: ys)
            case 3: return LookupModes.extrapolate(x[0], xs: points, ys: ys)
            case 4: return LookupModes.forward(x[0], xs: points, ys: ys)
            default: return LookupModes.invert(x[0], xs: points, ys: ys)
            }
        }
    }
}
