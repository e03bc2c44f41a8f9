/// C spellings of the numbers a generated source holds: every double exactly, as a hexadecimal
/// floating literal (`0x1.8p+1`), or through its bit pattern when it is not finite. Nothing a
/// model wrote reaches the source except through these.
enum CLiteral {
    /// `x` exactly: a hex float for a finite value, `sd_bits(0x…ULL)` for ±∞ and NaN (payload
    /// kept).
    static func double(_ x: Double) -> String {
        guard x.isFinite else { return "sd_bits(0x\(hex(x.bitPattern, digits: 16))ULL)" }
        let sign = x.sign == .minus ? "-" : ""
        if x == 0 { return sign + "0x0p+0" }
        let fraction = hex(x.significandBitPattern, digits: 13)
        if x.isSubnormal { return "\(sign)0x0.\(fraction)p-1022" }
        let e = Int(x.exponentBitPattern) - 1023
        return "\(sign)0x1.\(fraction)p\(e < 0 ? "-" : "+")\(Swift.abs(e))"
    }

    /// A non-negative integer in decimal.
    static func int(_ n: Int) -> String {
        precondition(n >= 0)
        return String(n)
    }

    static func hex(_ v: UInt64, digits: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: Swift.max(0, digits - s.count)) + s
    }

    /// `{a, b, c}` of doubles (one dummy zero when empty: C has no empty arrays).
    static func array(_ xs: [Double]) -> String {
        "{" + (xs.isEmpty ? "0" : xs.map(double).joined(separator: ", ")) + "}"
    }

    /// `{1, 2, 3}` of non-negative integers (a dummy zero when empty).
    static func array(_ xs: [Int]) -> String {
        "{" + (xs.isEmpty ? "0" : xs.map(int).joined(separator: ", ")) + "}"
    }
}
