import Foundation
import Testing
import TestSupport

private let paper = Repository.path("configs/cluster-innovation.yaml")

/// `evaluate --shard I/N`, then `analyze` and `merge-shards` on the shards, as a batch
/// scheduler's array job runs them: the built binary, real files, exit codes.
@Suite struct ShardTests {
    /// A Saltelli design of 3 parameters, N = 25 base rows: 125 runs, which 4 shards split
    /// unevenly (32, 31, 31, 31).
    struct Sweep {
        let dir: URL
        let problem: String
        let samples: String
        let reference: String
        let outputs = ["--output", "Innovation Capability", "--output", "Innovation Capability@10"]

        init() throws {
            dir = try RunSDSweep.scratchDirectory()
            problem = dir.appendingPathComponent("p.txt").path
            try "\"Peak Year\" 1 19\n\"Peak Height\" 2 8\n\"Internal Knowledge Restructuring Coefficient\" 10 30\n"
                .write(toFile: problem, atomically: true, encoding: .utf8)
            samples = dir.appendingPathComponent("x.csv").path
            let made = try RunSDSweep.run(["sample", "sobol", "--problem", problem, "--n", "25", "--seed", "4", "--out", samples])
            try #require(made.status == 0, "\(made.stderr)")
            reference = dir.appendingPathComponent("y.csv").path
            let ref = try RunSDSweep.run(["evaluate", paper, "--samples", samples, "--out", reference, "--quiet"] + outputs)
            try #require(ref.status == 0, "\(ref.stderr)")
        }

        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

        /// Evaluates shard `i` of `n` into `name` (default `y.shard-i.csv`).
        @discardableResult
        func shard(_ i: Int, of n: Int, to name: String? = nil, samples: String? = nil, extra: [String] = []) throws -> String {
            let out = path(name ?? "y.shard-\(i).csv")
            let run = try RunSDSweep.run(["evaluate", paper, "--samples", samples ?? self.samples, "--out", out,
                                          "--shard", "\(i)/\(n)", "--quiet"] + outputs + extra)
            try #require(run.status == 0, "\(run.stderr)")
            return out
        }

        func analyze(_ outputs: [String]) throws -> RunSDSweep.Result {
            try RunSDSweep.run(["analyze", "sobol", "--problem", problem, "--samples", samples] + outputs.flatMap { ["--outputs", $0] })
        }
    }

