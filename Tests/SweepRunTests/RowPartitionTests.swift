import SweepRun
import Testing

/// The split shared by MPI ranks and `--shard I/N`.
struct RowPartitionTests {
    /// For every runs ≤ 40 and parts ≤ 9: the parts are contiguous, in order, cover 0..<runs
    /// exactly once, and differ in size by at most one (the larger ones first).
    @Test func partsTileTheRunsEvenly() {
        for runs in 0...40 {
            for parts in 1...9 {
                let p = RowPartition(runs: runs, parts: parts)
                var next = 0
                var sizes: [Int] = []
                for i in 0..<parts {
                    let r = p.range(of: i)
                    #expect(r.lowerBound == next, "runs \(runs) parts \(parts) part \(i)")
                    next = r.upperBound
                    sizes.append(r.count)
                }
                #expect(next == runs)
                #expect(sizes.max()! - sizes.min()! <= 1)
                #expect(sizes == sizes.sorted(by: >))
            }
        }
    }

    /// The uneven split the shard tests rely on: 125 runs in 4 parts are 32, 31, 31, 31.
    @Test func unevenSplitGivesTheRemainderToTheFirstParts() {
        let p = RowPartition(runs: 125, parts: 4)
        #expect((0..<4).map { p.range(of: $0) } == [0..<32, 32..<63, 63..<94, 94..<125])
    }
}
