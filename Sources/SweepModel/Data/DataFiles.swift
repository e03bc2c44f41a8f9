import Foundation

/// The data files one model reads, each opened once: paths relative to the model file's
/// folder (as Vensim resolves them), the reader chosen by extension (`.xlsx`/`.xlsm` with
/// `XLSXReader`, `.xls` with `XLSReader`, `.csv`, `.tab`, `.txt` and `.dat` with `DelimitedReader`).
///
/// ```swift
/// let files = DataFiles(modelFile: "models/m.mdl")
/// let book = try files.workbook("inputs.xlsx", tab: "Sheet1")   // reads models/inputs.xlsx
/// ```
final class DataFiles {
    let folder: URL
    /// The files a data variable without an equation is read from (Vensim's simulation data
    /// sources), as given.
    let external: [String]
    private var books: [String: Workbook] = [:]
    private var externalTables: [[CanonicalName: DataSeries]]?

    init(modelFile: String, external: [String] = []) {
        folder = URL(fileURLWithPath: modelFile).deletingLastPathComponent()
        self.external = external
    }

    /// The series named `id` in the first external file that has it, or nil.
    ///
    /// - Throws: `DataFileError` (starting with the file's name) for a file that cannot be read.
    func externalSeries(_ id: CanonicalName) throws -> DataSeries? {
        if externalTables == nil {
            externalTables = try external.map { path in
                let url = URL(fileURLWithPath: path)
                do {
                    guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError("does not exist") }
                    return try NamedSeriesTable.read(url)
                } catch let e as DataFileError {
                    throw DataFileError("'\(path)' \(e.message)")
                }
            }
        }
        for table in externalTables! { if let s = table[id] { return s } }
        return nil
    }

    /// Where `name` points: an absolute path as it is, anything else beside the model.
    func url(_ name: String) -> URL {
        let n = name.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\\", with: "/")
        return n.hasPrefix("/") ? URL(fileURLWithPath: n) : folder.appendingPathComponent(n).standardizedFileURL
    }

    /// The workbook of file `name`; `tab` gives a text file's separator.
    ///
    /// - Throws: `DataFileError` for a missing file, an unknown kind or an unreadable one.
    func workbook(_ name: String, tab: String) throws -> Workbook {
        if name.hasPrefix("?") {
            throw DataFileError("is a file tag, which Vensim resolves in Model>Settings>XLS Files outside the .mdl: write the file's name in the call")
        }
        let url = url(name)
        let ext = url.pathExtension.lowercased()
        let key = url.path + (["xlsx", "xlsm", "xls"].contains(ext) ? "" : "\u{0}" + tab)
        if let b = books[key] { return b }
        guard FileManager.default.fileExists(atPath: url.path) else { throw DataFileError("does not exist (looked for \(url.path))") }
        let book: Workbook
        switch ext {
        case "xlsx", "xlsm": book = try XLSXReader.read(url)
        case "csv", "tab", "txt", "dat": book = try DelimitedReader.read(url, separator: DelimitedReader.separator(for: url, tab: tab))
        case "xls": book = try XLSReader.read(url)
        default:
            throw DataFileError("has an unknown kind '.\(ext)'; SDSweep reads .xlsx, .xlsm, .xls, .csv, .tab and .txt data files")
        }
        books[key] = book
        return book
    }

    /// The sheet `tab` of file `name` (the only sheet of a text file).
    func sheet(_ name: String, tab: String) throws -> (Workbook, Sheet) {
        let book = try workbook(name, tab: tab)
        if book.sheets.count == 1 && book.sheets[0].name.isEmpty { return (book, book.sheets[0].sheet) }
        guard let s = book.sheet(named: tab) else {
            throw DataFileError("has no sheet '\(tab)' (its sheets: \(book.sheets.map { "'\($0.name)'" }.joined(separator: ", ")))")
        }
        return (book, s)
    }
}
