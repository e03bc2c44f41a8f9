import SweepNumerics

/// Finds the runs whose outputs contain NaN or ±∞: one pass over rows already written, after
/// their chunk finished, so the time loop never tests a value.
public enum NonFiniteScan {
    /// Rows in `range` of a column-major `runs × columns` output block with a non-finite value,
    /// ascending.
    public static func rows(_ values: UnsafePointer<Double>?, runs: Int, columns: Int, in range: Range<Int>) -> [Int] {
        guard let values, !range.isEmpty, columns > 0 else { return [] }
        var bad: [Int] = []
        for r in range {
            var c = 0
            while c < columns {
                if !values[r + c * runs].isFinite { bad.append(r); break }
                c += 1
            }
        }
        return bad
    }

    /// Rows of `matrix` with a non-finite value, ascending.
    public static func rows(in matrix: Matrix) -> [Int] {
        matrix.storage.withUnsafeBufferPointer {
            rows($0.baseAddress, runs: matrix.rows, columns: matrix.columns, in: 0..<matrix.rows)
        }
    }

    /// The columns of `row` that are not finite.
    public static func columns(of row: Int, in matrix: Matrix) -> [Int] {
        (0..<matrix.columns).filter { !matrix[row, $0].isFinite }
    }
}
