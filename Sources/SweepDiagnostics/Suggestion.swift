/// The did-you-mean part of a diagnostic: the candidate closest to a misspelt name, if it is
/// close enough to be a typo. Every "unknown …" message in SDSweep is composed with this.
///
/// Names are compared as Vensim compares them: ignoring case, with runs of blanks and
/// underscores equal to one space.
///
/// ```swift
/// "unknown variable 'Knowlege'" + Suggestion.hint(for: "Knowlege", among: names)
/// // unknown variable 'Knowlege'; did you mean 'Knowledge'?
/// ```
public enum Suggestion {
    /// `"; did you mean 'X'?"`, or `""` when nothing is close: for the end of a message.
    public static func hint(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// `" (did you mean 'X'?)"`, or `""`: for a message that goes on after the name.
    public static func aside(for name: String, among candidates: [String]) -> String {
        closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// The candidate nearest `name` by edit distance, within a third of its length (at least 2).
    public static func closest(to name: String, among candidates: [String]) -> String? {
        let target = key(name)
        var best: (String, Int)?
        let limit = max(2, target.count / 3)
        for c in candidates {
            let id = key(c)
            // The distance is at least the difference in length: skip the O(n·m) table for
            // names that cannot be close (a 10⁵-character typo must not take seconds).
            if abs(id.count - target.count) > limit { continue }
            let d = editDistance(target, id)
            if d <= limit, d < (best?.1 ?? Int.max) { best = (c, d) }
        }
        return best?.0
    }

    /// Lower case, blanks and underscores folded to single spaces, trimmed.
    static func key(_ name: String) -> [Character] {
        var out: [Character] = []
        var pendingSpace = false
        for ch in name {
            if ch == " " || ch == "_" || ch == "\t" || ch == "\n" || ch == "\r" {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out += ch.lowercased()
            }
        }
        return out
    }

    /// Levenshtein distance, two rows.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
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
