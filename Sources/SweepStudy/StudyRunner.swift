import Foundation
import SweepAnalysis
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepRun
import SweepSampling

/// Runs a study end to end: the baseline, the one-at-a-time test, Sobol' indices (final and
/// over time), Morris screening, PRCC over a Latin hypercube, and ranking robustness. Each
/// stage samples, runs and analyses in memory; `StudyRunner+Files` writes the results.
///
/// Every random stream comes from the study's seed and the stage, so the same study file gives
/// the same bits at any thread count.
///
/// ```swift
/// let results = try StudyRunner(study: try Study.load(path: "configs/cluster-innovation-study.yaml")).run()
/// try results.write(to: "out/")
/// ```
public struct StudyRunner: Sendable {
    public var study: Study
    public var threads: Int
    public var chunkSize: Int
    public var progress: (any StudyProgress)?
    /// Keep finished blocks of every sweep on disk, to resume after an interruption.
    public var checkpoint: Checkpointing?
    /// Let the analyses drop runs with NaN/Inf outputs (whole Saltelli blocks, whole Morris
    /// trajectories, single LHS rows) instead of refusing them.
    public var dropNonFinite = false
    /// Whether the Sobol' stage also analyses the design's nested prefixes (the convergence
    /// figure and `sobol-convergence.csv`): about one more analysis of the whole design.
    public var computesConvergence = true
    /// Native code or the interpreter (`--engine`, else the study's `engine:`, else auto).
    public var engine: EngineChoice
    /// Where the sweeps run; nil: `localEngine`. `sdsweep-mpi` sets an executor that spreads
    /// each sweep over the MPI ranks.
    public var executor: (any SweepExecutor)?
    /// The engine each sweep ran on and the warnings, for the provenance.
    let log = StudyLog()

    public init(study: Study, threads: Int? = nil, chunkSize: Int = 1024, engine: EngineChoice? = nil, progress: (any StudyProgress)? = nil) {
        self.study = study
        self.threads = threads ?? study.threads ?? BatchEngine.defaultThreads
        self.chunkSize = chunkSize
        self.engine = engine ?? study.engine ?? .auto
        self.progress = progress
    }

    /// This process's engine with the runner's settings.
    public var localEngine: NativeEngine {
        NativeEngine(threads: threads, chunkSize: chunkSize, choice: engine)
    }

    /// Seeds per stage, derived from the study's seed so stages do not share streams.
    enum Stage: UInt64 {
        case sobol = 1, morris, prcc, robustness, bootstrap, efast, dgsm, givenData
    }

    func seed(_ stage: Stage) -> UInt64 { study.seed &* 0x9E37_79B9_7F4A_7C15 &+ stage.rawValue }

    var sweep: Sweep {
        Sweep(model: study.model, engine: executor ?? localEngine, progress: progress, checkpoint: checkpoint, log: log)
    }

    /// Scalar outputs as (variable, times, bare name); `times: all` outputs become trajectories.
    var scalarOutputs: [(variable: String, times: [Double], bare: Bool)] {
        var out: [(String, [Double], Bool)] = []
        for o in study.outputs {
            switch o.times {
            case .final: out.append((o.variable, [study.model.time.final], true))
            case .at(let ts): out.append((o.variable, ts, false))
            case .saved: break
            }
        }
        if out.isEmpty { out.append((study.primaryOutput.variable, [study.model.time.final], true)) }
        return out
    }

    var overTimeVariables: [String] { study.outputs.filter { $0.times == .saved }.map(\.variable) }

    /// Runs every stage the study asks for.
    public func run() throws -> StudyResults {
        try run(includeBaseline: true)
    }

