import Foundation
import Testing
import TestSupport

/// Equal up to 1e-9 relative per number: the expectations were written by `swift test`,
/// where OpenBLAS keeps its own thread pool, and this binary sets it to one thread, so the
/// LAPACK least squares behind PRCC rounds its last bits differently (1e-15), which p-values
/// of 1e-220 in the far tail amplify to 1e-12; everything else matches to the bit.
fileprivate func sameNumbers(_ a: String, _ b: String) -> Bool {
    firstNumericMismatch(a, b, rtol: 1e-9, atol: 1e-9 * 1e-300) == nil
}

/// `sdsweep run` interrupted with SIGINT keeps its finished blocks and exits 130; `--resume`
/// finishes the study, and its results equal the uninterrupted run's stored expectations.
@Suite struct StudyResumeTests {
    @Test func interruptedStudyResumesToTheSameResults() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        let study = Repository.root + "/configs/cluster-innovation-study.yaml"
        let p = Process()
        p.executableURL = RunSDSweep.executable
        p.arguments = ["run", study, "--out", dir, "--quiet"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait for the first finished block of the Sobol' sweep, then interrupt.
        let marker = dir + "/.checkpoint/sobol/chunk-000000.bin"
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: marker) && p.isRunning && Date() < deadline { usleep(20_000) }
        let sent = Date()
        if p.isRunning { kill(p.processIdentifier, SIGINT) }
        p.waitUntilExit()
        // Stops within the time of the block in progress plus the analysis that may be
        // running (debug build), never left hanging.
        #expect(Date().timeIntervalSince(sent) < 30)
        if p.terminationStatus == 130 {
            #expect(!FileManager.default.fileExists(atPath: dir + "/report.html"))
            let again = try RunSDSweep.run(["run", study, "--out", dir, "--quiet"])
            #expect(again.status == 2 && again.stderr.contains("add --resume"))
        } else {
            // The study finished before the signal landed: nothing to resume, still a valid run.
            #expect(p.terminationStatus == 0)
        }
        let resumed = try RunSDSweep.run(["run", study, "--out", dir, "--quiet", "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/.checkpoint"))
        for file in ["sobol.json", "sobol-over-time.csv", "morris.json", "prcc.json", "robustness.csv", "oat.csv"] {
            let actual = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            let expected = try String(contentsOfFile: Repository.root + "/Tests/SweepStudyTests/Expected/cluster-innovation-study/" + file, encoding: .utf8)
            #expect(sameNumbers(actual, expected), "\(file)")
        }
    }

    /// `SDSWEEP_MEMORY_LIMIT` below the study's estimate stops `run` before its first run:
    /// exit 2, the estimate and the stage to shrink in the message, no result written.
    @Test func theMemoryLimitStopsRunBeforeItsFirstRun() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try RunSDSweep.run(["run", Repository.root + "/configs/sir-study.yaml", "--out", dir + "/out", "--quiet"],
                                   environment: ["SDSWEEP_MEMORY_LIMIT": "1M"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("needs about") && r.stderr.contains("but only 1 MB is available; the largest stage is sobol"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/out/report.html"))
    }
}
