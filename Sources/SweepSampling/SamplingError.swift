import SweepNumerics

/// Bad input to the sampling stage: a parameter space or a design request that cannot be
/// sampled, printed like a compiler diagnostic and mapped to exit code 2 by the command line.
///
/// ```
/// configs/study.yaml:7:9: error: parameter 'Peak Height': lower (6) must be below upper (3)
/// ```
///
/// The kinds are open (static members, not enum cases) so new ones can be added without
/// breaking callers that switch over them.
public struct SamplingError: InputError, Equatable {
    /// What went wrong, coarsely; the message says it precisely.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }

        /// The problem file could not be read or parsed (YAML syntax, a malformed line).
        public static let syntax = Kind("syntax")
        /// A distribution name the sampler does not know.
        public static let unknownDistribution = Kind("unknown distribution")
        /// A distribution's parameters are invalid (lower ≥ upper, sd ≤ 0, …).
        public static let invalidDistribution = Kind("invalid distribution")
        /// Two parameters share one name.
        public static let duplicateName = Kind("duplicate name")
        /// A design option out of range (N = 0, levels < 2, …).
        public static let invalidOption = Kind("invalid option")
        /// More dimensions than the shipped Joe–Kuo direction numbers cover.
        public static let tooManyDimensions = Kind("too many dimensions")
        /// A value the design needs is missing (a nominal value for a relative range or OAT).
        public static let missingValue = Kind("missing value")
    }

    public let kind: Kind
    public let message: String
    public let location: SourceLocation?

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}
