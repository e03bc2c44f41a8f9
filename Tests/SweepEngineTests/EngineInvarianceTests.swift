import Foundation
import Testing
import TestSupport
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

@Suite struct EngineInvarianceTests {
    static let names = PaperModelTests.c.map { "\($0) Coefficient" } + PaperModelTests.c.map { "\($0) Weight" }

    func paperBatch(n: Int, seed: UInt64) throws -> (CompiledModel, Matrix, [OutputSeries]) {
        let compiled = try Compiler.compile(try loadConfig("cluster-innovation.yaml"), parameters: Self.names)
        var p = Matrix(rows: n, columns: 16)
        var rng = SeededGenerator(seed: seed)
        for j in 0..<16 { for r in 0..<n { p[r, j] = (j < 8 ? PaperModelTests.nominal[j] : 0.0015) * (0.5 + rng.nextUnit()) } }
        let outputs = [try OutputSeries.saved("Innovation Capability", in: compiled),
                       try OutputSeries.parse("Internal Innovation Rate@10", in: compiled)]
        return (compiled, p, outputs)
    }

    /// Same inputs ⇒ same bits at any thread count and chunk size.
    @Test func threadCountAndChunkSizeDoNotChangeABit() throws {
        let (compiled, p, outputs) = try paperBatch(n: 3001, seed: 1)
        let reference = BatchEngine(threads: 1, chunkSize: 1024).run(compiled, parameters: p, outputs: outputs).values.storage
        for (threads, chunk) in [(2, 1024), (2, 1), (3, 7), (2, 4096), (1, 333)] {
            let v = BatchEngine(threads: threads, chunkSize: chunk).run(compiled, parameters: p, outputs: outputs).values.storage
            #expect(v.map(\.bitPattern) == reference.map(\.bitPattern), "threads \(threads), chunk \(chunk)")
        }
    }

