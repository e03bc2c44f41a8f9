import Foundation
import SweepNumerics

extension VensimModelReader {
    /// Splits the records into subscript range definitions and equations.
    ///
    /// Range records follow Vensim (DSS Reference Manual, "Subscripts"): `Dim: a, b, c`, with
    /// numbered ranges `(a1-a30)` and other ranges' names standing for their elements (so a
    /// range may be built from subranges), and `Alias <-> Dim` for an equivalent range. A
    /// mapping (`Dim: a, b -> Other`) is refused as unsupported; `Dim: GET DIRECT SUBSCRIPT(…)`
    /// reads the elements from a data file.
    ///
    /// - Returns: the dimensions in file order, and the records that are equations.
    /// - Throws: `ModelError` at the record's line.
    func readDimensions(_ records: [VensimRecord]) throws -> ([Dimension], [VensimRecord]) {
        enum Definition { case list([String]), alias(String) }
        var order: [(name: String, definition: Definition, line: Int)] = []
        var equations: [VensimRecord] = []
        for r in records {
            let text = r.equation.trimmingBlanks
            let line = r.line
            if let arrow = text.range(of: "<->"), !text[..<arrow.lowerBound].contains("="), !text.contains("[") {
                let name = String(text[..<arrow.lowerBound]).trimmingBlanks
                let other = String(text[arrow.upperBound...]).trimmingBlanks
                guard !name.isEmpty, !other.isEmpty else {
                    throw ModelError(.invalidValue, "malformed subscript equivalence '\(VensimModelReader.excerpt(text))'", at: location(line))
                }
                order.append((name, .alias(other), line))
                continue
            }
            guard let colon = VensimModelReader.rangeColon(text) else { equations.append(r); continue }
            let name = String(text[..<colon]).trimmingBlanks
            var body = String(text[text.index(after: colon)...])
            if body.contains("->") {
                throw ModelError(.unsupported, "unsupported: subscript mapping (->) in dimension '\(name)' at line \(line)", at: location(line))
            }
            // `Dim: GET DIRECT SUBSCRIPT(…)`: the elements come from a data file.
            if let items = try subscriptElements(body, dimension: name, line: line) { order.append((name, .list(items), line)); continue }
            body = String(body.map { $0 == "\\" ? " " : $0 })
            var elements: [String] = []
            for item in body.split(separator: ",", omittingEmptySubsequences: false) {
                let e = String(item).split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if e.hasPrefix("(") && e.hasSuffix(")") {
                    let inner = String(e.dropFirst().dropLast())
                    // `(a1-a30)`: try each '-' as the separator, as element names may hold one.
                    let dashes = inner.indices.filter { inner[$0] == "-" }
                    guard let range = dashes.lazy.compactMap({ Dimension.range(from: String(inner[..<$0]), to: String(inner[inner.index(after: $0)...])) }).first else {
                        throw ModelError(.invalidValue, "in dimension '\(name)': '\(e)' is not a numbered range like (a1-a30)", at: location(line))
                    }
                    elements += range
                } else {
                    guard !e.isEmpty else { throw ModelError(.invalidValue, "dimension '\(name)' has an empty element", at: location(line)) }
                    elements.append(e)
                }
            }
            order.append((name, .list(elements), line))
        }
        // Resolve aliases and ranges named inside other ranges, in any order of definition.
        var byName: [CanonicalName: (name: String, definition: Definition, line: Int)] = [:]
        for d in order {
            if let first = byName[CanonicalName(d.name)] {
                throw ModelError(.duplicateName, "dimension '\(d.name)' is defined twice (first at line \(first.line))", at: location(d.line))
            }
            byName[CanonicalName(d.name)] = d
        }
        var resolved: [CanonicalName: [String]] = [:]
        func elements(of id: CanonicalName, path: [String]) throws -> [String] {
            if let e = resolved[id] { return e }
            let d = byName[id]!
            if path.contains(d.name) {
                throw ModelError(.cycle, "circular subscript definitions: \((path + [d.name]).joined(separator: " → "))", at: location(d.line))
            }
            var out: [String] = []
            switch d.definition {
            case .alias(let other):
                guard byName[CanonicalName(other)] != nil else {
                    throw ModelError(.invalidValue, "dimension '\(d.name)' is equivalent to '\(other)', which is not a subscript range", at: location(d.line))
                }
                out = try elements(of: CanonicalName(other), path: path + [d.name])
            case .list(let items):
                for item in items {
                    let itemID = CanonicalName(item)
                    if byName[itemID] != nil { out += try elements(of: itemID, path: path + [d.name]) } else { out.append(item) }
                }
            }
            resolved[id] = out
            return out
        }
        let dimensions = try order.map { d in
            Dimension(name: d.name, elements: try elements(of: CanonicalName(d.name), path: []), location: location(d.line))
        }
        return (dimensions, equations)
    }

    /// The colon of a range record `Dim: a, b`: the first ':' in `text`, when what precedes it
    /// is a plain name (no '=', '[', '(' or quotes) and it does not start `:=` or a keyword
    /// such as `:MACRO:`.
    static func rangeColon(_ text: String) -> String.Index? {
        guard !text.hasPrefix("*"), !text.hasPrefix(":"), let colon = text.firstIndex(of: ":") else { return nil }
        let head = text[..<colon]
        guard !head.contains(where: { "=[(\"~|".contains($0) }), !String(head).trimmingBlanks.isEmpty else { return nil }
        let after = text[text.index(after: colon)...]
        if after.hasPrefix("=") { return nil }
        // `x :AND: y` style keywords cannot start a record, but be safe: a range list has no ':'.
        if after.contains(":") { return nil }
        return colon
    }
}
