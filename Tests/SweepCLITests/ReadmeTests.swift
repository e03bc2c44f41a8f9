import Foundation
import Testing
import TestSupport

/// The README's "Try it" block runs as pasted: every line exits 0, from a folder that has the
/// repository's `configs/` (each command's files land there, not in the repository).
@Suite struct ReadmeTests {
    @Test func tryItRunsAsPasted() throws {
        let readme = try String(contentsOfFile: Repository.root + "/README.md", encoding: .utf8)
        let start = try #require(readme.range(of: "Try it (from the repository root"))
        let block = try #require(readme[start.upperBound...].components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first)
        let lines = block.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("sdsweep() {") == true, "the block defines sdsweep first")
        let dir = try RunSDSweep.scratchDirectory()
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("configs").path, withDestinationPath: Repository.root + "/configs")
        // The built binary stands in for `.build/release/sdsweep`.
        let script = "sdsweep() { \"\(RunSDSweep.executable.path)\" \"$@\"; }\nset -e\n" + lines.dropFirst().joined(separator: "\n") + "\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("y.csv").path))
    }
}
