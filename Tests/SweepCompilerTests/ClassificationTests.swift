@testable import SweepCompiler
import SweepModel
import Testing

/// Classification: each variable's class, and the cycles it meets on the way.
@Suite struct ClassificationTests {
    @Test func eachClass() throws {
        let m = try model([
            ("c", .constant(2)), ("p", .constant(1)), ("table", .lookup(xs: [0, 10], ys: [0, 1])),
            ("folded", .auxiliary("c * 3 + TIME STEP")),
            ("clock", .auxiliary("table(Time) * c")),
            ("per run", .auxiliary("p * c")),
            ("both", .auxiliary("per run * clock")),
            ("X", .stock(initial: "p", net: "per run")),
            ("from stock", .auxiliary("X * c")),
        ])
        let (_, classes) = try classified(m, parameters: ["p"])
        #expect((0..<9).map { classes[$0] } == [.constant, .run, .constant, .constant, .time, .run, .state, .state, .state])
    }

    @Test func initialAndActiveInitial() throws {
        let m = try model([
            ("c", .constant(2)), ("X", .stock(initial: "1", net: "c")),
            ("start", .auxiliary("INITIAL(X)")), ("fixed", .auxiliary("INITIAL(c * 2)")),
            ("active", .auxiliary("ACTIVE INITIAL(c, c)")),
        ])
        let (resolved, classes) = try classified(m)
        #expect(classes[2] == .run && classes[3] == .constant && classes[4] == .state)
        // One class function serves the variables and any expression over them.
        #expect(classes.of(try expression("c + Time")) == .time)
        #expect(classes.of(resolved.equation(2)!) == .run)
        #expect(ValueClass.time.join(.run) == .state && ValueClass.constant.join(.time) == .time)
    }

    @Test func cyclesAreNamed() throws {
        let m = try model([("a", .auxiliary("b + 1")), ("b", .auxiliary("c * 2")), ("c", .auxiliary("a"))])
        #expect(compileErrorMessage { _ = try classified(m) } == "circular definition among auxiliaries: a → b → c → a")
    }

    @Test func aCycleThroughActiveInitialIsFound() throws {
        let m = try model([("a", .auxiliary("ACTIVE INITIAL(b, 1)")), ("b", .auxiliary("a"))])
        #expect(compileErrorMessage { _ = try classified(m) } == "circular definition among auxiliaries: a → b → a")
    }

    @Test func stocksBreakCycles() throws {
        let m = try model([("X", .stock(initial: "0", net: "rate")), ("rate", .auxiliary("X * 0.1"))])
        let (_, classes) = try classified(m)
        #expect(classes[0] == .state && classes[1] == .state)
    }
}
