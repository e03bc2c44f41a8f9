import Foundation
import TestSupport

/// Runs the `sdsweep` executable built beside the tests and captures what it printed.
///
/// ```swift
/// let result = try RunSDSweep.run(["sample", "lhs", "--problem", path, "--n", "8"])
/// #expect(result.status == 0)
/// ```
enum RunSDSweep {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Where the built `sdsweep` may be, first match wins: a sibling of the test bundle (macOS:
    /// `…/debug/X.xctest`, a directory; Linux: `…/debug/X.xctest`, an executable, so
    /// `Bundle.main` is `…/debug`), or `.build/debug/sdsweep` beside this package.
    static var candidates: [URL] {
        let main = Bundle.main.bundleURL
        var candidates = [
            main.appendingPathComponent("sdsweep"),
            main.deletingLastPathComponent().appendingPathComponent("sdsweep"),
        ]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("sdsweep"))
        }
        candidates.append(Repository.rootURL.appendingPathComponent(".build/debug/sdsweep"))
        return candidates
    }

    /// The first of `candidates` that is an executable file, or nil.
    static func locate() -> URL? {
        candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// The built `sdsweep`; stops the tests when there is none, since every test here needs it.
    static let executable: URL = {
        guard let found = locate() else {
            fatalError("sdsweep executable not found; looked in \(candidates.map(\.path))")
        }
        return found
    }()

    /// A fresh scratch directory for one test.
    static func scratchDirectory() throws -> URL {
        try TestSupport.scratchDirectory("sdsweep-cli")
    }

    /// Runs `sdsweep arguments`, with `environment` added to this process's.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        // stderr goes to a file and stdout to a pipe read to the end before waiting, so a
        // large output cannot fill a pipe buffer and deadlock the child.
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errURL) }
        let errHandle = try FileHandle(forWritingTo: errURL)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errHandle.close()
        let errData = FileManager.default.contents(atPath: errURL.path) ?? Data()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
