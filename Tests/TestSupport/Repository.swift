import Foundation

/// The checkout the tests run in, found from this file's path, so a test can read the shipped
/// `configs/`, the fixtures beside another test target, or `/work/shared/test-models`.
///
/// ```swift
/// let model = try Model.load(path: Repository.path("configs/sir.yaml"))
/// ```
public enum Repository {
    /// The repository root (`…/Tests/TestSupport/Repository.swift` less three components), with
    /// no trailing slash.
    public static let root: String = {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
    }()

    /// `root` as a file URL.
    public static var rootURL: URL { URL(fileURLWithPath: root, isDirectory: true) }

    /// `relative` (no leading slash) inside the repository.
    public static func path(_ relative: String) -> String { root + "/" + relative }
}

/// A fresh, empty directory under the temporary directory for one test; the name starts with
/// `prefix` so a leftover is easy to attribute.
public func scratchDirectory(_ prefix: String = "sdsweep-test") throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
