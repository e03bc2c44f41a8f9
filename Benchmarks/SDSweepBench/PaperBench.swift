import CKernels
import Dispatch
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// The paper's model, 320 Euler steps, 16 per-run parameters, C(20) kept: the batch engine
/// against a plain scalar Swift loop and a hand-written C kernel, and 1 thread against 2.
func benchmarkPaperModel(sizes: [Int]) throws {
    let (compiled, output) = try paperModel()
    let nominal: [Double] = [10, 4, 20, 1, 20, 1, 10, 4]
    let steps = compiled.time.stepCount
    print("## Paper model: \(steps) Euler steps, 16 per-run parameters, C(20) kept")
    print("set-steps/s in millions (best of 3); ratios in the same run")
    print(row("runs", "engine 1T", "engine 2T", "scalar 1T", "C -O3 1T", "engine/C", "engine/scalar", "2T/1T"))
    for n in sizes {
        var p = Matrix(rows: n, columns: 16)
        var rng = SeededGenerator(seed: 7)
        for j in 0..<16 { for r in 0..<n { p[r, j] = (j < 8 ? nominal[j] : 0.0015) * (0.5 + rng.nextUnit()) } }
        let work = Double(n) * Double(steps)
        var results: [Double] = []
        let engine1 = best { _ = BatchEngine(threads: 1).run(compiled, parameters: p, outputs: [output]) }
        let engine2 = best { _ = BatchEngine(threads: 2).run(compiled, parameters: p, outputs: [output]) }
        let scalar = best { results = scalarLoop(p, steps: steps, dt: compiled.time.step) }
        var cOut = [Double](repeating: 0, count: n)
        let c = best {
            p.storage.withUnsafeBufferPointer { buf in
                paper_model_c(n, buf.baseAddress!, buf.baseAddress! + 8 * n, 4.6, 10, 20, compiled.time.step, steps, &cOut)
            }
        }
        // The three implementations must agree before their speeds mean anything.
        let check = BatchEngine(threads: 2).run(compiled, parameters: p, outputs: [output]).values.storage
        let worst = zip(zip(check, results), cOut).map { max(abs($0.0 - $0.1), abs($0.0 - $1)) / abs($0.0) }.max() ?? 0
        precondition(worst < 1e-12, "implementations disagree: \(worst)")
        func rate(_ s: Double) -> Double { work / s / 1e6 }
        print(row("\(n)", f(rate(engine1)), f(rate(engine2)), f(rate(scalar)), f(rate(c)),
                  f(c / engine1, 2), f(scalar / engine1, 2), f(engine1 / engine2, 2)))
    }
}

/// The eight innovation elements of the cluster-innovation configs, in their order.
let innovationElements = ["Internal Resource Mining", "Internal Process Improvement", "Internal Knowledge Restructuring",
                          "Internal Technology Upgrading", "External Resource Utilization", "External Process Integration",
                          "External Knowledge Internalization", "External Technology Acquisition"]

/// configs/cluster-innovation.yaml compiled with the 8 coefficients and the 8 weights per run,
/// Innovation Capability kept.
func paperModel() throws -> (CompiledModel, OutputSeries) {
    let model = try Model.load(path: configPath("cluster-innovation.yaml"))
    let names = innovationElements.map { "\($0) Coefficient" } + innovationElements.map { "\($0) Weight" }
    let compiled = try Compiler.compile(model, parameters: names, outputs: ["Innovation Capability"])
    return (compiled, try OutputSeries.parse("Innovation Capability", in: compiled))
}

/// What a modeller would write by hand in Swift: one run at a time, every equation per step.
func scalarLoop(_ p: Matrix, steps: Int, dt: Double) -> [Double] {
    var out = [Double](repeating: 0, count: p.rows)
    for r in 0..<p.rows {
        let c = (0..<8).map { p[r, $0] }, w = (0..<8).map { p[r, 8 + $0] }
        var stock = 0.0
        for s in 0..<steps {
            let t = Double(s) * dt
            let d = 4.6 * (t <= 10 ? t / 10 : (20 - t) / (20 - 10))
            let inner = w[0] * (c[0] * d) + w[1] * (c[1] * d) + w[2] * (c[2] * d) + w[3] * (c[3] * d)
            let outer = w[4] * (c[4] * d) + w[5] * (c[5] * d) + w[6] * (c[6] * d) + w[7] * (c[7] * d)
            stock += dt * (inner + outer)
        }
        out[r] = stock
    }
    return out
}

/// Best wall time of `repeats` runs, in seconds.
func best(repeats: Int = 3, _ body: () throws -> Void) rethrows -> Double {
    var bestTime = Double.infinity
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        bestTime = min(bestTime, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return bestTime
}

func f(_ x: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", x) }

func row(_ cells: String...) -> String { row(cells) }

/// A table row: the first cell left-aligned in 12, the others right-aligned in 14.
func row(_ cells: [String]) -> String {
    cells.enumerated().map { $0 == 0 ? $1.padding(toLength: max(12, $1.count), withPad: " ", startingAt: 0) : String(repeating: " ", count: max(0, 14 - $1.count)) + $1 }.joined()
}

func configPath(_ name: String) -> String {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return here.appendingPathComponent("configs").appendingPathComponent(name).path
}
