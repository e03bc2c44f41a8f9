/// A variable name with subscripts, `Weight[Cluster, Partner!]`: the base name and, per
/// position, a dimension or element name, a dimension optionally marked `!` to be reduced by
/// an enclosing SUM, PROD, VMIN or VMAX (Vensim DSS Reference Manual, "SUM").
///
/// The expression parser writes subscripted references into `Expression.variable` names in
/// this form (`text`), and the expansion reads them back; that keeps `Expression`'s cases, which
/// the compiler switches over, unchanged.
///
/// ```swift
/// let s = SubscriptedName(parsing: "Weight[Cluster, Partner!]")!
/// s.base            // "Weight"
/// s.subscripts[1]   // SubscriptRef(name: "Partner", reduced: true)
/// s.text            // "Weight[Cluster,Partner!]"
/// ```
public struct SubscriptedName: Equatable, Sendable {
    public var base: String
    public var subscripts: [SubscriptRef]

    /// One position of a subscript list: a dimension or element name, and whether it carries `!`.
    public struct SubscriptRef: Equatable, Sendable {
        public var name: String
        public var reduced: Bool
        public init(name: String, reduced: Bool = false) {
            self.name = name
            self.reduced = reduced
        }
    }

    public init(base: String, subscripts: [SubscriptRef]) {
        self.base = base
        self.subscripts = subscripts
    }

    /// Reads `Base[a, b!]`; nil when `text` has no subscript list (a `[` outside quotes) or it
    /// is malformed (use `parse` for the reason).
    public init?(parsing text: String) {
        guard case .success(let s)? = SubscriptedName.parse(text) else { return nil }
        self = s
    }

    /// Reads `Base[a, b!]`: nil when `text` has no `[` outside quotes, the reason when the
    /// subscript list is malformed.
    public static func parse(_ text: String) -> Result<SubscriptedName, SubscriptSyntaxError>? {
        let chars = Array(text)
        var inQuote = false
        var open: Int?
        var escaped = false
        for (i, c) in chars.enumerated() {
            // `\"` inside a quoted name is a quote of the name, not its end.
            if escaped { escaped = false; continue }
            if c == "\\" && inQuote { escaped = true; continue }
            if c == "\"" { inQuote.toggle() }
            if c == "[" && !inQuote { open = i; break }
        }
        guard let open else { return nil }
        let base = String(chars[..<open]).trimmingBlanks
        guard !base.isEmpty else { return .failure(SubscriptSyntaxError(message: "'\(text)' has subscripts but no name")) }
        var end = chars.count
        while end > open && chars[end - 1].isWhitespace { end -= 1 }
        guard end > open + 1, chars[end - 1] == "]" else {
            return .failure(SubscriptSyntaxError(message: "'\(text)': the subscript list does not end with ']'"))
        }
        let inner = String(chars[(open + 1)..<(end - 1)])
        if inner.contains("[") || inner.contains("]") {
            return .failure(SubscriptSyntaxError(message: "'\(text)': brackets inside a subscript list"))
        }
        var refs: [SubscriptRef] = []
        for part in inner.split(separator: ",", omittingEmptySubsequences: false) {
            var name = String(part).trimmingBlanks
            var reduced = false
            if name.hasSuffix("!") {
                reduced = true
                name = String(name.dropLast()).trimmingBlanks
            }
            guard !name.isEmpty, !name.contains("!") else {
                return .failure(SubscriptSyntaxError(message: "'\(text)': empty or malformed subscript"))
            }
            refs.append(SubscriptRef(name: name, reduced: reduced))
        }
        return .success(SubscriptedName(base: base, subscripts: refs))
    }

    /// `Base[a,b!]`: the canonical spelling (no blanks after commas) used in names.
    public var text: String {
        base + "[" + subscripts.map { $0.name + ($0.reduced ? "!" : "") }.joined(separator: ",") + "]"
    }

    /// The name of one element of a variable: `Base[e1,e2]`, elements as declared.
    public static func elementName(_ base: String, _ elements: [String]) -> String {
        base + "[" + elements.joined(separator: ",") + "]"
    }
}

public struct SubscriptSyntaxError: Error, Sendable {
    public let message: String
}
