import Foundation
import SweepAnalysis
import SweepNumerics
import SweepSampling

/// Timings of the analyses on SALib-sized problems: Sobol' N = 2^14, k = 16 with 1000
/// bootstrap resamples (with and without S2), time-resolved Sobol' over 81 saved times, and
/// Morris. Prints wall and CPU seconds; the second core is used by the bootstrap.
///
/// Run: `swift run -c release sdsweep-bench analysis`. With `SALIB_PYTHON=/path/to/python`
/// (SALib installed) it also times `SALib.analyze.sobol.analyze` on the same outputs and prints
/// the ratio.
func benchmarkAnalysis() {
    BLAS.useSingleThread()
    let k = 16, n = 1 << 14
    func design(secondOrder: Bool) -> (SaltelliLayout, [Double]) {
        let layout = SaltelliLayout(factors: k, baseRows: n, secondOrder: secondOrder)
        var rng = SeededGenerator(seed: 1)
        let weights = (0..<k).map { Double($0 % 5) + 0.5 }
        var y = [Double](repeating: 0, count: layout.rows)
        for i in 0..<n {
            let xa = (0..<k).map { _ in rng.nextUnit() }, xb = (0..<k).map { _ in rng.nextUnit() }
            // A G-like product: non-additive, so every estimator does real work.
            func g(_ x: [Double]) -> Double { zip(x, weights).reduce(1) { $0 * (abs(4 * $1.0 - 2) + $1.1) / (1 + $1.1) } }
            y[layout.rowA(i)] = g(xa)
            y[layout.rowB(i)] = g(xb)
            for j in 0..<k {
                var ab = xa; ab[j] = xb[j]
                y[layout.rowAB(i, j)] = g(ab)
                if secondOrder { var ba = xb; ba[j] = xa[j]; y[layout.rowBA(i, j)] = g(ba) }
            }
        }
        return (layout, y)
    }

    func time(_ label: String, repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity, bestCPU = 0.0
        for _ in 0..<repeats {
            let c0 = clock(), t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            let wall = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            let cpu = Double(clock() - c0) / Double(CLOCKS_PER_SEC)
            if wall < best { best = wall; bestCPU = cpu }
        }
        print(label.padding(toLength: 56, withPad: " ", startingAt: 0) + String(format: " %7.3f s wall %7.3f s CPU (best of %d)", best, bestCPU, repeats))
        return best
    }

    let (layout1, y1) = design(secondOrder: false)
    let sobol = SobolAnalysis(bootstrap: 1000, confidence: 0.95, seed: 1)
    let ours = (try? time("Sobol' S1/ST  N=2^14 k=16 B=1000 (294,912 runs)") { _ = try sobol.analyze(layout: layout1, outputs: y1) }) ?? .nan
    let (layout2, y2) = design(secondOrder: true)
    let ours2 = (try? time("Sobol' S1/ST/S2 N=2^14 k=16 B=1000 (557,056 runs)") {
        _ = try SobolAnalysis(bootstrap: 1000, seed: 1, secondOrder: true).analyze(layout: layout2, outputs: y2)
    }) ?? .nan

    // Time-resolved: 81 saved times (0…20 by 0.25), N = 2^12, k = 8, B = 100.
    let tl = SaltelliLayout(factors: 8, baseRows: 1 << 12, secondOrder: false)
    var rng = SeededGenerator(seed: 2)
    var ts = Matrix(rows: tl.rows, columns: 81)
    for r in 0..<tl.rows {
        let base = rng.nextUnit()
        for t in 0..<81 { ts[r, t] = base * Double(t) + Double(r % 10) * sqrt(Double(t)) }
    }
    _ = try? time("Sobol' over 81 times N=2^12 k=8 B=100 (40,960 runs)") {
        _ = try SobolAnalysis(bootstrap: 100, seed: 1).analyzeOverTime(layout: tl, outputs: ts)
    }

    // Morris: 1000 trajectories, k = 16.
    let ml = MorrisLayout(factors: k, trajectories: 1000, levels: 4)
    var mx = Matrix(rows: ml.rows, columns: k)
    var my = [Double](repeating: 0, count: ml.rows)
    for t in 0..<ml.trajectories {
        for s in 0...k { for c in 0..<k { mx[t * (k + 1) + s, c] = c < s ? 2.0 / 3 : 0 } }
        for s in 0...k { my[t * (k + 1) + s] = rng.nextUnit() }
    }
    _ = try? time("Morris r=1000 k=16 B=1000") {
        _ = try MorrisAnalysis(bootstrap: 1000, seed: 1).analyze(layout: ml, design: mx, outputs: my)
    }

    guard let python = ProcessInfo.processInfo.environment["SALIB_PYTHON"] else {
        print("(set SALIB_PYTHON to a python with SALib to time SALib on the same outputs)")
        return
    }
    for (label, y, second, mine) in [("S1/ST", y1, false, ours), ("S1/ST/S2", y2, true, ours2)] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-bench-y.txt")
        try? y.map { "\($0)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let script = """
            import time, numpy as np
            from SALib.analyze import sobol
            y = np.loadtxt('\(file.path)')
            p = {'num_vars': \(k), 'names': ['x%d' % i for i in range(\(k))], 'bounds': [[0, 1]] * \(k)}
            best = 1e9
            for _ in range(2):
                t = time.perf_counter(); sobol.analyze(p, y, calc_second_order=\(second ? "True" : "False"), num_resamples=1000, seed=1); best = min(best, time.perf_counter() - t)
            print(best)
            """
        if let salib = pythonSeconds(python, script) {
            print(String(format: "SALib 1.6 sobol.analyze %@ same outputs: %.3f s → SDSweep is %.0f× faster", label, salib, salib / mine))
        }
    }
}
