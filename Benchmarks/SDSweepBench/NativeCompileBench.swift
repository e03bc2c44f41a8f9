import Foundation
import SweepCompiler
import SweepEngine
import SweepNative
import SweepRun

/// The native engine's compile time for the paper model, SIR, the lock-in model and the
/// 100-cluster network (no target; the largest step body the generator takes):
/// generating the source (`CGenerator`); cold, `NativeToolchain.library(for:)` into a fresh
/// cache directory (best of 3 directories, 1 when it takes over 2 s); cached, the same call on the last directory again
/// (the library found by its hash and loaded with `dlopen`, best of 10), and the whole
/// `NativeEngine.library(for:outputs:)` path a run takes (generate, hash, check, load);
/// and `NativeToolchain.find()`, which every process pays once (`clang --version`).
func benchmarkNativeCompile(compiler: String) throws {
    print("\n## Native compile time: cold (fresh cache directory, best of 3, or 1 over 2 s) and cached (same directory, in-process reload, best of 10)")
    print("targets: cold ≤ 0.5 s (paper model, SIR), cached ≤ 10 ms; compiler \(compiler), flags \(NativeToolchain.flags.joined(separator: " "))")
    print(row("model", "source KB", "generate ms", "cold s", "cached ms", "engine ms", "find ms", "cold", "cached"))
    let (paper, paperOutput) = try paperModel()
    let models = try [("paper", paper, paperOutput)] + [sirCase(), lockInCase(), networkCase()].map { ($0.label, $0.compiled, $0.output) }
    for (label, compiled, output) in models {
        do {
            print(row([label] + (try compileTimes(compiled, output, compiler: compiler, coldTarget: ["paper", "SIR"].contains(label)))))
        } catch let error as CGenerator.Unsupported {
            print(row(label) + "   not native: \(error)")
        }
    }
}

/// The cells of one row of `benchmarkNativeCompile` for `compiled` keeping `output`.
func compileTimes(_ compiled: CompiledModel, _ output: OutputSeries, compiler: String, coldTarget: Bool) throws -> [String] {
    let generator = try CGenerator(model: compiled, outputs: [output], update: .auto)
    var source = ""
    let generate = try best(repeats: 5) { source = try generator.source() }
    var cold = Double.infinity
    var directory: URL?
    for attempt in 0..<3 where attempt == 0 || cold < 2 {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-bench-cold-\(UUID().uuidString)")
        directory = fresh
        let toolchain = try NativeToolchain(compiler: compiler, cacheDirectory: fresh)
        cold = min(cold, try best(repeats: 1) { try expect(toolchain.library(for: source), .compiled) })
    }
    defer { if let directory { try? FileManager.default.removeItem(at: directory) } }
    let toolchain = try NativeToolchain(compiler: compiler, cacheDirectory: directory!)
    let cached = try best(repeats: 10) { try expect(toolchain.library(for: source), .cached) }
    let engine = NativeEngine(threads: 1, toolchain: toolchain)
    let whole = try best(repeats: 10) {
        guard let library = try engine.library(for: compiled, outputs: [output]) else { throw BenchError("the engine does not compile it") }
        try expect(library, .cached)
    }
    let find = best { _ = NativeToolchain.find() }
    return [f(Double(source.utf8.count) / 1024, 1), f(generate * 1e3, 2), f(cold, 3), f(cached * 1e3, 2), f(whole * 1e3, 2),
            f(find * 1e3, 1), coldTarget ? (cold <= 0.5 ? "met" : "MISSED") : "-", whole <= 0.01 ? "met" : "MISSED"]
}

/// Fails unless `library` was compiled or found in the cache as `origin` says.
func expect(_ library: NativeLibrary, _ origin: NativeLibrary.Origin) throws {
    guard library.origin == origin else { throw BenchError("\(library.path) was \(library.origin), expected \(origin)") }
}

/// A benchmark's own failure, as text.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
