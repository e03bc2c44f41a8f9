import Foundation
import SweepDiagnostics

/// Data from files in a `.mdl` (Vensim DSS Reference Manual, "Data Variables" and the GET
/// functions): what each becomes in the IR, so the compiler needs nothing new.
///
/// - `GET DIRECT CONSTANTS` / `GET XLS CONSTANTS`: constants, one per element (sweepable
///   like any other).
/// - `GET DIRECT LOOKUPS` / `GET XLS LOOKUPS`: lookup tables, one per element.
/// - A data equation `x := GET DIRECT DATA(…)` (also `GET XLS DATA`), and a data variable
///   without an equation (`x ~ ~ |`, `x:HOLD BACKWARD: ~ ~ |`) whose series comes from a
///   data file given with the model (`Model.load(path:dataFiles:)`, a Vensim `.tab` or
///   `.csv` output of another model): `WITH LOOKUP(TIME, …)` built with the record's
///   interpolation keyword (`DataInterpolation`), a time-only value the compiler computes
///   once per step for a whole batch.
/// - `GET DIRECT SUBSCRIPT` in a range record: the elements read from the cells.
///
/// A file that is missing or unreadable is an error naming the file and the equation that
/// asked for it.
extension VensimModelReader {
    typealias Definitions = [(String, [String], Variable.Kind, Int)]

    /// A record whose left-hand side is followed by ':' at `chars[i]`: `:=` (a data equation),
    /// `:KEYWORD::=` or `:KEYWORD:` with no equation (a data variable). Nil when the ':' starts
    /// neither.
    func dataRecord(_ record: VensimRecord, _ chars: [Character], at i: Int, name: String, subscripts: [String],
                    line: Int, space: SubscriptSpace) throws -> Definitions? {
        var j = i
        var mode: DataInterpolation?
        if !(j + 1 < chars.count && chars[j + 1] == "=") {
            guard let close = chars[(j + 1)...].firstIndex(of: ":"),
                  let m = DataInterpolation(keyword: String(chars[(j + 1)..<close])) else { return nil }
            mode = m
            j = close + 1
            while j < chars.count && chars[j].isWhitespace { j += 1 }
            guard j < chars.count else { return try dataVariable(name, subscripts: subscripts, mode: m, line: line, space: space) }
            guard chars[j] == ":", j + 1 < chars.count, chars[j + 1] == "=" else { return nil }
        }
        let equals = j + 1
        let text = String(chars[(equals + 1)...])
        if let defs = try getDefinitions(text, name: name, subscripts: subscripts, mode: mode ?? .interpolate, line: line, space: space) {
            return defs
        }
        // Any other data equation is an expression of other variables (Vensim computes it each step).
        return try equation(record, chars, after: equals, name: name, subscripts: subscripts, line: line, space: space)
    }

