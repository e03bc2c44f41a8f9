import SweepDiagnostics
import SweepNumerics

/// Why an analysis refused its input: a design that does not fit its outputs, a constant
/// output, non-finite model results, a singular regression, a bad option.
///
/// One public error for the analysis stage (docs/architecture.md §6). Its kinds (`ErrorKind`: `.invalidOption`,
/// `.shapeMismatch`, `.constantOutput`, `.nonFiniteValues`, `.singular`, `.invalidDesign`) are
/// open so the list can grow; callers read `kind`, `message`, the offending `rows` and the `location` a caller may attach.
///
/// ```swift
/// do { _ = try SobolAnalysis().analyze(layout: layout, outputs: y) }
/// catch let error as AnalysisError { print(error) }   // "error: 3 non-finite outputs …"
/// ```
public struct AnalysisError: InputError, Sendable {
    public let kind: ErrorKind
    public let message: String
    public var location: SourceLocation?
    /// The 0-based rows of the outputs (or design) the error is about, in order; empty when the
    /// error is not about particular rows. A command line turns the first into `file:line`.
    public let rows: [Int]

    init(_ kind: ErrorKind, _ message: String, rows: [Int] = [], location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.rows = rows
        self.location = location
    }

    /// The same error, pointing at `location` (a file, usually with the line of `rows.first`).
    public func located(at location: SourceLocation) -> AnalysisError {
        var copy = self
        copy.location = location
        return copy
    }

    /// Whether the error is the refusal of non-finite outputs (so a caller can suggest the
    /// drop option).
    public var isNonFiniteOutputs: Bool { kind == .nonFiniteValues }
    /// Whether the error says the output is constant, so no index is defined.
    public var isConstantOutput: Bool { kind == .constantOutput }

    static func option(_ message: String) -> AnalysisError { AnalysisError(.invalidOption, message) }

    /// Checks the options every bootstrap-based method shares.
    static func checkBootstrap(_ resamples: Int, confidence: Double) throws {
        guard resamples >= 2 else {
            throw option("bootstrap resamples must be at least 2 (a standard deviation needs two), got \(resamples)")
        }
        guard confidence > 0, confidence < 1 else {
            throw option("confidence level must be strictly between 0 and 1, got \(confidence)")
        }
    }

    /// Describes up to five rows, 0-based, for messages.
    static func list(_ rows: [Int], limit: Int = 5) -> String {
        let shown = rows.prefix(limit).map(String.init).joined(separator: ", ")
        return rows.count > limit ? shown + ", …" : shown
    }
}

extension ErrorKind {
    /// Outputs whose shape does not fit the design (rows, columns, names).
    public static let shapeMismatch = ErrorKind("shape mismatch")
    /// An output that does not vary, so no index is defined.
    public static let constantOutput = ErrorKind("constant output")
    /// NaN or ±∞ where numbers are needed.
    public static let nonFiniteValues = ErrorKind("non-finite values")
    /// A singular regression or correlation matrix.
    public static let singular = ErrorKind("singular")
    /// A design that is not of the layout an analysis reads.
    public static let invalidDesign = ErrorKind("invalid design")
}