    /// A batch is N independent single runs: each row equals the run done alone, bit for bit.
    @Test func batchEqualsScalarRuns() throws {
        let (compiled, p, outputs) = try paperBatch(n: 50, seed: 2)
        let batch = BatchEngine(threads: 2, chunkSize: 16).run(compiled, parameters: p, outputs: outputs).values
        for r in 0..<p.rows {
            let single = BatchEngine(threads: 1).run(compiled, parameters: p.rows(r..<(r + 1)), outputs: outputs).values
            #expect(single.row(0).map(\.bitPattern) == batch.row(r).map(\.bitPattern))
        }
        // N equal sets give N copies of the single run.
        let same = Matrix(rowArrays: Array(repeating: p.row(0), count: 40))
        let copies = BatchEngine(threads: 2, chunkSize: 8).run(compiled, parameters: same, outputs: outputs).values
        for r in 0..<40 { #expect(copies.row(r) == copies.row(0)) }
    }

    /// The BLAS stock update (incidence as dgemm) equals the fused loop. dgemm may use FMA
    /// and a different summation order, so equality holds to rounding, not to the bit: over
    /// 320 steps, 1e-12 relative leaves three orders of margin above the observed ~1e-15.
    @Test(arguments: [IntegrationMethod.euler, .rk2, .rk4])
    func blasPathEqualsFusedPath(method: IntegrationMethod) throws {
        var model = try Model.parseYAML(SIRModel.yaml, file: "sir.yaml")
        model.time.method = method
        let compiled = try Compiler.compile(model, parameters: ["Contact Rate", "Recovery Time"])
        var p = Matrix(rows: 500, columns: 2)
        var rng = SeededGenerator(seed: 3)
        for r in 0..<500 { p[r, 0] = 0.2 + 0.4 * rng.nextUnit(); p[r, 1] = 2 + 8 * rng.nextUnit() }
        let outputs = try ["Susceptible", "Infected", "Recovered"].map { try OutputSeries.saved($0, in: compiled) }
        let fused = BatchEngine(threads: 2, update: .fused).run(compiled, parameters: p, outputs: outputs).values.storage
        let blas = BatchEngine(threads: 2, update: .blas).run(compiled, parameters: p, outputs: outputs).values.storage
        for (a, b) in zip(fused, blas) { #expect(abs(a - b) <= 1e-12 * max(1, abs(a))) }
        // Mass is conserved: S + I + R = N at every saved time (3 stocks, 1e-9 relative of N).
        let times = compiled.time.saveTimes.count
        for r in stride(from: 0, to: 500, by: 97) {
            for t in 0..<times {
                let total = (0..<3).map { fused[($0 * times + t) * 500 + r] }.reduce(0, +)
                #expect(abs(total - 1000) <= 1e-9 * 1000)
            }
        }
    }

    /// dS/dt = −S from S(0) = 1 with h = 0.1: each method multiplies S by its own polynomial
    /// in h per step, so S(1) is known exactly up to rounding of 10 steps (1e-14 relative).
    static let rk2Factor: Double = 1 - 0.1 + 0.01 / 2
    static let rk4Factor: Double = 1 - 0.1 + 0.01 / 2 - 0.001 / 6 + 0.0001 / 24
    @Test(arguments: [
        (IntegrationMethod.euler, 0.9),
        (IntegrationMethod.rk2, EngineInvarianceTests.rk2Factor),
        (IntegrationMethod.rk4, EngineInvarianceTests.rk4Factor),
    ])
    func integratorsMatchTheirStepPolynomials(method: IntegrationMethod, factor: Double) throws {
        var model = try Model.parseYAML("""
        time: {initial: 0, final: 1, step: 0.1}
        constants: {K: 1}
        stocks:
          S: {initial: 1, net: -K * S}
        """, file: "decay.yaml")
        model.time.method = method
        let s = try simulate(model)["s"]!
        #expect(close(s.last!, pow(factor, 10), rtol: 1e-14))
    }

    /// Stocks may start from other stocks and auxiliaries: initialisation has its own order.
    @Test func chainedInitialisation() throws {
        let out = try simulate(yaml: """
        time: {initial: 0, final: 2, step: 1}
        auxiliaries:
          Twice A: 2 * A
        stocks:
          B: {initial: Twice A + C, net: 1}
          A: {initial: 3, net: 1}
          C: {initial: A * 10, net: 0}
        """)
        #expect(out["b"]! == [36, 37, 38])
        #expect(out["twice a"]! == [6, 8, 10])
    }
}

enum SIRModel {
    static let yaml = """
    name: SIR
    time: {initial: 0, final: 40, step: 0.125, saveper: 1}
    constants:
      Contact Rate: 0.4
      Recovery Time: 5
      Population: 1000
    auxiliaries:
      Infection Rate: Contact Rate * Susceptible * Infected / Population
      Recovery Rate: Infected / Recovery Time
    stocks:
      Susceptible: {initial: Population - 1, outflows: [Infection Rate]}
      Infected: {initial: 1, inflows: [Infection Rate], outflows: [Recovery Rate]}
      Recovered: {initial: 0, inflows: [Recovery Rate]}
    """
}

/// Compiling for a few outputs drops, inlines and refactors equations; the values must equal
/// the straightforward program's. Reassociating a sum of 16 products changes the last bits
/// only: 1e-13 relative is ~500 ulps, far above the observed few ulps and far below any
/// modelling difference.
@Suite struct OutputDirectedCompilationTests {
    @Test func paperModelFactoredEqualsPlain() throws {
        let model = try loadConfig("cluster-innovation.yaml")
        let names = EngineInvarianceTests.names + ["Peak Height"]
        let plain = try Compiler.compile(model, parameters: names)
        let factored = try Compiler.compile(model, parameters: names, outputs: ["Innovation Capability"])
        #expect(factored.state.count + factored.stockUpdate.fused.ops.count < plain.state.count + plain.stockUpdate.fused.ops.count)
        #expect(factored.variable(named: "Internal Resource Mining") == nil)  // used once: inlined
        var p = Matrix(rows: 257, columns: names.count)
        var rng = SeededGenerator(seed: 9)
        for j in 0..<names.count { for r in 0..<257 { p[r, j] = (j < 8 ? PaperModelTests.nominal[j] : j < 16 ? 0.0015 : 4.6) * (0.5 + rng.nextUnit()) } }
        let a = BatchEngine(threads: 2).run(plain, parameters: p, outputs: [try OutputSeries.saved("Innovation Capability", in: plain)]).values.storage
        let b = BatchEngine(threads: 2).run(factored, parameters: p, outputs: [try OutputSeries.saved("Innovation Capability", in: factored)]).values.storage
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-13 * max(abs(x), 1e-300)) }
    }

