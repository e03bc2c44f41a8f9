@testable import SweepCompiler
import SweepModel
import Testing

/// Ordering: auxiliaries after what they read, the initialisation in its own order, and the
/// cycles each finds.
@Suite struct OrderingTests {
    @Test func auxiliariesFollowTheirInputs() throws {
        let m = try model([
            ("total", .auxiliary("a + b")), ("a", .auxiliary("b * 2")), ("b", .auxiliary("X + 1")),
            ("X", .stock(initial: "5", net: "total")),
        ])
        let order = try Ordering(try Resolution.resolve(m, parameters: [], overrides: [:], outputs: nil))
        #expect(order.auxiliaries == [2, 1, 0])
        #expect(order.initialisation == [3, 2, 1, 0])
    }

    @Test func stocksMayStartFromOtherStocks() throws {
        let m = try model([
            ("A", .stock(initial: "B * 2", net: "0")), ("B", .stock(initial: "start", net: "0")),
            ("start", .auxiliary("INITIAL(A)")),
        ])
        // INITIAL(A) is evaluated while initialising: a cycle among initial values.
        #expect(compileErrorMessage { _ = try Ordering(try Resolution.resolve(m, parameters: [], overrides: [:], outputs: nil)) }
            == "circular definition among initial values: A → B → start → A")
        let fine = try model([("A", .stock(initial: "B * 2", net: "0")), ("B", .stock(initial: "3", net: "A"))])
        let order = try Ordering(try Resolution.resolve(fine, parameters: [], overrides: [:], outputs: nil))
        #expect(order.auxiliaries.isEmpty)
        #expect(order.initialisation == [1, 0])
    }

    @Test func compileReportsCyclesWithTheirVariables() throws {
        let m = try model([("A", .stock(initial: "B", net: "0")), ("B", .stock(initial: "A", net: "0"))])
        #expect(compileErrorMessage { _ = try Compiler.compile(m) } == "circular definition among initial values: A → B → A")
    }
}
