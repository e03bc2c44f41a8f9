import Foundation

/// Writes a numeric CSV file row block by row block, to a temporary file that is renamed over
/// the final name only by `commit()`: a reader never finds a partial file under that name, and
/// a run that stops early leaves nothing behind.
///
/// Numbers are written as `CSVFormat.number` writes them (shortest round-trip form, `nan`,
/// `inf`), so a streamed file and an in-memory `CSVFormat.text` are byte-identical. Measured at
/// ~90 ns a number on the project machine: 10⁷ rows of one output in under a second.
///
/// ```swift
/// let w = try CSVNumberWriter(path: "y.csv", header: ["C"])
/// try w.write(block)
/// try w.commit()
/// ```
public final class CSVNumberWriter {
    /// The final path, or nil for standard output.
    public let path: String?
    private let temporary: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var finished = false
    private let checksummed: Bool
    private var hash = FNV1a64()

    /// - Parameters:
    ///   - path: the final file, or nil / "-" for standard output (written as it goes).
    ///   - preamble: text written before the header (a shard's manifest line).
    ///   - checksummed: keep an FNV-1a hash of every byte written, for `commit(trailer:)`.
    public init(path: String?, header: [String], preamble: String = "", checksummed: Bool = false) throws {
        self.checksummed = checksummed
        if let path, path != "-" {
            let url = URL(fileURLWithPath: path)
            let dir = try AtomicFile.prepare(path)
            let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else {
                throw AtomicFile.failure(path, errno)
            }
            self.path = path
            self.temporary = tmp
            self.fd = fd
        } else {
            self.path = nil
            self.temporary = nil
            self.fd = STDOUT_FILENO
        }
        buffer.reserveCapacity(1 << 20)
        buffer.append(contentsOf: preamble.utf8)
        buffer.append(contentsOf: CSVFormat.line(header).utf8)
    }

    deinit { if !finished { abandon() } }

    /// Appends every row of `matrix` (its columns in header order).
    public func write(_ matrix: Matrix) throws {
        for r in 0..<matrix.rows {
            for c in 0..<matrix.columns {
                if c > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: CSVFormat.number(matrix.storage[r + c * matrix.rows]).utf8)
            }
            buffer.append(0x0A)
            if buffer.count >= 1 << 20 { try flush() }
        }
    }

    /// Appends bytes already in this writer's format (rows another writer produced).
    public func write(raw: Data) throws {
        buffer.append(contentsOf: raw)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends one row of text fields, quoted where they must be.
    public func write(fields: [String]) throws {
        buffer.append(contentsOf: CSVFormat.line(fields).utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Flushes and renames the temporary file over the final name.
    ///
    /// - Parameter trailer: the file's last text, made from the FNV-1a hash of every byte
    ///   before it (needs `checksummed`): a shard's checksum line.
    public func commit(trailer: ((FNV1a64) -> String)? = nil) throws {
        try flush()
        if let trailer {
            precondition(checksummed, "a trailer needs a checksummed writer")
            buffer.append(contentsOf: trailer(hash).utf8)
            try flush()
        }
        finished = true
        guard let temporary, let path else { return }
        close(fd)
        if rename(temporary, path) != 0 {
            let code = errno
            unlink(temporary)
            throw AtomicFile.failure(path, code)
        }
    }

    /// Removes the temporary file: the final name is never touched.
    public func abandon() {
        finished = true
        guard let temporary else { return }
        close(fd)
        unlink(temporary)
    }

    private func flush() throws {
        if checksummed { buffer.withUnsafeBytes { hash.update($0) } }
        try buffer.withUnsafeBytes { try AtomicFile.writeAll(fd, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}
