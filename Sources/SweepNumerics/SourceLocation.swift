/// Where in a user's file something was written: the part of every diagnostic that lets a
/// modeller jump to the mistake.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, leaving out what is unknown.
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let line, line > 0, let column { s += ":\(column)" }
        return s
    }
}

/// An error caused by the user's input, printed like a compiler diagnostic
/// (`configs/m.yaml:12:7: error: unknown variable 'Knowlege'`) and mapped to exit code 2.
///
/// Each stage has its own error type conforming to this, so the command line prints all of
/// them the same way without knowing their cases.
public protocol InputError: Error, CustomStringConvertible {
    var location: SourceLocation? { get }
    var message: String { get }
}

extension InputError {
    public var description: String {
        if let location { return "\(location): error: \(message)" }
        return "error: \(message)"
    }
}
