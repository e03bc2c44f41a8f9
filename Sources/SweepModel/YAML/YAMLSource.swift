import Foundation
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
            throw ModelError("cannot read file", at: SourceLocation(file: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelError("file is not UTF-8 text", at: SourceLocation(file: path))
        }
        return try YAMLSource(text: text, file: path)
    }

    public init(text: String, file: String) throws {
        self.file = file
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.contains("\0") { throw ModelError("file contains NUL bytes: not a YAML text file", at: SourceLocation(file: file)) }
        if let excess = YAMLNesting.firstExcess(in: text) {
            throw ModelError("YAML nested deeper than \(YAMLNesting.maxDepth) levels", at: SourceLocation(file: file, line: excess.line, column: excess.column))
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw ModelError("empty file: expected a YAML mapping", at: SourceLocation(file: file))
            }
            root = node
        } catch let error as YamlError {
            throw YAMLSource.diagnostic(error, file: file, text: text)
        }
        guard case .mapping = root else {
            throw ModelError("expected a YAML mapping at the top level", at: location(root))
        }
    }

    static func diagnostic(_ error: YamlError, file: String, text: String = "") -> ModelError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let what = context.map { "\($0.text) " } ?? ""
            return ModelError("YAML syntax error: \(what)\(problem)".trimmingCharacters(in: .whitespaces) + longKeyHint(text, line: mark.line),
                              at: SourceLocation(file: file, line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return ModelError("YAML reader error: \(problem)", at: SourceLocation(file: file))
        default:
            return ModelError("YAML error: \(error)", at: SourceLocation(file: file))
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
            throw ModelError("\(what) must be a mapping of names to values", at: location(node))
        }
        var seen: [String: Node] = [:]
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard let key = k.scalar?.string else {
                throw ModelError("\(what): keys must be plain names", at: location(k))
            }
            if let first = seen[key] {
                throw ModelError("duplicate key '\(key)' in \(what) (first at line \(first.mark?.line ?? 0))", at: location(k))
            }
            seen[key] = k
            out.append((key, k, v))
        }
        return out
    }

    /// A number from a scalar node, rejecting NaN/Inf and non-numbers.
    public func number(_ node: Node, what: String) throws -> Double {
        guard case .scalar(let s) = node, let v = Double(s.string.trimmingCharacters(in: .whitespaces)) ?? YAMLSource.yamlFloat(s.string) else {
            throw ModelError("\(what) must be a number, got \(describe(node))", at: location(node))
        }
        guard v.isFinite else { throw ModelError("\(what) must be a finite number, got \(describe(node))", at: location(node)) }
        return v
    }

    public func string(_ node: Node, what: String) throws -> String {
        guard case .scalar(let s) = node else {
            throw ModelError("\(what) must be text, got \(describe(node))", at: location(node))
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

    /// Suggests the candidate closest to `name` by edit distance, if it is close enough to be a typo.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let target = CanonicalName(name).id
        var best: (String, Int)?
        let limit = max(2, target.count / 3)
        for c in candidates {
            let id = CanonicalName(c).id
            // The distance is at least the difference in length: skip the O(n·m) table for
            // names that cannot be close (a 10⁵-character typo must not take seconds).
            if abs(id.count - target.count) > limit { continue }
            let d = editDistance(target, id)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var prev = Array(0...b.count)
        var cur = prev
        for i in 1...a.count {
            cur[0] = i
            for j in 1...b.count {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }
}
