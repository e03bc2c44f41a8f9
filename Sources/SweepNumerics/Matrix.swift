/// A dense matrix of `Double` in column-major storage, the layout BLAS and LAPACK expect.
///
/// Rows are runs and columns are parameters or outputs throughout SDSweep, so a column is
/// contiguous: the engine reads a parameter column straight into a chunk, and an analysis
/// reads an output column without a copy.
public struct Matrix: Equatable, Sendable {
    public let rows: Int
    public let columns: Int
    /// `storage[r + c * rows]` is element (r, c).
    public var storage: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(storage.count == rows * columns, "storage does not fit \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// Builds a matrix from rows given as arrays (all of one length).
    public init(rowArrays: [[Double]]) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        var m = Matrix(rows: r, columns: c)
        for (i, row) in rowArrays.enumerated() {
            precondition(row.count == c, "ragged rows")
            for j in 0..<c { m.storage[i + j * r] = row[j] }
        }
        self = m
    }

    @inlinable
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row + column * rows] }
        set { storage[row + column * rows] = newValue }
    }

    /// Column `c` as a new array.
    public func column(_ c: Int) -> [Double] {
        Array(storage[(c * rows)..<((c + 1) * rows)])
    }

    /// Row `r` as a new array.
    public func row(_ r: Int) -> [Double] {
        (0..<columns).map { storage[r + $0 * rows] }
    }

    /// The rows `range` as a new matrix.
    public func rows(_ range: Range<Int>) -> Matrix {
        var m = Matrix(rows: range.count, columns: columns)
        for c in 0..<columns {
            for (i, r) in range.enumerated() { m.storage[i + c * range.count] = storage[r + c * rows] }
        }
        return m
    }
}
