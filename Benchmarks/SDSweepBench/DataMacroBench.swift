import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepRun

/// A model that reads its demand from a data file (`GET DIRECT DATA`, a data variable) and
/// smooths it with a macro, against the same model with the data written as an inline lookup
/// of TIME and the macro written out by hand (`Benchmarks/Models/data-macro*.mdl`). Data reach
/// the compiler as lookups of TIME, in the time-only program, and a macro call as ordinary
/// variables, so the two should run at the same speed: the ratio is the figure.
func benchmarkDataAndMacros(runs: Int) throws {
    print("\n## Data variables and macros: \(runs) runs × 1600 steps, Adjustment Time varied")
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Models").path
    var executors: [(String, any SweepExecutor)] = [("interp 1T", BatchEngine(threads: 1)), ("interp 2T", BatchEngine(threads: 2))]
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-bench-data-\(getpid())")
    defer { try? FileManager.default.removeItem(at: cache) }
    if let found = NativeToolchain.find() {
        let toolchain = try NativeToolchain(compiler: found.compiler, cacheDirectory: cache)
        executors.append(("native 2T", NativeEngine(threads: 2, choice: .native, toolchain: toolchain)))
    }
    var parameters = Matrix(rows: runs, columns: 1)
    for i in 0..<runs { parameters[i, 0] = 2 + 6 * Double(i) / Double(runs - 1) }
    let models = try ["data-macro.mdl", "data-macro-inline.mdl"].map { file -> (CompiledModel, [OutputSeries]) in
        let compiled = try Compiler.compile(try Model.load(path: folder + "/" + file), parameters: ["Adjustment Time"])
        return (compiled, [try OutputSeries.parse("Inventory", in: compiled)])
    }
    for (label, executor) in executors {
        // Warm up (the native engine compiles here), then the two models in interleaved rounds.
        for (m, o) in models { _ = try executor.run(m, parameters: parameters, outputs: o) }
        let times = try bestInterleaved(models.map { m, o in { _ = try executor.run(m, parameters: parameters, outputs: o) } })
        let steps = Double(runs * models[0].0.time.stepCount)
        print(String(format: "data+macro %@: %6.1f M set-steps/s; written inline: %6.1f M set-steps/s; ratio %.2f×",
                     label, steps / times[0].wall / 1e6, steps / times[1].wall / 1e6, times[1].wall / times[0].wall))
    }
}
