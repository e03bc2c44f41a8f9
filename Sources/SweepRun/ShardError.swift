import SweepDiagnostics

/// A shard, or a set of shards, that cannot be used: unreadable, not a shard, truncated or
/// changed, of another sweep or split, given twice, or missing from its set. Bad input (exit 2):
/// the message says which file and what to do.
public struct ShardError: InputError, Sendable {
    public var kind: ErrorKind { .unreadable }
    public let location: SourceLocation?
    public let message: String

    public init(_ message: String, file: String? = nil) {
        self.message = message
        self.location = file.map { SourceLocation(file: $0) }
    }
}
