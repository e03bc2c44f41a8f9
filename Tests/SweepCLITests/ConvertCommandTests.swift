import Foundation
import Testing
import TestSupport

/// Runs the built `sdsweep` binary as a user would.
fileprivate func sdsweep(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let r = try RunSDSweep.run(args)
    return (r.status, r.stdout, r.stderr)
}


/// Columns of `simulate`'s CSV by header name.
fileprivate func columns(_ csv: String) -> [String: [String]] {
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    var out: [String: [String]] = [:]
    for (j, name) in rows[0].enumerated() { out[name] = rows.dropFirst().map { $0[j] } }
    return out
}

fileprivate func tempDir() -> String {
    let d = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-convert-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
}

@Suite struct ConvertCommandTests {
    /// `simulate` takes the `.mdl` of the paper's model and prints what the YAML prints
    /// (reference: the YAML run; tolerance: the same printed digits, since the models are the
    /// same equations).
    @Test func simulateMDLEqualsYAML() throws {
        let mdl = try sdsweep(["simulate", Repository.root + "/configs/cluster-innovation.mdl"])
        let yaml = try sdsweep(["simulate", Repository.root + "/configs/cluster-innovation.yaml"])
        #expect(mdl.status == 0 && yaml.status == 0, "\(mdl.stderr)")
        #expect(columns(mdl.stdout) == columns(yaml.stdout))
    }

    /// `convert` writes YAML that simulates to the same printed values as the `.mdl` it came from.
    @Test func convertRoundTrips() throws {
        let dir = tempDir()
        let mdl = Repository.root + "/configs/cluster-innovation.mdl"
        let c = try sdsweep(["convert", mdl, "--out", dir + "/paper.yaml"])
        #expect(c.status == 0 && c.stdout.isEmpty, "\(c.stderr)")
        let a = try sdsweep(["simulate", mdl]), b = try sdsweep(["simulate", dir + "/paper.yaml"])
        #expect(b.status == 0, "\(b.stderr)")
        #expect(columns(a.stdout) == columns(b.stdout))
    }

    /// `SAVEPER = TIME STEP` converts to `saveper: step`, so `--dt` on the YAML moves SAVEPER
    /// as on the `.mdl`; a SAVEPER of its own stays a number.
    @Test func convertKeepsTheSaveperLink() throws {
        let dir = tempDir()
        let mdl = "Stock= INTEG (1, 0)\n\t~\tWidget\t~\t|\nINITIAL TIME = 0 ~ Month ~|\nFINAL TIME = 1 ~ Month ~|\n"
            + "TIME STEP = 0.25 ~ Month ~|\nSAVEPER = TIME STEP ~ Month ~|\n"
        try mdl.write(toFile: dir + "/m.mdl", atomically: true, encoding: .utf8)
        let c = try sdsweep(["convert", dir + "/m.mdl", "--out", dir + "/m.yaml"])
        #expect(c.status == 0, "\(c.stderr)")
        let yaml = try String(contentsOfFile: dir + "/m.yaml", encoding: .utf8)
        #expect(yaml.contains("step: 0.25, saveper: step,"), "\(yaml)")
        let fromMDL = try sdsweep(["simulate", dir + "/m.mdl", "--dt", "0.03125"])
        let fromYAML = try sdsweep(["simulate", dir + "/m.yaml", "--dt", "0.03125"])
        #expect(fromYAML.status == 0, "\(fromYAML.stderr)")
        // 1 / 0.03125 = 32 steps: 33 saved times and the header, the same bytes from both.
        #expect(fromYAML.stdout.split(separator: "\n").count == 34)
        #expect(fromYAML.stdout == fromMDL.stdout)
        // Converting the YAML again keeps the link.
        let again = try sdsweep(["convert", dir + "/m.yaml"])
        #expect(again.stdout.contains("saveper: step,"))

        try mdl.replacingOccurrences(of: "SAVEPER = TIME STEP", with: "SAVEPER = 0.5").write(toFile: dir + "/own.mdl", atomically: true, encoding: .utf8)
        let own = try sdsweep(["convert", dir + "/own.mdl"])
        #expect(own.stdout.contains("step: 0.25, saveper: 0.5,"), "\(own.stdout)")
    }

    /// Unsupported Vensim features are bad input: exit 2, file and line in the message.
    @Test func unsupportedFeatureExitsTwo() throws {
        let dir = tempDir()
        let path = dir + "/sub.mdl"
        try "{UTF-8}\nDim: a, b ~~|\n:MACRO: M(x)\nM[Dim] = x ~~|\n:END OF MACRO:\ny[Dim] = M(1) ~~|\nFINAL TIME = 1 ~~|\nINITIAL TIME = 0 ~~|\nTIME STEP = 1 ~~|\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        for command in ["simulate", "convert"] {
            let r = try sdsweep([command, path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("sub.mdl:4: error: unsupported: subscripts inside a macro's body ('M[…]' in macro 'M') at line 4"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }
}
