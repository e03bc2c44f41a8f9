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
