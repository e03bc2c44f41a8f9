import SweepNumerics

/// A pre-scan of YAML text that bounds how deeply its collections nest, run before the text is
/// composed.
///
/// Yams composes nodes recursively, so `[[[[…` 10⁴ levels deep overflows the stack and kills
/// the process (measured: ~5–10·10³ levels on an 8 MB main thread in a debug build, far fewer
/// on a secondary thread). libyaml itself is not recursive, but its events are not public in
/// Yams, hence this scan over the text. It over-estimates, never under-estimates: flow depth is
/// counted exactly (brackets and braces outside quotes, comments and block scalars), block depth
/// is bounded by twice the number of indentation levels plus the compact indicators (`- `,
/// `? `, `: `) that open a nested node on the same line. Model, problem and study files nest a
/// handful of levels, so the bound never bites on real input.
///
/// ```swift
/// if let excess = YAMLNesting.firstExcess(in: text) { … excess.line, excess.column … }
/// ```
public enum YAMLNesting {
    /// Deeper than this is rejected. Real files nest < 10 levels; 100 keeps the composer's
    /// recursion far from any thread's stack limit, even in debug builds.
    public static let maxDepth = 100

    /// Where the nesting first exceeds `limit` (1-based line and column), or nil.
    ///
    /// - Complexity: O(n) in the length of the text, no allocation per character.
    public static func firstExcess(in text: String, limit: Int = maxDepth) -> (line: Int, column: Int)? {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var scan = DepthScan(limit: limit)
        var lineNumber = 0
        var start = 0
        while start <= bytes.count {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            lineNumber += 1
            if let column = scan.line(bytes, from: start, to: end) { return (lineNumber, column) }
            if end >= bytes.count { break }
            start = end + 1
            if end + 1 < bytes.count && bytes[end] == 0x0D && bytes[end + 1] == 0x0A { start += 1 }
        }
        return nil
    }

    /// The state carried from line to line: open flow collections, the indentation levels of
    /// the block structure, an open quoted scalar or block scalar.
    private struct DepthScan {
        let limit: Int
        var flow = 0
        var indents: [Int] = []
        var quote: UInt8 = 0            // 0, '"' or '\'' while inside a quoted scalar
        var blockScalarParent: Int?     // indentation of the line that opened a `|`/`>` scalar

        init(limit: Int) { self.limit = limit }

        /// Scans `bytes[start..<end]`, one line: the 1-based column where the nesting first
        /// exceeds the limit, or nil.
        mutating func line(_ bytes: [UInt8], from start: Int, to end: Int) -> Int? {
            var i = start
            while i < end && bytes[i] == 0x20 { i += 1 }
            let indent = i - start
            let blank = i == end || bytes[i] == UInt8(ascii: "#")
            if let parent = blockScalarParent {
                if blank || indent > parent { return nil }
                blockScalarParent = nil
            }
            if quote == 0 && flow == 0 && !blank {
                // A structural line: its indentation closes deeper levels and may open one.
                while let last = indents.last, last >= indent { indents.removeLast() }
                indents.append(indent)
            }
            if let column = characters(bytes, from: i, start: start, end: end) { return column }
            // `key: |` or `- >-` opens a block scalar: its lines are text, not structure.
            if quote == 0 && flow == 0 && YAMLNesting.isBlockScalarHeader(bytes[start..<end]) {
                blockScalarParent = indent
            }
            return nil
        }

        /// The characters of the line from its first non-blank `i`: quotes, brackets and the
        /// compact indicators that open a node.
        private mutating func characters(_ bytes: [UInt8], from i: Int, start: Int, end: Int) -> Int? {
            var i = i
            var atScalarStart = quote == 0
            var indicators = 0
            while i < end {
                let c = bytes[i]
                if quote != 0 {
                    if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") { i += 2; continue }
                    if c == quote {
                        if quote == UInt8(ascii: "'") && i + 1 < end && bytes[i + 1] == c { i += 2; continue }
                        quote = 0
                        atScalarStart = false
                    }
                    i += 1
                    continue
                }
                let next: UInt8 = i + 1 < end ? bytes[i + 1] : 0x20
                let spaceAfter = next == 0x20 || next == 0x09
                switch c {
                case 0x20, 0x09:
                    i += 1
                    continue
                case UInt8(ascii: "#") where i == start || bytes[i - 1] == 0x20 || bytes[i - 1] == 0x09:
                    i = end
                    continue
                // (A `where` clause guards only the last pattern of a case, hence the
                // single-pattern cases below.)
                case let q where (q == UInt8(ascii: "\"") || q == UInt8(ascii: "'")) && atScalarStart:
                    quote = c
                case let b where (b == UInt8(ascii: "[") || b == UInt8(ascii: "{")) && (flow > 0 || atScalarStart):
                    flow += 1
                    if flow + 2 * (indents.count + indicators) > limit {
                        return i - start + 1
                    }
                    atScalarStart = true
                    i += 1
                    continue
                case let b where (b == UInt8(ascii: "]") || b == UInt8(ascii: "}")) && flow > 0:
                    flow -= 1
                case UInt8(ascii: ",") where flow > 0:
                    atScalarStart = true
                    i += 1
                    continue
                case let x where spaceAfter && (x == UInt8(ascii: ":")
                                                || ((x == UInt8(ascii: "-") || x == UInt8(ascii: "?")) && (flow > 0 || atScalarStart))):
                    if flow == 0 {
                        indicators += 1
                        if 2 * (indents.count + indicators) > limit { return i - start + 1 }
                    }
                    atScalarStart = true
                    i += 1
                    continue
                default:
                    break
                }
                atScalarStart = false
                i += 1
            }
            return nil
        }
    }

    /// Whether the line ends (before any comment) with a block scalar indicator `|` or `>`,
    /// optionally followed by chomping and indentation indicators.
    static func isBlockScalarHeader(_ line: ArraySlice<UInt8>) -> Bool {
        var content = Array(line)
        if let hash = content.indices.first(where: { content[$0] == UInt8(ascii: "#") && ($0 == 0 || content[$0 - 1] == 0x20) }) {
            content.removeSubrange(hash...)
        }
        while let last = content.last, last == 0x20 || last == 0x09 { content.removeLast() }
        var j = content.count - 1
        while j >= 0 && (content[j] == UInt8(ascii: "+") || content[j] == UInt8(ascii: "-")
                         || (content[j] >= UInt8(ascii: "1") && content[j] <= UInt8(ascii: "9"))) { j -= 1 }
        guard j >= 0, content[j] == UInt8(ascii: "|") || content[j] == UInt8(ascii: ">") else { return false }
        return j == 0 || content[j - 1] == 0x20
    }
}
