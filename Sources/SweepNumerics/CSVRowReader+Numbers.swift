extension CSVRowReader {
    /// The value of a plain decimal field (`-12.5`, `0.0014370155334472656`, `3e-05`) computed
    /// without strtod, or nil when the field is anything else or its value needs strtod to be
    /// rounded correctly: then the caller asks strtod, so the two always agree to the bit.
    ///
    /// A design or outputs file is 10⁷ such fields, and strtod spends ~150 ns on each; this
    /// spends a fraction of that. The field is read as an integer `w` of at most 19 significant
    /// digits and a power of ten `q` with |q| ≤ 27; `w` and 10^|q| are exact in `Float80`'s
    /// 64-bit significand, so `w × 10^q` (or `w ÷ 10^−q`) is one correctly rounded operation,
    /// within half a `Float80` ulp of the true value. Rounding that to `Double` is therefore
    /// correct unless it lies exactly on a midpoint between two doubles (its 11 low bits are
    /// `10000000000`), the one case left to strtod. (Clinger, "How to read floating point
    /// numbers accurately", PLDI 1990, is the fast path this widens.)
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        #if arch(x86_64) && !os(Windows)
        var i = 0
        let n = bytes.count
        var negative = false
        if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { negative = bytes[i] == UInt8(ascii: "-"); i += 1 }
        var w: UInt64 = 0
        var digits = 0, significant = 0, scale = 0
        var seenPoint = false
        while i < n {
            let b = bytes[i]
            if b == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                digits += 1
                if w != 0 || b != UInt8(ascii: "0") {
                    significant += 1
                    if significant > 19 { return nil }
                    w = w &* 10 &+ UInt64(b &- UInt8(ascii: "0"))   // 19 digits cannot overflow
                }
                if seenPoint { scale -= 1 }
            } else {
                break
            }
            i += 1
        }
        guard digits > 0 else { return nil }
        if i < n {
            guard bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") else { return nil }
            i += 1
            var exponentNegative = false
            if i < n && (bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")) { exponentNegative = bytes[i] == UInt8(ascii: "-"); i += 1 }
            guard i < n, n - i <= 4 else { return nil }
            var e = 0
            while i < n {
                guard bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") else { return nil }
                e = e * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
            }
            scale += exponentNegative ? -e : e
        }
        if w == 0 { return negative ? -0.0 : 0.0 }
        guard scale >= -27 && scale <= 27 else { return nil }
        let exact = Float80(w)
        let power = CSVRowReader.powersOfTen[Swift.abs(scale)]
        let r = scale >= 0 ? exact * power : exact / power
        // Bits below a double's 53: 1 followed by ten zeros is a midpoint.
        if r.significandBitPattern & 0x7FF == 0x400 { return nil }
        let v = Double(r)
        return negative ? -v : v
        #else
        return nil
        #endif
    }

    #if arch(x86_64) && !os(Windows)
    /// 10⁰ … 10²⁷, each exact in `Float80` (5²⁷ < 2⁶⁴).
    static let powersOfTen: [Float80] = {
        var p: [Float80] = [1]
        for _ in 1...27 { p.append(p.last! * 10) }
        return p
    }()
    #endif
}
