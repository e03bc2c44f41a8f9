import Foundation
import Testing
import SweepNumerics
import SweepSampling
@testable import SweepAnalysis

@Suite struct SobolConvergenceTests {
    static let design = TestDesigns.saltelli(k: 3, n: 512, secondOrder: false, seed: 11)
    static let outputs = TestDesigns.evaluate(design.x, TestDesigns.ishigami)
    static let analysis = SobolAnalysis(bootstrap: 50, confidence: 0.95, seed: 5)

    @Test func prefixesHalveDownToTheMinimumAndTheFullDesignIsTheAnalysis() throws {
        let c = try Self.analysis.convergence(layout: Self.design.layout, outputs: Self.outputs, names: ["x1", "x2", "x3"], minimumBaseRows: 64)
        #expect(c.baseRows == [64, 128, 256, 512])
        let full = try Self.analysis.analyze(layout: Self.design.layout, outputs: Self.outputs, names: ["x1", "x2", "x3"])
        // Bit for bit: the last row is the very same computation.
        #expect(c.s1.last!.map(\.bitPattern) == full.s1.map(\.bitPattern))
        #expect(c.st.last!.map(\.bitPattern) == full.st.map(\.bitPattern))
        #expect(c.s1Conf.last!.map(\.bitPattern) == full.s1Conf.map(\.bitPattern))
        #expect(c.stConf.last!.map(\.bitPattern) == full.stConf.map(\.bitPattern))
        // A prefix is the analysis of the first n base blocks.
        let layout = Self.design.layout.keeping(baseRows: 128)
        let prefix = try Self.analysis.analyze(layout: layout, outputs: Array(Self.outputs[0..<layout.rows]), names: ["x1", "x2", "x3"])
        #expect(c.st[1].map(\.bitPattern) == prefix.st.map(\.bitPattern))
        // Intervals narrow as N grows (by about √2 per doubling; 0.9 leaves room for noise at B = 50).
        for j in 0..<3 { #expect(c.stConf[3][j] < 0.9 * c.stConf[0][j]) }
        #expect(c.bootstrap == 50)
    }

    @Test func theTableHasNamedColumnsAndTheSameNumbers() throws {
        let c = try Self.analysis.convergence(layout: Self.design.layout, outputs: Self.outputs, minimumBaseRows: 256)
        let table = c.table()
        #expect(table.header == ["N", "parameter", "S1", "S1_conf", "ST", "ST_conf"])
        #expect(table.rows.count == 2 * 3)
        #expect(table.rows[3][0] == "512" && table.rows[3][1] == "x1")
        #expect(Double(table.rows[3][4]) == c.st[1][0])
    }

    @Test func aTinyDesignIsItsOwnOnlyPrefix() throws {
        let small = TestDesigns.saltelli(k: 2, n: 40, secondOrder: false, seed: 3)
        let y = TestDesigns.evaluate(small.x) { $0[0] + 2 * $0[1] }
        let c = try SobolAnalysis(bootstrap: 10, seed: 1).convergence(layout: small.layout, outputs: y)
        #expect(c.baseRows == [40])
    }
}
