import Foundation
import SweepCompiler

/// What a sweep will hold in memory, estimated before it starts, so a run too big for the
/// machine is refused in a second instead of being killed by the kernel an hour in.
///
/// ```swift
/// let e = MemoryEstimate(model: compiled, runs: 10_000_000, parameters: 2, outputColumns: 1,
///                        threads: 2, chunkSize: 1024)
/// if let limit = MemoryEstimate.available(), e.total > limit { … refuse … }
/// ```
public struct MemoryEstimate: Sendable, CustomStringConvertible {
    /// The parameter matrix: rows held × parameters × 8 bytes.
    public var parameters: Int
    /// The output matrix: rows held × output columns × 8 bytes.
    public var outputs: Int
    /// Per-thread engine workspace: model columns (and RK buffers) × chunk size × 8 × threads.
    public var workspace: Int
    /// Read and write buffers and the process itself (runtime, libraries, the compiled model):
    /// measured at ~25 MB for `sdsweep evaluate` on a tiny input; 64 MB leaves room.
    public var baseline: Int = 64 << 20

    public var total: Int { parameters + outputs + workspace + baseline }

    /// - Parameter rowsHeld: the runs held at once: all of them, or one block when streaming.
    public init(model: CompiledModel, rowsHeld: Int, parameters: Int, outputColumns: Int, threads: Int, chunkSize: Int) {
        self.parameters = rowsHeld * parameters * 8
        self.outputs = rowsHeld * outputColumns * 8
        let rk = model.time.method == .euler ? 0 : 2 * model.stockCount
        self.workspace = (model.columnCount + model.stockCount + rk) * chunkSize * 8 * threads
    }

    public var description: String {
        "\(Self.format(total)) (outputs \(Self.format(outputs)), parameters \(Self.format(parameters)), engine workspace \(Self.format(workspace)), process \(Self.format(baseline)))"
    }

    /// Bytes the sweep may use: `SDSWEEP_MEMORY_LIMIT` if set (bytes, or with a K, M, G suffix),
    /// else MemAvailable from /proc/meminfo, else nil (unknown: no check).
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int? {
        if let text = environment["SDSWEEP_MEMORY_LIMIT"], let v = parse(text) { return v }
        guard let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in info.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kb = Int(fields[1]) { return kb * 1024 }
        }
        return nil
    }

    /// `123`, `64K`, `512M`, `2G` (powers of 1024), `1.5G`.
    public static func parse(_ text: String) -> Int? {
        var t = text.trimmingCharacters(in: .whitespaces).uppercased()
        if t.hasSuffix("B") { t.removeLast() }
        var scale = 1.0
        if let last = t.last, let s = ["K": 1024.0, "M": 1024.0 * 1024, "G": 1024.0 * 1024 * 1024, "T": 1024.0 * 1024 * 1024 * 1024][String(last)] {
            scale = s
            t.removeLast()
        }
        guard let v = Double(t), v.isFinite, v >= 0, v * scale < 9e18 else { return nil }
        return Int(v * scale)
    }

    /// `1.2 GB`, `340 MB`, `12 KB` (powers of 1024).
    public static func format(_ bytes: Int) -> String {
        let b = Double(bytes)
        let mb = 1024.0 * 1024
        if b >= 1024 * mb { return String(format: "%.1f GB", b / (1024 * mb)) }
        if b >= mb { return String(format: "%.0f MB", b / mb) }
        return String(format: "%.0f KB", b / 1024)
    }
}
