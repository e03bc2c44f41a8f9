import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics
import TestSupport

func loadConfig(_ name: String) throws -> Model {
    try Model.load(path: Repository.path("configs/" + name))
}

/// Runs a model once and returns every variable at every saved time, by canonical name.
func simulate(_ model: Model, overrides: [String: Double] = [:]) throws -> [String: [Double]] {
    let run = try Trajectory.simulate(try Compiler.compile(model, overrides: overrides))
    return Dictionary(uniqueKeysWithValues: zip(run.names.map { CanonicalName($0).id }, run.columns))
}

func simulate(yaml: String, overrides: [String: Double] = [:]) throws -> [String: [Double]] {
    try simulate(try Model.parseYAML(yaml, file: "test.yaml"), overrides: overrides)
}
