import Foundation
import Testing
import TestSupport

/// `sdsweep` on the shipped Stella model, `configs/sir.stmx`: the same SIR epidemic as
/// `configs/sir.yaml`, so its results are checked against that model's.
@Suite struct XMILEStudyTests {
    /// `sdsweep run` on a study whose `model:` is an `.stmx` file writes its report, and its
    /// one-at-a-time table is byte for byte the YAML study's (reference: the stored
    /// expectation of `sir-study`, whose OAT settings, parameters and outputs it repeats;
    /// tolerance: exact, the two files give the same expression trees).
    @Test func runsTheStmxStudyEndToEnd() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        let r = try RunSDSweep.run(["run", Repository.root + "/configs/sir-stmx-study.yaml", "--out", dir, "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == dir + "/report.html\n")
        for f in ["baseline.csv", "oat.csv", "morris.json", "prcc.json", "provenance.json", "fig-baseline.svg"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + f), "\(f)")
        }
        let oat = try String(contentsOfFile: dir + "/oat.csv", encoding: .utf8)
        let stored = try String(contentsOfFile: Repository.root + "/Tests/SweepStudyTests/Expected/sir-study/oat.csv", encoding: .utf8)
        #expect(oat == stored)
    }

    /// `simulate` gives the YAML model's numbers for every variable (reference: `sir.yaml`
    /// run by the same command; tolerance: exact, the printed digits are equal), and `convert`
    /// writes YAML that reads back.
    @Test func simulateAndConvertTheStmxModel() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        let a = try RunSDSweep.run(["simulate", Repository.root + "/configs/sir.stmx", "--out", dir + "/stmx.csv"])
        let b = try RunSDSweep.run(["simulate", Repository.root + "/configs/sir.yaml", "--out", dir + "/yaml.csv"])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        func columns(_ path: String) throws -> [String: [String]] {
            let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            return Dictionary(uniqueKeysWithValues: rows[0].indices.map { j in (rows[0][j], rows.dropFirst().map { $0[j] }) })
        }
        let stmx = try columns(dir + "/stmx.csv"), yaml = try columns(dir + "/yaml.csv")
        #expect(stmx == yaml)
        let c = try RunSDSweep.run(["convert", Repository.root + "/configs/sir.stmx", "--out", dir + "/sir.yaml"])
        #expect(c.status == 0, "\(c.stderr)")
        let back = try RunSDSweep.run(["simulate", dir + "/sir.yaml", "--out", dir + "/back.csv"])
        #expect(back.status == 0, "\(back.stderr)")
        #expect(try columns(dir + "/back.csv") == yaml)
    }
}
