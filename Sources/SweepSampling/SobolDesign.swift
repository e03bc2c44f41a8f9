import SweepNumerics

/// Sampling with the bare Sobol' sequence: point i of a k-dimensional sequence is run i
/// (`sdsweep sample sobol-seq`).
///
/// Unscrambled with skip 0 this is scipy's `qmc.Sobol(k, scramble=False).random(n)` mapped
/// through each parameter's inverse CDF; the first row is then the origin (the lower bounds,
/// or the clamped extreme of an unbounded distribution, see `Distribution`).
///
/// ```swift
/// let design = try SobolSampling(scramble: true).sample(space, n: 1024, seed: 7)
/// design.unit      // 1024 × k in [0, 1)
/// design.samples   // 1024 × k in parameter units
/// ```
public struct SobolSampling: Sendable {
    /// Scramble the sequence (LMS + digital shift, seeded); the default, as in scipy/SALib.
    public var scramble: Bool
    /// Points to skip from the start of the sequence (SALib's `skip_values`; prefer 0 and
    /// scrambling, Owen 2020).
    public var skip: Int

    public init(scramble: Bool = true, skip: Int = 0) {
        self.scramble = scramble
        self.skip = skip
    }

    /// - Throws: `SamplingError` for N < 1, a negative skip, more than 1000 parameters, or an
    ///   unresolved relative range.
    public func sample(_ space: ParameterSpace, n: Int, seed: UInt64 = 0) throws -> SobolDesign {
        try DesignChecks.sobolRange(n: n, skip: skip)
        let distributions = try space.distributions()
        let sequence = try SobolSequence(dimensions: space.count, scrambleSeed: scramble ? seed : nil)
        let unit = sequence.points(n, skip: skip)
        return SobolDesign(
            space: space, unit: unit, samples: ParameterSpace.map(unit: unit, distributions: distributions),
            skip: skip, scrambleSeed: sequence.scrambleSeed, warnings: DesignChecks.sobolWarnings(n: n, skip: skip))
    }
}

/// Points of a Sobol' sequence, in the unit cube and in parameter units.
public struct SobolDesign: SamplingDesign {
    public let space: ParameterSpace
    /// n × k points of the sequence in [0, 1).
    public let unit: Matrix
    public let samples: Matrix
    /// The index of the first point in the sequence.
    public let skip: Int
    /// nil when unscrambled.
    public let scrambleSeed: UInt64?
    public let warnings: [String]
}
