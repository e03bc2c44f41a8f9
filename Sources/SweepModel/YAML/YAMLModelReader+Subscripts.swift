import Foundation
import SweepDiagnostics
import SweepNumerics
import Yams

extension YAMLModelReader {
    /// A section key split into the variable's name and its left-hand subscripts:
    /// `Weight[Cluster, Partner]` → ("Weight", ["Cluster", "Partner"]).
    func leftHandSide(_ key: String, _ keyNode: Node) throws -> (String, [String]) {
        switch SubscriptedName.parse(key) {
        case nil: return (key, [])
        case .failure(let f)?: throw ModelError(.invalidValue, f.message, at: source.location(keyNode))
        case .success(let s)?:
            if let r = s.subscripts.first(where: \.reduced) {
                throw ModelError(.invalidValue, "'\(key)': '\(r.name)!' reduces a dimension, which only a right-hand side inside SUM, PROD, VMIN or VMAX may do", at: source.location(keyNode))
            }
            return (s.base, s.subscripts.map(\.name))
        }
    }

    /// The `dimensions:` section: `Name: a..b` (a numbered range), `Name: [a, b, c]` (items may
    /// be ranges or other dimensions' names, whose elements they stand for),
    /// `Name: {same as: Other}` or `Name: {subrange of: Other, elements: [...]}`.
    func readDimensions(_ node: Node) throws -> [Dimension] {
        if case .scalar(let s) = node, s.string.isEmpty { return [] }
        var out: [Dimension] = []
        var byName: [CanonicalName: Dimension] = [:]
        for (key, keyNode, value) in try source.pairs(node, what: "'dimensions'") {
            let location = source.location(keyNode)
            if key.contains(where: { "[],!".contains($0) }) {
                throw ModelError(.invalidValue, "dimension name '\(key)' may not contain '[', ']', ',' or '!'", at: location)
            }
            var elements: [String]
            switch value {
            case .mapping:
                var sameAs: String?, parent: String?, list: Node?
                for (k, kn, v) in try source.pairs(value, what: "dimension '\(key)'") {
                    switch k {
                    case "same as": sameAs = try source.string(v, what: "'same as'")
                    case "subrange of": parent = try source.string(v, what: "'subrange of'")
                    case "elements": list = v
                    default:
                        throw ModelError(.unknownName, "unknown key '\(k)' for dimension '\(key)'; expected 'same as', or 'subrange of' with 'elements'", at: source.location(kn))
                    }
                }
                if let sameAs {
                    guard parent == nil, list == nil else {
                        throw ModelError(.invalidValue, "dimension '\(key)': 'same as' takes no other keys", at: location)
                    }
                    guard let other = byName[CanonicalName(sameAs)] else {
                        throw ModelError(.invalidValue, "dimension '\(key)' is the same as '\(sameAs)', which is not a dimension declared above it", at: location)
                    }
                    elements = other.elements
                } else {
                    guard let list else { throw ModelError(.missingValue, "dimension '\(key)' needs 'elements' (or 'same as')", at: location) }
                    elements = try elementList(list, of: key, known: byName)
                    if let parent {
                        guard let p = byName[CanonicalName(parent)] else {
                            throw ModelError(.invalidValue, "dimension '\(key)' is a subrange of '\(parent)', which is not a dimension declared above it", at: location)
                        }
                        let all = Set(p.elements.map(CanonicalName.init))
                        if let stray = elements.first(where: { !all.contains(CanonicalName($0)) }) {
                            throw ModelError(.invalidValue, "dimension '\(key)' is a subrange of '\(parent)', but '\(stray)' is not one of its elements", at: location)
                        }
                    }
                }
            default:
                elements = try elementList(value, of: key, known: byName)
            }
            let d = Dimension(name: key, elements: elements, location: location)
            byName[d.id] = d
            out.append(d)
        }
        return out
    }

    /// A list of elements, each a name, a range `a1..a9`, or a dimension declared above.
    func elementList(_ node: Node, of dimension: String, known: [CanonicalName: Dimension]) throws -> [String] {
        let items: [Node]
        switch node {
        case .sequence(let seq): items = Array(seq)
        case .scalar: items = [node]
        case .mapping: throw ModelError(.invalidValue, "dimension '\(dimension)': elements must be a list or a range 'a1..a9'", at: source.location(node))
        }
        var out: [String] = []
        for item in items {
            let text = try source.string(item, what: "an element of '\(dimension)'").trimmingBlanks
            if let dots = text.range(of: "..") {
                let (a, b) = (String(text[..<dots.lowerBound]), String(text[dots.upperBound...]))
                guard let range = Dimension.range(from: a, to: b) else {
                    throw ModelError(.invalidValue, "dimension '\(dimension)': '\(text)' is not a range like c1..c30 (same prefix, increasing numbers)", at: source.location(item))
                }
                out += range
            } else if let d = known[CanonicalName(text)] {
                out += d.elements
            } else {
                guard !text.isEmpty else { throw ModelError(.invalidValue, "dimension '\(dimension)' has an empty element name", at: source.location(item)) }
                out.append(text)
            }
        }
        return out
    }

