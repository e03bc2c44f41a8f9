print("sdsweep-bench")
benchmarkConformance()
