import Dispatch
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// Networks of M clusters coupled by spillover, dC_i/dt = local_i + S·(Σ_j W_ij C_j − d_i C_i):
/// the BLAS program (one dgemm per step) against the fused element-wise program, and the
/// achieved GFLOP/s of the dgemm alone at the same shape. The crossover sets
/// `CompiledModel.StockUpdate.blasMinimumWidth`.
func benchmarkNetwork(sizes: [Int], runs: Int) throws {
    print("\n## Shipped cluster networks (configs/cluster-network*.yaml), Total Capability at 20, Spillover and the 8 shared coefficients per run, \(runs) runs, 320 steps, 1 thread")
    print(row("config", "M", "density", "fused s", "blas s", "blas/fused", "auto picks"))
    for (file, m) in [("cluster-network.yaml", 30), ("cluster-network-100.yaml", 100)] {
        let (compiled, nominal) = try shippedNetwork(file)
        var p = Matrix(rows: runs, columns: nominal.count)
        var rng = SeededGenerator(seed: 2)
        for j in 0..<nominal.count { for r in 0..<runs { p[r, j] = nominal[j] * (0.5 + rng.nextUnit()) } }
        let out = [try OutputSeries.parse("Total Capability", in: compiled)]
        let fused = best { _ = BatchEngine(threads: 1, update: .fused).run(compiled, parameters: p, outputs: out) }
        let blas = best { _ = BatchEngine(threads: 1, update: .blas).run(compiled, parameters: p, outputs: out) }
        print(row(file.replacingOccurrences(of: ".yaml", with: "").replacingOccurrences(of: "cluster-", with: ""), "\(m)", f(compiled.stockUpdate.linearMapDensity * 100, 1) + "%", f(fused, 3), f(blas, 3), f(fused / blas, 2),
                  compiled.stockUpdate.prefersBLAS ? "blas" : "fused"))
    }
    for density in [1.0, 0.2] {
    print("\n## Cluster network: M clusters, \(density == 1 ? "every pair linked" : "ring + 20% random links"), 80 Euler steps, \(runs) runs, S and PH per run, 1 thread, chunk 1024")
    print(row("M", "fused s", "blas s", "blas/fused", "dgemm GF/s", "auto picks"))
    for m in sizes {
        let model = try Model.parseYAML(networkYAML(m: m, density: density), file: "network-\(m).yaml")
        let compiled = try Compiler.compile(model, parameters: ["S", "PH"], outputs: ["Total"])
        var p = Matrix(rows: runs, columns: 2)
        var rng = SeededGenerator(seed: 1)
        for r in 0..<runs { p[r, 0] = 0.1 * rng.nextUnit(); p[r, 1] = 3 + 3 * rng.nextUnit() }
        let out = [try OutputSeries.parse("Total", in: compiled)]
        let fused = best { _ = BatchEngine(threads: 1, update: .fused).run(compiled, parameters: p, outputs: out) }
        let blas = best { _ = BatchEngine(threads: 1, update: .blas).run(compiled, parameters: p, outputs: out) }
        print(row("\(m)", f(fused, 3), f(blas, 3), f(fused / blas, 2), f(dgemmGFlops(rows: 1024, m: m), 1),
                  compiled.stockUpdate.prefersBLAS ? "blas" : "fused"))
    }
    }
}

/// A shipped network config compiled with Spillover and the shared coefficients per run and
/// Total Capability kept; the per-run parameters' nominal values.
func shippedNetwork(_ file: String) throws -> (CompiledModel, nominal: [Double]) {
    let model = try Model.load(path: configPath(file))
    let names = ["Spillover"] + model.constantNames.filter { $0.hasSuffix("Coefficient") }
    let compiled = try Compiler.compile(model, parameters: names, outputs: ["Total Capability"])
    return (compiled, names.map { model.constantValue(named: $0)! })
}

/// GFLOP/s of `(rows × m) · (m × m)`, the shape of one step's spillover over a chunk.
func dgemmGFlops(rows: Int, m: Int) -> Double {
    var a = [Double](repeating: 0.5, count: rows * m), b = [Double](repeating: 0.25, count: m * m)
    var c = [Double](repeating: 0, count: rows * m)
    let calls = max(10, 200_000_000 / (2 * rows * m * m))
    let seconds = best {
        a.withUnsafeMutableBufferPointer { a in b.withUnsafeMutableBufferPointer { b in c.withUnsafeMutableBufferPointer { c in
            for _ in 0..<calls {
                BLAS.gemm(m: rows, n: m, k: m, alpha: 1, a: a.baseAddress!, lda: rows, b: b.baseAddress!, ldb: m,
                          beta: 1, c: c.baseAddress!, ldc: rows)
            }
        } } }
    }
    return Double(calls) * 2 * Double(rows * m * m) / seconds / 1e9
}

/// A network model written out as scalars: a ring plus seeded random long links, symmetric
/// weights with three decimals; the total capability as the output.
func networkYAML(m: Int, density: Double, seed: UInt64 = 11) -> String {
    var rng = SeededGenerator(seed: seed)
    var w = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    for i in 0..<m {
        for j in (i + 1)..<max(i + 1, m) where j - i == 1 || rng.nextUnit() < density {
            w[i][j] = (rng.nextUnit() * 1000).rounded() / 1000
            w[j][i] = w[i][j]
        }
    }
    var lines = ["name: network \(m)", "time: {initial: 0, final: 20, step: 0.25, saveper: 1}", "constants:", "  S: 0.05", "  PH: 4.6"]
    for i in 0..<m { lines.append("  K \(i): \(10 + i % 7)") }
    lines.append("auxiliaries:")
    lines.append("  D: PH * IF THEN ELSE(Time <= 10, Time / 10, (20 - Time) / 10)")
    lines.append("  Total: " + (0..<m).map { "C \($0)" }.joined(separator: " + "))
    lines.append("stocks:")
    for i in 0..<m {
        let links = (0..<m).filter { w[i][$0] != 0 }
        let inflow = links.map { "\(w[i][$0]) * C \($0)" }.joined(separator: " + ")
        let degree = links.reduce(0.0) { $0 + w[i][$1] }
        lines.append("  C \(i): {initial: \(i % 3), net: \"0.0015 * K \(i) * D + S * (\(inflow.isEmpty ? "0" : inflow) - \(degree) * C \(i))\"}")
    }
    return lines.joined(separator: "\n") + "\n"
}