    /// A constant's values from a CSV file (relative to the model file), shape checked against
    /// the left-hand side's dimensions, every problem located `file:line`.
    func csvTable(_ node: Node, for lhs: String, subscripts: [String], space: SubscriptSpace) throws -> ConstantTable {
        let relative = try source.string(node, what: "'file' of '\(lhs)'")
        let base = URL(fileURLWithPath: source.file).deletingLastPathComponent()
        let path = relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.unreadable, "'\(lhs)': cannot read the file '\(relative)' (looked for \(path))", at: source.location(node))
        }
        guard let text = String(data: data, encoding: .utf8) else { throw ModelError(.invalidValue, "file is not UTF-8 text", at: SourceLocation(file: path)) }
        let dims = subscripts.compactMap { space.dimensions[CanonicalName($0)] }
        guard dims.count == 1 || dims.count == 2 else {
            throw ModelError(.invalidValue, "'\(lhs)': a CSV file gives a one- or two-dimensional constant, but '\(lhs)' has \(dims.count) dimensions", at: source.location(node))
        }
        return try ConstantTable.csv(text, file: path, rows: dims[0], columns: dims.count == 2 ? dims[1] : nil)
    }
}

extension ConstantTable {
    /// Reads a CSV matrix: numbers only, or with a header row of column elements and a first
    /// column of row elements (a non-number in the first field marks that form). For a
    /// one-dimensional constant (`columns` nil) the file is one column (labelled or not) or one
    /// row of numbers.
    ///
    /// - Throws: `ModelError` at `file:line` (and column) for a ragged row, a field that is
    ///   not a finite number, a label that is not the expected element, or a wrong shape.
    static func csv(_ text: String, file: String, rows rowDimension: Dimension, columns: Dimension?) throws -> ConstantTable {
        var records: [(line: Int, fields: [String])] = []
        do {
            let reader = try CSVRowReader(bytes: Array(text.utf8), file: file)
            records = [(reader.headerLine, reader.header)]
            while let record = try reader.nextRecord() { records.append(record) }
        } catch let e as CSVError {
            let message = e.message.replacingOccurrences(of: "but the header has", with: "but the first row has")
            throw ModelError(.invalidValue, message, at: e.location)
        }
        func number(_ s: String, line: Int, column: Int) throws -> Double {
            let t = s.trimmingBlanks
            guard let v = Double(t), v.isFinite else {
                throw ModelError(.invalidValue, "'\(t)' is not a finite number", at: SourceLocation(file: file, line: line, column: column))
            }
            return v
        }
        let labelled = Double(records[0].fields[0].trimmingBlanks) == nil
        var matrix: [[Double]] = []
        if labelled {
            let header = records[0]
            if let columns {
                let labels = header.fields.dropFirst().map { $0.trimmingBlanks }
                guard labels.count == columns.elements.count else {
                    throw ModelError(.invalidValue, "the header row names \(labels.count) columns, but '\(columns.name)' has \(columns.elements.count) elements", at: SourceLocation(file: file, line: header.line))
                }
                for (k, (label, e)) in zip(labels, columns.elements).enumerated() where CanonicalName(label) != CanonicalName(e) {
                    throw ModelError(.invalidValue, "column \(k + 2) of the header is '\(label)', but element \(k + 1) of '\(columns.name)' is '\(e)'", at: SourceLocation(file: file, line: header.line, column: k + 2))
                }
            }
            let body = records.dropFirst()
            guard body.count == rowDimension.elements.count else {
                throw ModelError(.invalidValue, "the file has \(body.count) rows below its header, but '\(rowDimension.name)' has \(rowDimension.elements.count) elements", at: SourceLocation(file: file, line: body.last?.line ?? header.line))
            }
            for ((line, fields), e) in zip(body, rowDimension.elements) {
                let label = fields[0].trimmingBlanks
                guard CanonicalName(label) == CanonicalName(e) else {
                    throw ModelError(.invalidValue, "the row is labelled '\(label)', but this row is element '\(e)' of '\(rowDimension.name)'", at: SourceLocation(file: file, line: line, column: 1))
                }
                matrix.append(try fields.dropFirst().enumerated().map { try number($1, line: line, column: $0 + 2) })
            }
        } else {
            matrix = try records.map { line, fields in try fields.enumerated().map { try number($1, line: line, column: $0 + 1) } }
            let expectedRows = columns == nil && matrix.count == 1 ? 1 : rowDimension.elements.count
            guard matrix.count == expectedRows else {
                throw ModelError(.invalidValue, "the file has \(matrix.count) rows, but '\(rowDimension.name)' has \(rowDimension.elements.count) elements", at: SourceLocation(file: file, line: records.last!.line))
            }
            let width = columns?.elements.count ?? (matrix.count == 1 ? rowDimension.elements.count : 1)
            guard matrix[0].count == width else {
                let what = columns.map { "'\($0.name)' has \($0.elements.count) elements" } ?? "a one-dimensional constant is one row or one column"
                throw ModelError(.invalidValue, "rows have \(matrix[0].count) values, but \(what)", at: SourceLocation(file: file, line: records[0].line))
            }
        }
        return ConstantTable(rows: matrix)
    }
}
