import SweepEngine
import SweepNumerics
import Testing

/// `NonFiniteScan` flags exactly the runs holding NaN, +∞ or −∞, and never a finite extreme.
@Suite struct NonFiniteScanTests {
    /// 6 runs × 3 columns of ordinary values.
    func block() -> Matrix {
        Matrix(rowArrays: (0..<6).map { r in [Double(r), -Double(r) / 3, 1e3 * Double(r)] })
    }

    @Test func finiteBlockHasNoBadRows() {
        #expect(NonFiniteScan.rows(in: block()).isEmpty)
    }

    @Test(arguments: [Double.nan, -Double.nan, Double.signalingNaN, Double.infinity, -Double.infinity])
    func eachNonFiniteValueIsFound(value: Double) {
        var m = block()
        m[2, 1] = value
        m[5, 2] = value
        #expect(NonFiniteScan.rows(in: m) == [2, 5])
        #expect(NonFiniteScan.columns(of: 2, in: m) == [1])
        #expect(NonFiniteScan.columns(of: 0, in: m).isEmpty)
    }

    /// The largest, smallest and subnormal magnitudes are numbers, not failures.
    @Test func finiteExtremesAreNotFlagged() {
        let extremes = [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, Double.leastNormalMagnitude,
                        Double.leastNonzeroMagnitude, -Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 2, 0, -0.0]
        let m = Matrix(rowArrays: extremes.map { [$0, 1] })
        #expect(NonFiniteScan.rows(in: m).isEmpty)
        // … while the overflow one step beyond the largest is.
        var over = m
        over[0, 0] = Double.greatestFiniteMagnitude * 2
        #expect(NonFiniteScan.rows(in: over) == [0])
    }

    @Test func aRowWithSeveralBadColumnsIsListedOnceAndItsColumnsInOrder() {
        var m = block()
        m[3, 0] = .nan
        m[3, 2] = -.infinity
        m[3, 1] = .infinity
        #expect(NonFiniteScan.rows(in: m) == [3])
        #expect(NonFiniteScan.columns(of: 3, in: m) == [0, 1, 2])
    }

    /// The pointer form scans only the rows asked for, of a block that may be larger.
    @Test func rangeLimitsTheScan() {
        var m = block()
        for r in [0, 2, 5] { m[r, 2] = .nan }
        m.storage.withUnsafeBufferPointer { p in
            #expect(NonFiniteScan.rows(p.baseAddress, runs: 6, columns: 3, in: 1..<5) == [2])
            #expect(NonFiniteScan.rows(p.baseAddress, runs: 6, columns: 3, in: 0..<6) == [0, 2, 5])
            #expect(NonFiniteScan.rows(p.baseAddress, runs: 6, columns: 3, in: 3..<3).isEmpty)
            // Only the first column: the NaNs in column 2 are not looked at.
            #expect(NonFiniteScan.rows(p.baseAddress, runs: 6, columns: 1, in: 0..<6).isEmpty)
        }
    }

    @Test func emptyInputsHaveNoBadRows() {
        #expect(NonFiniteScan.rows(nil, runs: 4, columns: 2, in: 0..<4).isEmpty)
        #expect(NonFiniteScan.rows(in: Matrix(rows: 0, columns: 3)).isEmpty)
        #expect(NonFiniteScan.rows(in: Matrix(rows: 3, columns: 0)).isEmpty)
        #expect(NonFiniteScan.columns(of: 0, in: Matrix(rows: 1, columns: 0)).isEmpty)
    }
}
