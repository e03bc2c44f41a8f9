import Testing
import TestSupport
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// The paper's model against the closed forms in shared/paper-model.md: D is piecewise linear,
/// so Euler's left Riemann sum is exact arithmetic on dyadic-friendly values; 1e-9 relative is
/// the bound and leaves room for the rounding of ~320 additions.
@Suite struct PaperModelTests {
    static let c = ["Internal Resource Mining", "Internal Process Improvement", "Internal Knowledge Restructuring",
                    "Internal Technology Upgrading", "External Resource Utilization", "External Process Integration",
                    "External Knowledge Internalization", "External Technology Acquisition"]
    static let nominal: [Double] = [10, 4, 20, 1, 20, 1, 10, 4]

    func capability(dt: Double) throws -> [Double: Double] {
        var model = try loadConfig("cluster-innovation.yaml")
        model.time.step = dt
        model.time.saveper = dt
        let out = try simulate(model)
        let times = model.time.saveTimes
        return Dictionary(uniqueKeysWithValues: zip(times, out["innovation capability"]!))
    }

    @Test func closedFormAtTimeStep0_0625() throws {
        let c = try capability(dt: 0.0625)
        #expect(close(c[5]!, 0.596203125, rtol: 1e-9))
        #expect(close(c[10]!, 2.39990625, rtol: 1e-9))
        #expect(close(c[15]!, 4.218703125, rtol: 1e-9))
        #expect(close(c[20]!, 4.83, rtol: 1e-9))
    }

    @Test func closedFormAtTimeStep1() throws {
        let c = try capability(dt: 1)
        #expect(close(c[5]!, 0.483, rtol: 1e-9))
        #expect(close(c[10]!, 2.1735, rtol: 1e-9))
        #expect(close(c[15]!, 4.1055, rtol: 1e-9))
        #expect(close(c[20]!, 4.83, rtol: 1e-9))
    }

    /// The paper's Figures 5 and 6: each coefficient raised by 50%.
    @Test(arguments: zip(PaperModelTests.c, [5.175, 4.968, 5.52, 4.8645, 5.52, 4.8645, 5.175, 4.968]))
    func plusFiftyPercentTable(element: String, expected: Double) throws {
        let model = try loadConfig("cluster-innovation.yaml")
        let i = Self.c.firstIndex(of: element)!
        let out = try simulate(model, overrides: ["\(element) Coefficient": Self.nominal[i] * 1.5])
        #expect(close(out["innovation capability"]!.last!, expected, rtol: 1e-9))
    }

    /// `evaluate` on 10^5 parameter sets: C(20) = 46 · Σ_j c_j · w_j for every row.
    @Test func batchOfHundredThousandMatchesClosedForm() throws {
        let model = try loadConfig("cluster-innovation.yaml")
        let names = Self.c.map { "\($0) Coefficient" } + Self.c.map { "\($0) Weight" }
        let compiled = try Compiler.compile(model, parameters: names)
        let n = 100_000
        var p = Matrix(rows: n, columns: 16)
        var rng = SeededGenerator(seed: 20)
        for r in 0..<n {
            for j in 0..<8 { p[r, j] = Self.nominal[j] * (0.5 + rng.nextUnit()) }
            for j in 8..<16 { p[r, j] = 0.0015 * (0.5 + rng.nextUnit()) }
        }
        let out = BatchEngine(threads: 2).run(compiled, parameters: p, outputs: [try OutputSeries.parse("Innovation Capability", in: compiled)])
        var worst = 0.0
        for r in 0..<n {
            var expected = 0.0
            for j in 0..<8 { expected += p[r, j] * p[r, j + 8] }
            expected *= 46
            worst = max(worst, abs(out.values[r, 0] - expected) / expected)
        }
        #expect(worst <= 1e-9)
    }
}
