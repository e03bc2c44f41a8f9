import CNativeKernels
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepRun

/// A model as the `native` section runs it: compiled with the parameters a study of it varies,
/// one output's final value kept, and its hand-written C kernel if it has one.
struct NativeCase {
    let label: String
    let compiled: CompiledModel
    let output: OutputSeries
    /// Nominal value × (0.5 … 1.5), or the study's range, for parameter j of one run.
    let draw: (Int, inout SeededGenerator) -> Double
    /// The C kernel (contraction as the compiler likes, or off), parameters → one output per run.
    var kernel: ((_ fma: Bool, _ parameters: UnsafePointer<Double>, _ runs: Int, _ out: UnsafeMutablePointer<Double>) -> Void)?

    func parameters(runs: Int, seed: UInt64) -> Matrix {
        var p = Matrix(rows: runs, columns: compiled.parameters.count)
        var rng = SeededGenerator(seed: seed)
        for j in 0..<p.columns { for r in 0..<runs { p[r, j] = draw(j, &rng) } }
        return p
    }

    func runKernel(fma: Bool, _ p: Matrix) -> [Double] {
        var out = [Double](repeating: .nan, count: p.rows)
        p.storage.withUnsafeBufferPointer { kernel!(fma, $0.baseAddress!, p.rows, &out) }
        return out
    }

    func runExecutor(_ executor: any SweepExecutor, _ p: Matrix) throws -> [Double] {
        try executor.run(compiled, parameters: p, outputs: [output]).values.storage
    }
}

/// configs/sir.yaml, 800 Euler steps; Contact Rate, Infectivity, Recovery Time and Initial
/// Infected per run over the ranges of configs/sir-study.yaml (uniform here: only speed and
/// agreement matter); Recovered at day 100 kept.
func sirCase() throws -> NativeCase {
    let model = try Model.load(path: configPath("sir.yaml"))
    let names = ["Contact Rate", "Infectivity", "Recovery Time", "Initial Infected"]
    let compiled = try Compiler.compile(model, parameters: names, outputs: ["Recovered"])
    let (dt, steps) = (compiled.time.step, compiled.time.stepCount)
    let ranges: [ClosedRange<Double>] = [4...8, 0.03...0.07, 5...10]
    return NativeCase(
        label: "SIR", compiled: compiled, output: try OutputSeries.parse("Recovered", in: compiled),
        draw: { j, rng in
            let u = rng.nextUnit()
            return j < 3 ? ranges[j].lowerBound + (ranges[j].upperBound - ranges[j].lowerBound) * u : [1, 10, 100][min(2, Int(u * 3))]
        },
        kernel: { fma, p, runs, out in
            if fma { sir_c(runs, p, dt, steps, out) } else { sir_c_nofma(runs, p, dt, steps, out) }
        })
}

/// configs/cluster-innovation-lockin.yaml, 320 Euler steps; the 19 parameters of
/// configs/cluster-innovation-lockin-study.yaml per run; Innovation Capability at 20 kept.
func lockInCase() throws -> NativeCase {
    let model = try Model.load(path: configPath("cluster-innovation-lockin.yaml"))
    let names = innovationElements.map { "\($0) Coefficient" } + innovationElements.map { "\($0) Weight" }
        + ["Peak Height", "Peak Year", "Capability Ceiling"]
    let compiled = try Compiler.compile(model, parameters: names, outputs: ["Innovation Capability"])
    let nominal = names.map { model.constantValue(named: $0)! }
    let (final, dt, steps) = (compiled.time.final, compiled.time.step, compiled.time.stepCount)
    let ranges: [ClosedRange<Double>] = [3.5...5.7, 8...12, 6...10]
    return NativeCase(
        label: "lock-in", compiled: compiled, output: try OutputSeries.parse("Innovation Capability", in: compiled),
        draw: { j, rng in
            let u = rng.nextUnit()
            if j < 16 { return nominal[j] * (0.5 + u) }
            return ranges[j - 16].lowerBound + (ranges[j - 16].upperBound - ranges[j - 16].lowerBound) * u
        },
        kernel: { fma, p, runs, out in
            if fma { lockin_c(runs, p, final, dt, steps, out) } else { lockin_c_nofma(runs, p, final, dt, steps, out) }
        })
}

// MARK: - The contestants

