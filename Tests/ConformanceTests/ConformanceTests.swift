import Foundation
import SweepCompiler
import SweepDiagnostics
import SweepEngine
import SweepModel
import SweepNumerics
import Testing
import TestSupport

/// Where the SD test-models cases live: `shared/test-models` beside the repository (CI clones
/// the repository into some folder with a copy of `shared/` next to it).
let testModelsFolder = Repository.rootURL.deletingLastPathComponent().appendingPathComponent("shared/test-models").path

let testModelsAvailable = FileManager.default.fileExists(atPath: testModelsFolder + "/manifest.tsv")

/// Runs a model once; every variable at every saved time by canonical name, with the control
/// values Vensim prints as columns.
func simulateAll(_ model: Model) throws -> (times: [Double], values: [String: [Double]]) {
    let compiled = try Compiler.compile(model)
    let series = try compiled.variables.map { try OutputSeries.saved($0.name, in: compiled) }
    let out = BatchEngine(threads: 1).run(compiled, parameters: Matrix(rows: 1, columns: 0), outputs: series)
    let times = compiled.time.saveTimes
    var values: [String: [Double]] = [:]
    for (v, s) in series.enumerated() {
        values[CanonicalName(s.name).id] = times.indices.map { out.values[0, v * times.count + $0] }
    }
    let spec = model.time
    for (name, value) in [("initial time", spec.initial), ("final time", spec.final), ("time step", spec.step), ("saveper", spec.saveper)] {
        values[name] = Array(repeating: value, count: times.count)
    }
    return (times, values)
}

@Suite("SD test-models conformance")
struct ConformanceTests {
    /// Reference: Vensim's (or Stella's) own output shipped with each case. Tolerance: PySD's
    /// rule |expected − actual| ≤ 1e-5 + 1e-5·|actual| (the outputs carry about 6 significant
    /// digits), unless the case's entry in `ConformanceManifest` loosens it with a reason.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository (looked in \(testModelsFolder))"),
          arguments: ConformanceManifest.cases)
    func conformance(_ c: ConformanceCase) throws {
        let folder = testModelsFolder + "/" + c.name
        let loaded: Result<(times: [Double], values: [String: [Double]]), Error> = Result {
            try simulateAll(try Model.load(path: folder + "/" + c.model))
        }
        switch c.status {
        case .unsupported(let expected):
            switch loaded {
            case .success: Issue.record("\(c.name) is listed as unsupported ('\(expected)') but now loads and runs: check it and update the manifest")
            case .failure(let error):
                let message = (error as? InputError)?.message ?? "\(error)"
                #expect(error is InputError, "an unsupported feature must be bad input (exit 2), got \(type(of: error))")
                #expect(message == expected)
            }
        case .pass(let rtol, let atol, _):
            let (times, values) = try loaded.get()
            let text = try String(contentsOfFile: folder + "/" + c.output, encoding: .utf8)
            let expected = try ExpectedOutput(text: text, separator: c.output.hasSuffix(".csv") ? "," : "\t")
            // Rows match saved times within the printing precision (about 6 significant digits).
            var rowIndex: [Int] = []
            for t in expected.times {
                let k = times.indices.min { abs(times[$0] - t) < abs(times[$1] - t) }!
                #expect(abs(times[k] - t) <= 1e-5 * max(1, abs(t)), "\(c.name): expected time \(t) is not a saved time")
                rowIndex.append(k)
            }
            var failures: [String] = []
            for (j, name) in expected.names.enumerated() {
                guard let actual = values[CanonicalName(name).id] else {
                    Issue.record("\(c.name): no variable '\(name)' in the model")
                    continue
                }
                for (r, e) in expected.columns[j].enumerated() {
                    let a = actual[rowIndex[r]]
                    let ok = e.isNaN ? a.isNaN : abs(e - a) <= atol + rtol * abs(a)
                    if !ok && failures.count < 10 { failures.append("'\(name)' at t = \(expected.times[r]): expected \(e), got \(a)") }
                }
            }
            #expect(failures.isEmpty, "\(c.name): \(failures.joined(separator: "; "))")
        }
    }

    /// `sdsweep convert`'s YAML reads back to a model that simulates to the same bits as the
    /// `.mdl` (reference: the `.mdl` run itself; tolerance: exact, the trees are equal).
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: ConformanceManifest.cases.filter { if case .pass = $0.status { true } else { false } })
    func yamlRoundTrip(_ c: ConformanceCase) throws {
        let path = testModelsFolder + "/" + c.name + "/" + c.model
        let mdl = try Model.load(path: path)
        let yaml = try Model.parseYAML(mdl.yamlText(), file: c.name + ".yaml")
        #expect(yaml.time == mdl.time)
        #expect(yaml.variables.map(\.id).sorted() == mdl.variables.map(\.id).sorted())  // YAML groups them by section
        let a = try simulateAll(mdl).values, b = try simulateAll(yaml).values
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, xs) in a {
            let ys = b[name] ?? []
            #expect(zip(xs, ys).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) }, "\(c.name): '\(name)' differs after the round trip")
        }
    }

    /// The comparison is not vacuous: teacup with Characteristic Time 10.001 instead of 10
    /// (a 1e-4 relative change) fails PySD's 1e-5 rule somewhere.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"))
    func perturbedModelFails() throws {
        var model = try Model.load(path: testModelsFolder + "/teacup/teacup.mdl")
        let i = model.variables.firstIndex { $0.id == CanonicalName("Characteristic Time") }!
        model.variables[i].kind = .constant(10.001)
        let actual = try simulateAll(model).values[CanonicalName("Teacup Temperature").id]!
        let text = try String(contentsOfFile: testModelsFolder + "/teacup/output.csv", encoding: .utf8)
        let expected = try ExpectedOutput(text: text, separator: ",")
        let j = expected.names.firstIndex(of: "Teacup Temperature")!
        let worst = zip(expected.columns[j], actual).map { abs($0 - $1) - (1e-5 + 1e-5 * abs($1)) }.max()!
        #expect(worst > 0)
    }

    /// Every case of `shared/test-models/manifest.tsv` has a status in `ConformanceManifest`.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"))
    func manifestCoversEveryCase() throws {
        let text = try String(contentsOfFile: testModelsFolder + "/manifest.tsv", encoding: .utf8)
        let shared = text.split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: "\t")[1]) }
        let ours = ConformanceManifest.cases.map(\.name)
        #expect(Set(shared) == Set(ours))
        #expect(ours.count == Set(ours).count, "a case is listed twice")
    }
}
