import Foundation
import Testing

private let mpiPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let configs = mpiPackage.deletingLastPathComponent().appendingPathComponent("configs")
private let paper = configs.appendingPathComponent("cluster-innovation.yaml").path

/// A finished process: exit status and what it printed.
struct Finished {
    var status: Int32
    var stdout: Data
    var stderr: String
}

/// The built executables beside the test bundle (Linux: `Bundle.main` is `.build/debug`).
func executable(_ name: String) throws -> String {
    let main = Bundle.main.bundleURL
    let candidates = [main.appendingPathComponent(name), main.deletingLastPathComponent().appendingPathComponent(name),
                      mpiPackage.appendingPathComponent(".build/debug/\(name)")]
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates[0].path])
    }
    return found.path
}

/// Runs `arguments[0]` (a path, or a name looked up in PATH) with the rest as its arguments.
func launch(_ arguments: [String]) throws -> Finished {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    // CI and this machine run as root, which mpirun refuses unless told.
    env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    p.environment = env
    let dir = FileManager.default.temporaryDirectory
    let outURL = dir.appendingPathComponent("mpi-out-\(UUID().uuidString)"), errURL = dir.appendingPathComponent("mpi-err-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    p.standardError = try FileHandle(forWritingTo: errURL)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return Finished(status: p.terminationStatus, stdout: (try? Data(contentsOf: outURL)) ?? Data(),
                    stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
}

/// `sdsweep-mpi` on `ranks` ranks of this machine (oversubscribed: it has 2 cores).
func mpirun(_ ranks: Int, _ arguments: [String]) throws -> Finished {
    try launch(["mpirun", "--oversubscribe", "--bind-to", "none", "-np", "\(ranks)", try executable("sdsweep-mpi")] + arguments)
}

/// `sdsweep`, the single-process tool, built from the root package.
func sdsweep(_ arguments: [String]) throws -> Finished {
    try launch([try executable("sdsweep")] + arguments)
}

func scratch() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-mpi-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

func contents(_ dir: URL, except: Set<String> = []) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where !except.contains(name) {
        out[name] = try Data(contentsOf: dir.appendingPathComponent(name))
    }
    return out
}

/// `mpirun -np 2|3 sdsweep-mpi …` against `sdsweep …` in one process: the same bytes. Two
/// ranks split the runs evenly, three leave a remainder (uneven blocks).
@Suite(.serialized) struct MPIRunTests {
    /// `evaluate` of 1001 random runs (two outputs) on 2 and 3 ranks writes the bytes of one
    /// process, to a file and to stdout (where a second copy would show that a non-root rank
    /// printed); a shard evaluated over the ranks equals the one-process shard.
    @Test(arguments: [2, 3]) func evaluateEqualsOneProcess(ranks: Int) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("p.txt").path
        try "\"Peak Year\" 1 19\n\"Peak Height\" 2 8\n\"Internal Knowledge Restructuring Coefficient\" 10 30\n"
            .write(toFile: problem, atomically: true, encoding: .utf8)
        let samples = dir.appendingPathComponent("x.csv").path
        let made = try sdsweep(["sample", "random", "--problem", problem, "--n", "1001", "--seed", "9", "--out", samples])
        try #require(made.status == 0, "\(made.stderr)")
        let args = ["evaluate", paper, "--samples", samples, "--output", "Innovation Capability", "--output", "Innovation Capability@10",
                    "--quiet", "--threads", "1", "--chunk-size", "64"]

        let one = dir.appendingPathComponent("one.csv").path, many = dir.appendingPathComponent("many.csv").path
        let single = try sdsweep(args + ["--out", one])
        try #require(single.status == 0, "\(single.stderr)")
        let spread = try mpirun(ranks, args + ["--out", many])
        #expect(spread.status == 0, "\(spread.stderr)")
        let expected = try Data(contentsOf: URL(fileURLWithPath: one))
        #expect(try Data(contentsOf: URL(fileURLWithPath: many)) == expected)

        let printed = try mpirun(ranks, args)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == expected)

        let shardOne = dir.appendingPathComponent("s1.csv").path, shardMany = dir.appendingPathComponent("s2.csv").path
        #expect(try sdsweep(args + ["--shard", "1/2", "--out", shardOne]).status == 0)
        #expect(try mpirun(ranks, args + ["--shard", "1/2", "--out", shardMany]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: shardMany)) == Data(contentsOf: URL(fileURLWithPath: shardOne)))
    }

    /// `sobol` on the shipped paper study (N = 64: 320 runs, outputs over time too) on 2 and 3
    /// ranks writes sobol.json, sobol.csv and sobol-over-time.csv byte-identical to one process.
    @Test(arguments: [2, 3]) func sobolEqualsOneProcess(ranks: Int) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = configs.appendingPathComponent("cluster-innovation-study.yaml").path
        let args = ["sobol", study, "--n", "64", "--bootstrap", "50", "--threads", "1", "--quiet"]
        let one = dir.appendingPathComponent("one"), many = dir.appendingPathComponent("many")
        let single = try sdsweep(args + ["--out", one.path])
        try #require(single.status == 0, "\(single.stderr)")
        let spread = try mpirun(ranks, args + ["--out", many.path])
        #expect(spread.status == 0, "\(spread.stderr)")
        // provenance.json differs (command line, stage times); the manifest lists the same files.
        let expected = try contents(one, except: ["provenance.json"])
        #expect(expected.keys.sorted() == [".sdsweep-manifest.json", "sobol-over-time.csv", "sobol.csv", "sobol.json"])
        #expect(try contents(many, except: ["provenance.json"]) == expected)
    }

    /// `run` of the shipped SIR study (every stage: baseline, OAT, Sobol', Morris, PRCC,
    /// robustness, one collective sweep after another) on 3 ranks writes every result file of
    /// one process; only provenance.json and report.html differ (stage times, command line).
    @Test func runStudyEqualsOneProcess() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = configs.appendingPathComponent("sir-study.yaml").path
        let one = dir.appendingPathComponent("one"), many = dir.appendingPathComponent("many")
        let single = try sdsweep(["run", study, "--out", one.path, "--threads", "1", "--quiet"])
        try #require(single.status == 0, "\(single.stderr)")
        let spread = try mpirun(3, ["run", study, "--out", many.path, "--threads", "1", "--quiet"])
        #expect(spread.status == 0, "\(spread.stderr)")
        let timed: Set = ["provenance.json", "report.html"]
        let expected = try contents(one, except: timed)
        #expect(expected.count >= 10)
        #expect(try contents(many, except: timed) == expected)
        #expect(FileManager.default.fileExists(atPath: many.appendingPathComponent("report.html").path))
    }

    /// Bad input fails the whole job with exit 2 and rank 0's diagnostic; `--checkpoint`
    /// (one process's directory) is refused under mpirun.
    @Test func badInputAndCheckpointAreRefused() throws {
        let missing = try mpirun(2, ["evaluate", "no-such-model.yaml", "--samples", "x.csv"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-model.yaml: error:"), "\(missing.stderr)")

        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let samples = dir.appendingPathComponent("x.csv").path
        try "Peak Year\n10\n12\n".write(toFile: samples, atomically: true, encoding: .utf8)
        let checkpoint = try mpirun(2, ["evaluate", paper, "--samples", samples, "--checkpoint", dir.appendingPathComponent("ck").path])
        #expect(checkpoint.status == 2)
        #expect(checkpoint.stderr.contains("--checkpoint is not available under mpirun"), "\(checkpoint.stderr)")
    }
}
