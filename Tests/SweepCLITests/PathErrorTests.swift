import Foundation
import Testing
import TestSupport

/// Every path option given a folder where a file is needed, a file where a folder is needed,
/// or a file where its folder should be: exit 2 and one line naming the path and the reason
/// (never Foundation's `Error Domain=NSCocoaErrorDomain …`), before any run.
@Suite struct PathErrorTests {
    /// A scratch folder with `adir/` (a folder), `afile` (a file), SIR's problem, a design and its outputs.
    static let dir: String = {
        let dir = try! RunSDSweep.scratchDirectory().path
        try! FileManager.default.createDirectory(atPath: dir + "/adir", withIntermediateDirectories: true)
        try! "x".write(toFile: dir + "/afile", atomically: true, encoding: .utf8)
        try! "\"Contact Rate\" 4 8\nInfectivity 0.03 0.07\n\"Recovery Time\" 5 9\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        precondition(try! RunSDSweep.run(["sample", "lhs", "--problem", dir + "/p.txt", "--n", "20", "--out", dir + "/x.csv"]).status == 0)
        precondition(try! RunSDSweep.run(["evaluate", Repository.root + "/configs/sir.yaml", "--samples", dir + "/x.csv", "--output", "Recovered",
                                          "--out", dir + "/y.csv"]).status == 0)
        return dir
    }()

    @Test(arguments: [
        (["evaluate", "SIR", "--samples", "D/adir"], "D/adir: error: this is a folder; give a CSV file"),
        (["evaluate", "SIR", "--samples", "D/x.csv", "--out", "D/adir"], "D/adir: error: cannot write: Is a directory"),
        (["evaluate", "SIR", "--samples", "D/x.csv", "--out", "D/afile/y.csv"], "D/afile: error: cannot write: Not a directory"),
        (["simulate", "SIR", "--out", "D/adir"], "D/adir: error: cannot write: Is a directory"),
        (["simulate", "SIR", "--plot", "D/afile/p.svg"], "D/afile: error: cannot write: Not a directory"),
        (["sample", "lhs", "--problem", "D/p.txt", "--n", "3", "--out", "D/adir"], "D/adir: error: cannot write: Is a directory"),
        (["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/adir", "--outputs", "D/y.csv"], "D/adir: error: this is a folder; give a CSV file"),
        (["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/adir"], "D/adir: error: this is a folder; give a CSV file"),
        (["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/y.csv", "--out", "D/adir"], "D/adir: error: cannot write: Is a directory"),
        (["convert", "MDL", "--out", "D/adir"], "D/adir: error: cannot write: Is a directory"),
        (["sobol", "STUDY", "--n", "16", "--out", "D/afile"], "D/afile: error: --out names a file; the results go into a folder"),
        (["run", "STUDY", "--out", "D/afile"], "D/afile: error: --out names a file; the results go into a folder"),
    ])
    func aWrongPathExitsTwoNamingIt(_ args: [String], _ message: String) throws {
        let dir = Self.dir
        let paths = ["SIR": Repository.root + "/configs/sir.yaml", "STUDY": Repository.root + "/configs/sir-study.yaml",
                     "MDL": Repository.root + "/configs/cluster-innovation.mdl"]
        let r = try RunSDSweep.run(args.map { paths[$0] ?? $0.replacingOccurrences(of: "D/", with: dir + "/") })
        #expect(r.status == 2, "\(args)")
        #expect(r.stderr == message.replacingOccurrences(of: "D/", with: dir + "/") + "\n", "\(r.stderr)")
        #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("done in"))
    }
}
