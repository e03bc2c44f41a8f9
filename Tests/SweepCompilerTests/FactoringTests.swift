@testable import SweepCompiler
import SweepModel
import Testing

/// The factoring recogniser: sums of products regrouped by how often each part varies.
@Suite struct FactoringTests {
    /// The terms of `text`, an equation over per-run c1, c2 and s, time-only D, constant
    /// weights and the stocks X and Y (resolved first, as the compiler does).
    func terms(_ text: String) throws -> [LinearTerm] {
        let m = try model([
            ("w1", .constant(0.25)), ("w2", .constant(0.75)), ("c1", .constant(1)), ("c2", .constant(2)),
            ("D", .auxiliary("Time * 2")), ("X", .stock(initial: "1", net: "0")), ("Y", .stock(initial: "1", net: "0")),
            ("s", .constant(0.1)), ("e", .auxiliary(text)),
        ])
        let (resolved, classes) = try classified(m, parameters: ["c1", "c2", "s"])
        return Factoring(model: resolved, classes: classes).linearTerms(of: resolved.equation(8)!)
    }

    func v(_ name: String) -> Expression { .variable(name, offset: 0) }

    /// Σ w_j · (c_j · D) → (Σ w_j c_j) · D: one run-only coefficient times the time factor.
    @Test func runCoefficientsOfOneTimeFactorAreSummed() throws {
        let found = try terms("w1 * (c1 * D) + w2 * (c2 * D)")
        let coefficient = Expression.binary(.add, .binary(.multiply, .number(0.25), v("c1")), .binary(.multiply, .number(0.75), v("c2")))
        #expect(found == [LinearTerm(run: coefficient, factor: v("D"))])
    }

    @Test func constantsFoldAndLikeTermsCombine() throws {
        #expect(try terms("w1 * 4 + 2") == [LinearTerm(constant: 3)])
        #expect(try terms("X * 2 + 3 * X - X") == [LinearTerm(constant: 4, rest: v("X"))])
        #expect(try terms("X - X") == [LinearTerm(constant: 0)])
    }

    /// A network's `s · (w1·X + w2·Y)`: a linear combination of the stocks under one run scale.
    @Test func linearCombinationsKeepTheirScale() throws {
        let found = try terms("s * (w1 * X + w2 * Y) - D / 2")
        #expect(found == [
            LinearTerm(factor: .binary(.multiply, .number(-1), .binary(.divide, v("D"), .number(2)))),
            LinearTerm(constant: 0.25, run: v("s"), rest: v("X")),
            LinearTerm(constant: 0.75, run: v("s"), rest: v("Y")),
        ])
    }

    @Test func productsOfStatesStayWhole() throws {
        #expect(try terms("X * Y") == [LinearTerm(rest: .binary(.multiply, v("X"), v("Y")))])
    }
}
