import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import Testing
import TestSupport

/// The BLAS stock update as generated C (`cblas_dgemm` between the generated loops) against
/// `BatchEngine` running it with `BLAS.gemm`: the same bits.
@Suite("Native engine: the BLAS stock update")
struct BLASUpdateTests {
    /// The shipped networks (sparse: `auto` keeps them fused) and a dense one `auto` sends to
    /// BLAS.
    static let networks = ["configs/cluster-network.yaml", "configs/cluster-network-100.yaml", "dense"]

    @Test(.enabled(if: compilerFound, noCompiler), arguments: networks, [IntegrationMethod.euler, .rk4])
    func networkAgrees(_ name: String, _ method: IntegrationMethod) throws {
        var model = name == "dense" ? try Model.parseYAML(BLASUpdateTests.denseNetwork(clusters: 12), file: "dense.yaml")
            : try Model.load(path: Repository.path(name))
        model.time.method = method
        let names = model.variables.filter { v in
            guard !v.isHidden, v.subscripts.isEmpty, case .constant = v.kind else { return false }
            return true
        }.prefix(12).map(\.name)
        let compiled = try Compiler.compile(model, parameters: names)
        if name == "dense" { #expect(compiled.stockUpdate.prefersBLAS) }
        var generator = SeededGenerator(seed: 5)
        let runs = 19
        var storage: [Double] = []
        for n in names {
            let nominal = model.constantValue(named: n) ?? 1
            storage += (0..<runs).map { _ in nominal * Double.random(in: 0.5...1.5, using: &generator) }
        }
        let parameters = Matrix(rows: runs, columns: names.count, storage: storage)
        let stocks = compiled.variables.filter { $0.role == .stock }
        let final = [compiled.time.saveTimes.last!]
        let outputs = try stocks.map { try OutputSeries.resolve($0.name, times: final, in: compiled) }
            + compiled.variables.filter { $0.role == .auxiliary }.prefix(3).map { try OutputSeries.saved($0.name, in: compiled) }
        for update in [BatchEngine.StockUpdate.blas, .auto] {
            #expect((try? CGenerator(model: compiled, outputs: outputs, update: update)) != nil)
            for (threads, chunk) in [(1, 19), (2, 4)] {
                let native = NativeEngine(threads: threads, chunkSize: chunk, update: update, toolchain: toolchain)
                let out = try native.runNative(compiled, parameters: parameters, outputs: outputs)
                let reference = BatchEngine(threads: threads, chunkSize: chunk, update: update)
                    .run(compiled, parameters: parameters, outputs: outputs)
                #expect(identical(out, reference), "\(name) \(method) \(update) threads \(threads) chunk \(chunk)")
            }
        }
    }

    /// M clusters, every pair linked with its own weight: dC_i/dt = K_i · D + S · (Σ_j W_ij C_j − C_i).
    static func denseNetwork(clusters m: Int) -> String {
        var lines = ["name: dense network", "time: {initial: 0, final: 10, step: 0.25, saveper: 1}", "constants:", "  S: 0.05", "  H: 4"]
        for i in 0..<m { lines.append("  K \(i): \(1 + i % 5)") }
        lines += ["auxiliaries:", "  D: H * IF THEN ELSE(Time <= 5, Time / 5, (10 - Time) / 5)",
                  "  Total: " + (0..<m).map { "C \($0)" }.joined(separator: " + "), "stocks:"]
        for i in 0..<m {
            let inflow = (0..<m).filter { $0 != i }.map { j in "\(Double((i * 7 + j * 3) % 11 + 1) / 8) * C \(j)" }.joined(separator: " + ")
            lines.append("  C \(i): {initial: \(i % 4), net: \"0.01 * K \(i) * D + S * (\(inflow) - C \(i))\"}")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
