import SweepEngine
import SweepNumerics

/// Where a `BlockSweep` hands its finished blocks, in order.
public protocol SweepSink: AnyObject {
    func accept(_ block: SweepBlock) throws
}

/// Collects a sweep's outputs into one matrix, runs × columns, as a study's analyses need
/// them, and its runs with NaN or ±∞ into a `NonFiniteReport`.
///
/// ```swift
/// let sink = MatrixSink(runs: x.rows, columns: sweep.columns.count)
/// _ = try sweep.run(from: MatrixRows(x), into: sink)
/// sink.values   // every run's outputs
/// ```
public final class MatrixSink: SweepSink {
    public private(set) var values: Matrix
    /// Non-finite runs; nil when nobody asked.
    public let report: NonFiniteReport?

    public init(runs: Int, columns: Int, report: NonFiniteReport? = nil) {
        values = Matrix(rows: runs, columns: columns)
        self.report = report
    }

    public func accept(_ block: SweepBlock) throws {
        try report?.add(rows: block.nonFiniteRuns, firstRun: block.runs.lowerBound, parameters: block.parameters, outputs: block.values)
        if block.runs.count == values.rows {
            values = block.values
            return
        }
        let m = block.values, runs = values.rows
        for c in 0..<m.columns {
            for (i, r) in block.runs.enumerated() { values.storage[r + c * runs] = m.storage[i + c * m.rows] }
        }
    }
}

/// Writes a sweep's outputs as they come, one CSV row per run (`CSVNumberWriter`, for a plain
/// outputs CSV or a `ShardFile`), and its runs with NaN or ±∞ into a `NonFiniteReport`.
///
/// `firstRun` numbers the report's runs as the samples file does, so a shard's report names
/// the runs of the whole design.
public final class CSVSink: SweepSink {
    /// nil on a process that runs its share but writes nothing (an MPI rank other than 0).
    public let writer: CSVNumberWriter?
    public let report: NonFiniteReport
    public let firstRun: Int

    public init(writer: CSVNumberWriter?, report: NonFiniteReport, firstRun: Int = 0) {
        self.writer = writer
        self.report = report
        self.firstRun = firstRun
    }

    public func accept(_ block: SweepBlock) throws {
        try report.add(rows: block.nonFiniteRuns, firstRun: firstRun + block.runs.lowerBound, parameters: block.parameters, outputs: block.values)
        try writer?.write(block.values)
    }
}
