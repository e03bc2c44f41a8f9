import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics
import SweepSampling

/// The paper model's compiled program with all 16 coefficients and weights per run, C(20) kept.
func paperSweepSetup() throws -> (CompiledModel, [OutputSeries], ParameterSpace) {
    let model = try Model.load(path: configPath("cluster-innovation.yaml"))
    let elements = ["Internal Resource Mining", "Internal Process Improvement", "Internal Knowledge Restructuring",
                    "Internal Technology Upgrading", "External Resource Utilization", "External Process Integration",
                    "External Knowledge Internalization", "External Technology Acquisition"]
    let names = elements.map { "\($0) Coefficient" } + elements.map { "\($0) Weight" }
    let compiled = try Compiler.compile(model, parameters: names, outputs: ["Innovation Capability"])
    let space = try ParameterSpace(names.map { Parameter(name: $0, range: .relative(0.5), nominal: model.constantValue(named: $0)) })
    return (compiled, [try OutputSeries.parse("Innovation Capability", in: compiled)], space)
}

/// Chunk sizes from 256 to 16384 runs on 2 threads: the working set of a chunk must stay in
/// cache, and chunks must be many enough to share out.
func benchmarkChunkSizes(runs: Int) throws {
    let (compiled, outputs, space) = try paperSweepSetup()
    let p = try RandomSampling().sample(space, n: runs, seed: 3).samples
    print("\n## Chunk size: paper model, \(runs) runs, 320 steps, 2 threads (million set-steps/s, best of 3)")
    print(row("chunk", "rate", "vs 1024"))
    var results: [(Int, Double)] = []
    for chunk in [256, 512, 1024, 2048, 4096, 8192, 16384] {
        let seconds = best { _ = BatchEngine(threads: 2, chunkSize: chunk).run(compiled, parameters: p, outputs: outputs) }
        results.append((chunk, Double(runs) * 320 / seconds / 1e6))
    }
    let reference = results.first { $0.0 == 1024 }!.1
    for (chunk, rate) in results { print(row("\(chunk)", f(rate), f(rate / reference, 2))) }
}

/// Peak memory of a 10^6-run sweep keeping C(20) only: parameters are drawn block by block
/// (as `evaluate --out-of-core` streams them), so memory is the output column plus one block
/// and the workers' chunks. Run this section in its own process: VmHWM is a process-wide peak.
func benchmarkMemory(runs: Int) throws {
    let (compiled, outputs, space) = try paperSweepSetup()
    let before = peakResidentBytes()
    let block = 65_536
    var out = [Double](repeating: .nan, count: runs)
    let engine = BatchEngine(threads: 2)
    var start = 0
    while start < runs {
        let n = min(block, runs - start)
        // Each block is its own seeded stream: the sweep is reproducible block by block.
        let p = try RandomSampling().sample(space, n: n, seed: UInt64(start)).samples
        let r = engine.run(compiled, parameters: p, outputs: outputs)
        out.replaceSubrange(start..<(start + n), with: r.values.storage)
        start += n
    }
    let peak = peakResidentBytes()
    let outputBytes = runs * 8
    print("\n## Memory: \(runs) runs of the paper model keeping C(20), parameters in blocks of \(block)")
    print("peak RSS \(peak / 1_000_000) MB; before the sweep \(before / 1_000_000) MB; output \(outputBytes / 1_000_000) MB;")
    print("above the output: \((peak - before - outputBytes) / 1_000_000) MB (target < 100 MB); checksum \(out.reduce(0, +))")
}

/// VmHWM from /proc/self/status, in bytes.
func peakResidentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    let kb = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap { Int($0) } ?? 0
    return kb * 1024
}
