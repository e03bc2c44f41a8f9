import Foundation

/// Writes files so that a reader never sees a partial one: the bytes go to a temporary file in
/// the same directory, are flushed, and the file is renamed over the final name.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Checks that `path` can be a file (not a folder, no file where its folder should be),
    /// creates its folder, and returns the folder: called before any work whose result goes
    /// there, so a bad `--out` fails before the run, not after it.
    /// - Throws: `CocoaError` with the path and the POSIX reason.
    @discardableResult
    public static func prepare(_ path: String) throws -> URL {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { throw failure(path, EISDIR) }
        if FileManager.default.fileExists(atPath: dir.path, isDirectory: &isFolder), !isFolder.boolValue { throw failure(dir.path, ENOTDIR) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A write failure at `path` for POSIX reason `code`.
    public static func failure(_ path: String, _ code: Int32) -> CocoaError {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
    }

    /// Writes every byte of `bytes` to the open descriptor `fd`, retrying short writes and
    /// EINTR; no sync.
    /// - Throws: the POSIX reason of a failed write.
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "write failed: \(String(cString: strerror(errno)))"])
            }
            offset += n
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = try prepare(path)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else { throw failure(path, errno) }
        do {
            let handle = try FileHandle(forWritingTo: tmp)
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            if rename(tmp.path, url.path) != 0 { throw failure(path, errno) }
        } catch {
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }
}
