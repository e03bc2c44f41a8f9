import SweepAnalysis
import SweepEngine
import SweepNumerics
import SweepRun

/// Everything a study run produced, before it is written to files.
public struct StudyResults: Sendable {
    public var study: Study
    public var threads: Int
    public var stageSeconds: [(stage: String, seconds: Double)] = []
    /// The engine each sweep ran on, in the order they ran, by the sweep's progress label.
    public var engines: [(sweep: String, plan: EnginePlan)] = []
    /// Every warning of the run (design warnings, NaN/Inf counts, rejected checkpoint blocks).
    public var warnings: [String] = []
    /// The engine the runner was asked for.
    public var requestedEngine: EngineChoice = .auto
    public var baseline: Trajectory?
    public var oat: OATResult?
    public var sobol: SobolResult?
    public var morris: MorrisResult?
    public var prcc: PRCCStageResult?
    public var robustness: RobustnessResult?
    /// eFAST, RBD-FAST, delta, PAWN and DGSM, in the order they ran.
    public var moreMethods: [MethodStageResult] = []

    init(study: Study, threads: Int) {
        self.study = study
        self.threads = threads
    }
}

public struct OATResult: Sendable {
    public var settings: Study.OATSettings
    public var names: [String]
    public var groups: [String]
    public var effects: [(output: String, effects: OneAtATimeEffects)]
    public var times: [Double]
    public var baselineTrajectory: [Double]
    public var trajectories: [(name: String, step: Double, values: [Double])]
    public var variable: String
}

public struct SobolResult: Sendable {
    public var settings: Study.SobolSettings
    public var runs: Int
    public var baseRows: Int
    public var indices: [(output: String, indices: SobolIndices)]
    public var overTime: [(variable: String, series: SobolTimeSeries)]
    /// S1 and ST of the first output on the prefixes N, N/2, … of the design (none when N < 128).
    public var convergence: (output: String, values: SobolConvergence)?

    /// `sobol-convergence.csv`: `output, N, parameter, S1, S1_conf, ST, ST_conf`, NaN empty.
    var convergenceCSV: String? {
        guard let (output, c) = convergence else { return nil }
        let cell = StudyResults.cell
        var rows: [[String]] = []
        for (p, n) in c.baseRows.enumerated() {
            for (j, name) in c.names.enumerated() {
                rows.append([output, "\(n)", name, cell(c.s1[p][j]), cell(c.s1Conf[p][j]), cell(c.st[p][j]), cell(c.stConf[p][j])])
            }
        }
        return CSVFormat.text(header: ["output", "N", "parameter", "S1", "S1_conf", "ST", "ST_conf"], rows: rows)
    }
}

public struct MorrisResult: Sendable {
    public var settings: Study.MorrisSettings
    public var runs: Int
    public var output: String
    public var indices: MorrisIndices
}

public struct PRCCStageResult: Sendable {
    public var settings: Study.PRCCSettings
    public var results: [(output: String, prcc: PRCCResult, src: SRCResult)]
    /// The Latin hypercube, runs × parameters (the study's parameters in order), for scatter plots.
    public var samples: Matrix
    /// The scalar outputs of those runs, one column per entry of `results`.
    public var outputs: Matrix
    public var times: [Double]
    public var trajectories: [(variable: String, values: Matrix)]
}

public struct RobustnessResult: Sendable {
    public var settings: Study.RobustnessSettings
    public var output: String
    public var factors: [String]
    public var groups: [String]
    public var frequencies: RankFrequencies
    /// Bootstrap ranks of ST over all the study's parameters, when the study ran Sobol' on the
    /// same output.
    public var sobolRanks: BootstrapRanks?
    /// The same, among the factors of each rank table (overall, then each group), in order.
    public var sobolRanksAmong: [BootstrapRanks]
    public var runs: Int
}
