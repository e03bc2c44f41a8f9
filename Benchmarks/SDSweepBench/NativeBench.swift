import CNativeKernels
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics
import SweepRun

/// A shipped model as the `native` section runs it: compiled with the parameters a Sobol'
/// study of it varies, one output's final value kept, and its hand-written C kernel.
struct NativeCase {
    let label: String
    let compiled: CompiledModel
    let output: OutputSeries
    /// Nominal value × (0.5 … 1.5), or the study's range, for parameter j of one run.
    let draw: (Int, inout SeededGenerator) -> Double
    /// The C kernel (contraction as the compiler likes, or off), parameters → one output per run.
    let kernel: (_ fma: Bool, _ parameters: UnsafePointer<Double>, _ runs: Int, _ out: UnsafeMutablePointer<Double>) -> Void

    func parameters(runs: Int, seed: UInt64) -> Matrix {
        var p = Matrix(rows: runs, columns: compiled.parameters.count)
        var rng = SeededGenerator(seed: seed)
        for j in 0..<p.columns { for r in 0..<runs { p[r, j] = draw(j, &rng) } }
        return p
    }

    func runKernel(fma: Bool, _ p: Matrix) -> [Double] {
        var out = [Double](repeating: .nan, count: p.rows)
        p.storage.withUnsafeBufferPointer { kernel(fma, $0.baseAddress!, p.rows, &out) }
        return out
    }

    func runExecutor(_ executor: any SweepExecutor, _ p: Matrix) -> [Double] {
        executor.run(compiled, parameters: p, outputs: [output]).values.storage
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
    let elements = ["Internal Resource Mining", "Internal Process Improvement", "Internal Knowledge Restructuring",
                    "Internal Technology Upgrading", "External Resource Utilization", "External Process Integration",
                    "External Knowledge Internalization", "External Technology Acquisition"]
    let names = elements.map { "\($0) Coefficient" } + elements.map { "\($0) Weight" } + ["Peak Height", "Peak Year", "Capability Ceiling"]
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

// MARK: - The native engine's columns

/// Executors measured beside the interpreter, each a column of set-steps/s and a ratio to the
/// C kernel; each must reproduce the interpreter's outputs bit for bit.
///
/// THE NATIVE ENGINE GOES HERE (issue 13): once `SweepNative` exists, import it and return
/// e.g. `[("native 1T", NativeEngine(threads: 1)), ("native 2T", NativeEngine(threads: 2))]`.
/// Nothing else in this section changes.
func nativeExecutors() -> [(label: String, executor: any SweepExecutor)] {
    []
}

// MARK: - The section

/// SIR and the lock-in model at `runs` runs: SDSweep's interpreter (`BatchEngine`, fused
/// update) on 1 and 2 threads, the executors of `nativeExecutors()`, and the hand-written C
/// kernel on 1 thread, with and without FMA contraction. Each kernel and executor is first
/// checked against the interpreter on 300 runs; the timings are interleaved (`bestInterleaved`).
func benchmarkNative(runs: Int) throws {
    let extra = nativeExecutors()
    print("\n## Native baseline: SIR and lock-in, \(runs) runs, one output's final value kept")
    print("set-steps/s in millions (best of 3); ratios in the same run; C = structure of arrays, blocks of 256, -O3 -march=native")
    print(row(["model", "interp 1T", "interp 2T"] + extra.map(\.label) + ["C 1T", "C noFMA 1T", "interp/C", "interp/noFMA", "interp 2T/1T"]
              + extra.map { "\($0.label)/C" }))
    for c in try [sirCase(), lockInCase()] {
        guard checkAgainstInterpreter(c, executors: extra) else { continue }
        let p = c.parameters(runs: runs, seed: 13)
        let work = Double(runs) * Double(c.compiled.time.stepCount)
        let executors: [any SweepExecutor] = [BatchEngine(threads: 1, update: .fused), BatchEngine(threads: 2, update: .fused)]
            + extra.map(\.executor)
        let times = bestInterleaved(executors.map { e in { _ = c.runExecutor(e, p) } }
                                    + [true, false].map { fma in { _ = c.runKernel(fma: fma, p) } })
        let (interp1, interp2, others) = (times[0], times[1], Array(times[2..<(2 + extra.count)]))
        let (cFMA, cPlain) = (times[times.count - 2], times[times.count - 1])
        func rate(_ s: Double) -> String { f(work / s / 1e6) }
        print(row([c.label, rate(interp1), rate(interp2)] + others.map(rate) + [rate(cFMA), rate(cPlain),
                  f(cFMA / interp1, 3), f(cPlain / interp1, 3), f(interp1 / interp2, 2)] + others.map { f(cFMA / $0, 3) }))
    }
}

/// Best wall time of each body over `repeats` rounds, in seconds; a round runs every body once,
/// so a slow spell of a shared machine falls on all of them rather than on one column.
func bestInterleaved(repeats: Int = 3, _ bodies: [() -> Void]) -> [Double] {
    var times = [Double](repeating: .infinity, count: bodies.count)
    for _ in 0..<repeats {
        for (k, body) in bodies.enumerated() { times[k] = min(times[k], best(repeats: 1, body)) }
    }
    return times
}

/// Whether the C kernel matches the interpreter (`--update fused`) on 300 runs (a block of 256
/// and a partial one) to 1e-12 relative, and each extra executor matches it bit for bit;
/// prints what disagrees.
func checkAgainstInterpreter(_ c: NativeCase, executors: [(label: String, executor: any SweepExecutor)]) -> Bool {
    let p = c.parameters(runs: 300, seed: 5)
    let reference = c.runExecutor(BatchEngine(threads: 1, update: .fused), p)
    func worst(_ values: [Double]) -> Double {
        zip(reference, values).map { abs($0 - $1) / max(abs($0), .leastNormalMagnitude) }.max() ?? .nan
    }
    var ok = true
    for fma in [true, false] {
        let e = worst(c.runKernel(fma: fma, p))
        if !(e <= 1e-12) {
            print("CHECK FAILED: \(c.label) C kernel\(fma ? "" : " (no FMA)") differs from the interpreter by \(e) relative (limit 1e-12)")
            ok = false
        } else {
            print("check: \(c.label) C kernel\(fma ? "" : " (no FMA)") = interpreter within \(e == 0 ? "0 (bit for bit)" : String(format: "%.1e", e)) relative, 300 runs")
        }
    }
    for x in executors {
        let values = c.runExecutor(x.executor, p)
        if !zip(reference, values).allSatisfy({ $0.bitPattern == $1.bitPattern }) {
            print("CHECK FAILED: \(c.label) \(x.label) is not bit-identical to the interpreter (worst \(worst(values)) relative)")
            ok = false
        }
    }
    return ok
}
