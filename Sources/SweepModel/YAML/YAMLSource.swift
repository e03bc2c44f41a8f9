import Foundation
import SweepDiagnostics
import SweepNumerics
import Yams

/// A YAML file composed into Yams nodes, with the file name kept so every diagnostic can say
/// `file:line:column`. Shared by the model and study readers.
public struct YAMLSource {
    public let file: String
    public let root: Node

    /// Reads and composes `path`.
    public static func read(path: String) throws -> YAMLSource {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.unreadable, "cannot read file", at: SourceLocation(file: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelError(.invalidValue, "file is not UTF-8 text", at: SourceLocation(file: path))
        }
        return try YAMLSource(text: text, file: path)
    }

    public init(text: String, file: String) throws {
        self.file = file
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\0") { throw ModelError(.invalidValue, "file contains NUL bytes: not a YAML text file", at: SourceLocation(file: file)) }
        if let excess = YAMLNesting.firstExcess(in: text) {
            throw ModelError(.invalidValue, "YAML nested deeper than \(YAMLNesting.maxDepth) levels", at: SourceLocation(file: file, line: excess.line, column: excess.column))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ModelError(.invalidValue, "empty file: expected a YAML mapping", at: SourceLocation(file: file))
            }
            root = node
        } catch let error as YamlError {
            throw YAMLSource.diagnostic(error, file: file, text: text)
        }
        guard case .mapping = root else {
            throw ModelError(.syntax, "expected a YAML mapping at the top level", at: location(root))
        }
    }

    static func diagnostic(_ error: YamlError, file: String, text: String = "") -> ModelError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = context.map { "\($0.text) " } ?? ""
            return ModelError(.syntax, "YAML syntax error: \(what)\(problem)".trimmingCharacters(in: .whitespaces) + longKeyHint(text, line: mark.line),
                              at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return ModelError(.invalidValue, "YAML reader error: \(problem)", at: SourceLocation(file: file))
        default:
            return ModelError(.invalidValue, "YAML error: \(error)", at: SourceLocation(file: file))
        }
    }

    /// libyaml refuses an implicit key longer than 1024 characters with a message about
    /// "mapping values"; say what actually went wrong.
    static func longKeyHint(_ text: String, line: Int) -> String {
        guard line >= 1, let content = text.split(separator: "\n", maxSplits: line, omittingEmptySubsequences: false)
            .dropFirst(line - 1).first, content.utf8.count > 1024 else { return "" }
        return " (a key on this line is over 1024 characters; YAML allows at most 1024 in a plain key — write it as an explicit key '? name' or shorten it)"
    }

    public func location(_ node: Node) -> SourceLocation {
        SourceLocation(file: file, line: node.mark?.line, column: node.mark?.column)
    }

    /// The key/value pairs of a mapping node in file order, rejecting duplicate keys (YAML
    /// allows the parser to keep either; a modeller means neither).
    public func pairs(_ node: Node, what: String) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw ModelError(.invalidValue, "\(what) must be a mapping of names to values", at: location(node))
        }
        var seen: [String: Node] = [:]
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                throw ModelError(.invalidValue, "\(what): keys must be plain names", at: location(k))
            }
            if let first = seen[key] {
                throw ModelError(.duplicateName, "duplicate key '\(key)' in \(what) (first at line \(first.mark?.line ?? 0))", at: location(k))
            }
            seen[key] = k
            out.append((key, k, v))
        }
        return out
    }

    /// A number from a scalar node, rejecting NaN/Inf and non-numbers.
    public func number(_ node: Node, what: String) throws -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string.trimmingCharacters(in: .whitespaces)) ?? YAMLSource.yamlFloat(s.string) else {
            throw ModelError(.invalidValue, "\(what) must be a number, got \(describe(node))", at: location(node))
        }
        guard v.isFinite else { throw ModelError(.invalidValue, "\(what) must be a finite number, got \(describe(node))", at: location(node)) }
        return v
    }

    public func string(_ node: Node, what: String) throws -> String {
        guard case .scalar(let s) = node else {
            throw ModelError(.invalidValue, "\(what) must be text, got \(describe(node))", at: location(node))
        }
        return s.string
    }

    /// A short description of a node for "got …" in messages.
    public func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): "'\(s.string.count > 40 ? String(s.string.prefix(40)) + "…" : s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    static func yamlFloat(_ s: String) -> Double? {
        switch s.lowercased() {
        case ".nan": .nan
        case ".inf", "+.inf": .infinity
        case "-.inf": -.infinity
        default: nil
        }
    }
}
