import Foundation
import SweepDiagnostics
import SweepNumerics
import Yams

/// A YAML file composed into Yams nodes, with the file name kept so every diagnostic can say
/// `file:line:column`: the one YAML reader, under the model, study and problem readers (a study
/// file is composed once, and its parameters read from the same nodes).
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

    /// Composes a model file's text, with the model front end's diagnostics (`ModelError`).
    public init(text: String, file: String) throws {
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if text.contains("\0") { throw ModelError(.invalidValue, "file contains NUL bytes: not a YAML text file", at: SourceLocation(file: file)) }
        try self.init(composing: text, file: file) { failure in
            switch failure {
            case .nestedTooDeep(let line, let column):
                ModelError(.invalidValue, "YAML nested deeper than \(YAMLNesting.maxDepth) levels", at: SourceLocation(file: file, line: line, column: column))
            case .empty:
                ModelError(.invalidValue, "empty file: expected a YAML mapping", at: SourceLocation(file: file))
            case .yaml(let error):
                YAMLSource.diagnostic(error, file: file, text: text)
            case .notMapping(let root):
                ModelError(.syntax, "expected a YAML mapping at the top level", at: SourceLocation(file: file, line: root.mark?.line, column: root.mark?.column))
            }
        }
    }

    /// Why a text could not be composed into a top-level mapping, for a front end to word.
    public enum Failure {
        /// The nesting pre-scan (`YAMLNesting`) stopped at this line and column.
        case nestedTooDeep(line: Int, column: Int)
        /// No document at all.
        case empty
        /// libyaml refused the text.
        case yaml(YamlError)
        /// The document is a scalar or a list.
        case notMapping(Node)
    }

    /// Composes `text` into a top-level mapping: the one YAML reader under the model, study and
    /// problem front ends, each of which words the failures itself, through `failure`.
    ///
    /// ```swift
    /// let source = try YAMLSource(composing: text, file: "study.yaml") { failure in SamplingError(…) }
    /// ```
    public init(composing text: String, file: String, failure: (Failure) -> any Error) throws {
        self.file = file
        if let excess = YAMLNesting.firstExcess(in: text) {
            throw failure(.nestedTooDeep(line: excess.line, column: excess.column))
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw failure(.yaml(error))
        }
        guard let node else { throw failure(.empty) }
        guard case .mapping = node else { throw failure(.notMapping(node)) }
        root = node
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

    /// The first key of `mapping` that is not plain text, or the first written twice (with the
    /// key node that wrote it first), whichever comes first in the file; with
    /// `skippingComplexKeys`, keys that are not plain text are passed over.
    public static func firstBadKey(in mapping: Node.Mapping, skippingComplexKeys: Bool = false) -> BadKey? {
        var seen: [String: Node] = [:]
        for (k, _) in mapping {
            guard let key = k.scalar?.string else {
                if skippingComplexKeys { continue }
                return .notPlain(k)
            }
            if let first = seen[key] { return .repeated(key, first: first, again: k) }
            seen[key] = k
        }
        return nil
    }

    /// What `firstBadKey` found.
    public enum BadKey {
        case notPlain(Node)
        case repeated(String, first: Node, again: Node)
    }

    /// The key/value pairs of a mapping node in file order, rejecting duplicate keys (YAML
    /// allows the parser to keep either; a modeller means neither).
    public func pairs(_ node: Node, what: String) throws -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw ModelError(.invalidValue, "\(what) must be a mapping of names to values", at: location(node))
        }
        switch YAMLSource.firstBadKey(in: mapping) {
        case .notPlain(let k):
            throw ModelError(.invalidValue, "\(what): keys must be plain names", at: location(k))
        case .repeated(let key, let first, let again):
            throw ModelError(.duplicateName, "duplicate key '\(key)' in \(what) (first at line \(first.mark?.line ?? 0))", at: location(again))
        case nil:
            return mapping.map { ($0.key.scalar!.string, $0.key, $0.value) }
        }
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
