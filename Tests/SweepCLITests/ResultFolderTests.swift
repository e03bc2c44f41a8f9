import Foundation
import Testing
import TestSupport

/// A reused `--out` folder holds exactly the files of the last run (plus the user's own), and
/// `provenance.json` lists each of them with its size and SHA-256; every analysis JSON says
/// which output and design it is of, beside SALib's keys.
@Suite struct ResultFolderTests {
    static let sir = Repository.root + "/configs/sir.yaml"
    static let problem = Repository.root + "/configs/sir-problem.txt"

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func listing(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }

    /// A study of SIR with the given methods, written beside its model's copy.
    static func study(in dir: String, methods: String) throws -> String {
        try FileManager.default.copyItem(atPath: sir, toPath: dir + "/sir.yaml")
        let path = dir + "/study-\(UUID().uuidString.prefix(6)).yaml"
        try """
        study: tiny SIR
        model: sir.yaml
        parameters:
          - {name: Contact Rate, lower: 4, upper: 8}
          - {name: Infectivity, lower: 0.03, upper: 0.07}
        outputs: [Recovered]
        methods:
        \(methods)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aRerunRemovesTheEarlierRunsFilesOnly() throws {
        let dir = try RunSDSweep.scratchDirectory().path, out = dir + "/out"
        let first = try RunSDSweep.run(["sobol", Self.sir, "--problem", Self.problem, "--n", "8", "--output", "Infected@all", "--out", out, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try Self.listing(out).contains("sobol-over-time.csv"))
        try "mine".write(toFile: out + "/notes.txt", atomically: true, encoding: .utf8)
        let second = try RunSDSweep.run(["sobol", Self.sir, "--problem", Self.problem, "--n", "8", "--output", "Recovered", "--out", out, "--quiet"])
        #expect(second.status == 0, "\(second.stderr)")
        // The over-time CSV of the first run is gone; the user's note stays.
        #expect(try Self.listing(out) == [".sdsweep-manifest.json", "notes.txt", "provenance.json", "sobol.csv", "sobol.json"])
        let manifest = try Self.json(out + "/.sdsweep-manifest.json")["files"] as! [String]
        #expect(manifest.sorted() == ["provenance.json", "sobol.csv", "sobol.json"])
    }

    @Test func runListsEveryFileInProvenanceAndDropsStaleFigures() throws {
        let dir = try RunSDSweep.scratchDirectory().path, out = dir + "/out"
        let both = try Self.study(in: dir, methods: "  oat: {change: 0.2}\n  sobol: {n: 8, bootstrap: 10}")
        let r1 = try RunSDSweep.run(["run", both, "--out", out, "--quiet"])
        #expect(r1.status == 0, "\(r1.stderr)")
        #expect(try Self.listing(out).contains("sobol.json"))
        let oatOnly = try Self.study(in: try RunSDSweep.scratchDirectory().path, methods: "  oat: {change: 0.2}")
        let r2 = try RunSDSweep.run(["run", oatOnly, "--out", out, "--quiet"])
        #expect(r2.status == 0, "\(r2.stderr)")
        let files = try Self.listing(out)
        #expect(!files.contains("sobol.json") && !files.contains { $0.hasPrefix("fig-sobol") }, "\(files)")
        // provenance.json lists every other file of the folder, with its size and digest.
        let records = try Self.json(out + "/provenance.json")["files"] as! [[String: Any]]
        #expect(Set(records.map { $0["name"] as! String }) == Set(files.filter { $0 != "provenance.json" && !$0.hasPrefix(".") }))
        for record in records {
            let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + (record["name"] as! String)))
            #expect(record["bytes"] as? Int == data.count)
            #expect((record["sha256"] as? String)?.count == 64)
        }
    }

    @Test func analysisJSONSaysItsOutputAndDesign() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        let r = try RunSDSweep.run(["morris", Self.sir, "--problem", Self.problem, "--trajectories", "4", "--output", "Infected@20", "--seed", "3"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["mu_star"] != nil && json["names"] != nil)  // SALib's keys stay
        let output = json["output"] as! [String: Any], design = json["design"] as! [String: Any]
        #expect(output["name"] as? String == "Infected" && output["time"] as? Double == 20)
        #expect(design["method"] as? String == "morris" && design["r"] as? Int == 4 && design["seed"] as? Int == 3)
        #expect(design["parameters"] as? [String] == ["Contact Rate", "Infectivity", "Recovery Time"])

        // `analyze` knows the column and the design's shape, not the seed it was drawn with.
        let x = dir + "/x.csv", y = dir + "/y.csv"
        #expect(try RunSDSweep.run(["sample", "sobol", "--problem", Self.problem, "--n", "8", "--out", x]).status == 0)
        #expect(try RunSDSweep.run(["evaluate", Self.sir, "--samples", x, "--output", "Recovered@50", "--out", y]).status == 0)
        let a = try RunSDSweep.run(["analyze", "sobol", "--problem", Self.problem, "--samples", x, "--outputs", y])
        #expect(a.status == 0, "\(a.stderr)")
        let aj = try JSONSerialization.jsonObject(with: Data(a.stdout.utf8)) as! [String: Any]
        #expect((aj["output"] as! [String: Any])["name"] as? String == "Recovered")
        #expect((aj["output"] as! [String: Any])["time"] as? Double == 50)
        #expect((aj["design"] as! [String: Any])["N"] as? Int == 8)
        #expect(aj["S1"] != nil && aj["ST_conf"] != nil)
    }

    @Test func theDefaultOutputIsSaidUnlessQuiet() throws {
        let loud = try RunSDSweep.run(["sobol", Self.sir, "--problem", Self.problem, "--n", "8"])
        #expect(loud.status == 0)
        #expect(loud.stderr.contains("output: Susceptible at the final time 100 (the model's first stock; choose with --output NAME[@TIME])"), "\(loud.stderr)")
        let quiet = try RunSDSweep.run(["sobol", Self.sir, "--problem", Self.problem, "--n", "8", "--quiet"])
        #expect(!quiet.stderr.contains("output:"))
    }

    @Test(arguments: [("sobol", ["default: the study's, else 1024", "else 100)", "else 0.95"]),
                      ("morris", ["else 20)", "else 4)"]), ("oat", ["else 0.5)", "else up)"]),
                      ("robustness", ["else 500)", "else 0.5)"])])
    func helpShowsTheDefaults(_ command: String, _ defaults: [String]) throws {
        let help = try RunSDSweep.run([command, "--help"])
        // Help text is wrapped at the terminal width: compare with the line breaks taken out.
        let flat = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for d in defaults { #expect(flat.contains(d), "\(command): \(d)") }
        #expect(flat.contains("--chunk-size <chunk-size> Runs per chunk. (default: 1024)"))
    }
}
