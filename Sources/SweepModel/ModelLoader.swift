import Foundation
import SweepDiagnostics
import SweepNumerics

extension Model {
    /// Reads a model file, choosing the front end by extension: `.yaml`/`.yml` for SDSweep's
    /// YAML, `.mdl` for Vensim, `.xmile`, `.stmx` and `.itmx` for XMILE (Stella, iThink).
    /// `dataFiles` are the files a Vensim data variable without an equation is read from.
    public static func load(path: String, dataFiles: [String] = []) throws -> Model {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        let xmile = ["xmile", "stmx", "itmx"].contains(ext)
        guard ext == "yaml" || ext == "yml" || ext == "mdl" || xmile else {
            throw ModelError(.unknownName, "unknown model file type '.\(ext)'; expected .yaml, .yml, .mdl, .xmile, .stmx or .itmx", at: SourceLocation(file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError(.unreadable, "cannot read file", at: SourceLocation(file: path))
        }
        if xmile { return try parseXMILE(data, file: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelError(.invalidValue, "file is not UTF-8 text", at: SourceLocation(file: path))
        }
        return ext == "mdl" ? try parseVensim(text, file: path, dataFiles: dataFiles) : try parseYAML(text, file: path)
    }
}
