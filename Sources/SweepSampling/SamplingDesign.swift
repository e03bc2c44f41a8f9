import SweepNumerics

/// What every design hands to the engine: the parameter space it was drawn on and the matrix
/// of runs (one row per run, one column per parameter, in the parameter's own units).
///
/// Each method returns its own design type (`SaltelliDesign`, `MorrisDesign`, `OATDesign`, …)
/// that also knows its layout, so an analyser takes exactly the design it can read.
public protocol SamplingDesign: Sendable {
    /// The space the design was drawn on; its names are the columns.
    var space: ParameterSpace { get }
    /// The runs × parameters matrix the engine integrates.
    var samples: Matrix { get }
    /// Advice the user should see (N not a power of two, …); the command line prints these
    /// to standard error.
    var warnings: [String] { get }
}

extension SamplingDesign {
    /// The column names, as the modeller wrote them.
    public var names: [String] { space.names }
    /// Number of runs.
    public var runs: Int { samples.rows }
    /// The design as CSV: a header of parameter names, one row per run, numbers in shortest
    /// round-trip form.
    public func csvText() -> String { CSVFormat.text(header: names, matrix: samples) }
}

/// Checks shared by the designs that take a sample size.
enum DesignChecks {
    static func positive(_ n: Int, _ what: String) throws {
        guard n >= 1 else { throw SamplingError(.invalidOption, "\(what) must be at least 1, not \(n)") }
    }

    static func isPowerOfTwo(_ n: Int) -> Bool { n > 0 && n & (n - 1) == 0 }

    /// The warnings SALib and scipy give for Sobol'-based designs (docs/gsa-notes.md §1).
    static func sobolWarnings(n: Int, skip: Int) -> [String] {
        var w: [String] = []
        if !isPowerOfTwo(n) {
            w.append("the balance properties of Sobol' points require N to be a power of 2; N = \(n)")
        }
        if skip > 0 && !isPowerOfTwo(skip) {
            w.append("convergence properties of the Sobol' sequence are only valid if skip (\(skip)) is a power of 2")
        }
        if skip > 0 && n > skip {
            w.append("convergence may not be valid as N (\(n)) is larger than skip (\(skip))")
        }
        return w
    }

    static func sobolRange(n: Int, skip: Int) throws {
        try positive(n, "N")
        guard skip >= 0 else { throw SamplingError(.invalidOption, "skip must be non-negative, not \(skip)") }
        guard skip <= SobolSequence.maxPoints - n else {
            throw SamplingError(.invalidOption, "skip + N = \(skip + n) exceeds the 2^32 points of the 32-bit Sobol' sequence")
        }
    }
}
