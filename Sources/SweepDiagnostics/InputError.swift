/// An error caused by the user's input, printed like a compiler diagnostic
/// (`configs/m.yaml:12:7: error: unknown variable 'Knowlege'`) and mapped to exit code 2.
///
/// Each stage has its own error type conforming to this (`ModelError`, `CompileError`,
/// `SamplingError`, `AnalysisError`, `StudyError`, `CSVError`, `CheckpointError`), so the
/// command line prints all of them the same way without knowing their cases. Each carries an
/// `ErrorKind` for callers that must tell one refusal from another without reading the text.
public protocol InputError: Error, CustomStringConvertible {
    var kind: ErrorKind { get }
    var location: SourceLocation? { get }
    var message: String { get }
}

extension InputError {
    public var description: String {
        if let location { return "\(location): error: \(message)" }
        return "error: \(message)"
    }
}

/// The error of one stage that reads the user's files (the model, the compiler, the study):
/// a kind, a message and where. The stage is a type tag, so each has its own error type and
/// `catch let error as CompileError` tells them apart:
///
/// ```swift
/// public typealias CompileError = StageError<CompiledModel>
/// throw CompileError(.cycle, "circular definition among auxiliaries: A → B → A", at: location)
/// ```
public struct StageError<Stage>: InputError, Sendable {
    public let kind: ErrorKind
    public let message: String
    public let location: SourceLocation?

    public init(_ kind: ErrorKind, _ message: String, at location: SourceLocation?) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}

/// What went wrong, coarsely; the message says it precisely.
///
/// The kinds are open (static members, not enum cases) so a stage can add its own without
/// breaking callers that compare against them:
///
/// ```swift
/// catch let error as CompileError where error.kind == .unknownParameter { … }
/// ```
public struct ErrorKind: Hashable, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }

    /// Text that cannot be parsed (YAML, CSV, an equation, a malformed line).
    public static let syntax = ErrorKind("syntax")
    /// A value out of range or of the wrong type, or settings that contradict each other.
    public static let invalidValue = ErrorKind("invalid value")
    /// A name that is not defined where it is used.
    public static let unknownName = ErrorKind("unknown name")
    /// A name given twice.
    public static let duplicateName = ErrorKind("duplicate name")
    /// Something required that is not there.
    public static let missingValue = ErrorKind("missing value")
    /// Definitions that depend on themselves.
    public static let cycle = ErrorKind("cycle")
    /// A per-run parameter that is not a settable constant of the model, or is listed twice.
    public static let badParameter = ErrorKind("bad parameter")
    /// A construct SDSweep refuses rather than runs wrong.
    public static let unsupported = ErrorKind("unsupported")
    /// A file that cannot be read, or is damaged, truncated or of another sweep.
    public static let unreadable = ErrorKind("unreadable")
    /// A request the machine cannot serve (memory).
    public static let resources = ErrorKind("resources")
}
