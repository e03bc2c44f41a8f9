import Foundation
import SweepAnalysis
import SweepNumerics

/// A folder of result files that SDSweep may write into again: a rerun into the same `--out`
/// leaves exactly its own files there, never a stale figure or JSON of an earlier run that a
/// reader could take for this one's.
///
/// The folder keeps a manifest, `.sdsweep-manifest.json`, of the files SDSweep wrote there.
/// A new run writes its files, then removes the files of the manifest it did not write, then
/// records its own. Only names listed in the manifest are ever removed, so a file the user put
/// in the folder (notes, a plot of their own) stays. Reruns are the common case (a study is
/// run again after an edit), so this is chosen over refusing a non-empty folder: refusing
/// would make every rerun need a flag, and the flag would have to delete something anyway.
///
/// ```swift
/// try ResultFolder("results/sir").write([.init(name: "sobol.json", text: json)]) { records in
///     try provenanceText(listing: records)
/// }
/// ```
public struct ResultFolder: Sendable {
    public let directory: String

    /// The file that lists every file of the run with its size and SHA-256.
    public static let provenanceName = "provenance.json"
    /// The manifest of the files SDSweep wrote into the folder.
    public static let manifestName = ".sdsweep-manifest.json"

    public init(_ directory: String) { self.directory = directory }

    /// One result file: its name inside the folder and its text.
    public struct File: Sendable {
        public var name: String
        public var text: String
        public init(name: String, text: String) {
            self.name = name
            self.text = text
        }
    }

    /// What `provenance.json` records of each other file of the run.
    public struct Record: Encodable, Sendable, Equatable {
        public var name: String
        public var bytes: Int
        public var sha256: String
    }

    struct Manifest: Codable {
        var files: [String]
    }

    /// Writes `files`, then `provenance.json` (made by `provenance` from the records of every
    /// other file), then removes what the earlier run wrote and this one did not.
    ///
    /// While the files are written the manifest lists both runs' files, so a run that fails
    /// half way still leaves every file SDSweep wrote listed for the next run to clear.
    public func write(_ files: [File], provenance: ([Record]) throws -> String) throws {
        let earlier = readManifest()
        let names = files.map(\.name) + [Self.provenanceName]
        try writeManifest(earlier + names.filter { !earlier.contains($0) })
        var records: [Record] = []
        for file in files {
            try AtomicFile.write(file.text, to: path(file.name))
            let bytes = Array(file.text.utf8)
            records.append(Record(name: file.name, bytes: bytes.count, sha256: SHA256.hex(bytes)))
        }
        try AtomicFile.write(try provenance(records), to: path(Self.provenanceName))
        for stale in earlier where !names.contains(stale) && Self.isPlainName(stale) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path(stale), isDirectory: &isFolder), !isFolder.boolValue {
                try? FileManager.default.removeItem(atPath: path(stale))
            }
        }
        try writeManifest(names)
    }

    /// The files the manifest lists; none when there is no readable manifest.
    func readManifest() -> [String] {
        guard let data = FileManager.default.contents(atPath: path(Self.manifestName)),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return [] }
        return manifest.files
    }

    private func writeManifest(_ names: [String]) throws {
        try AtomicFile.write(try ResultJSON.text(Manifest(files: names)), to: path(Self.manifestName))
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// A name inside the folder itself: an edited manifest cannot make a rerun delete a file
    /// elsewhere (`../x`, `/etc/x`) or a hidden one.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".")
    }
}