/// The interpreter (`BatchEngine`) and the native engine, each on 1 and 2 threads with
/// `update`, in that order; the native engine (`choice: .native`: a failed compile stops the
/// benchmark rather than timing the interpreter under native's name) compiles into
/// `toolchain`'s cache.
func contestants(update: BatchEngine.StockUpdate, toolchain: NativeToolchain) -> [(label: String, executor: any SweepExecutor)] {
    [1, 2].map { ("interp \($0)T", BatchEngine(threads: $0, update: update)) }
        + [1, 2].map { ("native \($0)T", NativeEngine(threads: $0, update: update, choice: .native, toolchain: toolchain)) }
}

/// Why the native engine leaves `c` to the interpreter under `update`, or nil when it runs
/// generated code (compiled now, so the timings that follow load it from the cache).
/// - Throws: `NativeError` when the compile or load fails.
func nativeFallback(_ c: NativeCase, update: BatchEngine.StockUpdate, toolchain: NativeToolchain) throws -> String? {
    let engine = NativeEngine(threads: 1, update: update, toolchain: toolchain)
    guard try engine.library(for: c.compiled, outputs: [c.output]) == nil else { return nil }
    do {
        _ = try CGenerator(model: c.compiled, outputs: [c.output], update: update)
        return "the native engine runs it in the interpreter"
    } catch {
        return "\(error)"
    }
}

// MARK: - The section

/// The native engine (issue 13) against the interpreter and hand-written C, at `runs` runs:
/// SIR and the lock-in model with their C kernels, the conformance models and (at
/// `networkRuns`: 100 stocks make a run ~100× the work) the 100-cluster network without, then
/// compile times. Compiles into a temporary cache, removed at the end.
func benchmarkNative(runs: Int, networkRuns: Int) throws {
    guard let found = NativeToolchain.find() else {
        print("\n## Native engine: no C compiler found (SDSWEEP_CC, clang, cc); section skipped")
        return
    }
    let cache = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-bench-native-\(getpid())")
    defer { try? FileManager.default.removeItem(at: cache) }
    let toolchain = try NativeToolchain(compiler: found.compiler, cacheDirectory: cache)
    try benchmarkNativeKernels(runs: runs, toolchain: toolchain)
    try benchmarkNativeModels(runs: runs, networkRuns: networkRuns, toolchain: toolchain)
    try benchmarkNativeCompile(compiler: found.compiler)
}

/// SIR and the lock-in model: interpreter and native engine (fused update) on 1 and 2 threads,
/// and the C kernel on 1 thread with and without FMA contraction; set-steps/s, then the ratios
/// of the targets. Every contestant is checked first (`checkAgainstInterpreter`).
func benchmarkNativeKernels(runs: Int, toolchain: NativeToolchain) throws {
    print("\n## Native engine vs interpreter vs hand-written C: SIR and lock-in, \(runs) runs, one output's final value kept, fused update")
    print("set-steps/s in millions (best of 3 interleaved rounds); C = structure of arrays, blocks of 256, -O3 -march=native, 1 thread")
    print(row("model", "interp 1T", "interp 2T", "native 1T", "native 2T", "C 1T", "C noFMA 1T"))
    var ratios: [[String]] = []
    for c in try [sirCase(), lockInCase()] {
        if let reason = try nativeFallback(c, update: .fused, toolchain: toolchain) {
            print("\(c.label): not native (\(reason)), no ratios")
            continue
        }
        let executors = contestants(update: .fused, toolchain: toolchain)
        guard try checkAgainstInterpreter(c, executors: executors) else { continue }
        let p = c.parameters(runs: runs, seed: 13)
        guard let times = try timeBitIdentical(c, p, executors, extra: [true, false].map { fma in { _ = c.runKernel(fma: fma, p) } })
        else { continue }
        let (i1, i2, n1, n2, cFMA, cPlain) = (times[0].wall, times[1].wall, times[2].wall, times[3].wall, times[4].wall, times[5].wall)
        let work = Double(runs) * Double(c.compiled.time.stepCount)
        print(row([c.label] + times.map { rate(work / $0.wall) }))
        ratios.append([c.label, f(cFMA / n1, 3), f(cPlain / n1, 3), f(n1 / n2, 2), f(i1 / n1, 2), f(i2 / n2, 2), f(cFMA / i1, 3), f(i1 / i2, 2),
                       f(times[3].cpu / n2, 2)])
    }
    print("ratios of set-steps/s (targets, SIR: native 1T/C ≥ 0.8, native 2T/1T ≥ 1.8; every model: native/interp ≥ 3)")
    print(row("model", "nat 1T/C", "nat 1T/noFMA", "nat 2T/1T", "nat/int 1T", "nat/int 2T", "interp 1T/C", "int 2T/1T", "2T cpu/wall"))
    for r in ratios { print(row(r)) }
}

