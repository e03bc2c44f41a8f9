import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// The repository root, for the shipped configs.
let repositoryRoot: String = {
    var url = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    url = "/" + url
    return url
}()

func loadConfig(_ name: String) throws -> Model {
    try Model.load(path: repositoryRoot + "/configs/" + name)
}

/// Runs a model once and returns every variable at every saved time, by canonical name.
func simulate(_ model: Model, overrides: [String: Double] = [:], update: BatchEngine.StockUpdate = .fused) throws -> [String: [Double]] {
    let compiled = try Compiler.compile(model, overrides: overrides)
    let series = try compiled.variables.map { try OutputSeries.saved($0.name, in: compiled) }
    let out = BatchEngine(threads: 1, update: update).run(compiled, parameters: Matrix(rows: 1, columns: 0), outputs: series)
    let n = compiled.time.saveTimes.count
    var result: [String: [Double]] = [:]
    for (v, s) in series.enumerated() {
        result[CanonicalName(s.name).id] = (0..<n).map { out.values[0, v * n + $0] }
    }
    return result
}

func simulate(yaml: String, overrides: [String: Double] = [:]) throws -> [String: [Double]] {
    try simulate(try Model.parseYAML(yaml, file: "test.yaml"), overrides: overrides)
}

/// |a − b| ≤ rtol·|b|.
func close(_ a: Double, _ b: Double, rtol: Double) -> Bool {
    abs(a - b) <= rtol * abs(b)
}

/// A network of `m` clusters written out by hand (no subscripts): each grows with its own
/// coefficient times a shared D(t) and exchanges capability with the others over a fixed
/// weighted adjacency, dC_i/dt = K_i·D(t) + S·(Σ_j W_ij C_j − (Σ_j W_ij) C_i).
func handUnrolledNetwork(m: Int, seed: UInt64 = 11) -> String {
    var rng = SeededGenerator(seed: seed)
    var w = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    // Symmetric (collaboration goes both ways): a ring plus random long links.
    for i in 0..<m {
        for j in (i + 1)..<max(i + 1, m) where j - i == 1 || rng.nextUnit() < 0.2 {
            w[i][j] = (rng.nextUnit() * 1000).rounded() / 1000
            w[j][i] = w[i][j]
        }
    }
    var lines = ["name: network \(m)", "time: {initial: 0, final: 20, step: 0.25, saveper: 1}", "constants:", "  S: 0.05", "  PH: 4.6"]
    for i in 0..<m { lines.append("  K \(i): \(10 + i % 7)") }
    lines.append("auxiliaries:")
    lines.append("  D: PH * IF THEN ELSE(Time <= 10, Time / 10, (20 - Time) / 10)")
    lines.append("stocks:")
    for i in 0..<m {
        let links = (0..<m).filter { w[i][$0] != 0 }
        let inflow = links.map { "\(w[i][$0]) * C \($0)" }.joined(separator: " + ")
        let degree = links.reduce(0.0) { $0 + w[i][$1] }
        lines.append("  C \(i): {initial: \(i % 3), net: \"0.0015 * K \(i) * D + S * (\(inflow.isEmpty ? "0" : inflow) - \(degree) * C \(i))\"}")
    }
    return lines.joined(separator: "\n") + "\n"
}