    /// Runs the stages the study asks for; `includeBaseline: false` for the one-method commands.
    public func run(includeBaseline: Bool) throws -> StudyResults {
        var results = StudyResults(study: study, threads: threads)
        results.requestedEngine = engine
        let logged = log.count
        for w in study.designWarnings { warn("warning: \(w)") }
        try checkMemory()
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let start = Date(), first = log.count.plans
            let value = try body()
            let seconds = Date().timeIntervalSince(start)
            results.stageSeconds.append((name, seconds))
            let engines = log.plans(from: first).map { " [\($0.plan)]" }.joined()
            progress?.log(String(format: "%@ done in %.2f s", name, seconds) + engines)
            return value
        }
        if includeBaseline { results.baseline = try timed("baseline") { try baseline() } }
        if let s = study.methods.oat { results.oat = try timed(Study.Method.oat.stageName) { try oneAtATime(s) } }
        if let s = study.methods.sobol { results.sobol = try timed(Study.Method.sobol.stageName) { try sobol(s) } }
        if let s = study.methods.morris { results.morris = try timed(Study.Method.morris.stageName) { try morris(s) } }
        if let s = study.methods.prcc { results.prcc = try timed(Study.Method.prcc.stageName) { try prcc(s) } }
        for method in Study.Method.beyondThePaper where study.methods.runs(method) {
            if let r = try timed(method.stageName, { try moreMethod(method, prcc: results.prcc) }) { results.moreMethods.append(r) }
        }
        if let s = study.methods.robustness {
            results.robustness = try timed(Study.Method.robustness.stageName) { try robustness(s, sobol: results.sobol) }
        }
        results.engines = log.plans(from: logged.plans)
        results.warnings = log.warnings(from: logged.warnings)
        return results
    }

    /// Notes a warning for the provenance and tells the user (even when quiet).
    func warn(_ line: String) {
        log.warn(line)
        progress?.warn(line)
    }

    // MARK: Stages

    func baseline() throws -> Trajectory {
        try Trajectory.simulate(try Compiler.compile(study.model))
    }

    func oneAtATime(_ s: Study.OATSettings) throws -> OATResult {
        let names = s.parameters ?? study.space.names
        let space = try ParameterSpace(names.map { n in study.space.parameters.first { $0.name == n }! })
        let design = try OneAtATime(change: s.change, directions: s.directions).sample(space)
        let primary = study.primaryOutput.variable
        let r = try sweep.run(design.samples, parameters: names, scalars: scalarOutputs, trajectories: [primary], label: "one-at-a-time")
        let groupOf = groupLabels(names, s.groups)
        let steps: [Double]
        switch s.directions {
        case .up: steps = [s.change]
        case .down: steps = [-s.change]
        case .both: steps = [s.change, -s.change]
        }
        var effects: [(output: String, effects: OneAtATimeEffects)] = []
        for (c, output) in r.scalarNames.enumerated() {
            var m = Matrix(rows: names.count, columns: steps.count)
            for (p, _) in names.enumerated() {
                for (k, step) in steps.enumerated() {
                    let row = design.row(parameter: p, direction: step > 0 ? .up : .down)!
                    m[p, k] = r.scalars[row, c]
                }
            }
            let e = try OneAtATimeAnalysis(groups: s.groups.isEmpty ? nil : groupOf)
                .analyze(baseline: r.scalars[design.baselineRow, c], names: names, outputs: m, steps: steps)
            effects.append((output, e))
        }
        var trajectories: [(name: String, step: Double, values: [Double])] = []
        let traj = r.trajectories[primary]!
        for (p, n) in names.enumerated() {
            for step in steps {
                let row = design.row(parameter: p, direction: step > 0 ? .up : .down)!
                trajectories.append((n, step, traj.row(row)))
            }
        }
        return OATResult(settings: s, names: names, groups: groupOf, effects: effects, times: r.times,
                         baselineTrajectory: traj.row(design.baselineRow), trajectories: trajectories, variable: primary)
    }

    func sobol(_ s: Study.SobolSettings) throws -> SobolResult {
        let design = try Saltelli(secondOrder: s.secondOrder).sample(study.space, n: s.n, seed: seed(.sobol))
        for w in design.warnings { warn("warning: \(w)") }
        let r = try sweep.run(design.samples, parameters: study.space.names, scalars: scalarOutputs,
                              trajectories: overTimeVariables, label: "sobol")
        let analysis = SobolAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: seed(.bootstrap), dropNonFinite: dropNonFinite,
                                     estimator: s.estimator)
        var indices: [(output: String, indices: SobolIndices)] = []
        for (c, name) in r.scalarNames.enumerated() {
            indices.append((name, try analysis.analyze(layout: design.layout, outputs: r.scalars.column(c), names: design.factorNames)))
        }
        var overTime: [(variable: String, series: SobolTimeSeries)] = []
        for v in overTimeVariables {
            overTime.append((v, try analysis.analyzeOverTime(layout: design.layout, outputs: r.trajectories[v]!, times: r.times, names: design.factorNames)))
        }
        var convergence: (output: String, values: SobolConvergence)?
        if computesConvergence, design.layout.baseRows >= 2 * Self.convergenceMinimum, let (output, full) = indices.first {
            convergence = (output, try analysis.convergence(layout: design.layout, outputs: r.scalars.column(0), names: design.factorNames,
                                                            minimumBaseRows: Self.convergenceMinimum, full: full))
        }
        return SobolResult(settings: s, runs: design.runs, baseRows: design.layout.baseRows, indices: indices, overTime: overTime,
                           convergence: convergence)
    }

    /// The smallest prefix of the Saltelli design whose indices the convergence figure shows.
    static let convergenceMinimum = 64

    func morris(_ s: Study.MorrisSettings) throws -> MorrisResult {
        let design = try Morris(levels: s.levels, candidates: s.candidates).sample(study.space, trajectories: s.trajectories, seed: seed(.morris))
        for w in design.warnings { warn("warning: \(w)") }
        let r = try sweep.run(design.samples, parameters: study.space.names, scalars: [scalarOutputs[0]], trajectories: [], label: "morris")
        let names = study.space.hasGroups ? study.space.groupNames : study.space.names
        let indices = try MorrisAnalysis(seed: seed(.bootstrap), dropNonFinite: dropNonFinite).analyze(
            layout: design.layout, design: design.unit, outputs: r.scalars.column(0), names: names,
            groups: study.space.hasGroups ? study.space.groupIndex : nil)
        return MorrisResult(settings: s, runs: design.runs, output: r.scalarNames[0], indices: indices)
    }

    func prcc(_ s: Study.PRCCSettings) throws -> PRCCStageResult {
        let samples = try hypercube(n: s.n, seed: seed(.prcc))
        let variables = Array(Set([study.primaryOutput.variable] + study.outputs.map(\.variable))).sorted()
        let r = try sweep.run(samples, parameters: study.space.names, scalars: scalarOutputs, trajectories: variables, label: "prcc")
        var results: [(output: String, prcc: PRCCResult, src: SRCResult)] = []
        for (c, name) in r.scalarNames.enumerated() {
            let y = r.scalars.column(c)
            results.append((name, try PRCCAnalysis(dropNonFinite: dropNonFinite).analyze(inputs: samples, outputs: y, names: study.space.names),
                            try SRCAnalysis(dropNonFinite: dropNonFinite).analyze(inputs: samples, outputs: y, names: study.space.names)))
        }
        return PRCCStageResult(settings: s, results: results, samples: samples, outputs: r.scalars, times: r.times,
                               trajectories: variables.map { ($0, r.trajectories[$0]!) })
    }

    /// At each point of a Latin hypercube of the whole space, the one-at-a-time test of the
    /// factors; how often each ranks first, second, … overall and within its group.
    func robustness(_ s: Study.RobustnessSettings, sobol: SobolResult?) throws -> RobustnessResult {
        let factors = s.factors ?? study.space.names
        let columnOf = factors.map { f in study.space.names.firstIndex(of: f)! }
        let points = try hypercube(n: s.n, seed: seed(.robustness))
        let design = try RobustnessDesign(space: study.space, points: points, factors: columnOf, change: s.change)
        let r = try sweep.run(design.samples, parameters: study.space.names, scalars: [scalarOutputs[0]], trajectories: [], label: "robustness")
        let effects = design.effects(outputs: r.scalars.column(0))
        let groupOf = groupLabels(factors, s.groups)
        let frequencies = try RankingRobustness(groups: s.groups.isEmpty ? nil : groupOf, tieTolerance: s.tieTolerance)
            .rankFrequencies(effects: effects, names: factors)
        var bootstrap: BootstrapRanks?, among: [BootstrapRanks] = []
        if let indices = sobol?.indices.first(where: { $0.output == r.scalarNames[0] })?.indices {
            bootstrap = try RankingRobustness().bootstrapRanks(of: indices)
            among = try ([frequencies.overall] + frequencies.groups).map { try RankingRobustness().bootstrapRanks(of: indices, among: $0.names) }
        }
        return RobustnessResult(settings: s, output: r.scalarNames[0], factors: factors, groups: groupOf,
                                frequencies: frequencies, sobolRanks: bootstrap, sobolRanksAmong: among, runs: design.runs)
    }

    /// Each name's group label ("" when the settings name no group for it).
    func groupLabels(_ names: [String], _ groups: [(name: String, members: [String])]) -> [String] {
        names.map { n in groups.first { $0.members.contains(n) }?.name ?? "" }
    }

    /// A Latin hypercube of the study's space, with the study's rank correlations imposed.
    func hypercube(n: Int, seed: UInt64) throws -> Matrix {
        let samples = try LatinHypercube().sample(study.space, n: n, seed: seed).samples
        return try Study.imposing(study.correlations, on: samples, names: study.space.names, seed: seed)
    }
}
