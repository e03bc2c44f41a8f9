import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import Testing
import TestSupport

/// The compiler the environment names, or nil (the native tests are then skipped).
let toolchain: NativeToolchain? = {
    guard let found = NativeToolchain.find() else { return nil }
    // A cache of this process's own, removed when the test process exits.
    atexit { try? FileManager.default.removeItem(at: nativeTestCache()) }
    return try? NativeToolchain(compiler: found.compiler, cacheDirectory: nativeTestCache())
}()

func nativeTestCache() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-native-tests-\(getpid())")
}

let compilerFound = toolchain != nil
let noCompiler: Comment = "no C compiler found (SDSWEEP_CC, clang or cc on PATH)"

/// A model with every constant a parameter, run over a small random design with every variable
/// recorded at up to five saved times.
struct Sweep {
    let compiled: CompiledModel
    let parameters: Matrix
    let outputs: [OutputSeries]

    init(_ model: Model, runs: Int = 7, seed: UInt64 = 1) throws {
        var constants: [(String, Double)] = []
        for v in model.variables where !v.isHidden && v.subscripts.isEmpty {
            if case .constant(let x) = v.kind { constants.append((v.name, x)) }
        }
        let compiled = try Compiler.compile(model, parameters: constants.map(\.0))
        self.compiled = compiled
        var generator = SeededGenerator(seed: seed)
        var storage: [Double] = []
        for (_, x) in constants {
            storage += (0..<runs).map { _ in x * Double.random(in: 0.9...1.1, using: &generator) }
        }
        parameters = Matrix(rows: runs, columns: compiled.parameters.count, storage: storage)
        let saved = compiled.time.saveTimes
        let picks = Array(Set([0, saved.count / 3, saved.count / 2, saved.count - 1])).sorted().map { saved[$0] }
        outputs = try compiled.variables.map { try OutputSeries.resolve($0.name, times: picks, in: compiled) }
    }
}

/// Whether two output matrices are the same, bit for bit, with the same non-finite runs.
func identical(_ a: OutputMatrix, _ b: OutputMatrix) -> Bool {
    a.columnNames == b.columnNames && a.nonFiniteRuns == b.nonFiniteRuns && a.isComplete == b.isComplete
        && a.values.storage.map(\.bitPattern) == b.values.storage.map(\.bitPattern)
}

/// The first output column where native and interpreter differ, or nil.
func firstDifference(_ sweep: Sweep, update: BatchEngine.StockUpdate = .auto, threads: Int = 1, chunkSize: Int = 3) throws -> String? {
    let native = NativeEngine(threads: threads, chunkSize: chunkSize, update: update, toolchain: toolchain)
    let reference = BatchEngine(threads: threads, chunkSize: chunkSize, update: update)
    let a = try native.runNative(sweep.compiled, parameters: sweep.parameters, outputs: sweep.outputs)
    let b = reference.run(sweep.compiled, parameters: sweep.parameters, outputs: sweep.outputs)
    if identical(a, b) { return nil }
    for c in 0..<a.values.columns where a.values.column(c).map(\.bitPattern) != b.values.column(c).map(\.bitPattern) {
        return "\(a.columnNames[c]): native \(a.values.column(c)) interpreter \(b.values.column(c))"
    }
    return "non-finite runs or completion differ"
}

/// The model at `path` with its integration method set.
func load(_ path: String, method: IntegrationMethod? = nil) throws -> Model {
    var model = try Model.load(path: path)
    if let method { model.time.method = method }
    return model
}
