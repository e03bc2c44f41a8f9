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
func simulate(_ model: Model, overrides: [String: Double] = [:]) throws -> [String: [Double]] {
    let run = try Trajectory.simulate(try Compiler.compile(model, overrides: overrides))
    return Dictionary(uniqueKeysWithValues: zip(run.names.map { CanonicalName($0).id }, run.columns))
}

func simulate(yaml: String, overrides: [String: Double] = [:]) throws -> [String: [Double]] {
    try simulate(try Model.parseYAML(yaml, file: "test.yaml"), overrides: overrides)
}

/// |a − b| ≤ rtol·|b|.
func close(_ a: Double, _ b: Double, rtol: Double) -> Bool {
    abs(a - b) <= rtol * abs(b)
}
