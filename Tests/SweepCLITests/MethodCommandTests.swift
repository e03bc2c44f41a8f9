import Foundation
import Testing
import TestSupport

/// `sdsweep oat|sobol|morris|robustness|run`: sample, run and analyse in one process.
@Suite struct MethodCommandTests {
    func scratch() throws -> String { try RunSDSweep.scratchDirectory().path }

    @Test func sobolOnAModelWithAProblemPrintsSALibKeys() throws {
        let dir = try scratch()
        try "\"Contact Rate\" 4 8\nInfectivity 0.03 0.07\n\"Recovery Time\" 5 9\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        let r = try RunSDSweep.run(["sobol", Repository.root + "/configs/sir.yaml", "--problem", dir + "/p.txt", "--output", "Recovered",
                                    "--n", "128", "--bootstrap", "20", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["names"] as? [String] == ["Contact Rate", "Infectivity", "Recovery Time"])
        for key in ["S1", "S1_conf", "ST", "ST_conf"] { #expect((json[key] as? [Double])?.count == 3, "\(key)") }
    }

    @Test func oatAndRobustnessWriteTheirFiles() throws {
        let dir = try scratch()
        let study = Repository.root + "/configs/cluster-innovation-study.yaml"
        let oat = try RunSDSweep.run(["oat", study, "--out", dir, "--quiet"])
        #expect(oat.status == 0, "\(oat.stderr)")
        let csv = try String(contentsOfFile: dir + "/oat.csv", encoding: .utf8).split(separator: "\n")
        // Header + 8 coefficients × (final time + 3 times listed in the study) outputs.
        #expect(csv.count == 1 + 8 * 4)
        #expect(csv.contains { $0.hasPrefix("Innovation Capability,Internal Knowledge Restructuring Coefficient,internal elements,0.5,5.52") })
        let rob = try RunSDSweep.run(["robustness", study, "--n", "50", "--out", dir])
        #expect(rob.status == 0)
        #expect(rob.stderr.contains("ranks first among internal elements in"))
        #expect(FileManager.default.fileExists(atPath: dir + "/robustness.csv"))
    }

    @Test func runWritesTheReportAndPrintsItsPath() throws {
        let dir = try scratch()
        let r = try RunSDSweep.run(["run", Repository.root + "/configs/sir-study.yaml", "--out", dir, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == dir + "/report.html\n")
        let html = try String(contentsOfFile: dir + "/report.html", encoding: .utf8)
        // Self-contained: figures inline, nothing fetched from the network, no scripts.
        #expect(html.components(separatedBy: "<svg").count - 1 >= 6)
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("<script"))
        for f in ["baseline.csv", "oat.csv", "sobol.json", "sobol-over-time.csv", "morris.json", "prcc.json", "robustness.csv",
                  "runs-summary.csv", "provenance.json", "fig-baseline.svg", "fig-fan.svg", "fig-sobol.svg", "fig-morris.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + f), "\(f)")
        }
    }

