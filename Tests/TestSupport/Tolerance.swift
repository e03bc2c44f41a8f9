/// |a − b| ≤ rtol·|b|: `a` agrees with the reference `b` to a relative tolerance.
///
/// A NaN never agrees with anything unless `nanMatches` is set, for references (SALib's JSON
/// `null`s) in which NaN is itself the expected value; then two NaNs agree.
///
/// ```swift
/// #expect(close(s1[0], 0.3139, rtol: 1e-3))
/// ```
public func close(_ a: Double, _ b: Double, rtol: Double, nanMatches: Bool = false) -> Bool {
    (nanMatches && a.isNaN && b.isNaN) || abs(a - b) <= rtol * abs(b)
}
