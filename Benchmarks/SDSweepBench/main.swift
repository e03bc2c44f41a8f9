import Foundation
import SweepNumerics

// `swift run -c release sdsweep-bench [quick]`: speed and scaling, reported as ratios measured
// in this one run. `quick` uses smaller sizes.
BLAS.useSingleThread()
let quick = CommandLine.arguments.contains("quick")
if !quick { benchmarkSampling() }
try benchmarkPaperModel(sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000])
