import Foundation

/// A table of named time series, as Vensim writes a run's results (`.tab` tab-separated,
/// `.csv` comma-separated): either a header row `Time, x, y[A], …` with one row per time, or
/// transposed, a first row `Time, t0, t1, …` with one row per variable. A blank cell is no
/// data point (Vensim prints a constant once, at the first time).
///
/// ```swift
/// let table = try NamedSeriesTable.read(URL(fileURLWithPath: "data.tab"))
/// table[CanonicalName("var 1dim[A]")]?.values
/// ```
enum NamedSeriesTable {
    /// - Throws: `DataFileError` when the file has no `Time` row or column, or its times are not numbers.
    static func read(_ url: URL) throws -> [CanonicalName: DataSeries] {
        let separator = DelimitedReader.separator(for: url, tab: "")
        let sheet = try DelimitedReader.read(url, separator: separator).sheets[0].sheet
        let (rows, columns) = sheet.extent
        let isTime = { (v: CellValue?) in v.map { CanonicalName($0.text).id == "time" } ?? false }
        guard isTime(sheet[0, 0]) else { throw DataFileError("has no 'Time' header in its first cell") }
        // Transposed when the first row goes on with numbers (times) rather than names.
        let transposed = columns > 1 && sheet[0, 1]?.number != nil && sheet[1, 0]?.number == nil
        let count = transposed ? rows : columns
        let length = transposed ? columns : rows
        let at = { (series: Int, k: Int) in transposed ? sheet[series, k] : sheet[k, series] }
        let times = (1..<Swift.max(length, 1)).map { at(0, $0)?.number }
        if times.contains(where: { $0 == nil }) { throw DataFileError("has a time that is not a number") }
        var out: [CanonicalName: DataSeries] = [:]
        for series in 1..<Swift.max(count, 1) {
            guard let name = at(series, 0)?.text, !name.isEmpty else { continue }
            let values = (1..<Swift.max(length, 1)).map { at(series, $0)?.number }
            let id = CanonicalName(name)
            if out[id] == nil, let s = try? DataSeries(times: times, values: values) { out[id] = s }
        }
        return out
    }
}
