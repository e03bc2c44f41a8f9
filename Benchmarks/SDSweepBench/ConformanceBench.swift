import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// Batch speed on SD test-models cases read from `.mdl`: 10^4 parameter sets, one constant
/// varied, every run integrated by `BatchEngine`, the final value of one output kept.
///
/// `delays` is the largest stateful scalar case (DELAY1, DELAY1I, DELAY3, DELAY3I and DELAY N
/// expand into 12 hidden stocks); `teacup` is the hello-world one-stock model. The cases are
/// read from `shared/test-models` beside the repository, as the conformance tests do.
func benchmarkConformance() {
    let runs = 10_000
    for c in conformanceCases {
        do {
            let model = try Model.load(path: testModelsFolder + "/" + c.file)
            let compiled = try Compiler.compile(model, parameters: [c.parameter])
            var parameters = Matrix(rows: runs, columns: 1)
            for i in 0..<runs { parameters[i, 0] = c.range.lowerBound + (c.range.upperBound - c.range.lowerBound) * Double(i) / Double(runs - 1) }
            let outputs = [try OutputSeries.parse(c.output, in: compiled)]
            let engine = BatchEngine()
            _ = engine.run(compiled, parameters: parameters, outputs: outputs)  // warm-up
            var best = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                let out = engine.run(compiled, parameters: parameters, outputs: outputs)
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                precondition(out.values[runs - 1, 0].isFinite)
                best = min(best, seconds)
            }
            let steps = compiled.time.stepCount
            print(String(format: "conformance %-28@ %6d runs × %4d steps, %2d stocks: %9.0f runs/s (%.1f M set-steps/s, %d threads)",
                         c.file as NSString, runs, steps, compiled.stockCount, Double(runs) / best,
                         Double(runs * steps) / best / 1e6, engine.threads))
        } catch {
            print("conformance \(c.file): skipped (\(error))")
        }
    }
}

/// The SD test-models cases the `conformance` and `native` sections run: the file, the constant
/// varied per run and its range, the output whose final value is kept.
let conformanceCases: [(file: String, parameter: String, range: ClosedRange<Double>, output: String)] = [
    ("delays/test_delays.mdl", "Initial Value", 0...12, "OutputDelayN"),
    ("smooth/test_smooth.mdl", "Initial Value", 0...10, "Smooth N output"),
    ("teacup/teacup.mdl", "Room Temperature", 50...90, "Teacup Temperature"),
]

/// `shared/test-models` beside the repository, where the conformance tests read the cases.
var testModelsFolder: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/test-models").path
}
