import Foundation
import Testing
@testable import SweepAnalysis
import SweepNumerics
import SweepSampling

struct SobolTimeSeriesTests {
    /// Five "times", each a different function of the same design, one of them constant.
    static func outputs(_ x: Matrix) -> Matrix {
        let fs: [([Double]) -> Double] = [
            { _ in 0 },                                          // t = 0: stocks at their initial values
            TestDesigns.ishigami,
            TestDesigns.sobolG([0, 1, 9]),
            { u in 10 * u[0] + 4 * u[1] + 20 * u[2] },           // additive, paper-like
            { u in exp(u[0] * u[1]) - u[2] },
        ]
        var y = Matrix(rows: x.rows, columns: fs.count)
        for r in 0..<x.rows {
            let u = x.row(r)
            for (t, f) in fs.enumerated() { y[r, t] = f(u) }
        }
        return y
    }

    @Test(arguments: [48 << 20, 1])
    func eachTimeEqualsItsColumnAnalysedAloneBitForBit(chunkBytes: Int) throws {
        // chunkBytes 1 forces one column per pass: chunking must not change a bit either.
        let (layout, x) = TestDesigns.saltelli(k: 3, n: 1024, secondOrder: true, seed: 50)
        let y = Self.outputs(x)
        let analysis = SobolAnalysis(bootstrap: 50, seed: 11)
        let series = try analysis.analyzeOverTime(
            layout: layout, outputs: y, times: [0, 5, 10, 15, 20], names: ["a", "b", "c"], chunkBytes: chunkBytes)
        #expect(series.defined == [false, true, true, true, true])
        #expect(series.undefinedTimes == [0])
        #expect(series.s1[0].allSatisfy(\.isNaN) && series.stConf[0].allSatisfy(\.isNaN))
        for t in 1..<5 {
            // Reference: the scalar analysis of column t; the same arithmetic in the same order,
            // so equality is exact.
            let alone = try analysis.analyze(layout: layout, outputs: y.column(t), names: ["a", "b", "c"])
            #expect(series.s1[t] == alone.s1 && series.s1Conf[t] == alone.s1Conf)
            #expect(series.st[t] == alone.st && series.stConf[t] == alone.stConf)
        }
    }

    @Test func tableHasOneRowPerTimeAndFactor() throws {
        let (layout, x) = TestDesigns.saltelli(k: 3, n: 128, secondOrder: false, seed: 51)
        let series = try SobolAnalysis(bootstrap: 10).analyzeOverTime(layout: layout, outputs: Self.outputs(x))
        let table = series.table()
        #expect(table.header == ["time", "parameter", "S1", "S1_conf", "ST", "ST_conf"])
        #expect(table.rows.count == 15)
        #expect(table.rows[0] == ["0.0", "x1", "nan", "nan", "nan", "nan"])
        #expect(table.rows[3][0] == "1.0" && Double(table.rows[3][2]) == series.s1[1][0])
        let json = try JSONEncoder().encode(series)
        #expect(String(decoding: json, as: UTF8.self).contains(#""S1":[[null,null,null],"#))
    }

    @Test func nonFiniteAtAnyTimeDropsTheBlockForAllTimes() throws {
        let (layout, x) = TestDesigns.saltelli(k: 3, n: 200, secondOrder: false, seed: 52)
        var y = Self.outputs(x)
        y[layout.rowAB(7, 2), 3] = .nan
        #expect { try SobolAnalysis().analyzeOverTime(layout: layout, outputs: y) } throws: {
            ($0 as? AnalysisError)?.message.hasPrefix("1 non-finite outputs") == true
        }
        let series = try SobolAnalysis(seed: 2, dropNonFinite: true).analyzeOverTime(layout: layout, outputs: y)
        #expect(series.droppedBaseRows == [7])
        // Reference: the scalar analysis with the same block dropped, exact.
        let alone = try SobolAnalysis(seed: 2, dropNonFinite: true).analyze(layout: layout, outputs: y.column(3))
        #expect(series.st[3] == alone.st && series.stConf[3] == alone.stConf)
        // The clean column 1 loses block 7 as well, so every time shares one design.
        var column1 = y.column(1)
        column1[layout.rowA(7)] = .nan
        let reduced = try SobolAnalysis(seed: 2, dropNonFinite: true).analyze(layout: layout, outputs: column1)
        #expect(series.s1[1] == reduced.s1)
    }
}