    /// Shards evaluated out of order (2, 0, 3, 1, at different thread counts) merge into
    /// exactly the bytes of one uninterrupted `evaluate`, and `analyze` on the shards (a quoted
    /// glob) prints exactly what it prints on that file.
    @Test func shardsRunOutOfOrderMergeBitIdentical() throws {
        let s = try Sweep()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        for (i, threads) in [(2, 1), (0, 2), (3, 1), (1, 2)] { try s.shard(i, of: 4, extra: ["--threads", "\(threads)", "--chunk-size", "7"]) }
        let merged = s.path("merged.csv")
        let merge = try RunSDSweep.run(["merge-shards", s.path("y.shard-*.csv"), "--samples", s.samples, "--out", merged])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: merged)) == Data(contentsOf: URL(fileURLWithPath: s.reference)))

        let whole = try s.analyze([s.reference])
        let sharded = try s.analyze([s.path("y.shard-*.csv")])
        #expect(whole.status == 0 && sharded.status == 0, "\(sharded.stderr)")
        #expect(sharded.stdout == whole.stdout)
        #expect(!whole.stdout.isEmpty)
    }

    /// A shard file is the CSV of its rows between a manifest line that names its rows and a
    /// checksum line; pandas reads it with `comment="#"`.
    @Test func shardFileNamesItsRowsAndEndsInAChecksum() throws {
        let s = try Sweep()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let text = try String(contentsOfFile: try s.shard(1, of: 4), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("# sdsweep-shard {"))
        #expect(lines[0].contains("\"first\":32") && lines[0].contains("\"count\":31") && lines[0].contains("\"runs\":125"))
        #expect(lines[0].contains("\"shard\":1") && lines[0].contains("\"shards\":4"))
        #expect(lines[1] == "Innovation Capability,Innovation Capability@10")
        #expect(lines[lines.count - 2].hasPrefix("# fnv1a64 ") && lines[lines.count - 2].count == 10 + 16)
        #expect(lines.count == 1 + 1 + 31 + 1 + 1)   // manifest, header, rows, checksum, final newline
    }

    /// One shard missing, one given twice, one from another design, one from another split,
    /// one corrupted, a plain CSV among shards: each refused (exit 2) with the file and the
    /// shard or rows named, and nothing on stdout.
    @Test func incompleteOrForeignShardSetsAreRefused() throws {
        let s = try Sweep()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let shards = try (0..<4).map { try s.shard($0, of: 4) }

        let missing = try s.analyze([shards[0], shards[1], shards[3]])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("1 of 4 shards missing: shard 2 (rows 63..<94)"), "\(missing.stderr)")
        #expect(missing.stdout.isEmpty)

        let copy = s.path("copy-of-1.csv")
        try FileManager.default.copyItem(atPath: shards[1], toPath: copy)
        let twice = try s.analyze(shards + [copy])
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("shard 1/4 is given twice") && twice.stderr.contains(copy), "\(twice.stderr)")

        // The same shard index, evaluated from another design of the same size.
        let otherSamples = s.path("other-x.csv")
        let made = try RunSDSweep.run(["sample", "sobol", "--problem", s.problem, "--n", "25", "--seed", "5", "--out", otherSamples])
        try #require(made.status == 0)
        let foreign = try s.shard(2, of: 4, to: "foreign-2.csv", samples: otherSamples)
        let mixed = try s.analyze([shards[0], shards[1], foreign, shards[3]])
        #expect(mixed.status == 2)
        #expect(mixed.stderr.contains(foreign) && mixed.stderr.contains("different sweep") && mixed.stderr.contains("samples"), "\(mixed.stderr)")

        let otherSplit = try s.shard(1, of: 3, to: "split3-1.csv")
        let overlapping = try s.analyze(shards + [otherSplit])
        #expect(overlapping.status == 2)
        #expect(overlapping.stderr.contains(otherSplit) && overlapping.stderr.contains("different splits"), "\(overlapping.stderr)")

        // A digit changed in a data row: the checksum no longer matches.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: shards[3]))
        let row = bytes.firstIndex(of: UInt8(ascii: "\n"))! + 1
        let digit = bytes[row...].firstIndex { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "8") }!
        bytes[digit] += 1
        let damaged = s.path("damaged-3.csv")
        try bytes.write(to: URL(fileURLWithPath: damaged))
        let corrupt = try s.analyze([shards[0], shards[1], shards[2], damaged])
        #expect(corrupt.status == 2)
        #expect(corrupt.stderr.contains(damaged) && corrupt.stderr.contains("checksum mismatch"), "\(corrupt.stderr)")

        let plain = try s.analyze(shards + [s.reference])
        #expect(plain.status == 2)
        #expect(plain.stderr.contains(s.reference) && plain.stderr.contains("not a shard"), "\(plain.stderr)")

        let merge = try RunSDSweep.run(["merge-shards", shards[0], shards[2], "--out", s.path("m.csv")])
        #expect(merge.status == 2)
        #expect(!FileManager.default.fileExists(atPath: s.path("m.csv")))
    }

    /// `--shard` takes I/N with 0 ≤ I < N and needs a file to write; anything else is bad
    /// input (exit 2) before a run starts.
    @Test(arguments: ["4/4", "-1/4", "1/0", "a/4", "1-4"])
    func badShardSpecificationsAreRefused(spec: String) throws {
        let s = try Sweep()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let run = try RunSDSweep.run(["evaluate", paper, "--samples", s.samples, "--out", s.path("y.s.csv"), "--shard", spec])
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.contains("--shard"), "\(run.stderr)")
        let noOut = try RunSDSweep.run(["evaluate", paper, "--samples", s.samples, "--shard", "0/2"])
        #expect(noOut.status == 2)
        #expect(noOut.stderr.contains("--shard needs --out"), "\(noOut.stderr)")
    }
}
