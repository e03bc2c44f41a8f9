extension String {
    /// The string made safe as XML character data or a quoted attribute value.
    ///
    /// Besides the five markup characters, control characters that XML 1.0 forbids even as
    /// character references become U+FFFD: a model name pasted from a spreadsheet with a stray
    /// 0x0B must not make the whole figure unreadable.
    var xmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                let v = scalar.value
                let allowed = v == 0x9 || v == 0xA || v == 0xD
                    || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
