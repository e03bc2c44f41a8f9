import SweepAnalysis
import SweepCompiler
import SweepEngine
import SweepRun
import SweepSampling

extension StudyRunner {
    /// One stage's sweep as the memory estimate sees it: its runs and the output columns it
    /// keeps per run.
    public struct StageSize: Sendable {
        public var stage: String
        public var runs: Int
        public var columns: Int
        /// What the stage's analysis holds beside its runs' outputs (Sobol's quantity table).
        public var analysisBytes = 0
    }

    /// Each stage the study will run, with its runs and kept columns, in the order they run:
    /// the design layouts the stages sample (`SaltelliLayout`, `MorrisLayout`, …) and the same
    /// kept times (`Sweep.trajectoryTimes`).
    public func stageSizes() -> [StageSize] {
        let m = study.methods, k = study.space.count
        let factors = study.space.hasGroups ? study.space.groupNames.count : k
        let kept = Sweep.trajectoryTimes(study.model.time.saveTimes).count
        let scalars = scalarOutputs.reduce(0) { $0 + $1.times.count }
        let overTime = scalars + overTimeVariables.count * kept
        var sizes: [StageSize] = []
        func add(_ method: Study.Method, _ runs: Int, _ columns: Int) { sizes.append(StageSize(stage: method.stageName, runs: runs, columns: columns)) }
        if let s = m.oat {
            let moved = (s.parameters ?? study.space.names).count
            add(.oat, moved * (s.directions == .both ? 2 : 1) + 1, scalars + kept)
        }
        if let s = m.sobol {
            let layout = SaltelliLayout(factors: factors, baseRows: s.n, secondOrder: s.secondOrder)
            add(.sobol, layout.rows, overTime)
            sizes[sizes.count - 1].analysisBytes = SobolAnalysis(bootstrap: s.bootstrap, estimator: s.estimator)
                .tableBytes(layout: layout, columns: overTime)
        }
        if let s = m.morris { add(.morris, MorrisLayout(factors: factors, trajectories: s.trajectories, levels: s.levels).rows, 1) }
        let prccVariables = Set([study.primaryOutput.variable] + study.outputs.map(\.variable)).count
        if let s = m.prcc { add(.prcc, s.n, scalars + prccVariables * kept) }
        if let s = m.efast { add(.efast, s.n * k, overTime) }
        for (method, n) in [(Study.Method.rbdFast, m.rbdFast?.n), (.delta, m.delta?.n), (.pawn, m.pawn?.n)] where m.runs(method) {
            // Without an n of their own they analyse the PRCC stage's runs and make none.
            if n != nil || m.prcc == nil { add(method, n ?? 1000, overTime) }
        }
        if let s = m.dgsm { add(.dgsm, FiniteDifferenceLayout(factors: k, basePoints: s.n).rows, overTime) }
        if let s = m.robustness { add(.robustness, s.n * ((s.factors ?? study.space.names).count + 1), 1) }
        return sizes
    }

    /// The study's peak memory, estimated before its first run: the largest stage's sweep (its
    /// design and outputs, held twice while the sweep's results are sorted into columns, the
    /// engine's workspace and its analysis's tables) on top of what the PRCC stage keeps for the
    /// report (its design and trajectories), which later stages find still in memory.
    public func memoryEstimate() throws -> (estimate: MemoryEstimate, largest: StageSize)? {
        let sizes = stageSizes()
        func bytes(_ s: StageSize) -> Int { s.runs * (2 * s.columns + 2 * study.space.count) * 8 + s.analysisBytes }
        guard let largest = sizes.max(by: { bytes($0) < bytes($1) }) else { return nil }
        let compiled = try Compiler.compile(study.model, parameters: study.space.names,
                                            outputs: Array(Set(scalarOutputs.map(\.variable) + overTimeVariables + [study.primaryOutput.variable])))
        var estimate = MemoryEstimate(model: compiled, rowsHeld: largest.runs, parameters: 2 * study.space.count,
                                      outputColumns: 2 * largest.columns, threads: threads, chunkSize: chunkSize)
        estimate.outputs += largest.analysisBytes
        if let prcc = sizes.first(where: { $0.stage == Study.Method.prcc.stageName }), prcc.stage != largest.stage {
            estimate.outputs += prcc.runs * (prcc.columns + study.space.count) * 8
        }
        return (estimate, largest)
    }

    /// Logs the estimate and refuses the study before its first run when it exceeds
    /// `available` (nil: `SDSWEEP_MEMORY_LIMIT`, else MemAvailable), naming the stage to shrink.
    /// - Throws: `ResourceError` (exit 2).
    public func checkMemory(available: Int? = nil) throws {
        guard let (estimate, largest) = try memoryEstimate() else { return }
        progress?.log("memory: about \(estimate); the largest stage is \(largest.stage), \(largest.runs) runs")
        try ResourceError.check(estimate, runs: largest.runs, available: available,
                                advice: "the largest stage is \(largest.stage) (\(largest.runs) runs × \(largest.columns) kept outputs): lower its n, keep fewer outputs or `times: all` outputs, or run on a machine with more memory")
    }
}
