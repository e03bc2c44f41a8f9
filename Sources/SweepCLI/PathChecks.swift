import Foundation
import SweepNumerics

/// The path options of every command, checked before anything is read or run, each failure one
/// line naming the path and what to do: a missing file, a folder where a file is needed, a file
/// where a folder is needed, a place that cannot be written.
///
/// ```swift
/// try CLI.input(samples, "CSV")       // PATH: error: this is a folder; give a CSV file
/// try CLI.output(out)                 // PATH: error: cannot write: Is a directory
/// try CLI.outputFolder(out, flag: "--out", holds: "the results")
/// ```
extension CLI {
    /// A file the command reads: it exists, is not a folder and can be read.
    static func input(_ path: String, _ what: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw UsageError("cannot read: No such file or directory", file: path)
        }
        if isFolder.boolValue { throw UsageError("this is a folder; give a \(what) file", file: path) }
        guard FileManager.default.isReadableFile(atPath: path) else { throw UsageError("cannot read: Permission denied", file: path) }
    }

    /// A file the command writes (nil or "-": standard output): not a folder, its folder
    /// creatable and writable.
    static func output(_ path: String?) throws {
        guard let path, path != "-" else { return }
        do {
            let folder = try AtomicFile.prepare(path)
            if access(folder.path, W_OK) != 0 { throw AtomicFile.failure(folder.path, errno) }
        } catch let error as CocoaError {
            throw UsageError("cannot write: \(reason(error))", file: failedPath(error) ?? path)
        }
    }

    /// A folder the command writes into: not a file, created now, writable.
    /// - Parameters:
    ///   - flag: the option, for the message (`--out`).
    ///   - holds: what goes into the folder (`the results`).
    static func outputFolder(_ path: String, flag: String, holds: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
            throw UsageError("\(flag) names a file; \(holds) go into a folder", file: path)
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch let error as CocoaError {
            throw UsageError("cannot create the folder: \(reason(error))", file: failedPath(error) ?? path)
        }
        if access(path, W_OK) != 0 { throw UsageError("cannot write into the folder: \(String(cString: strerror(errno)))", file: path) }
    }

    /// The POSIX reason of a file-system error (`Not a directory`), or Foundation's text.
    static func reason(_ error: CocoaError) -> String {
        if let underlying = error.underlying.map({ $0 as NSError }) ?? (error.userInfo[NSUnderlyingErrorKey] as? NSError),
           underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return (error.userInfo[NSLocalizedDescriptionKey] as? String) ?? "error \(error.code.rawValue)"
    }

    static func failedPath(_ error: CocoaError) -> String? {
        (error.userInfo[NSFilePathErrorKey] as? String) ?? error.filePath ?? (error.userInfo[NSURLErrorKey] as? URL)?.path
    }
}