    @Test func sirFactoredEqualsPlain() throws {
        let model = try Model.parseYAML(SIRModel.yaml, file: "sir.yaml")
        let plain = try Compiler.compile(model, parameters: ["Contact Rate"])
        let lean = try Compiler.compile(model, parameters: ["Contact Rate"], outputs: ["Recovered"])
        // Used by two stocks: computed once into a column, not inlined twice.
        #expect(lean.variable(named: "Infection Rate") != nil)
        let p = Matrix(rowArrays: [[0.3], [0.5]])
        let a = BatchEngine(threads: 1).run(plain, parameters: p, outputs: [try OutputSeries.saved("Recovered", in: plain)]).values.storage
        let b = BatchEngine(threads: 1).run(lean, parameters: p, outputs: [try OutputSeries.saved("Recovered", in: lean)]).values.storage
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-13 * max(abs(x), 1)) }
    }

    @Test func unknownOutputIsNamed() {
        #expect(throws: CompileError.self) {
            try Compiler.compile(try loadConfig("cluster-innovation.yaml"), outputs: ["Innovation Capabilty"])
        }
    }
}

/// The network's spillover is a linear map of the stocks with batch-shared coefficients: the
/// BLAS program runs it as one dgemm per step. It must equal the fused element-wise program to
/// rounding (dgemm sums in its own order, possibly with FMA: 1e-12 relative over 320 steps
/// leaves orders of margin), and be bit-identical at any thread count.
@Suite struct LinearMapTests {
    @Test(arguments: [IntegrationMethod.euler, .rk4])
    func networkBLASEqualsFused(method: IntegrationMethod) throws {
        var model = try loadConfig("cluster-network.yaml")
        model.time.method = method
        let outputs = ["Innovation Capability[c1]", "Innovation Capability[c30]", "Total Capability"]
        let compiled = try Compiler.compile(model, parameters: ["Spillover", "Peak Height"], outputs: outputs)
        let (width, density, prefersBLAS) = (compiled.stockUpdate.linearMapWidth, compiled.stockUpdate.linearMapDensity, compiled.stockUpdate.prefersBLAS)
        #expect(width == 30)
        // A ring plus a few long links: sparse, where the fused loop is as fast (measured).
        #expect(density < 0.5 && !prefersBLAS)
        var p = Matrix(rows: 200, columns: 2)
        var rng = SeededGenerator(seed: 4)
        for r in 0..<200 { p[r, 0] = 0.2 * rng.nextUnit(); p[r, 1] = 3 + 3 * rng.nextUnit() }
        let series = try outputs.map { try OutputSeries.saved($0, in: compiled) }
        let fused = BatchEngine(threads: 2, chunkSize: 64, update: .fused).run(compiled, parameters: p, outputs: series).values.storage
        let blas = BatchEngine(threads: 2, chunkSize: 64, update: .blas).run(compiled, parameters: p, outputs: series).values.storage
        for (a, b) in zip(fused, blas) { #expect(abs(a - b) <= 1e-12 * max(1, abs(a))) }
        let blas1 = BatchEngine(threads: 1, chunkSize: 64, update: .blas).run(compiled, parameters: p, outputs: series).values.storage
        #expect(blas1.map(\.bitPattern) == blas.map(\.bitPattern))
    }

    /// Every pair linked: a dense map, which `auto` runs as a dgemm.
    @Test func denseNetworkPicksBLAS() throws {
        let model = try Model.parseYAML("""
        time: {initial: 0, final: 5, step: 0.125}
        dimensions:
          Cluster: c1..c12
          Partner: {same as: Cluster}
        constants:
          S: 0.05
          "W[Cluster, Partner]": 0.1
          "K[Cluster]": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
        auxiliaries:
          Total: SUM(C[Cluster!])
        stocks:
          "C[Cluster]": {initial: 1, net: "K[Cluster] * 0.01 + S * (SUM(W[Cluster, Partner!] * C[Partner!]) - 1.2 * C[Cluster])"}
        """, file: "dense.yaml")
        let compiled = try Compiler.compile(model, parameters: ["S"], outputs: ["Total"])
        let (width, density, prefersBLAS) = (compiled.stockUpdate.linearMapWidth, compiled.stockUpdate.linearMapDensity, compiled.stockUpdate.prefersBLAS)
        #expect(width == 12 && density == 1 && prefersBLAS)
        let p = Matrix(rows: 100, columns: 1, storage: (0..<100).map { Double($0) / 500 })
        let out = [try OutputSeries.saved("Total", in: compiled)]
        let fused = BatchEngine(threads: 2, update: .fused).run(compiled, parameters: p, outputs: out).values.storage
        let auto = BatchEngine(threads: 2).run(compiled, parameters: p, outputs: out).values.storage
        for (a, b) in zip(fused, auto) { #expect(abs(a - b) <= 1e-12 * max(1, abs(a))) }
    }
}
