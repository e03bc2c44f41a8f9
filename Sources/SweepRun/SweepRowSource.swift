import SweepDiagnostics
import SweepNumerics

/// Where a `BlockSweep` takes its parameter rows from, one block at a time, in order.
public protocol SweepRowSource: AnyObject {
    /// The next `count` rows, `count` × parameters.
    /// - Throws: when the rows are not there (a file cut short or changed) or do not parse.
    func next(_ count: Int) throws -> Matrix
}

/// Rows held in memory: a study's design.
///
/// ```swift
/// let source = MatrixRows(design.samples)
/// ```
public final class MatrixRows: SweepRowSource {
    public let matrix: Matrix
    private var position = 0

    public init(_ matrix: Matrix) { self.matrix = matrix }

    public func next(_ count: Int) throws -> Matrix {
        precondition(position + count <= matrix.rows, "asked for rows past the end of the matrix")
        defer { position += count }
        // The whole matrix as one block: no copy.
        if position == 0 && count == matrix.rows { return matrix }
        return matrix.rows(position..<(position + count))
    }
}

/// Rows streamed from a samples CSV (`CSVRowReader`): only a block is held at a time, which
/// is what lets `evaluate --out-of-core` sweep designs larger than memory.
///
/// ```swift
/// let source = CSVRows(try CSVRowReader(path: "x.csv"))
/// try source.skip(4689)      // a shard's rows start further down
/// ```
public final class CSVRows: SweepRowSource {
    public let reader: CSVRowReader

    public init(_ reader: CSVRowReader) { self.reader = reader }

    public func next(_ count: Int) throws -> Matrix {
        guard let rows = try reader.nextBlock(maxRows: count), rows.rows == count else { throw changed }
        return rows
    }

    /// Reads past the next `count` data rows (those before a shard's), checking them as it goes.
    public func skip(_ count: Int) throws {
        var left = count
        while left > 0 {
            guard let block = try reader.nextBlock(maxRows: Swift.min(left, 65_536)) else { throw changed }
            left -= block.rows
        }
    }

    private var changed: CSVError {
        CSVError(location: SourceLocation(file: reader.file), message: "the file changed while it was being read")
    }
}
