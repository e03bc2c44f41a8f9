print("sdsweep-bench")
