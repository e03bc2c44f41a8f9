/// The values of a subscripted constant given as a list or matrix (Vensim's `1, 2; 3, 4;`, a
/// YAML list of lists, a CSV file), laid over the dimensions of its left-hand side: rows over
/// the first dimension written there, columns over the second (Vensim DSS Reference Manual,
/// "Subscripted constants").
///
/// Elements written on the left stay fixed: `Input[e1, D2, D3] = 1, 2; 3, 4;` fills the
/// D2 × D3 slice at e1. A one-dimensional table may be one row or one column.
///
/// ```swift
/// let cells = try ConstantTable(rows: [[1, 2], [3, 4]]).definitions(of: "M", subscripts: ["A", "B"], space: space)
/// // [(["a1", "b1"], 1), (["a1", "b2"], 2), (["a2", "b1"], 3), (["a2", "b2"], 4)]
/// ```
struct ConstantTable {
    var rows: [[Double]]

    /// Each cell as the left-hand subscripts with its dimensions replaced by elements, and its value.
    ///
    /// - Throws: a message (the caller adds the location) when the table's shape differs from
    ///   the dimensions' sizes, or the left-hand side has no dimension or more than two.
    func definitions(of name: String, subscripts: [String], space: SubscriptSpace) throws(TableShapeError) -> [([String], Double)] {
        let positions = subscripts.indices.filter { space.isDimension(CanonicalName(subscripts[$0])) }
        let dims = positions.map { space.dimensions[CanonicalName(subscripts[$0])]! }
        let shape = "\(rows.count) row\(rows.count == 1 ? "" : "s") of \(rows.map { String($0.count) }.joined(separator: ", ")) value\(rows.first?.count == 1 ? "" : "s")"
        let lhs = SubscriptedName(base: name, subscripts: subscripts.map { .init(name: $0) }).text
        var cells: [[(Int, String)]] = []
        var values: [Double] = []
        switch dims.count {
        case 0:
            throw TableShapeError(message: "'\(lhs)' names single elements only: give one number, not a list")
        case 1:
            let flat = rows.flatMap { $0 }
            guard rows.count == 1 || rows.allSatisfy({ $0.count == 1 }), flat.count == dims[0].elements.count else {
                throw TableShapeError(message: "'\(lhs)' has \(dims[0].elements.count) elements ('\(dims[0].name)'), but the values are \(shape)")
            }
            cells = dims[0].elements.map { [(positions[0], $0)] }
            values = flat
        case 2:
            let (r, c) = (dims[0].elements.count, dims[1].elements.count)
            guard rows.count == r, rows.allSatisfy({ $0.count == c }) else {
                throw TableShapeError(message: "'\(lhs)' is \(r) × \(c) ('\(dims[0].name)' × '\(dims[1].name)'), but the values are \(shape)")
            }
            for a in dims[0].elements { for b in dims[1].elements { cells.append([(positions[0], a), (positions[1], b)]) } }
            values = rows.flatMap { $0 }
        default:
            throw TableShapeError(message: "'\(lhs)': a list of values covers at most two dimensions; write elements in the other positions and give one table per element (as Vensim does)")
        }
        return zip(cells, values).map { cell, v in
            var s = subscripts
            for (p, e) in cell { s[p] = e }
            return (s, v)
        }
    }
}

struct TableShapeError: Error, Sendable {
    let message: String
}
