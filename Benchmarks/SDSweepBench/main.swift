import Foundation
import SweepNumerics

// Speed and scaling, never part of `swift test`:
//   swift run -c release sdsweep-bench [quick] [SECTION…]
// SECTION in memory, paper, chunks, network, sampling, analysis, e2e, conformance, data, native (default: all). Every figure is a ratio measured in
// this one run; `quick` uses smaller sizes.
BLAS.useSingleThread()
let arguments = Set(CommandLine.arguments.dropFirst())
let quick = arguments.contains("quick")
let sections = arguments.subtracting(["quick"])
func wants(_ section: String) -> Bool { sections.isEmpty || sections.contains(section) }

// First, while the process's peak memory is still its own.
if wants("memory") { try benchmarkMemory(runs: 1_000_000) }
if wants("paper") { try benchmarkPaperModel(sizes: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) }
if wants("chunks") { try benchmarkChunkSizes(runs: quick ? 262_144 : 1_048_576) }
if wants("network") { try benchmarkNetwork(sizes: [4, 8, 16, 24, 30, 50, 100], runs: quick ? 4096 : 16384) }
if wants("sampling") { benchmarkSampling() }
if wants("analysis") { benchmarkAnalysis() }
if wants("e2e") { try benchmarkEndToEnd() }
if wants("conformance") { benchmarkConformance() }
if wants("data") { try benchmarkDataAndMacros(runs: quick ? 20_000 : 100_000) }
if wants("native") { try benchmarkNative(runs: quick ? 100_000 : 1_000_000, networkRuns: quick ? 4096 : 8192) }
