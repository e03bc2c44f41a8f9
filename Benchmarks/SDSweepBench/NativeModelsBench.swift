import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepRun

/// configs/cluster-network-100.yaml as the `network` section compiles it: Spillover and the
/// shared coefficients per run, nominal × (0.5 … 1.5); Total Capability at 20 kept.
func networkCase() throws -> NativeCase {
    let (compiled, nominal) = try shippedNetwork("cluster-network-100.yaml")
    return NativeCase(label: "network-100", compiled: compiled, output: try OutputSeries.parse("Total Capability", in: compiled),
                      draw: { j, rng in nominal[j] * (0.5 + rng.nextUnit()) })
}

/// The `conformance` section's SD test-models cases, one constant per run, uniform over its
/// range; a case whose file cannot be read is reported and left out.
func conformanceNativeCases() -> [NativeCase] {
    conformanceCases.compactMap { c in
        do {
            let compiled = try Compiler.compile(try Model.load(path: testModelsFolder + "/" + c.file), parameters: [c.parameter])
            let label = c.file.split(separator: "/").first.map(String.init) ?? c.file
            return NativeCase(label: label, compiled: compiled, output: try OutputSeries.parse(c.output, in: compiled),
                              draw: { _, rng in c.range.lowerBound + (c.range.upperBound - c.range.lowerBound) * rng.nextUnit() })
        } catch {
            print("\(c.file): skipped (\(error))")
            return nil
        }
    }
}

/// The conformance models at `runs` runs and the 100-cluster network at `networkRuns`:
/// interpreter and native engine (the update `auto` picks) on 1 and 2 threads, checked bit for
/// bit on 2500 runs and again on the timed ones. A model the native engine leaves to the
/// interpreter is named with the reason, not timed: its ratio would compare the interpreter
/// with itself. A model slower native than interpreted is flagged.
func benchmarkNativeModels(runs: Int, networkRuns: Int, toolchain: NativeToolchain) throws {
    print("\n## Native engine vs interpreter: the conformance models at \(runs) runs, the 100-cluster network at \(networkRuns), auto update")
    print("set-steps/s in millions (best of 3 interleaved rounds); ratios of set-steps/s (target: native/interp ≥ 3)")
    print(row("model", "stocks", "steps", "interp 1T", "interp 2T", "native 1T", "native 2T", "nat/int 1T", "nat/int 2T", "nat 2T/1T",
              "2T cpu/wall"))
    for c in try conformanceNativeCases() + [networkCase()] {
        let runs = c.label == "network-100" ? networkRuns : runs
        let shape = [c.label, "\(c.compiled.stockCount)", "\(c.compiled.time.stepCount)"]
        if let reason = try nativeFallback(c, update: .auto, toolchain: toolchain) {
            let fused = c.compiled.stockUpdate.prefersBLAS ? try nativeFallback(c, update: .fused, toolchain: toolchain) : nil
            print(row(shape) + "   not native: \(reason)" + (fused.map { "; with --update fused: \($0)" } ?? "; with --update fused it runs native"))
            continue
        }
        let executors = contestants(update: .auto, toolchain: toolchain)
        guard try checkAgainstInterpreter(c, executors: executors) else { continue }
        let p = c.parameters(runs: runs, seed: 17)
        guard let times = try timeBitIdentical(c, p, executors) else { continue }
        let (i1, i2, n1, n2) = (times[0].wall, times[1].wall, times[2].wall, times[3].wall)
        let work = Double(runs) * Double(c.compiled.time.stepCount)
        print(row(shape + times.map { rate(work / $0.wall) } + [f(i1 / n1, 2), f(i2 / n2, 2), f(n1 / n2, 2), f(times[3].cpu / n2, 2)]))
        if n1 > i1 || n2 > i2 { print("\(c.label): SLOWER native than interpreted (issue 13: no model may be)") }
    }
}
