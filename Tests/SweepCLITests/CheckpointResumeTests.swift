import Foundation
import Testing
import TestSupport

private let paper = Repository.path("configs/cluster-innovation.yaml")

/// Starts `sdsweep` in the background, its output going to files.
private func launch(_ arguments: [String], in dir: URL) throws -> Process {
    let p = Process()
    p.executableURL = RunSDSweep.executable
    p.arguments = arguments
    p.standardOutput = FileHandle.nullDevice
    let err = dir.appendingPathComponent("stderr-\(UUID().uuidString).txt")
    FileManager.default.createFile(atPath: err.path, contents: nil)
    p.standardError = try FileHandle(forWritingTo: err)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    return p
}

private func chunkFiles(_ dir: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasPrefix("chunk-") && $0.hasSuffix(".bin") }
}

/// Waits (at most 20 s) until the checkpoint holds `count` chunks; false if the process ended first.
private func waitForChunks(_ count: Int, in dir: URL, while process: Process) -> Bool {
    let deadline = Date().addingTimeInterval(20)
    while Date() < deadline {
        if chunkFiles(dir).count >= count { return process.isRunning }
        if !process.isRunning { return false }
        usleep(5_000)
    }
    return false
}

@Suite struct CheckpointResumeTests {
    /// A checkpointed sweep killed with SIGKILL at a random chunk, resumed and stopped with
    /// SIGINT, its first chunk then corrupted on disk, and resumed to the end, writes exactly
    /// the bytes of an uninterrupted run; no partial file ever appears under the final name;
    /// the corrupted chunk is detected and recomputed; a checkpoint of another sweep is refused.
    @Test func killInterruptCorruptAndResumeIsBitIdentical() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = dir.appendingPathComponent("p.txt").path
        try "\"Peak Year\" 1 19\n\"Peak Height\" 2 8\n\"Internal Knowledge Restructuring Coefficient\" 10 30\n"
            .write(toFile: problem, atomically: true, encoding: .utf8)
        let samples = dir.appendingPathComponent("x.csv").path
        let made = try RunSDSweep.run(["sample", "random", "--problem", problem, "--n", "80000", "--seed", "8", "--out", samples])
        try #require(made.status == 0, "\(made.stderr)")

        let reference = dir.appendingPathComponent("reference.csv").path
        let outputs = ["--output", "Innovation Capability", "--output", "Innovation Capability@10"]
        let ref = try RunSDSweep.run(["evaluate", paper, "--samples", samples, "--out", reference, "--quiet"] + outputs)
        try #require(ref.status == 0, "\(ref.stderr)")

        let ckpt = dir.appendingPathComponent("ckpt")
        let final = dir.appendingPathComponent("y.csv")
        let sweep = ["evaluate", paper, "--samples", samples, "--out", final.path, "--checkpoint", ckpt.path,
                     "--block", "4096", "--quiet"] + outputs   // 20 blocks

        // 1. SIGKILL once a random number (1…4) of blocks is on disk.
        let killAt = Int.random(in: 1...4)
        let first = try launch(sweep, in: dir)
        try #require(waitForChunks(killAt, in: ckpt, while: first), "the sweep ended before it could be killed")
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: final.path))
        let afterKill = chunkFiles(ckpt).count

        // 2. Resume, then SIGINT once at least two more blocks are done: a clean stop, exit 130.
        let second = try launch(sweep + ["--resume"], in: dir)
        try #require(waitForChunks(afterKill + 2, in: ckpt, while: second), "the resumed sweep ended before it could be interrupted")
        let interruptedAt = Date()
        kill(second.processIdentifier, SIGINT)
        second.waitUntilExit()
        #expect(Date().timeIntervalSince(interruptedAt) < 1.5, "stopping took too long")
        #expect(second.terminationStatus == 130)
        #expect(!FileManager.default.fileExists(atPath: final.path))
        let kept = chunkFiles(ckpt).count
        #expect(kept >= afterKill + 2 && kept < 20)

        // 3. Corrupt one stored double of the first block: detected, set aside, recomputed.
        let chunk0 = ckpt.appendingPathComponent("chunk-000000.bin")
        var bytes = try Data(contentsOf: chunk0)
        bytes[100] ^= 0x01
        try bytes.write(to: chunk0)

        // 4. Resume to the end: the same bytes as the uninterrupted run.
        let third = try RunSDSweep.run(sweep + ["--resume"])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(third.stderr.contains("chunk-000000.bin: checksum mismatch (corrupted); its runs will be computed again"), "\(third.stderr)")
        let got = try Data(contentsOf: final)
        let want = try Data(contentsOf: URL(fileURLWithPath: reference))
        #expect(got == want, "resumed output differs from the uninterrupted run")
        let visible = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") && !$0.hasPrefix("stderr-") }
        #expect(Set(visible) == ["p.txt", "x.csv", "reference.csv", "ckpt", "y.csv"])

        // 5. The same directory for another sweep (other outputs) is refused, not trusted.
        let foreign = try RunSDSweep.run(["evaluate", paper, "--samples", samples, "--checkpoint", ckpt.path, "--block", "4096",
                                          "--resume", "--output", "Innovation Capability@5", "--out", dir.appendingPathComponent("z.csv").path])
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("belongs to a different sweep: its outputs, outputs ("), "\(foreign.stderr)")
        let again = try RunSDSweep.run(sweep)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already holds a checkpoint; add --resume to continue it"), "\(again.stderr)")
    }

    /// `--out-of-core` streams blocks through memory and writes the same bytes as the
    /// in-memory run; `--nonfinite-report` lists the runs that divided by zero.
    @Test func outOfCoreAndNonFiniteReport() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "Peak Year,Peak Height\n"
        for i in 0..<1000 { csv += "\(i % 97 == 17 ? 0 : 1 + Double(i % 19)),\(2 + Double(i % 7) / 2)\n" }
        let samples = dir.appendingPathComponent("x.csv").path
        try csv.write(toFile: samples, atomically: true, encoding: .utf8)
        let a = try RunSDSweep.run(["evaluate", paper, "--samples", samples])
        let b = try RunSDSweep.run(["evaluate", paper, "--samples", samples, "--out-of-core", "--block", "37", "--quiet",
                                    "--nonfinite-report", dir.appendingPathComponent("nf.csv").path])
        #expect(a.status == 0 && b.status == 0, "\(b.stderr)")
        #expect(a.stdout == b.stdout)
        // Peak Year = 0 divides by zero in rows 17, 114, 211, …: 11 of 1000 runs.
        #expect(a.stderr.contains("warning: 11 of 1000 runs produced NaN/Inf (first: run 17 with Peak Year=0.0, Peak Height=3.5 → Innovation Capability; run 114 with"), "\(a.stderr)")
        #expect(a.stdout.split(separator: "\n")[18] == "nan")
        let report = try String(contentsOfFile: dir.appendingPathComponent("nf.csv").path, encoding: .utf8).split(separator: "\n")
        #expect(report.first == "run,Peak Year,Peak Height,nonfinite_outputs")
        #expect(report.count == 12)
        #expect(report[1] == "17,0.0,3.5,Innovation Capability")
    }
}