/// Set-steps per second in millions, to two decimals below 10.
func rate(_ setStepsPerSecond: Double) -> String {
    let millions = setStepsPerSecond / 1e6
    return f(millions, millions < 10 ? 2 : 0)
}

/// Times every executor and `extra` body on `p` (`bestInterleaved`), keeping each executor's
/// outputs of its last round and checking them bit for bit against the first executor's; nil
/// (and what differs printed) when they differ.
func timeBitIdentical(_ c: NativeCase, _ p: Matrix, _ executors: [(label: String, executor: any SweepExecutor)],
                      extra: [() -> Void] = []) throws -> [(wall: Double, cpu: Double)]? {
    var outputs = [[Double]](repeating: [], count: executors.count)
    let bodies: [() throws -> Void] = executors.indices.map { k in { outputs[k] = try c.runExecutor(executors[k].executor, p) } }
    let times = try bestInterleaved(bodies + extra.map { body in { body() } })
    for k in executors.indices.dropFirst() where !zip(outputs[0], outputs[k]).allSatisfy({ $0.bitPattern == $1.bitPattern }) {
        print("CHECK FAILED: \(c.label) \(executors[k].label) is not bit-identical to \(executors[0].label) on the timed \(p.rows) runs")
        return nil
    }
    return times
}

/// Best wall time of each body over `repeats` rounds, in seconds, and the process's CPU seconds
/// in that round (CPU/wall near 1 on 2 threads: the second core was busy elsewhere); a round
/// runs every body once, so a slow spell of a shared machine falls on all of them.
func bestInterleaved(repeats: Int = 3, _ bodies: [() throws -> Void]) throws -> [(wall: Double, cpu: Double)] {
    var times = [(wall: Double, cpu: Double)](repeating: (.infinity, 0), count: bodies.count)
    for _ in 0..<repeats {
        for (k, body) in bodies.enumerated() {
            let start = clock()
            let wall = try best(repeats: 1, body)
            if wall < times[k].wall { times[k] = (wall, Double(clock() - start) / Double(CLOCKS_PER_SEC)) }
        }
    }
    return times
}

/// Whether, on 2500 runs (two full chunks and a partial one; ten blocks of 256 and a partial
/// one), every executor after the first matches the first (the interpreter on 1 thread) bit
/// for bit, and the C kernel, if any, matches it to 1e-12 relative; prints what disagrees.
func checkAgainstInterpreter(_ c: NativeCase, executors: [(label: String, executor: any SweepExecutor)]) throws -> Bool {
    let p = c.parameters(runs: 2500, seed: 5)
    let reference = try c.runExecutor(executors[0].executor, p)
    func worst(_ values: [Double]) -> Double {
        zip(reference, values).map { abs($0 - $1) / max(abs($0), .leastNormalMagnitude) }.max() ?? .nan
    }
    var ok = true
    for fma in c.kernel == nil ? [] : [true, false] {
        let e = worst(c.runKernel(fma: fma, p))
        if !(e <= 1e-12) {
            print("CHECK FAILED: \(c.label) C kernel\(fma ? "" : " (no FMA)") differs from the interpreter by \(e) relative (limit 1e-12)")
            ok = false
        } else {
            print("check: \(c.label) C kernel\(fma ? "" : " (no FMA)") = interpreter within \(e == 0 ? "0 (bit for bit)" : String(format: "%.1e", e)) relative, 2500 runs")
        }
    }
    for x in executors.dropFirst() {
        let values = try c.runExecutor(x.executor, p)
        if !zip(reference, values).allSatisfy({ $0.bitPattern == $1.bitPattern }) {
            print("CHECK FAILED: \(c.label) \(x.label) is not bit-identical to \(executors[0].label) (worst \(worst(values)) relative)")
            ok = false
        }
    }
    if ok { print("check: \(c.label) \(executors.dropFirst().map(\.label).joined(separator: ", ")) = \(executors[0].label) bit for bit, 2500 runs") }
    return ok
}
