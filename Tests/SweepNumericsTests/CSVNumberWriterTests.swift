import Foundation
import Testing
@testable import SweepNumerics

/// The streaming writer: its bytes are `CSVFormat`'s, and the final name holds either nothing
/// or the whole file.
@Suite struct CSVNumberWriterTests {
    static func directory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("writer-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func contents(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @Test func commitRenamesTheWholeFileIntoPlace() throws {
        let dir = try Self.directory()
        let path = dir.appendingPathComponent("y.csv").path
        let m = Matrix(rowArrays: [[0.1, -2e-300], [.nan, .infinity], [1.0 / 3.0, 5]])
        let w = try CSVNumberWriter(path: path, header: ["a", "b, c"])
        try w.write(m.rows(0..<2))
        try w.write(m.rows(2..<3))
        try w.write(fields: ["x\"y", "7"])
        // Until the commit only a hidden temporary file exists.
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(try Self.contents(dir).count == 1 && Self.contents(dir)[0].hasPrefix(".y.csv.tmp-"))
        try w.commit()
        #expect(try Self.contents(dir) == ["y.csv"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == CSVFormat.text(header: ["a", "b, c"], matrix: m) + "\"x\"\"y\",7\n")
    }

    @Test func abandonLeavesNothingAndKeepsAnOldFile() throws {
        let dir = try Self.directory()
        let path = dir.appendingPathComponent("y.csv").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let w = try CSVNumberWriter(path: path, header: ["a"])
        try w.write(Matrix(rowArrays: [[1]]))
        w.abandon()
        #expect(try Self.contents(dir) == ["y.csv"])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        // A writer dropped without a commit abandons itself.
        do {
            let dropped = try CSVNumberWriter(path: dir.appendingPathComponent("z.csv").path, header: ["a"])
            try dropped.write(Matrix(rowArrays: [[2]]))
        }
        #expect(try Self.contents(dir) == ["y.csv"])
    }

    @Test func largeWritesFlushAndReadBackBitForBit() throws {
        let dir = try Self.directory()
        let path = dir.appendingPathComponent("big.csv").path
        var rng = SeededGenerator(seed: 3)
        let rows = 60_000
        let m = Matrix(rows: rows, columns: 3, storage: (0..<(rows * 3)).map { _ in Double.random(in: -1e6...1e6, using: &rng) })
        let w = try CSVNumberWriter(path: path, header: ["p", "q", "r"])
        try w.write(m)
        try w.commit()
        let back = try CSVRowReader.table(path: path)
        #expect(back.header == ["p", "q", "r"])
        #expect(back.values.storage.map(\.bitPattern) == m.storage.map(\.bitPattern))
    }

    @Test func trailerHashesEveryByteBeforeIt() throws {
        let dir = try Self.directory()
        let path = dir.appendingPathComponent("s.csv").path
        let w = try CSVNumberWriter(path: path, header: ["v"], preamble: "#manifest\n", checksummed: true)
        try w.write(Matrix(rowArrays: [[1], [2]]))
        try w.commit { "#sum \($0.hex)\n" }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var h = FNV1a64()
        h.update("#manifest\nv\n1.0\n2.0\n")
        #expect(text == "#manifest\nv\n1.0\n2.0\n#sum \(h.hex)\n")
    }

    @Test func anUncreatableFileIsAnError() throws {
        let dir = try Self.directory()
        let blocker = dir.appendingPathComponent("file")
        try "x".write(to: blocker, atomically: false, encoding: .utf8)
        #expect(throws: (any Error).self) { try CSVNumberWriter(path: blocker.appendingPathComponent("y.csv").path, header: ["a"]) }
    }
}
