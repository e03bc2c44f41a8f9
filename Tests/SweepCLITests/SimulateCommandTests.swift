import Foundation
import Testing
import TestSupport

/// Runs the built `sdsweep` binary as a user would.
fileprivate func sdsweep(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try RunSDSweep.run(args)
    return (r.status, r.stdout, r.stderr)
}

fileprivate let paper = Repository.root + "/configs/cluster-innovation.yaml"

fileprivate func tempDir() -> String {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-cli-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}

@Suite struct SimulateCommandTests {
    /// Vensim's `SAVEPER = TIME STEP` follows `--dt`, as in Vensim (it was refused as "not a
    /// positive multiple of TIME STEP").
    @Test func saveperDefinedAsTimeStepFollowsDt() throws {
        let dir = tempDir()
        let mdl = """
            Stock= INTEG (1, 0)
            	~	Widget	~	|
            INITIAL TIME = 0
            	~	Month	~	|
            FINAL TIME = 1
            	~	Month	~	|
            TIME STEP = 0.25
            	~	Month	~	|
            SAVEPER = TIME STEP
            	~	Month	~	|
            """
        try mdl.write(toFile: dir + "/m.mdl", atomically: true, encoding: .utf8)
        let r = try sdsweep(["simulate", dir + "/m.mdl", "--dt", "0.03125"])
        #expect(r.status == 0, "\(r.stderr)")
        // 1 / 0.03125 = 32 steps: 33 saved times and the header.
        #expect(r.stdout.split(separator: "\n").count == 34)
        #expect(r.stdout.hasSuffix("1.0,1.0\n") || r.stdout.hasSuffix("1,1\n"), "\(r.stdout.suffix(40))")
    }

    /// `sdsweep simulate` prints the CSV: `time`, then each variable under its model name;
    /// C at 5, 10, 15, 20 are the closed forms of shared/paper-model.md (1e-9 relative).
    @Test func simulatePrintsThePaperTrajectory() throws {
        let r = try sdsweep(["simulate", paper])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0].first == "time")
        #expect(lines[0].contains("Internal Knowledge Restructuring"))
        let c = lines[0].firstIndex(of: "Innovation Capability")!
        let rows = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { (Double($0[0])!, Double($0[c])!) })
        #expect(rows.count == 81)  // 0…20 every 0.25
        for (t, v) in [(5.0, 0.596203125), (10, 2.39990625), (15, 4.218703125), (20, 4.83)] {
            #expect(abs(rows[t]! - v) <= 1e-9 * v)
        }
    }

    @Test func setDtAndJSON() throws {
        let dir = tempDir()
        let r = try sdsweep(["simulate", paper, "--dt", "1", "--set", "Internal Knowledge Restructuring Coefficient=30", "--out", dir + "/run.json"])
        #expect(r.status == 0 && r.stdout.isEmpty)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/run.json"))) as! [String: [Double]]
        #expect(json["time"]!.count == 21)
        // 4.83 + 46 · 10 · 0.0015 = 5.52 (the paper's +50% case), 1e-9 relative.
        #expect(abs(json["Innovation Capability"]!.last! - 5.52) <= 1e-9 * 5.52)
    }

    @Test func evaluateWritesOneRowPerSample() throws {
        let dir = tempDir()
        try "Internal Knowledge Restructuring Coefficient,External Resource Utilization Weight\n20,0.0015\n30,0.0015\n20,0.003\n"
            .write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let r = try sdsweep(["evaluate", paper, "--samples", dir + "/x.csv", "--output", "Innovation Capability",
                             "--output", "Innovation Capability@10", "--out", dir + "/y.csv", "--threads", "2"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dir + "/y.csv", encoding: .utf8)
        let rows = text.split(separator: "\n")
        #expect(rows[0] == "Innovation Capability,Innovation Capability@10")
        // C(20) = 4.83 + 46·Δ(c·w): +10·0.0015 → 5.52; +20·0.0015 → 6.21 (1e-9 relative).
        let c20 = rows.dropFirst().map { Double($0.split(separator: ",")[0])! }
        for (v, e) in zip(c20, [4.83, 5.52, 6.21]) { #expect(abs(v - e) <= 1e-9 * e) }
    }

    /// Bad input: one located message on stderr, exit 2, nothing on stdout, no output file.
    @Test(arguments: [
        (["simulate", "MISSING.yaml"], "MISSING.yaml: error: cannot read: No such file or directory"),
        (["simulate", "PAPER", "--set", "Nope=1"], "error: --set 'Nope' is not a variable of the model"),
        (["simulate", "PAPER", "--set", "Peak Year=abc"], "error: --set 'Peak Year=abc': 'abc' is not a finite number"),
        (["simulate", "PAPER", "--dt", "0"], "error: TIME STEP must be positive, got 0.0"),
        (["simulate", "PAPER", "--dt", "0.25", "--saveper", "0.3"], "error: SAVEPER 0.3 is not a positive multiple of TIME STEP 0.25"),
        (["simulate", "PAPER", "--method", "rk5"], "error: --method 'rk5': use euler, rk2 or rk4"),
        (["simulate"], "Error: Missing expected argument '<model>'"),
    ])
    func badInputExitsTwoWithoutOutput(args: [String], message: String) throws {
        let dir = tempDir()
        let r = try sdsweep(args.map { $0 == "PAPER" ? paper : $0 } + ["--out", dir + "/out.csv"])
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func evaluateRejectsAHeaderThatIsNotAConstant() throws {
        let dir = tempDir()
        try "Innovation Capability\n1\n".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let r = try sdsweep(["evaluate", paper, "--samples", dir + "/x.csv"])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix(dir + "/x.csv:1: error: parameter 'Innovation Capability' is not a constant"))
    }

    /// The subscripted network model (beyond the paper) simulates from the command line; its
    /// columns are the expanded names (`Weight[c1,c2]` quoted, as it holds a comma), and a
    /// study-style `--output` names one element. Total Capability is Σ_i C_i (1e-12 relative).
    @Test func simulatesTheSubscriptedNetwork() throws {
        let dir = tempDir()
        let r = try sdsweep(["simulate", Repository.root + "/configs/cluster-network.yaml", "--out", dir + "/net.csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dir + "/net.csv", encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        // Split on commas outside quotes.
        func fields(_ line: String) -> [String] {
            var out: [String] = [], field = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { out.append(field); field = "" } else { field.append(c) }
            }
            return out + [field]
        }
        let header = fields(lines[0])
        #expect(lines[0].contains("\"Weight[c1,c2]\""))
        let last = fields(lines.last!).map { Double($0)! }
        let total = last[header.firstIndex(of: "Total Capability")!]
        let sum = (1...30).map { last[header.firstIndex(of: "Innovation Capability[c\($0)]")!] }.reduce(0, +)
        #expect(abs(total - sum) <= 1e-12 * total)
        try "Spillover,Peak Year[c3]\n0.05,9\n".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let e = try sdsweep(["evaluate", Repository.root + "/configs/cluster-network.yaml", "--samples", dir + "/x.csv", "--output", "Innovation Capability[c3]@10"])
        #expect(e.status == 0, "\(e.stderr)")
        #expect(e.stdout.hasPrefix("Innovation Capability[c3]@10\n") || e.stdout.hasPrefix("\"Innovation Capability[c3]@10\"\n"), "\(e.stdout)")
    }
}
