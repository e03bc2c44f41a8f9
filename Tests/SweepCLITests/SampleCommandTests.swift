import Foundation
import Testing
import TestSupport
import SweepSampling
import SweepStudy

/// `sdsweep sample`, run as a process: the CSV contract of docs/architecture.md §7 and exit code 2 on bad input.
@Suite struct SampleCommandTests {
    /// The sampling fixtures (made with scipy/SALib; see their README).
    static let fixtures = Repository.rootURL.appendingPathComponent("Tests/SweepSamplingTests/Fixtures")

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// CSV text as header and rows of doubles.
    static func parse(_ csv: String) -> (header: [String], rows: [[Double]]) {
        var lines = csv.split(separator: "\n").map(String.init)
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        return (header, lines.map { $0.split(separator: ",").map { Double($0)! } })
    }

    @Test func sobolReproducesSALibBitForBit() throws {
        // Reference: SALib 1.6.0 sobol.sample(problem, 16, calc_second_order=True,
        // scramble=False). Tolerance none: the CSV holds shortest round-trip decimals on both
        // sides, so equal doubles print as equal text.
        let result = try RunSDSweep.run(["sample", "sobol", "--problem", Self.fixture("problem-3.txt"),
                                         "--n", "16", "--second-order", "--no-scramble"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let reference = try String(contentsOfFile: Self.fixture("saltelli-salib-second-order-n16.csv"), encoding: .utf8)
        let (h1, r1) = Self.parse(result.stdout), (h2, r2) = Self.parse(reference)
        #expect(h1 == ["x1", "Second Factor", "x3"] && h1 == h2)
        #expect(r1.count == 128 && r1 == r2)
    }

    @Test func sobolSeqWritesAtomicallyToOut() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("p.txt")
        try (0..<10).map { "x\($0) 0 1" }.joined(separator: "\n").write(to: problem, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("nested/sobol.csv").path
        let result = try RunSDSweep.run(["sample", "sobol-seq", "--problem", problem.path, "--n", "64",
                                         "--no-scramble", "--out", out])
        #expect(result.status == 0 && result.stdout.isEmpty)
        // Reference: scipy Sobol(10, scramble=False).random(64) on [0, 1] bounds (u·1 + 0 = u
        // exactly), tolerance none.
        let written = try String(contentsOfFile: out, encoding: .utf8)
        let reference = try String(contentsOfFile: Self.fixture("sobol-scipy-10d-64.csv"), encoding: .utf8)
        #expect(Self.parse(written).rows == Self.parse(reference).rows)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("nested").path) == ["sobol.csv"])
    }

    @Test(arguments: [
        (["lhs", "--n", "20"], 20),
        (["lhs", "--n", "20", "--variant", "maximin", "--candidates", "3"], 20),
        (["random", "--n", "7"], 7),
        (["morris", "--n", "5", "--levels", "6"], 5 * 4),
        (["sobol", "--n", "8"], 8 * 5),
        (["oat"], 1 + 2 * 3),
        (["oat", "--direction", "up", "--change", "0.2"], 1 + 3),
        (["grid", "--levels", "2"], 8),
    ])
    func everyMethodWritesOneRowPerRun(arguments: [String], rows: Int) throws {
        let result = try RunSDSweep.run(["sample", arguments[0], "--problem", Self.fixture("problem-3.txt")]
                                        + arguments.dropFirst() + ["--seed", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        let (header, body) = Self.parse(result.stdout)
        #expect(header == ["x1", "Second Factor", "x3"])
        #expect(body.count == rows)
        #expect(body.allSatisfy { $0.count == 3 })
        // Same seed, same bytes.
        let again = try RunSDSweep.run(["sample", arguments[0], "--problem", Self.fixture("problem-3.txt")]
                                       + arguments.dropFirst() + ["--seed", "5"])
        #expect(again.stdout == result.stdout)
    }

    @Test func warningsGoToStandardError() throws {
        let result = try RunSDSweep.run(["sample", "sobol-seq", "--problem", Self.fixture("problem-3.txt"), "--n", "10"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: the balance properties of Sobol' points require N to be a power of 2"))
        #expect(Self.parse(result.stdout).rows.count == 10)
    }

    @Test func readsAStudyFile() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("study.yaml")
        // A study file is read whole (its model loaded, so relative ranges resolve): give it one.
        try "name: m\ntime: {initial: 0, final: 1, step: 1}\nconstants:\n  Peak Height: 4.6\n  A: 1\n"
            .write(to: dir.appendingPathComponent("cluster.yaml"), atomically: true, encoding: .utf8)
        try """
            model: cluster.yaml
            parameters:
              - {name: Peak Height, distribution: triangular, lower: 3, mode: 4.6, upper: 6}
              - {name: A, distribution: normal, mean: 1, sd: 0.1}
            outputs: [A]
            """.write(to: study, atomically: true, encoding: .utf8)
        // Unscrambled row 0 is u = 0: the triangular's lower bound, and the normal clamped to
        // Φ⁻¹(2⁻⁵³) ≈ −8.21 sd instead of −∞.
        let result = try RunSDSweep.run(["sample", "sobol-seq", "--problem", study.path, "--n", "4", "--no-scramble"])
        #expect(result.status == 0, "\(result.stderr)")
        let (header, rows) = Self.parse(result.stdout)
        #expect(header == ["Peak Height", "A"])
        #expect(rows[0][0] == 3 && rows[0][1].isFinite && abs(rows[0][1] - (1 - 0.821)) < 1e-3)
    }

    @Test(arguments: [
        ("p.txt", "a 0 1\nb 2 1\n", ["sobol", "--n", "8"], "p.txt:2:3: error: parameter 'b': lower (2.0) must be below upper (1.0)"),
        ("p.txt", "a 0 1\na 0 1\n", ["lhs", "--n", "8"], "p.txt:2:1: error: duplicate parameter 'a'"),
        ("p.txt", "a 0 1\n", ["sobol", "--n", "0"], "error: N must be at least 1"),
        ("p.txt", "a 0 1\n", ["morris", "--n", "4", "--levels", "1"], "error: Morris needs at least 2 levels"),
        ("p.txt", "a 0 1\n", ["lhs"], "error: sample lhs needs --n"),
        ("s.yaml", "parameters:\n  - {name: X, distribution: gamma}\n", ["random", "--n", "4"], "s.yaml:2:29: error: parameter 'X': unknown distribution 'gamma'"),
        ("s.yaml", "parameters:\n  - {name: X, distribution: normal, mean: 0, sd: -1}\n", ["random", "--n", "4"], "s.yaml:2:50: error: parameter 'X': sd must be positive"),
        ("s.yaml", "parameters:\n  - {name: X, relative: 0.5}\n", ["lhs", "--n", "4"], "s.yaml:2:12: error: parameter 'X': a relative range needs a nominal value"),
    ])
    func badInputExitsTwoWithADiagnostic(file: String, content: String, arguments: [String], message: String) throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent(file)
        try content.write(to: path, atomically: true, encoding: .utf8)
        let result = try RunSDSweep.run(["sample", arguments[0], "--problem", path.path] + arguments.dropFirst())
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let expected = message.hasPrefix("error:") ? message : path.deletingLastPathComponent().path + "/" + message
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func tooManyParametersForTheDirectionNumbers() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("wide.txt")
        try (0..<501).map { "p\($0) 0 1" }.joined(separator: "\n").write(to: problem, atomically: true, encoding: .utf8)
        let result = try RunSDSweep.run(["sample", "sobol", "--problem", problem.path, "--n", "4"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("Joe–Kuo direction numbers shipped cover 1000"))
    }

    @Test func unknownMethodIsAUsageErrorExitingTwo() throws {
        let result = try RunSDSweep.run(["sample", "fast", "--problem", Self.fixture("problem-3.txt"), "--n", "4"])
        #expect(result.status == 2)
    }

    /// A study file's `correlations:` apply to `sample lhs` and `sample random` as they do to
    /// the study's own designs, and refuse the designs that assume independent inputs.
    @Test func studyCorrelationsReachTheSampledDesign() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = dir.appendingPathComponent("s.yaml")
        try """
        model: \(Repository.root)/configs/sir.yaml
        parameters:
          - {name: Contact Rate, lower: 4, upper: 8}
          - {name: Infectivity, lower: 0.03, upper: 0.07}
          - {name: Recovery Time, lower: 5, upper: 10}
        correlations:
          - {between: [Contact Rate, Infectivity], rank: -0.6}
        outputs: [Recovered]
        methods:
          prcc: {n: 100}
        """.write(to: study, atomically: true, encoding: .utf8)
        for method in ["lhs", "random"] {
            let result = try RunSDSweep.run(["sample", method, "--problem", study.path, "--n", "4000", "--seed", "9"])
            #expect(result.status == 0, "\(result.stderr)")
            let rows = Self.parse(result.stdout).rows
            // Reference: the requested −0.6. Tolerance 0.03 at n = 4000: Iman–Conover's
            // error is about 1/√n ≈ 0.016 plus the scores' own noise.
            let rho = RankCorrelation.spearman(rows.map { $0[0] }, rows.map { $0[1] })
            #expect(abs(rho + 0.6) < 0.03, "\(method): ρ = \(rho)")
            // The independent pair stays so: reference 0, 0.06 ≈ four standard errors (1/√(n − 1)).
            #expect(abs(RankCorrelation.spearman(rows.map { $0[0] }, rows.map { $0[2] })) < 0.06)
        }
        // The same bits as the design a study makes at the same seed.
        let lhs = Self.parse(try RunSDSweep.run(["sample", "lhs", "--problem", study.path, "--n", "50", "--seed", "9"]).stdout).rows
        let parsed = try Study.load(path: study.path)
        let expected = try Study.imposing(parsed.correlations, on: try LatinHypercube().sample(parsed.space, n: 50, seed: 9).samples,
                                          names: parsed.space.names, seed: 9)
        #expect(lhs == (0..<50).map { expected.row($0) })
        let morris = try RunSDSweep.run(["sample", "morris", "--problem", study.path, "--n", "4"])
        #expect(morris.status == 2)
        #expect(morris.stderr.contains("correlations apply to lhs and random designs; morris assumes independent inputs"), "\(morris.stderr)")
    }
}

@Suite struct RunSDSweepTests {
    /// The helper finds the binary of this build (on Linux Bundle.main is the build directory
    /// itself, .build/<triple>/debug; on macOS the directory holding the .xctest), not only the
    /// `.build/debug` fallback, and what it found is a working `sdsweep`.
    @Test func findsTheBuiltExecutable() throws {
        let candidates = RunSDSweep.candidates
        let found = try #require(RunSDSweep.locate(), "no sdsweep in \(candidates.map(\.path))")
        #expect(found == RunSDSweep.executable)
        #expect(candidates.dropLast().contains(found), "\(found.path) is not beside the test bundle")
        let help = try RunSDSweep.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE: sdsweep"), "\(help.stdout)")
    }
}