    /// The definitions of a whole-equation GET call (`text` after the '='), or nil when the
    /// equation is something else. `mode` is the data keyword of a data equation.
    func getDefinitions(_ text: String, name: String, subscripts: [String], mode: DataInterpolation = .interpolate,
                        line: Int, space: SubscriptSpace) throws -> Definitions? {
        let lhs = subscripts.isEmpty ? name : "\(name)[\(subscripts.joined(separator: ","))]"
        let call: GetCall
        do {
            guard let c = try GetCall.parse(text) else { return nil }
            call = c
        } catch let e as DataFileError {
            throw ModelError(.invalidValue, "in '\(lhs)': \(e.message)", at: location(line))
        }
        if call.function == .subscripts {
            throw ModelError(.invalidValue, "in '\(lhs)': GET … SUBSCRIPT defines a subscript range (`Dim: GET DIRECT SUBSCRIPT(…)`), not a variable", at: location(line))
        }
        let positions = subscripts.indices.filter { space.isDimension(CanonicalName(subscripts[$0])) }
        let dims = positions.map { space.dimensions[CanonicalName(subscripts[$0])]! }
        do {
            switch call.function {
            case .constants:
                let rows = dims.count == 2 ? dims[0].elements.count : 1
                let columns = dims.count == 2 ? dims[1].elements.count : (dims.first?.elements.count ?? 1)
                let block = try data.constants(call, rows: rows, columns: columns)
                if dims.isEmpty { return [(name, subscripts, .constant(block.first?.first ?? .nan), line)] }
                return try ConstantTable(rows: block).definitions(of: name, subscripts: subscripts, space: space)
                    .map { (name, $0.0, .constant($0.1), line) }
            case .data, .lookups:
                guard dims.count <= 1 else {
                    throw DataFileError("\(call.spelling) reads one series per element of one dimension; '\(lhs)' has \(dims.count): give one call per element of the others")
                }
                let elements = dims.first?.elements ?? [""]
                let series = try data.series(call, count: elements.count)
                return zip(elements, series).map { element, s in
                    var subs = subscripts
                    if let p = positions.first { subs[p] = element }
                    let kind: Variable.Kind = call.function == .lookups ? .lookup(s.lookup) : .auxiliary(s.expression(mode))
                    return (name, subs, kind, line)
                }
            case .subscripts: return nil
            }
        } catch let e as DataFileError {
            throw ModelError(.invalidValue, "in '\(lhs)': data file '\(call.file)' \(e.message)", at: location(line))
        } catch let e as TableShapeError {
            throw ModelError(.invalidValue, "in '\(lhs)': \(call.spelling)('\(call.file)'): \(e.message)", at: location(line))
        }
    }

    /// A data variable without an equation: each element's series from the model's data files
    /// (columns or rows named like `x[e1,e2]`), with `mode` (`:INTERPOLATE:` when none is written).
    func dataVariable(_ name: String, subscripts: [String], mode: DataInterpolation?, line: Int,
                      space: SubscriptSpace) throws -> Definitions {
        let lhs = subscripts.isEmpty ? name : "\(name)[\(subscripts.joined(separator: ","))]"
        guard !data.external.isEmpty else {
            throw ModelError(.unsupported, "unsupported: data variable '\(lhs)' (a record without an equation) at line \(line): give the data file it is read from (sdsweep --data FILE)", at: location(line))
        }
        var combos: [[String]] = [subscripts]
        for (p, s) in subscripts.enumerated() {
            guard let d = space.dimensions[CanonicalName(s)] else { continue }
            combos = combos.flatMap { c in d.elements.map { e in var c = c; c[p] = e; return c } }
        }
        return try combos.map { subs in
            let element = subs.isEmpty ? name : "\(name)[\(subs.joined(separator: ","))]"
            do {
                guard let s = try data.externalSeries(CanonicalName(element)) else {
                    throw ModelError(.invalidValue, "data variable '\(element)' has no series in the data files (\(data.external.joined(separator: ", ")))", at: location(line))
                }
                return (name, subs, .auxiliary(s.expression(mode ?? .interpolate)), line)
            } catch let e as DataFileError {
                throw ModelError(.invalidValue, "data variable '\(element)': data file \(e.message)", at: location(line))
            }
        }
    }

    /// The elements of a range record `Dim: GET DIRECT SUBSCRIPT(…)`, or nil when `body` is
    /// not a GET call.
    func subscriptElements(_ body: String, dimension: String, line: Int) throws -> [String]? {
        do {
            guard let call = try GetCall.parse(body) else { return nil }
            guard call.function == .subscripts else {
                throw DataFileError("\(call.spelling) cannot define a subscript range; GET DIRECT SUBSCRIPT does")
            }
            do {
                return try data.subscripts(call)
            } catch let e as DataFileError {
                throw DataFileError("data file '\(call.file)' \(e.message)")
            }
        } catch let e as DataFileError {
            throw ModelError(.invalidValue, "in dimension '\(dimension)': \(e.message)", at: location(line))
        }
    }
}
