/// The first difference between two texts (CSV or JSON) compared token by token, or nil when
/// they agree: numbers within max(`atol`, `rtol`·|expected|), every other token exactly.
/// Tokens are split at commas, newlines, spaces, colons, brackets, braces and quotes.
///
/// ```swift
/// let mismatch = firstNumericMismatch(written, stored, rtol: 1e-9, atol: 1e-12)
/// #expect(mismatch == nil, "\(mismatch ?? "")")
/// ```
public func firstNumericMismatch(_ actual: String, _ expected: String, rtol: Double, atol: Double) -> String? {
    func tokens(_ s: String) -> [Substring] {
        s.split(whereSeparator: { ",\n :[]{}\"".contains($0) })
    }
    let ta = tokens(actual), tb = tokens(expected)
    guard ta.count == tb.count else { return "\(ta.count) tokens, expected \(tb.count)" }
    for (x, y) in zip(ta, tb) where x != y {
        guard let u = Double(x), let v = Double(y) else { return "'\(x)' where '\(y)' was expected" }
        if !(abs(u - v) <= max(atol, rtol * abs(v))) { return "\(u) where \(v) was expected" }
    }
    return nil
}
