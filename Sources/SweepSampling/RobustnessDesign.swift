import SweepNumerics

/// The one-at-a-time test repeated at every point of a base design, the runs that ranking
/// robustness reads: block p holds point p, then point p with factor j scaled by 1 + change,
/// for each of the k factors, so n points give n(k+1) rows.
///
/// The design writes the rows and reads the outputs back, so the block arithmetic lives here
/// only.
///
/// ```swift
/// let points = try LatinHypercube().sample(space, n: 500, seed: 4).samples
/// let design = try RobustnessDesign(space: space, points: points, factors: [0, 3], change: 0.5)
/// let effects = design.effects(outputs: y)   // 500 × 2: y(moved) − y(point)
/// ```
public struct RobustnessDesign: SamplingDesign {
    public let space: ParameterSpace
    /// The base points, one row each, in the space's columns.
    public let points: Matrix
    /// The columns moved at each point, in test order.
    public let factors: [Int]
    /// The relative change of a moved factor, 0.5 for +50%.
    public let change: Double
    public let samples: Matrix
    public var warnings: [String] { [] }

    /// - Parameters:
    ///   - points: n × `space.count`, the points the test is repeated at.
    ///   - factors: the columns to move, each a column of `space`.
    /// - Throws: `SamplingError` when the change is not a positive finite number.
    /// - Complexity: O(n·(k+1)·d) for d parameters.
    public init(space: ParameterSpace, points: Matrix, factors: [Int], change: Double) throws {
        precondition(points.columns == space.count && factors.allSatisfy { (0..<space.count).contains($0) })
        guard change.isFinite, change > 0 else {
            throw SamplingError(.invalidOption, "the one-at-a-time change must be a positive fraction, not \(change)")
        }
        self.space = space
        self.points = points
        self.factors = factors
        self.change = change
        let block = factors.count + 1
        var x = Matrix(rows: points.rows * block, columns: space.count)
        for p in 0..<points.rows {
            for b in 0..<block {
                for c in 0..<space.count { x[p * block + b, c] = points[p, c] }
                if b > 0 { x[p * block + b, factors[b - 1]] *= 1 + change }
            }
        }
        samples = x
    }

    /// Rows per point: the point and one row per moved factor.
    public var blockSize: Int { factors.count + 1 }
    /// The row of point p as drawn.
    public func row(point p: Int) -> Int { p * blockSize }
    /// The row of point p with its j-th moved factor changed.
    public func row(point p: Int, factor j: Int) -> Int { p * blockSize + 1 + j }

    /// The effect of each move at each point: n × k, y(point p, factor j moved) − y(point p).
    ///
    /// - Parameter outputs: one output per row of `samples`.
    public func effects(outputs: [Double]) -> Matrix {
        precondition(outputs.count == samples.rows)
        var effects = Matrix(rows: points.rows, columns: factors.count)
        for p in 0..<points.rows {
            for j in 0..<factors.count { effects[p, j] = outputs[row(point: p, factor: j)] - outputs[row(point: p)] }
        }
        return effects
    }
}
