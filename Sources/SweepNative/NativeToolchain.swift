import Foundation
import SweepNumerics

/// The C compiler and the cache of compiled chunk libraries.
///
/// The compiler is `SDSWEEP_CC`, else `clang`, else `cc`, found on `PATH`. A library is cached
/// under `$XDG_CACHE_HOME/sdsweep` (default `~/.cache/sdsweep`, created 0700) as
/// `<key>.so`, the key the SHA-256 of the source, the compiler's `--version` and the flags;
/// beside it `<key>.sha256` records the SHA-256 of the library's bytes, checked before every
/// load, so a file that does not match is rebuilt, never loaded. Both are written under a
/// temporary name and renamed, so processes compiling the same model at once never load a
/// half-written file.
///
/// ```swift
/// let toolchain = try NativeToolchain.find()
/// let library = try toolchain.library(for: source)
/// ```
public struct NativeToolchain: Sendable {
    public let compiler: String
    /// The compiler's resolved path, size and modification time, part of every cache key: a
    /// new compiler (an upgrade in place included) misses the cache. A `stat`, not a run of
    /// `--version`, so finding a cached library costs well under a millisecond.
    public let identity: String
    public let cacheDirectory: URL
    public static let flags = ["-O3", "-march=native", "-ffp-contract=off", "-fno-fast-math", "-fno-builtin", "-fPIC", "-shared"]

    /// - Throws: `NativeError` when `compiler` is not an executable file.
    public init(compiler: String, cacheDirectory: URL) throws {
        self.compiler = compiler
        self.cacheDirectory = cacheDirectory
        let resolved = URL(fileURLWithPath: compiler).resolvingSymlinksInPath().path
        guard FileManager.default.isExecutableFile(atPath: resolved),
              let info = try? FileManager.default.attributesOfItem(atPath: resolved),
              let size = info[.size] as? Int, let modified = info[.modificationDate] as? Date else {
            throw NativeError("'\(compiler)' is not an executable file")
        }
        identity = "\(resolved) \(size) \(modified.timeIntervalSince1970)"
    }

    /// The compiler the environment names and the default cache, or nil when there is none.
    public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> NativeToolchain? {
        let names = [environment["SDSWEEP_CC"], "clang", "cc"].compactMap { $0 }.filter { !$0.isEmpty }
        guard let path = names.lazy.compactMap({ locate($0, path: environment["PATH"] ?? "") }).first else { return nil }
        return try? NativeToolchain(compiler: path, cacheDirectory: defaultCache(environment))
    }

    /// `$XDG_CACHE_HOME/sdsweep`, else `~/.cache/sdsweep`.
    public static func defaultCache(_ environment: [String: String]) -> URL {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("sdsweep")
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/sdsweep")
    }

    static func locate(_ name: String, path: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The cache key of `source`.
    public func key(for source: String) -> String {
        let text = source + "\u{0}" + identity + "\u{0}" + NativeToolchain.flags.joined(separator: " ")
        return SHA256.hex(SHA256.digest(Array(text.utf8)))
    }

    /// The loaded library of `source`: from the cache when its recorded hash matches, else
    /// compiled (the source is kept beside it as `<key>.c`).
    public func library(for source: String) throws -> NativeLibrary {
        if let cached = try cachedLibrary(for: source) { return cached }
        try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let key = key(for: source)
        let lib = cacheDirectory.appendingPathComponent(key + ".so")
        let sidecar = cacheDirectory.appendingPathComponent(key + ".sha256")
        let sourceFile = cacheDirectory.appendingPathComponent(key + ".c")
        try Data(source.utf8).write(to: sourceFile, options: .atomic)
        let unique = "\(ProcessInfo.processInfo.processIdentifier).\(UInt64.random(in: 0...UInt64.max))"
        let temporary = cacheDirectory.appendingPathComponent("\(key).\(unique).tmp")
        let result = try NativeToolchain.execute(compiler, NativeToolchain.flags + ["-o", temporary.path, sourceFile.path, "-lm", "-lopenblas"])
        guard result.status == 0, let built = try? Data(contentsOf: temporary) else {
            try? FileManager.default.removeItem(at: temporary)
            throw NativeError("the C compiler failed on the generated source \(sourceFile.path):\n\(result.output)")
        }
        let sidecarTemporary = cacheDirectory.appendingPathComponent("\(key).\(unique).sha.tmp")
        try Data(SHA256.hex(SHA256.digest(Array(built))).utf8).write(to: sidecarTemporary)
        _ = rename(sidecarTemporary.path, sidecar.path)
        guard rename(temporary.path, lib.path) == 0 else { throw NativeError("cannot rename \(temporary.path) to \(lib.path)") }
        return try NativeLibrary(path: lib.path, origin: .compiled)
    }

    /// The library of `source` from the cache when it is there and its bytes match the
    /// recorded hash; nil when it has to be compiled.
    public func cachedLibrary(for source: String) throws -> NativeLibrary? {
        let key = key(for: source)
        let lib = cacheDirectory.appendingPathComponent(key + ".so")
        let sidecar = cacheDirectory.appendingPathComponent(key + ".sha256")
        guard let bytes = try? Data(contentsOf: lib), let recorded = try? String(contentsOf: sidecar, encoding: .utf8),
              recorded == SHA256.hex(SHA256.digest(Array(bytes))) else { return nil }
        return try NativeLibrary(path: lib.path, origin: .cached)
    }

    /// Runs `tool` with `arguments`; its exit status and merged output.
    static func execute(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// A failure to build or load native code: a bug, not bad input; names the kept source.
public struct NativeError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A loaded chunk library and its `sd_chunk` entry point.
public final class NativeLibrary: @unchecked Sendable {
    public enum Origin: Sendable { case compiled, cached }
    public typealias Chunk = @convention(c) (Int, Int, Int, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?,
                                             UnsafeMutablePointer<Double>?) -> Void
    public let path: String
    /// Whether this load compiled the library or found it in the cache.
    public let origin: Origin
    let handle: UnsafeMutableRawPointer
    let chunk: Chunk

    init(path: String, origin: Origin) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw NativeError("cannot load \(path): \(dlerror().map { String(cString: $0) } ?? "")")
        }
        guard let symbol = dlsym(handle, "sd_chunk") else {
            dlclose(handle)
            throw NativeError("\(path) has no sd_chunk")
        }
        self.path = path
        self.origin = origin
        self.handle = handle
        chunk = unsafeBitCast(symbol, to: Chunk.self)
    }

    deinit { dlclose(handle) }
}
