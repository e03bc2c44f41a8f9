import Foundation
import Testing
import TestSupport

/// `sdsweep check`: the table of reality checks, its exit status, and the shares of a sweep.
@Suite struct CheckCommandTests {
    let checks = Repository.root + "/Tests/RealityCheckModels/checks.mdl"
    let suiteCase = Repository.rootURL.deletingLastPathComponent()
        .appendingPathComponent("shared/test-models/reality_checks/test_reality_checks.mdl").path

    /// Vensim's semantics predict that both constraints of the suite's case hold (see
    /// `RealityCheckRunTests.theSuiteCaseHolds`): exit 0, the test input listed, not tested.
    @Test func theSuiteCaseHolds() throws {
        try #require(FileManager.default.fileExists(atPath: suiteCase))
        let r = try RunSDSweep.run(["check", suiteCase])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == """
            check                      kind        elements  baseline  first failure
            no_productivity_no_output  constraint  4         holds     -
            productivity_to_zero       test input  4         -         -
            no_workers_no_output       constraint  1         holds     -

            """)
    }

    /// The hand-computed outcomes of `checks.mdl` (its comments), exit 1 since some fail.
    @Test func failuresGiveTheirFirstTimeAndElement() throws {
        let r = try RunSDSweep.run(["check", checks])
        #expect(r.status == 1, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(lines == [
            "check kind elements baseline first failure",
            "TI no rate test input 1 - -",
            "no rate no inflow constraint 1 holds -",
            "no rate no inflow at once constraint 1 fails Time 0",
            "stock stays below constraint 1 fails Time 5",
            "small y constraint 3 fails Time 2 at [b]",
            "big stock drains constraint 1 holds -",
            "passive constraint 1 holds -",
            "no rate keeps stock constraint 1 fails Time 1",
        ])
        // Both engines test alike.
        let dir = try RunSDSweep.scratchDirectory().path
        let native = try RunSDSweep.run(["check", checks, "--engine", "native"], environment: ["XDG_CACHE_HOME": dir + "/cache"])
        #expect(native.status == 1 && native.stdout == r.stdout, "\(native.stderr)")
    }

    /// Across a Latin hypercube of rate over [0, 5]: "stock stays below" holds in the runs
    /// whose stock (Euler, S ← S + 2·rate − S/10 from 10) stays under 30 for five steps,
    /// counted here from the design `sample lhs` writes for the same seed.
    @Test func sweepSharesCountTheRunsInWhichEachHolds() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        try "rate 0 5\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        let sample = try RunSDSweep.run(["sample", "lhs", "--problem", dir + "/p.txt", "--n", "20", "--seed", "3"])
        let rates = sample.stdout.split(separator: "\n").dropFirst().map { Double($0)! }
        let below = rates.filter { rate in
            var s = 10.0, peak = s
            for _ in 0..<5 { s = s + (rate * 2 - s * 0.1); peak = max(peak, s) }
            return peak < 30
        }.count
        #expect(below > 0 && below < 20)
        let r = try RunSDSweep.run(["check", checks, "--problem", dir + "/p.txt", "--n", "20", "--seed", "3", "--out", dir + "/c.csv"])
        #expect(r.status == 1, "\(r.stderr)")
        let csv = try String(contentsOfFile: dir + "/c.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(csv[0].prefix(8) == ["check", "kind", "elements", "baseline", "first_failure_time", "first_failure_element", "runs", "runs_held"])
        let held = Dictionary(csv.dropFirst().map { (String($0[0]), String($0[7])) }, uniquingKeysWith: { a, _ in a })
        #expect(held == ["TI no rate": "", "no rate no inflow": "20", "no rate no inflow at once": "0", "stock stays below": "\(below)",
                         "small y": "0", "big stock drains": "20", "passive": "20", "no rate keeps stock": "0"])
        #expect(r.stdout.contains("\(below)/20") && r.stdout.contains("95% interval"))
        let json = try RunSDSweep.run(["check", checks, "--problem", dir + "/p.txt", "--n", "20", "--seed", "3", "--out", dir + "/c.json"])
        let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/c.json"))) as! [[String: Any]]
        #expect(json.status == 1 && rows.count == 8 && rows[3]["runs_held"] as? Int == below)
    }

    @Test func badInputExitsTwo() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        #expect(try RunSDSweep.run(["check", dir + "/missing.mdl"]).status == 2)
        #expect(try RunSDSweep.run(["check", checks, "--problem", dir + "/p.txt"]).status == 2)
        let mdl = dir + "/other.mdl"
        try """
            x = 1 ~~|
            holds :THE CONDITION: :IMPLIES: x = 1 ~~|
            other run :THE CONDITION: :IMPLIES: x = RC COMPARE('base', x, 1) ~~|
            INITIAL TIME = 0 ~~|
            FINAL TIME = 2 ~~|
            TIME STEP = 1 ~~|
            """.write(toFile: mdl, atomically: true, encoding: .utf8)
        let r = try RunSDSweep.run(["check", mdl])
        #expect(r.status == 2 && r.stdout.contains("other run  constraint  1         not tested"), "\(r.stdout)")
        #expect(r.stderr.contains("other run: not tested: unsupported: RC COMPARE"), "\(r.stderr)")
    }

    @Test func aModelWithoutChecksSaysSo() throws {
        let r = try RunSDSweep.run(["check", Repository.root + "/configs/sir.yaml"])
        #expect(r.status == 0 && r.stdout.hasSuffix("sir.yaml: no reality checks\n"), "\(r.stdout)\(r.stderr)")
    }

    /// `convert` does not carry the checks into YAML, and says so.
    @Test func convertWarnsThatTheChecksAreDropped() throws {
        let r = try RunSDSweep.run(["convert", checks])
        #expect(r.status == 0 && r.stderr.contains("warning: the YAML does not carry the model's 8 reality checks"), "\(r.stderr)")
    }
}
