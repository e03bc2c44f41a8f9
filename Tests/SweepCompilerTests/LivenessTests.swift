@testable import SweepCompiler
import SweepModel
import Testing

/// Liveness and inlining: what the outputs need is computed, and state auxiliaries used once
/// are substituted into their user.
@Suite struct LivenessTests {
    let m: Model

    init() throws {
        m = try model([
            ("k", .constant(0.5)),
            ("once", .auxiliary("X * k")),             // 1: used once, by the stock: inlined
            ("twice", .auxiliary("X * 2")),            // 2: used by two equations: kept
            ("user", .auxiliary("twice + 1")),         // 3
            ("recorded", .auxiliary("X * 3")),         // 4: an output: kept
            ("captured", .auxiliary("INITIAL(X) * X")),  // 5: holds an INITIAL: kept
            ("unused", .auxiliary("X * 4")),           // 6: nobody needs it
            ("X", .stock(initial: "1", net: "once + twice + user + captured")),  // 7
        ])
    }

    func liveness(outputs: [String]?) throws -> Liveness {
        let (resolved, classes) = try classified(m, outputs: outputs)
        return Liveness(resolved, classes: classes, stocks: [7])
    }

    @Test func outputsAndStocksDecideWhatIsLive() throws {
        let l = try liveness(outputs: ["recorded"])
        #expect(l.live == [true, true, true, true, true, true, false, true])
        #expect(l.inlined == [false, true, false, true, false, false, false, false])
    }

    @Test func withoutOutputsEverythingIsLiveAndNothingInlined() throws {
        let l = try liveness(outputs: nil)
        #expect(l.live == Array(repeating: true, count: 8))
        #expect(l.inlined == Array(repeating: false, count: 8))
    }

    @Test func substitutionReplacesInlinedVariables() throws {
        let l = try liveness(outputs: ["recorded"])
        #expect(l.substituted(.variable("once", offset: 0)) == .binary(.multiply, .variable("X", offset: 0), .variable("k", offset: 0)))
        #expect(l.substituted(.variable("user", offset: 0)) == .binary(.add, .variable("twice", offset: 0), .number(1)))
    }

    @Test func inlinedVariablesAreNotRecordable() throws {
        let compiled = try Compiler.compile(m, outputs: ["recorded"])
        #expect(compiled.variables.map(\.name) == ["k", "twice", "recorded", "captured", "X"])
    }

    /// ACTIVE INITIAL reads its initial argument while initialising and its value afterwards:
    /// both are live. (Following only the initial argument left `v` without a slot, and the
    /// compiler trapped on the step program that reads it.)
    @Test func activeInitialKeepsBothArgumentsLive() throws {
        let m = try model([
            ("k", .constant(2)),
            ("v", .auxiliary("X * k")),                    // 1: read only by a's value
            ("start", .auxiliary("k + 1")),                // 2: read only by a's initial
            ("a", .auxiliary("ACTIVE INITIAL(v, start)")), // 3
            ("X", .stock(initial: "1", net: "a")),         // 4
        ])
        let (resolved, classes) = try classified(m, outputs: ["X"])
        #expect(Liveness(resolved, classes: classes, stocks: [4]).live == [true, true, true, true, true])
        let compiled = try Compiler.compile(m, outputs: ["X"])
        #expect(compiled.variables.map(\.name) == ["k", "start", "X"])  // v and a inlined into X's net
    }
}
