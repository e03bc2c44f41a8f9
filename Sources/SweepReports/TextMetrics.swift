/// Estimated text widths and line wrapping, for laying out labels without a font engine.
///
/// An SVG is measured by whoever renders it, with whatever font they have, so exact metrics
/// are impossible here. The per-character widths below are a little wider than DejaVu Sans (the
/// widest common sans-serif fallback), so a label judged to fit does fit in narrower fonts too.
enum TextMetrics {
    /// Width in pixels of `text` at font `size`, in em fractions per character class.
    static func width(_ text: String, size: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for ch in text {
            ems += emWidth(ch)
        }
        return ems * size * (bold ? 1.15 : 1)
    }

    /// Whether `ch` is a full-width (CJK, Hangul, full-width form) character.
    static func isWide(_ ch: Character) -> Bool {
        guard let v = ch.unicodeScalars.first?.value else { return false }
        return (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    private static func emWidth(_ ch: Character) -> Double {
        if isWide(ch) { return 1.0 }
        switch ch {
        case " ": return 0.32
        case "i", "j", "l", "'", "|", "!", ".", ",", ":", ";", "I": return 0.3
        case "f", "t", "r", "(", ")", "[", "]", "/", "-": return 0.42
        case "m", "w", "M", "W", "%", "@", "—": return 0.9
        case "0"..."9": return 0.64
        default:
            if ch.isUppercase { return 0.72 }
            return 0.6
        }
    }

    /// Breaks `text` into lines no wider than `maxWidth` at font `size`.
    ///
    /// Lines break at spaces, and between any two CJK characters (which have no spaces); a
    /// single word wider than the line is cut where it overflows rather than spilling out of the
    /// canvas. Always returns at least one line.
    static func wrap(_ text: String, maxWidth: Double, size: Double, bold: Bool = false) -> [String] {
        // Tokens: runs of narrow non-space characters, or single wide characters; `spaced`
        // records whether a space separated the token from the one before.
        var tokens: [(text: String, spaced: Bool)] = []
        var word = ""
        var wordSpaced = false
        var pendingSpace = false
        func flush() {
            if !word.isEmpty { tokens.append((word, wordSpaced)) }
            word = ""
        }
        for ch in text {
            if ch.isWhitespace {
                flush()
                pendingSpace = true
            } else if isWide(ch) {
                flush()
                tokens.append((String(ch), pendingSpace))
                pendingSpace = false
            } else {
                if word.isEmpty { wordSpaced = pendingSpace }
                word.append(ch)
                pendingSpace = false
            }
        }
        flush()

        var lines: [String] = []
        var line = ""
        func fits(_ s: String) -> Bool { width(s, size: size, bold: bold) <= maxWidth }
        func start(with token: String) {
            // A word longer than a whole line is cut character by character.
            var piece = ""
            for ch in token {
                if !piece.isEmpty && !fits(piece + String(ch)) {
                    lines.append(piece)
                    piece = ""
                }
                piece.append(ch)
            }
            line = piece
        }
        for token in tokens {
            if line.isEmpty {
                start(with: token.text)
                continue
            }
            let candidate = line + (token.spaced ? " " : "") + token.text
            if fits(candidate) {
                line = candidate
            } else {
                lines.append(line)
                start(with: token.text)
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
