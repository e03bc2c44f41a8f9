import SweepNumerics

/// Plain Monte Carlo sampling: independent uniform points in [0, 1)^k, mapped through each
/// parameter's inverse CDF.
///
/// Column j is drawn from `SeededGenerator(seed: seed, stream: j)`, so the same seed gives the
/// same bits, and adding a parameter does not change the columns of the others.
///
/// ```swift
/// let design = try RandomSampling().sample(space, n: 10_000, seed: 42)
/// ```
public struct RandomSampling: Sendable {
    public init() {}

    /// - Throws: `SamplingError` for N < 1 or an unresolved relative range.
    /// - Complexity: O(N·k).
    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> RandomDesign {
        try DesignChecks.positive(n, "N")
        let distributions = try space.distributions()
        var unit = Matrix(rows: n, columns: space.count)
        unit.storage.withUnsafeMutableBufferPointer { out in
            for j in 0..<space.count {
                var rng = SeededGenerator(seed: seed, stream: UInt64(j))
                for i in 0..<n { out[j * n + i] = rng.nextUnit() }
            }
        }
        return RandomDesign(space: space, unit: unit, samples: ParameterSpace.map(unit: unit, distributions: distributions), seed: seed)
    }
}

/// A Monte Carlo sample.
public struct RandomDesign: SamplingDesign {
    public let space: ParameterSpace
    /// n × k uniform points in [0, 1).
    public let unit: Matrix
    public let samples: Matrix
    public let seed: UInt64
    public var warnings: [String] { [] }
}
