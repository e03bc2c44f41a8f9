import Foundation
import SweepDiagnostics
import SweepNumerics

/// A design (samples) file read for an analysis: its columns matched to the problem's
/// parameters **by name**, in any order, so a file whose columns were swapped is never
/// analysed under the wrong labels.
///
/// With a header, every problem parameter must have exactly one column and every column must
/// be a parameter. Without one (`--no-header`: SALib's `np.savetxt` files, numbers separated
/// by spaces, tabs or commas), the columns are taken in the problem's order, because the user
/// said so.
///
/// ```swift
/// let x = try DesignFile.read(path: "x.csv", parameters: space.names, hasHeader: true)
/// ```
enum DesignFile {
    /// The design as runs × parameters, columns in `parameters` order.
    static func read(path: String, parameters: [String], hasHeader: Bool) throws -> Matrix {
        if !hasHeader { return try readBare(path: path, parameters: parameters) }
        let reader = try CSVRowReader(path: path)
        let order = try columnOrder(header: reader.header, parameters: parameters, file: path)
        let table = try reader.remainingTable(allowNonFinite: true).values
        var x = Matrix(rows: table.rows, columns: parameters.count)
        for (j, c) in order.enumerated() {
            x.storage.replaceSubrange((j * table.rows)..<((j + 1) * table.rows), with: table.storage[(c * table.rows)..<((c + 1) * table.rows)])
        }
        return x
    }

    /// For each parameter, the header column that holds it.
    /// - Throws: a usage error at line 1 naming the duplicate, unknown or missing columns.
    static func columnOrder(header: [String], parameters: [String], file: String) throws -> [Int] {
        var seen: [String: Int] = [:]
        for (c, name) in header.enumerated() {
            if seen[name] != nil { throw CLI.UsageError("the samples have two columns named '\(name)'", file: file, line: 1) }
            seen[name] = c
        }
        let known = Set(parameters)
        if let stranger = header.first(where: { !known.contains($0) }) {
            throw CLI.UsageError("samples column '\(stranger)' is not a parameter of the problem\(Suggestion.aside(for: stranger, among: parameters)); "
                                 + "the problem has \(list(parameters)) (a file without a header needs --no-header)", file: file, line: 1)
        }
        let missing = parameters.filter { seen[$0] == nil }
        guard missing.isEmpty else { throw CLI.UsageError("the samples have no column for \(list(missing))", file: file, line: 1) }
        return parameters.map { seen[$0]! }
    }

    /// Numbers only, one run per line, the problem's parameters in order.
    static func readBare(path: String, parameters: [String]) throws -> Matrix {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLI.UsageError("cannot read the samples file", file: path)
        }
        // Runs of spaces and tabs become one comma, so the one CSV reader (with its line
        // numbers and number checks) reads the file under a header of the parameters' names.
        var bytes = Array(parameters.indices.map { "p\($0)" }.joined(separator: ",").utf8) + [UInt8(ascii: "\n")]
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            let fields = line.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\r") })
            bytes += Array(fields.joined(separator: [UInt8(ascii: ",")])) + [UInt8(ascii: "\n")]
        }
        let table = try CSVRowReader.table(bytes: bytes, file: path, firstLine: 0, allowNonFinite: true)
        return table.values
    }

    static func list(_ names: [String]) -> String { names.map { "'\($0)'" }.joined(separator: ", ") }
}
