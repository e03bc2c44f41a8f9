import Foundation
import Testing
import TestSupport

/// `analyze` matches the samples' columns to the problem by name: swapped columns give the
/// same indices under the right labels, a header-less SALib text file needs `--no-header`,
/// and unknown, missing or duplicate columns are refused naming them.
@Suite struct DesignColumnsTests {
    /// SIR's problem, a 200-run Latin hypercube of it and Recovered for every run.
    static let setUp: (dir: String, header: [String], rows: [[String]]) = {
        let dir = try! RunSDSweep.scratchDirectory().path
        try! "\"Contact Rate\" 4 8\nInfectivity 0.03 0.07\n\"Recovery Time\" 5 9\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        let sample = try! RunSDSweep.run(["sample", "lhs", "--problem", dir + "/p.txt", "--n", "200", "--seed", "3", "--out", dir + "/x.csv"])
        precondition(sample.status == 0, sample.stderr)
        let run = try! RunSDSweep.run(["evaluate", Repository.root + "/configs/sir.yaml", "--samples", dir + "/x.csv",
                                       "--output", "Recovered", "--out", dir + "/y.csv", "--quiet"])
        precondition(run.status == 0, run.stderr)
        let lines = try! String(contentsOfFile: dir + "/x.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        return (dir, lines[0], Array(lines.dropFirst()))
    }()

    func analyze(_ method: String, _ samples: String, _ extra: [String] = []) throws -> RunSDSweep.Result {
        let dir = Self.setUp.dir
        return try RunSDSweep.run(["analyze", method, "--problem", dir + "/p.txt", "--samples", samples, "--outputs", dir + "/y.csv"] + extra)
    }

    /// Writes `lines` under `name` in the scratch folder; its path.
    func write(_ name: String, _ lines: [[String]], separator: String = ",") throws -> String {
        let path = Self.setUp.dir + "/" + name
        try (lines.map { $0.joined(separator: separator) }.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: ["prcc", "src"])
    func swappedColumnsGiveTheSameResult(_ method: String) throws {
        let (dir, header, rows) = Self.setUp
        let reference = try analyze(method, dir + "/x.csv")
        #expect(reference.status == 0, "\(reference.stderr)")
        let swapped = try write("swapped-\(method).csv", ([header] + rows).map { [$0[2], $0[0], $0[1]] })
        let result = try analyze(method, swapped)
        #expect(result.status == 0, "\(result.stderr)")
        // The same JSON but for the samples file it names.
        #expect(result.stdout.replacingOccurrences(of: swapped, with: dir + "/x.csv") == reference.stdout)
    }

    @Test func aHeaderlessSALibFileNeedsNoHeader() throws {
        let (dir, _, rows) = Self.setUp
        let reference = try analyze("prcc", dir + "/x.csv")
        let bare = try write("bare.txt", rows, separator: " ")
        let refused = try analyze("prcc", bare)
        #expect(refused.status == 2)
        #expect(refused.stderr.hasPrefix("\(bare):1: error: samples column '") && refused.stderr.contains("needs --no-header"), "\(refused.stderr)")
        let accepted = try analyze("prcc", bare, ["--no-header"])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout.replacingOccurrences(of: bare, with: dir + "/x.csv") == reference.stdout)
    }

    @Test(arguments: [
        ("unknown", ["foo", "Infectivity", "Recovery Time"], "samples column 'foo' is not a parameter of the problem; the problem has 'Contact Rate', 'Infectivity', 'Recovery Time'"),
        ("misspelt", ["Contact Rat", "Infectivity", "Recovery Time"], "samples column 'Contact Rat' is not a parameter of the problem (did you mean 'Contact Rate'?)"),
        ("missing", ["Contact Rate", "Infectivity"], "the samples have no column for 'Recovery Time'"),
        ("duplicate", ["Contact Rate", "Infectivity", "Infectivity"], "the samples have two columns named 'Infectivity'"),
    ])
    func badHeadersAreRefusedNamingTheColumn(_ name: String, _ header: [String], _ message: String) throws {
        let rows = Self.setUp.rows.map { Array($0.prefix(header.count)) }
        let path = try write("\(name).csv", [header] + rows)
        for method in ["sobol", "morris", "prcc", "src"] {
            let r = try analyze(method, path)
            #expect(r.status == 2, "\(method) \(name)")
            #expect(r.stderr.hasPrefix("\(path):1: error: ") && r.stderr.contains(message), "\(method): \(r.stderr)")
        }
    }
}
