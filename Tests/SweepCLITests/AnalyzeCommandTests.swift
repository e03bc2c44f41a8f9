import Foundation
import Testing
import TestSupport

/// `sdsweep analyze` run as a user runs it: the built binary, real files, exit codes.
struct AnalyzeCommandTests {
    static let fixtures = Repository.rootURL.appendingPathComponent("Tests/SweepAnalysisTests/Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    static let sobolArgs = [
        "analyze", "sobol", "--problem", fixture("ishigami.problem"),
        "--samples", fixture("sobol_ishigami_samples.csv"), "--outputs", fixture("sobol_ishigami_outputs.csv"),
    ]

    static func salib(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent(name))) as! [String: Any]
    }

    static func numbers(_ value: Any?) -> [Double] { (value as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan } }

    @Test func sobolOnTheSALibFixtureWritesSALibsIndices() throws {
        let dir = try TemporaryDirectory()
        let out = dir.path("r.json")
        let run = try runSDSweep(Self.sobolArgs + ["--second-order", "--seed", "3", "--out", out])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        // SALib's keys, and beside them what was analysed (ResultFolderTests checks those).
        #expect(Set(json.keys) == ["names", "S1", "S1_conf", "ST", "ST_conf", "S2", "S2_conf", "output", "design"])
        #expect(json["names"] as? [String] == ["x1", "x2", "x3"])
        let salib = try Self.salib("sobol_ishigami_salib.json")
        // Reference: SALib 1.6.0 on the same design; 1e-9 relative (same estimator, only the
        // summation order differs; the JSON holds shortest round-trip doubles).
        for key in ["S1", "ST"] {
            for (o, t) in zip(Self.numbers(json[key]), Self.numbers(salib[key])) { #expect(abs(o - t) <= 1e-9 * abs(t), "\(key)") }
        }
        let s2 = (json["S2"] as! [Any]).map(Self.numbers), theirs = (salib["S2"] as! [Any]).map(Self.numbers)
        for j in 0..<3 {
            for l in 0..<3 {
                if l <= j { #expect(s2[j][l].isNaN) } else { #expect(abs(s2[j][l] - theirs[j][l]) <= 1e-9 * abs(theirs[j][l])) }
            }
        }
        // Without --out the same JSON goes to stdout.
        let again = try runSDSweep(Self.sobolArgs + ["--second-order", "--seed", "3"])
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(again.status == 0 && again.stdout == written)
    }

    @Test func morrisOnTheSALibFixture() throws {
        let run = try runSDSweep([
            "analyze", "morris", "--problem", Self.fixture("ishigami.problem"),
            "--samples", Self.fixture("morris_ishigami_samples.csv"), "--outputs", Self.fixture("morris_ishigami_outputs.csv"),
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        #expect(Set(json.keys) == ["names", "mu", "mu_star", "sigma", "mu_star_conf", "output", "design"])
        // Reference: SALib morris.analyze; 1e-9 relative as in the library test.
        for (o, t) in zip(Self.numbers(json["mu_star"]), Self.numbers(try Self.salib("morris_ishigami_salib.json")["mu_star"])) {
            #expect(abs(o - t) <= 1e-9 * abs(t))
        }
    }

    @Test func prccAndSrcUseTheirKeys() throws {
        for (method, keys) in [("prcc", ["names", "PRCC", "p_value"]), ("src", ["names", "SRC", "R2"])] {
            let run = try runSDSweep([
                "analyze", method, "--problem", Self.fixture("ishigami.problem"),
                "--samples", Self.fixture("morris_ishigami_samples.csv"), "--outputs", Self.fixture("morris_ishigami_outputs.csv"),
            ])
            #expect(run.status == 0, "\(run.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            #expect(Set(json.keys) == Set(keys + ["output", "design"]))
        }
    }

    @Test func badInputsExitWithTwoAndSayWhy() throws {
        let dir = try TemporaryDirectory()
        let lines = try String(contentsOfFile: Self.fixture("sobol_ishigami_outputs.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        let short = dir.path("short.csv")
        try (lines.dropLast().joined(separator: "\n") + "\n").write(toFile: short, atomically: true, encoding: .utf8)
        var withNaN = lines
        withNaN[10] = "nan"
        let nan = dir.path("nan.csv")
        try (withNaN.joined(separator: "\n") + "\n").write(toFile: nan, atomically: true, encoding: .utf8)
        let cases: [([String], [String])] = [
            (Self.sobolArgs.dropLast(2) + ["--outputs", short, "--second-order"], ["2048 rows", "2047"]),
            (Self.sobolArgs + ["--second-order", "--bootstrap", "0"], ["--bootstrap", "got 0"]),
            (Self.sobolArgs + ["--second-order", "--conf", "1.5"], ["--conf", "1.5"]),
            (Self.sobolArgs, ["N·5 rows", "--second-order"]),
            (Self.sobolArgs.dropLast(2) + ["--outputs", nan, "--second-order"], ["nan.csv:11: error: 1 non-finite outputs", "base blocks 1"]),
            (Self.sobolArgs + ["--second-order", "--column", "Z"], ["no output column 'Z'"]),
        ]
        for (args, needles) in cases {
            let run = try runSDSweep(args)
            #expect(run.status == 2, "\(args.suffix(3)): \(run.stderr)")
            #expect(run.stdout.isEmpty)
            for needle in needles { #expect(run.stderr.contains(needle), "'\(needle)' not in: \(run.stderr)") }
        }
        // With the explicit option the NaN block is dropped and the analysis runs.
        let dropped = try runSDSweep(Self.sobolArgs.dropLast(2) + ["--outputs", nan, "--second-order", "--drop-nonfinite"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
    }
}

/// A scratch folder removed when the value goes away.
private final class TemporaryDirectory {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-analyze-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs the built `sdsweep` with `arguments`.
private func runSDSweep(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try RunSDSweep.run(arguments)
    return (r.status, r.stdout, r.stderr)
}
