import Foundation
import SweepNumerics
import SweepSampling

/// Times every design at about 10⁶ rows × 16 parameters (the target: well under a second
/// each), printing one line per design: wall time and rows per second.
///
/// Run with `swift run -c release sdsweep-bench`. Uniform parameters unless stated, so the
/// figures are the cost of the design itself; the normal line adds the cost of Φ⁻¹.
func benchmarkSampling() {
    let k = 16
    let uniform = try! ParameterSpace((0..<k).map {
        Parameter(name: "p\($0)", distribution: .uniform(lower: 0.5, upper: 1.5))
    })
    let normal = try! ParameterSpace((0..<k).map {
        Parameter(name: "p\($0)", distribution: .normal(mean: 1, sd: 0.1))
    })

    func time(_ label: String, rows expected: Int, _ body: () throws -> any SamplingDesign) {
        var best = Double.infinity
        var rows = 0
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            let design = try! body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            rows = design.samples.rows
            best = min(best, seconds)
        }
        precondition(rows == expected, "\(label): \(rows) rows, expected \(expected)")
        let label = label.padding(toLength: 44, withPad: " ", startingAt: 0)
        print("\(label) \(rows) × \(k)  best of 3: \(String(format: "%.3f", best)) s  (\(String(format: "%.1f", Double(rows) / best / 1e6)) M rows/s)")
    }

    print("sampling: designs of ~10^6 rows × \(k) parameters")
    let n = 1 << 20
    time("sobol-seq, unscrambled", rows: n) { try SobolSampling(scramble: false).sample(uniform, n: n) }
    time("sobol-seq, scrambled", rows: n) { try SobolSampling(scramble: true).sample(uniform, n: n, seed: 1) }
    // 2^15 base rows · (16 + 2) = 589 824 rows; with second order · (2·16 + 2) = 1 114 112.
    time("saltelli, first order, N = 2^15", rows: 32768 * 18) { try Saltelli(secondOrder: false).sample(uniform, n: 32768, seed: 1) }
    time("saltelli, second order, N = 2^15", rows: 32768 * 34) { try Saltelli(secondOrder: true).sample(uniform, n: 32768, seed: 1) }
    time("random", rows: 1_000_000) { try RandomSampling().sample(uniform, n: 1_000_000, seed: 1) }
    time("lhs plain", rows: 1_000_000) { try LatinHypercube().sample(uniform, n: 1_000_000, seed: 1) }
    time("lhs centered", rows: 1_000_000) { try LatinHypercube(variant: .centered).sample(uniform, n: 1_000_000, seed: 1) }
    time("morris, 58 824 trajectories, 4 levels", rows: 58_824 * 17) { try Morris(levels: 4).sample(uniform, trajectories: 58_824, seed: 1) }
    time("sobol-seq, normal marginals (Φ⁻¹)", rows: n) { try SobolSampling(scramble: true).sample(normal, n: n, seed: 1) }
    time("lhs plain, normal marginals (Φ⁻¹)", rows: 1_000_000) { try LatinHypercube().sample(normal, n: 1_000_000, seed: 1) }
}
