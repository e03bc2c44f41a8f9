/// Vensim's name equivalence: case-insensitive, runs of spaces and underscores equal to one
/// space, surrounding blanks ignored. `"Internal_Knowledge  restructuring"` and
/// `"internal knowledge restructuring"` are one variable. Blanks next to the subscript
/// punctuation `[`, `]`, `,` and `!` are dropped, so `C[c1, c2]` and `C[c1,c2]` are one name.
///
/// The IR keeps the modeller's spelling for messages and reports, and this id for lookups.
public struct CanonicalName: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let id: String

    public init(_ name: String) {
        var out = ""
        var pendingSpace = false
        var text = Substring(name)
        // Quoted names ("a/b") mean the same as the unquoted text.
        if text.count >= 2, text.first == "\"", text.last == "\"" { text = text.dropFirst().dropLast() }
        for ch in text {
            if ch == " " || ch == "_" || ch == "\t" || ch == "\n" || ch == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace {
                    if !CanonicalName.subscriptPunctuation.contains(ch),
                       let last = out.last, !CanonicalName.subscriptPunctuation.contains(last) {
                        out.append(" ")
                    }
                    pendingSpace = false
                }
                out += ch.lowercased()
            }
        }
        id = out
    }

    static let subscriptPunctuation: Set<Character> = ["[", "]", ",", "!"]

    public var description: String { id }
    public static func < (a: CanonicalName, b: CanonicalName) -> Bool { a.id < b.id }
}
