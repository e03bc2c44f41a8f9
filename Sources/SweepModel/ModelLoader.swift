import Foundation
import SweepNumerics

extension Model {
    /// Reads a model file, choosing the front end by extension.
    public static func load(path: String) throws -> Model {
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        guard ext == "yaml" || ext == "yml" else {
            throw ModelError("unknown model file type '.\(ext)'; expected .yaml or .yml", at: SourceLocation(file: path))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelError("cannot read file", at: SourceLocation(file: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ModelError("file is not UTF-8 text", at: SourceLocation(file: path))
        }
        return try parseYAML(text, file: path)
    }
}
