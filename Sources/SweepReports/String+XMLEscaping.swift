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
            if let entity = Self.xmlEntities[scalar] {
                out += entity
            } else {
                out.unicodeScalars.append(scalar.isXMLCharacter ? scalar : "\u{FFFD}")
            }
        }
        return out
    }

    /// The five characters that would end character data or an attribute value.
    private static let xmlEntities: [Unicode.Scalar: String] = [
        "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;",
    ]
}

extension Unicode.Scalar {
    /// Whether XML 1.0 allows this scalar at all (its `Char` production): tab, newline,
    /// carriage return, and everything from U+0020 but the surrogates, U+FFFE and U+FFFF.
    fileprivate var isXMLCharacter: Bool {
        switch value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...: true
        default: false
        }
    }
}