    /// `--quiet` hides progress and stage lines, not warnings; the warnings are in provenance.json.
    @Test func quietHidesProgressNotWarnings() throws {
        let dir = try scratch()
        let study = try String(contentsOfFile: Repository.root + "/configs/sir-study.yaml", encoding: .utf8)
            .replacingOccurrences(of: "model: sir.yaml", with: "model: \(Repository.root)/configs/sir.yaml")
        let sobol = try #require(study.split(separator: "\n").first { $0.contains("sobol:") })
        let edited = study.replacingOccurrences(of: String(sobol), with: "  sobol: {n: 100, bootstrap: 20}")
        try edited.write(toFile: dir + "/s.yaml", atomically: true, encoding: .utf8)
        let r = try RunSDSweep.run(["run", dir + "/s.yaml", "--out", dir + "/out", "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let warning = "warning: the balance properties of Sobol' points require N to be a power of 2; N = 100"
        #expect(r.stderr == warning + "\n")
        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/provenance.json"))) as! [String: Any]
        #expect(provenance["warnings"] as? [String] == [warning])
        let html = try String(contentsOfFile: dir + "/out/report.html", encoding: .utf8)
        #expect(html.contains("the balance properties of Sobol&#39; points") || html.contains("the balance properties of Sobol' points"))
    }

    @Test(arguments: [
        (["sobol", "STUDY", "--n", "0"], "error: --n must be at least 1"),
        (["sobol", "STUDY", "--output", "Recoverd"], "error: --output: unknown variable 'Recoverd'; did you mean 'Recovered'?"),
        (["morris", "STUDY", "--levels", "1"], "error: --levels must be at least 2"),
        (["run", "MISSING.yaml"], "MISSING.yaml: error: cannot read: No such file or directory"),
        (["oat", "STUDY", "--direction", "sideways"], "error: --direction must be up, down or both"),
        // Negative numbers reach the validation (not "Missing value for '--n <n>'").
        (["sobol", "STUDY", "--n", "-5"], "error: --n must be at least 1"),
        (["sobol", "STUDY", "--threads", "-1"], "error: --threads must be at least 1"),
        (["run", "STUDY", "--threads", "0"], "error: --threads must be at least 1"),
        (["evaluate", "MODEL", "--samples", "x.csv", "--threads", "-1"], "error: --threads must be at least 1"),
        (["simulate", "MODEL", "--dt", "-1"], "error: TIME STEP must be positive, got -1.0"),
        // A model where a study was expected says what is missing.
        (["sobol", "MODEL", "--n", "16"], "sir.yaml: error: this is a model, not a study: give --problem P"),
        (["morris", "MDL"], "cluster-innovation.mdl: error: this is a model, not a study: give --problem P"),
    ])
    func badInputExitsTwo(args: [String], message: String) throws {
        let paths = ["STUDY": "configs/sir-study.yaml", "MODEL": "configs/sir.yaml", "MDL": "configs/cluster-innovation.mdl"]
        let r = try RunSDSweep.run(args.map { paths[$0].map { Repository.root + "/" + $0 } ?? $0 })
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}

/// A method's settings are checked before anything runs: a flag as it is parsed (before the
/// study is even read), a study file's value as the file is read, with its line.
@Suite struct SettingsCheckedBeforeAnyRunTests {
    @Test func oneBootstrapResampleOnTheCommandLineFailsAtParse() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        // The study does not exist: the flag is refused before the file would be opened.
        let r = try RunSDSweep.run(["sobol", dir + "/no-such-study.yaml", "--bootstrap", "1", "--out", dir + "/out"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: --bootstrap must be at least 2\n", "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
    }

    @Test func oneBootstrapResampleInAStudyFileFailsWithItsLine() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        let study = dir + "/s.yaml"
        try """
        model: \(Repository.root)/configs/sir.yaml
        parameters:
          - {name: Contact Rate, lower: 4, upper: 8}
        outputs: [Recovered]
        methods:
          sobol: {n: 64, bootstrap: 1}
        """.write(toFile: study, atomically: true, encoding: .utf8)
        for args in [["run", study, "--out", dir + "/out"], ["sobol", study, "--out", dir + "/out"]] {
            let r = try RunSDSweep.run(args)
            #expect(r.status == 2)
            #expect(r.stderr == study + ":6:29: error: bootstrap must be a whole number ≥ 2\n", "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
        }
    }

    @Test(arguments: [
        (["sobol", "--conf", "1"], "error: --conf must be strictly between 0 and 1"),
        (["morris", "--candidates", "0"], "error: --candidates must be at least 1"),
        (["robustness", "--change", "0"], "error: --change must be positive"),
        (["run", "--threads", "0"], "error: --threads must be at least 1"),
    ])
    func badFlagsExitTwoBeforeTheStudyIsRead(args: [String], message: String) throws {
        let r = try RunSDSweep.run([args[0], "/no/such/study.yaml"] + args.dropFirst())
        #expect(r.status == 2)
        #expect(r.stderr == message + "\n", "\(r.stderr)")
    }
}

/// The file-based workflow SALib users drive: sample → evaluate → analyze, on a study's space.
@Suite struct FilePipelineTests {
    @Test func sampleEvaluateAnalyzeOnAStudysSpace() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        let study = Repository.root + "/configs/sir-study.yaml"
        #expect(try RunSDSweep.run(["sample", "sobol", "--problem", study, "--n", "64", "--seed", "5", "--out", dir + "/x.csv"]).status == 0)
        let e = try RunSDSweep.run(["evaluate", Repository.root + "/configs/sir.yaml", "--samples", dir + "/x.csv", "--output", "Recovered", "--out", dir + "/y.csv"])
        #expect(e.status == 0, "\(e.stderr)")
        let a = try RunSDSweep.run(["analyze", "sobol", "--problem", study, "--samples", dir + "/x.csv", "--outputs", dir + "/y.csv", "--seed", "1"])
        #expect(a.status == 0, "\(a.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as! [String: Any]
        let st = try #require(json["ST"] as? [Double])
        // Four factors; Recovered at day 100 depends on all of them, and the indices are
        // fractions of a variance: within [−0.2, 1.2] even at N = 64 (bootstrap scatter).
        #expect(st.count == 4 && st.allSatisfy { $0 > -0.2 && $0 < 1.2 })
    }
}

/// Runs that produce NaN are reported and refused by the analysis, unless the user asks to
/// drop them.
@Suite struct NonFiniteRunTests {
    @Test func sobolRefusesNaNRunsUnlessAskedToDropThem() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        try """
        time: {initial: 0, final: 1, step: 1}
        constants: {X: 0.5, Z: 0.5}
        auxiliaries:
          Y: SQRT(X - 0.2) + Z
        """.write(toFile: dir + "/m.yaml", atomically: true, encoding: .utf8)
        try "X 0 1\nZ 0 1\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        let args = ["sobol", dir + "/m.yaml", "--problem", dir + "/p.txt", "--output", "Y", "--n", "64", "--bootstrap", "10"]
        let refused = try RunSDSweep.run(args)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("runs produced NaN/Inf (first: run"), "\(refused.stderr)")
        #expect(refused.stderr.contains("non-finite"), "\(refused.stderr)")
        let dropped = try RunSDSweep.run(args + ["--drop-nonfinite", "--quiet"])
        #expect(dropped.status == 0, "\(dropped.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(dropped.stdout.utf8)) as! [String: Any]
        #expect((json["ST"] as? [Double])?.count == 2)
    }
}
