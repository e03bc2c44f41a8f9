import Foundation
import Testing
import TestSupport

/// `evaluate --output NAME@all`, as the method commands accept it: every saved time, one
/// column each, named NAME@TIME.
@Suite struct EvaluateOutputTests {
    @Test func nameAtAllIsEverySavedTime() throws {
        let dir = try RunSDSweep.scratchDirectory().path
        try "Contact Rate\n5\n7\n".write(toFile: dir + "/x.csv", atomically: true, encoding: .utf8)
        let r = try RunSDSweep.run(["evaluate", Repository.root + "/configs/sir.yaml", "--samples", dir + "/x.csv", "--output", "Recovered@all"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        // SIR saves every day from 0 to 100: 101 columns, two runs.
        #expect(lines.count == 3)
        #expect(lines[0].split(separator: ",").map(String.init) == (0...100).map { "Recovered@\($0)" })
        #expect(lines[1].hasPrefix("0.0,") || lines[1].hasPrefix("0,"))
    }
}
