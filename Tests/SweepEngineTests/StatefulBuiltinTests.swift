import Foundation
import Testing
import TestSupport
import SweepCompiler
import SweepModel

/// Smooths, delays and trends written in YAML (the expansion is shared with `.mdl`), against
/// Euler's closed forms: with dt = 0.5 and T = 2 a first-order stage keeps 1 − dt/T = 0.75 of
/// its gap per step, so from 0 towards 1 it reads 1 − 0.75^k, a dyadic number Euler computes
/// with rounding only (1e-12 relative). The SD test-models cases check the same builtins
/// against Vensim itself (ConformanceTests).
@Suite struct StatefulBuiltinTests {
    func run(_ auxiliaries: String, stocks: String = "") throws -> [String: [Double]] {
        try simulate(yaml: """
        time: {initial: 0, final: 2, step: 0.5}
        constants: {T: 2, Zero: 0, One: 1}
        auxiliaries:
        \(auxiliaries)
        \(stocks)
        """)
    }

    @Test func firstOrderSmoothAndDelay() throws {
        let out = try run("""
          S: SMOOTHI(One, T, Zero)
          D: DELAY1I(One, T, Zero)
          S3: SMOOTH3(One, T)
          TR: TREND(One, T, 0)
        """)
        let expected = (0...4).map { 1 - pow(0.75, Double($0)) }
        for k in 0...4 {
            #expect(close(out["s"]![k], expected[k], rtol: 1e-12) || expected[k] == 0 && out["s"]![k] == 0)
            #expect(close(out["d"]![k], expected[k], rtol: 1e-12) || expected[k] == 0 && out["d"]![k] == 0)
            #expect(out["s3"]![k] == 1)  // SMOOTH3 starts at its input and stays there
            #expect(out["tr"]![k] == 0)  // a constant input has no trend
        }
        // Hidden stocks are not outputs.
        #expect(out.keys.allSatisfy { !$0.hasPrefix("#") })
    }

    /// DELAY FIXED(Time, 1, -1): −1 until the 4-stage pipeline (1 / 0.25) fills, then Time − 1.
    @Test func delayFixedPipeline() throws {
        let out = try simulate(yaml: """
        time: {initial: 0, final: 3, step: 0.25}
        auxiliaries:
          F: DELAY FIXED(Time, 1, -1)
        """)
        let f = out["f"]!
        for (k, v) in f.enumerated() {
            let t = Double(k) * 0.25
            #expect(abs(v - (t < 1 ? -1 : t - 1)) <= 1e-12, "t = \(t): \(v)")
        }
    }

    /// ACTIVE INITIAL(value, initial): the stock starts from `initial` (5); afterwards the
    /// variable is `value` (2·S), already at INITIAL TIME. Exact: small integers.
    @Test func activeInitial() throws {
        let out = try simulate(yaml: """
        time: {initial: 0, final: 1, step: 1}
        auxiliaries:
          A: ACTIVE INITIAL(S * 2, 5)
        stocks:
          S: {initial: A, net: 1}
        """)
        #expect(out["s"] == [5, 6])
        #expect(out["a"] == [10, 12])
    }

    /// An order fixed at initialisation cannot follow a per-run parameter: refused, not wrong.
    @Test func orderFromAParameterIsRefused() throws {
        let model = try Model.parseYAML("""
        time: {initial: 0, final: 2, step: 0.5}
        constants: {Delay: 1, N: 2}
        auxiliaries:
          F: DELAY FIXED(Time, Delay, 0)
          G: SMOOTH N(Time, 1, 0, N)
        """, file: "m.yaml")
        #expect(throws: ModelError.self) { try Compiler.compile(model, parameters: ["Delay"]) }
        #expect(throws: ModelError.self) { try Compiler.compile(model, parameters: ["N"]) }
        _ = try Compiler.compile(model, parameters: [], overrides: ["N": 3])  // a fixed override is fine
        var rk4 = model
        rk4.time.method = .rk4
        #expect(throws: ModelError.self) { try Compiler.compile(rk4) }  // pipelines are Euler-only
    }
}
