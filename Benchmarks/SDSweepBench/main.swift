// Speed and scaling, never part of `swift test`: `swift run -c release sdsweep-bench [analysis]`.
print("sdsweep-bench")
if CommandLine.arguments.dropFirst().isEmpty || CommandLine.arguments.contains("analysis") {
    benchmarkAnalysis()
}
