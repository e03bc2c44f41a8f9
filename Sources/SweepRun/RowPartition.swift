/// Contiguous ranges of runs, one per part, sizes differing by at most one: how MPI ranks and
/// `--shard I/N` split a sweep, so a shard and a rank with the same index own the same rows.
///
/// The first `runs % parts` parts get one run more; a part may be empty when there are more
/// parts than runs.
///
/// ```swift
/// RowPartition(runs: 10, parts: 3).range(of: 0)   // 0..<4
/// RowPartition(runs: 10, parts: 3).range(of: 2)   // 7..<10
/// ```
public struct RowPartition: Sendable, Equatable {
    public let runs: Int
    public let parts: Int

    public init(runs: Int, parts: Int) {
        precondition(runs >= 0 && parts >= 1)
        self.runs = runs
        self.parts = parts
    }

    /// The runs of part `index` (0-based).
    public func range(of index: Int) -> Range<Int> {
        precondition(index >= 0 && index < parts)
        let base = runs / parts, extra = runs % parts
        let start = index * base + Swift.min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }
}
