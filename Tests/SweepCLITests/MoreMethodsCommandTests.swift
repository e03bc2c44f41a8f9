import Foundation
import Testing
import TestSupport

/// `sample fast|finite-diff` and `analyze efast|rbd-fast|delta|pawn|dgsm` as a user runs them:
/// on SALib's own designs and outputs, the JSON carries SALib 1.6's keys and its values.
struct MoreMethodsCommandTests {
    static func fixture(_ name: String) -> String { AnalyzeCommandTests.fixture(name) }

    func analyze(_ method: String, samples: String, outputs: String, _ extra: [String] = []) throws -> [String: Any] {
        let run = try RunSDSweep.run(["analyze", method, "--problem", Self.fixture("ishigami.problem"),
                                  "--samples", Self.fixture(samples), "--outputs", Self.fixture(outputs)] + extra)
        #expect(run.status == 0, "\(method): \(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
    }

    @Test(arguments: [
        ("efast", "efast_ishigami", "efast_ishigami_salib.json", ["names", "S1", "ST", "S1_conf", "ST_conf"], ["S1", "ST"]),
        ("rbd-fast", "lhs_ishigami", "rbd_fast_ishigami_salib.json", ["names", "S1", "S1_conf"], ["S1"]),
        ("delta", "lhs_ishigami", "delta_ishigami_salib.json", ["names", "delta_raw", "delta_raw_conf", "S1", "S1_conf"], ["delta_raw", "S1"]),
        ("pawn", "lhs_ishigami", "pawn_ishigami_salib.json", ["names", "minimum", "mean", "median", "maximum", "CV", "stdev"], ["median", "CV"]),
        ("dgsm", "dgsm_ishigami", "dgsm_ishigami_salib.json", ["names", "vi", "vi_std", "dgsm", "dgsm_conf"], ["vi", "dgsm"]),
    ])
    func keysAndValuesAreSALibs(method: String, files: String, reference: String, keys: [String], compared: [String]) throws {
        let json = try analyze(method, samples: "\(files)_samples.csv", outputs: "\(files)_outputs.csv")
        #expect(Set(json.keys) == Set(keys + ["output", "design"]), "\(method): \(json.keys.sorted())")
        let salib = try AnalyzeCommandTests.salib(reference)
        // Reference: SALib 1.6 (delta: its estimator on the full sample; Fixtures/README.md).
        // 1e-9 relative or 1e-12 absolute, as in the library tests: only the order of sums and
        // the FFT's rounding differ, and the JSON holds shortest round-trip doubles.
        for key in compared {
            for (o, t) in zip(AnalyzeCommandTests.numbers(json[key]), AnalyzeCommandTests.numbers(salib[key])) {
                #expect(abs(o - t) <= 1e-12 + 1e-9 * abs(t), "\(method) \(key): \(o) vs \(t)")
            }
        }
    }

    @Test func samplersWriteSALibsLayouts() throws {
        // finite-diff: SALib's rows exactly (its Sobol' points, skip 1024, δ = 0.01; 1e-12 for
        // the scaling's rounding). fast: N·k rows whose curves carry the layout's frequencies.
        let dir = try RunSDSweep.scratchDirectory()
        let fd = try RunSDSweep.run(["sample", "finite-diff", "--problem", Self.fixture("ishigami.problem"), "--n", "500", "--out", dir.appendingPathComponent("f.csv").path])
        #expect(fd.status == 0, "\(fd.stderr)")
        let ours = try CSVRows.read(dir.appendingPathComponent("f.csv").path), salib = try CSVRows.read(Self.fixture("dgsm_ishigami_samples.csv"))
        #expect(ours.count == salib.count && ours.count == 2000)
        for (a, b) in zip(ours, salib) { for (x, y) in zip(a, b) { #expect(abs(x - y) < 1e-12) } }
        let fast = try RunSDSweep.run(["sample", "fast", "--problem", Self.fixture("ishigami.problem"), "--n", "65", "--m", "4", "--seed", "2"])
        #expect(fast.status == 0 && fast.stdout.split(separator: "\n").count == 1 + 65 * 3, "\(fast.stderr)")
        let small = try RunSDSweep.run(["sample", "fast", "--problem", Self.fixture("ishigami.problem"), "--n", "64"])
        #expect(small.status == 2 && small.stderr.contains("eFAST needs N > 4M² = 64"), "\(small.stderr)")
    }

    @Test func theSobolEstimatorIsChosenAndRecorded() throws {
        let args = ["--bootstrap", "10", "--second-order"]
        let saltelli = try analyze("sobol", samples: "sobol_ishigami_samples.csv", outputs: "sobol_ishigami_outputs.csv", args)
        let jansen = try analyze("sobol", samples: "sobol_ishigami_samples.csv", outputs: "sobol_ishigami_outputs.csv", args + ["--estimator", "jansen"])
        #expect(((jansen["design"] as? [String: Any])?["estimator"] as? String) == "jansen")
        #expect(AnalyzeCommandTests.numbers(jansen["S1"]) != AnalyzeCommandTests.numbers(saltelli["S1"]))
        #expect(AnalyzeCommandTests.numbers(jansen["ST"]) == AnalyzeCommandTests.numbers(saltelli["ST"]), "both use Jansen's ST")
    }
}

/// A CSV of numbers with a header, as rows.
enum CSVRows {
    static func read(_ path: String) throws -> [[Double]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
    }
}
