import SweepNumerics
import Testing

/// `Statistics.quantiles` finds the order statistics by selection; the reference is the sort
/// it replaces, `quantile(sorted:)` on `x.sorted()`, and the tolerance is none: the same order
/// statistics interpolated by the same expression give the same bits.
struct QuantileSelectionTests {
    @Test(arguments: [1, 2, 3, 17, 100, 1001, 20_000])
    func selectionEqualsTheSort(n: Int) {
        var rng = SeededGenerator(seed: UInt64(n), stream: 7)
        let levels = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1]
        // Distinct values, heavy ties and already-sorted input: the partitions' hard cases.
        let cases: [[Double]] = [
            (0..<n).map { _ in rng.nextUnit() * 100 - 50 },
            (0..<n).map { _ in Double(rng.nextIndex(below: 4)) },
            (0..<n).map(Double.init),
            (0..<n).map { Double(n - $0) },
        ]
        for x in cases {
            let sorted = x.sorted()
            let expected = levels.map { Statistics.quantile(sorted: sorted, $0) }
            #expect(Statistics.quantiles(x, levels).map(\.bitPattern) == expected.map(\.bitPattern))
        }
    }

    @Test func documentedExample() {
        // By hand: h = 3q; q = 0.5 gives 2 + 0.5·(3 − 2), q = 0.95 gives 3 + 0.85·(4 − 3).
        let q = Statistics.quantiles([4, 1, 3, 2], [0.5, 0.95])
        #expect(q[0] == 2.5 && abs(q[1] - 3.85) < 1e-12, "\(q)")
    }
}
