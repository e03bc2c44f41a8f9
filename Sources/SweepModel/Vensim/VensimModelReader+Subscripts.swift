import Foundation
import SweepDiagnostics
import SweepNumerics

extension VensimModelReader {
    /// One range record before other ranges' names in it are resolved.
    struct RangeRecord {
        enum Definition { case list([String]), alias(String) }
        var name: String
        var definition: Definition
        /// The mapping choices after `->`: a range name, or a range with an element list.
        var mappings: [(target: String, items: [String]?)]
        var line: Int
    }

    /// Splits the records into subscript range definitions and equations.
    ///
    /// Range records follow Vensim (DSS Reference Manual, "Subscripts", "Mapping of Subscript
    /// Ranges"): `Dim: a, b, c`, with numbered ranges `(a1-a30)` and other ranges' names
    /// standing for their elements (so a range may be built from subranges), `Alias <-> Dim`
    /// for an equivalent range (a primed copy `Dim' <-> Dim` is one), and mappings after `->`:
    /// `Dim: a, b -> Other, (Third: t2, Sub)`, several per range, each to a whole range
    /// (element by element in order) or to a list of the target's elements and subranges, one
    /// per element of `Dim` (a subrange there maps all its elements to that element of `Dim`).
    /// `Dim: GET DIRECT SUBSCRIPT(…)` reads the elements from a data file.
    ///
    /// - Returns: the dimensions in file order, and the records that are equations.
    /// - Throws: `ModelError` at the record's line.
    func readDimensions(_ records: [VensimRecord]) throws -> ([Dimension], [VensimRecord]) {
        var order: [RangeRecord] = []
        var equations: [VensimRecord] = []
        for r in records {
            if let range = try rangeRecord(r) { order.append(range) } else { equations.append(r) }
        }
        // Resolve aliases and ranges named inside other ranges, in any order of definition.
        var byName: [CanonicalName: RangeRecord] = [:]
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
        for d in order { _ = try elements(of: CanonicalName(d.name), path: []) }
        let dimensions = try order.map { d in
            Dimension(name: d.name, elements: resolved[CanonicalName(d.name)]!, location: location(d.line),
                      mappings: try d.mappings.map { try mapping(of: d, $0, resolved: resolved) })
        }
        return (dimensions, equations)
    }

    /// The range record `r` is, or nil when it is an equation.
    func rangeRecord(_ r: VensimRecord) throws -> RangeRecord? {
        let text = r.equation.trimmingBlanks
        let line = r.line
        if let arrow = text.range(of: "<->"), !text[..<arrow.lowerBound].contains("="), !text.contains("[") {
            let name = String(text[..<arrow.lowerBound]).trimmingBlanks
            let other = String(text[arrow.upperBound...]).trimmingBlanks
            guard !name.isEmpty, !other.isEmpty else {
                throw ModelError(.invalidValue, "malformed subscript equivalence '\(VensimModelReader.excerpt(text))'", at: location(line))
            }
            return RangeRecord(name: name, definition: .alias(other), mappings: [], line: line)
        }
        guard let colon = VensimModelReader.rangeColon(text) else { return nil }
        let name = String(text[..<colon]).trimmingBlanks
        var body = String(text[text.index(after: colon)...].map { $0 == "\\" ? " " : $0 })
        var mappings: [(target: String, items: [String]?)] = []
        if let arrow = body.range(of: "->") {
            for choice in VensimModelReader.topLevelItems(String(body[arrow.upperBound...])).map(VensimModelReader.collapsed) {
                guard choice.hasPrefix("(") else { mappings.append((choice, nil)); continue }
                let inner = choice.dropFirst().dropLast().split(separator: ":", maxSplits: 1).map(String.init)
                guard choice.hasSuffix(")"), inner.count == 2 else {
                    throw ModelError(.invalidValue, "in dimension '\(name)': the mapping '\(choice)' is not '(Range: e1, e2, …)'", at: location(line))
                }
                mappings.append((VensimModelReader.collapsed(inner[0]), VensimModelReader.topLevelItems(inner[1]).map(VensimModelReader.collapsed)))
            }
            body = String(body[..<arrow.lowerBound])
        }
        // `Dim: GET DIRECT SUBSCRIPT(…)`: the elements come from a data file.
        if let items = try subscriptElements(body, dimension: name, line: line) {
            return RangeRecord(name: name, definition: .list(items), mappings: mappings, line: line)
        }
        var elements: [String] = []
        for item in body.split(separator: ",", omittingEmptySubsequences: false) {
            let e = VensimModelReader.collapsed(String(item))
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
        return RangeRecord(name: name, definition: .list(elements), mappings: mappings, line: line)
    }

    /// One mapping choice of `d` resolved to the source element of each target element.
    func mapping(of d: RangeRecord, _ choice: (target: String, items: [String]?), resolved: [CanonicalName: [String]]) throws -> Dimension.Mapping {
        let sources = resolved[CanonicalName(d.name)]!
        func fail(_ message: String) -> ModelError {
            ModelError(.invalidValue, "in the mapping of dimension '\(d.name)' to '\(choice.target)': \(message)", at: location(d.line))
        }
        guard let targets = resolved[CanonicalName(choice.target)] else { throw fail("'\(choice.target)' is not a subscript range") }
        let items = choice.items ?? targets
        guard items.count == sources.count else {
            throw fail("'\(d.name)' has \(sources.count) elements but the mapping lists \(items.count)")
        }
        let index = Dictionary(targets.enumerated().map { (CanonicalName($1), $0) }, uniquingKeysWith: { a, _ in a })
        var from = [String?](repeating: nil, count: targets.count)
        for (source, item) in zip(sources, items) {
            for t in resolved[CanonicalName(item)] ?? [item] {
                guard let k = index[CanonicalName(t)] else { throw fail("'\(t)' is not an element of '\(choice.target)'") }
                if let other = from[k], CanonicalName(other) != CanonicalName(source) {
                    throw fail("'\(t)' is mapped from both '\(other)' and '\(source)'")
                }
                from[k] = source
            }
        }
        return Dimension.Mapping(target: choice.target, sources: from)
    }

    /// `s` split at the commas outside parentheses.
    static func topLevelItems(_ s: String) -> [String] {
        var items: [String] = [], current = "", depth = 0
        for c in s {
            if c == "(" { depth += 1 }
            if c == ")" { depth -= 1 }
            if c == "," && depth == 0 { items.append(current); current = ""; continue }
            current.append(c)
        }
        items.append(current)
        return items
    }

    /// `s` with runs of blanks as one space and no blanks at either end.
    static func collapsed(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
        // `x :AND: y` style keywords cannot start a record, but be safe: a range list has no ':'
        // outside a mapping's parentheses.
        let list = after.range(of: "->").map { after[..<$0.lowerBound] } ?? after
        if list.contains(":") { return nil }
        return colon
    }
}
