import SweepDiagnostics
import SweepNumerics

/// Bad input to the sampling stage: a parameter space or a design request that cannot be
/// sampled, printed like a compiler diagnostic and mapped to exit code 2 by the command line.
///
/// ```
/// configs/study.yaml:7:9: error: parameter 'Peak Height': lower (6) must be below upper (3)
/// ```
///
/// Kinds: `.syntax` (the problem file), `.unknownDistribution`, `.invalidDistribution`,
/// `.duplicateName`, `.invalidOption`, `.layoutMismatch`, `.tooManyDimensions`, `.missingValue`.
public struct SamplingError: InputError, Equatable {
    /// The stage's kinds are `ErrorKind`s; those below are its own.
    public typealias Kind = ErrorKind

    public let kind: Kind
    public let message: String
    public let location: SourceLocation?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}

extension ErrorKind {
    /// A distribution name the sampler does not know.
    public static let unknownDistribution = ErrorKind("unknown distribution")
    /// A distribution's parameters are invalid (lower ≥ upper, sd ≤ 0, …).
    public static let invalidDistribution = ErrorKind("invalid distribution")
    /// A design or analysis option out of range (N = 0, levels < 2, bootstrap < 2, …).
    public static let invalidOption = ErrorKind("invalid option")
    /// A design (or its row count) that does not have the layout its analysis reads.
    public static let layoutMismatch = ErrorKind("layout mismatch")
    /// More dimensions than the shipped Joe–Kuo direction numbers cover.
    public static let tooManyDimensions = ErrorKind("too many dimensions")
}
