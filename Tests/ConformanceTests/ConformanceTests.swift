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
            try simulateAll(try Model.load(path: folder + "/" + c.model, dataFiles: c.dataFiles.map { folder + "/" + $0 }))
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
            let misses = try ConformanceTests.misses(of: try loaded.get(), against: c, rtol: rtol, atol: atol)
            #expect(misses.isEmpty, "\(c.name): \(misses.joined(separator: "; "))")
        case .differs:
            let misses = try ConformanceTests.misses(of: try loaded.get(), against: c, rtol: 1e-5, atol: 1e-5)
            #expect(!misses.isEmpty, "\(c.model) now matches its output: mark it .pass() in ConformanceManifest")
        }
    }

    /// Where a run misses the case's shipped output under |expected − actual| ≤ atol + rtol·|actual|
    /// (at most ten places), or a column the model does not define.
    static func misses(of run: (times: [Double], values: [String: [Double]]), against c: ConformanceCase,
                       rtol: Double, atol: Double) throws -> [String] {
        let (times, values) = run
        let expected = try ExpectedOutput(contentsOfFile: testModelsFolder + "/" + c.name + "/" + c.output)
        // Rows match saved times within the printing precision (about 6 significant digits).
        var rowIndex: [Int] = []
        for t in expected.times {
            let k = times.indices.min { abs(times[$0] - t) < abs(times[$1] - t) }!
            guard abs(times[k] - t) <= 1e-5 * max(1, abs(t)) else { return ["expected time \(t) is not a saved time"] }
            rowIndex.append(k)
        }
        var failures: [String] = []
        for (j, name) in expected.names.enumerated() {
            guard let actual = values[CanonicalName(name).id] else {
                failures.append("no variable '\(name)' in the model")
                continue
            }
            for (r, e) in expected.columns[j].enumerated() {
                let a = actual[rowIndex[r]]
                let ok = e.isNaN ? a.isNaN : abs(e - a) <= atol + rtol * abs(a)
                if !ok && failures.count < 10 { failures.append("'\(name)' at t = \(expected.times[r]): expected \(e), got \(a)") }
            }
        }
        return failures
    }

    /// `sdsweep convert`'s YAML reads back to a model that simulates to the same bits as the
    /// `.mdl` (reference: the `.mdl` run itself; tolerance: exact, the trees are equal).
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: ConformanceManifest.cases.filter { if case .pass = $0.status { true } else { false } })
    func yamlRoundTrip(_ c: ConformanceCase) throws {
        let path = testModelsFolder + "/" + c.name + "/" + c.model
        let mdl = try Model.load(path: path, dataFiles: c.dataFiles.map { testModelsFolder + "/" + c.name + "/" + $0 })
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

    /// Every Vensim row of `shared/test-models/cases.tsv` is listed exactly once.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"))
    func manifestCoversEveryCase() throws {
        let text = try String(contentsOfFile: testModelsFolder + "/cases.tsv", encoding: .utf8)
        let shared = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: "\t").map(String.init) }
            .filter { $0.count > 3 && $0[1] == "mdl" }
        let ours = ConformanceManifest.cases.map { $0.name + "/" + $0.model }
        #expect(shared.count == 147)
        #expect(Set(shared.map { $0[2] }) == Set(ours))
        #expect(ours.count == Set(ours).count, "a file is listed twice")
        for row in shared {
            let c = ConformanceManifest.cases.first { $0.name + "/" + $0.model == row[2] }
            #expect(c.map { $0.name + "/" + $0.output } == row[3], "\(row[2]): its expected output is \(row[3])")
        }
    }
}
