import SweepAnalysis
import SweepNumerics
import SweepSampling

extension Study.Method {
    /// eFAST, RBD-FAST, delta, PAWN and DGSM, in the order a study runs them (after PRCC,
    /// whose runs the given-data methods reuse).
    public static let beyondThePaper: [Study.Method] = [.efast, .rbdFast, .delta, .pawn, .dgsm]
}

extension StudyRunner {
    /// The runs a stage analyses: its scalar output columns and, for `times: all` outputs,
    /// the trajectories at the saved times.
    struct StageRuns {
        var x: Matrix
        var outputs: [String]
        var y: Matrix
        var trajectories: [String: Matrix]
        var times: [Double]
        /// True when these are the PRCC stage's runs, analysed again.
        var reused = false
    }

    /// What a method computes from one output column: its result with SALib's keys, and the
    /// measure that ranks the parameters.
    typealias Analyse = ([Double]) throws -> (any Encodable & Sendable, MethodStageResult.Measure)

    /// One of ``Study/Method/beyondThePaper``'s stages, nil when the study does not ask for it.
    func moreMethod(_ method: Study.Method, prcc: PRCCStageResult?) throws -> MethodStageResult? {
        let m = study.methods, names = study.space.names, bootstrapSeed = seed(.bootstrap)
        var design = ResultJSON.Design(method: method.rawValue, runs: 0, parameters: names)
        design.seed = study.seed
        switch method {
        case .efast:
            guard let s = m.efast else { return nil }
            (design.method, design.n, design.m, design.bootstrap, design.confidence) = ("fast", s.n, s.m, s.bootstrap, s.confidence)
            let sampled = try FASTSampler(m: s.m).sample(study.space, n: s.n, seed: seed(.efast))
            let analysis = FASTAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed)
            return try stage(method, design, try run(sampled.samples, method), overTime: true) { y in
                let i = try analysis.analyze(layout: sampled.layout, outputs: y, names: names)
                return (i, .init(key: "ST", names: names, values: i.st, halfWidths: i.stConf))
            }
        case .dgsm:
            guard let s = m.dgsm else { return nil }
            (design.method, design.n, design.delta, design.bootstrap, design.confidence) = ("finite-diff", s.n, s.delta, s.bootstrap, s.confidence)
            let sampled = try FiniteDifferenceSampler(delta: s.delta).sample(study.space, n: s.n, seed: seed(.dgsm))
            let widths = try FiniteDifferenceSampler.poincareWidths(study.space)
            let analysis = DGSMAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed)
            return try stage(method, design, try run(sampled.samples, method), overTime: true) { y in
                let i = try analysis.analyze(layout: sampled.layout, inputs: sampled.samples, outputs: y, widths: widths, names: names)
                return (i, .init(key: "dgsm", names: names, values: i.dgsm, halfWidths: nil))
            }
        case .rbdFast:
            guard let s = m.rbdFast else { return nil }
            (design.m, design.bootstrap, design.confidence) = (s.m, s.bootstrap, s.confidence)
            let data = try givenData(n: s.n, method, prcc: prcc)
            let analysis = RBDFASTAnalysis(m: s.m, bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed)
            return try stage(method, design, data, overTime: true) { y in
                let i = try analysis.analyze(inputs: data.x, outputs: y, names: names)
                return (i, .init(key: "S1", names: names, values: i.s1, halfWidths: i.s1Conf))
            }
        case .delta:
            guard let s = m.delta else { return nil }
            (design.bootstrap, design.confidence) = (s.bootstrap, s.confidence)
            let data = try givenData(n: s.n, method, prcc: prcc)
            let analysis = DeltaAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed)
            return try stage(method, design, data, overTime: true) { y in
                let i = try analysis.analyze(inputs: data.x, outputs: y, names: names)
                return (i, .init(key: "delta", names: names, values: i.delta, halfWidths: i.deltaConf))
            }
        case .pawn:
            guard let s = m.pawn else { return nil }
            design.slices = s.slices
            let data = try givenData(n: s.n, method, prcc: prcc)
            return try stage(method, design, data, overTime: true) { y in
                let i = try PAWNAnalysis(slices: s.slices).analyze(inputs: data.x, outputs: y, names: names)
                return (i, .init(key: "PAWN median", names: names, values: i.median, halfWidths: nil))
            }
        case .oat, .sobol, .morris, .prcc, .robustness:
            return nil
        }
    }

    /// The sweep of a stage's own design.
    func run(_ samples: Matrix, _ method: Study.Method) throws -> StageRuns {
        let r = try sweep.run(samples, parameters: study.space.names, scalars: scalarOutputs, trajectories: overTimeVariables, label: method.stageName)
        return StageRuns(x: samples, outputs: r.scalarNames, y: r.scalars, trajectories: r.trajectories, times: r.times)
    }

    /// The runs a given-data method analyses: the PRCC stage's when it gives no n of its own
    /// (and the study ran PRCC), else a Latin hypercube of its n (1000 by default).
    func givenData(n: Int?, _ method: Study.Method, prcc: PRCCStageResult?) throws -> StageRuns {
        if n == nil, let p = prcc {
            let kept = Dictionary(uniqueKeysWithValues: p.trajectories.filter { overTimeVariables.contains($0.variable) }.map { ($0.variable, $0.values) })
            return StageRuns(x: p.samples, outputs: p.results.map(\.output), y: p.outputs, trajectories: kept, times: p.times, reused: true)
        }
        return try run(hypercube(n: n ?? 1000, seed: seed(.givenData)), method)
    }

    /// `analyse` on each scalar output, and (with `overTime`) on each `times: all` output at
    /// every saved time, where a time at which the output does not vary has no measure (NaN).
    func stage(_ method: Study.Method, _ design: ResultJSON.Design, _ runs: StageRuns, overTime: Bool,
               _ analyse: Analyse) throws -> MethodStageResult {
        var design = design
        // A method that names no design of its own (the given-data ones) analysed a hypercube.
        if design.method == method.rawValue { design.method = runs.reused ? "latin-hypercube (the PRCC stage's runs)" : "latin-hypercube" }
        design.n = design.n ?? runs.x.rows
        design.runs = runs.x.rows
        var result = MethodStageResult(method: method, runs: runs.reused ? 0 : runs.x.rows, design: design, reusedPRCCRuns: runs.reused,
                                       indices: try runs.outputs.indices.map { c in
                                           let (r, m) = try analyse(runs.y.column(c))
                                           return (output: runs.outputs[c], result: r, measure: m)
                                       })
        guard overTime else { return result }
        let nan = [Double](repeating: .nan, count: study.space.count)
        result.overTime = try overTimeVariables.compactMap { v in
            guard let m = runs.trajectories[v] else { return nil }
            let measures = try runs.times.indices.map { t -> MethodStageResult.Measure? in
                do { return try analyse(m.column(t)).1 } catch let error as AnalysisError where error.isConstantOutput { return nil }
            }
            let intervals = measures.contains { $0?.halfWidths != nil }
            return MethodStageResult.OverTime(variable: v, times: runs.times, values: measures.map { $0?.values ?? nan },
                                              halfWidths: intervals ? measures.map { $0?.halfWidths ?? nan } : nil)
        }
        return result
    }
}

/// One stage of eFAST, RBD-FAST, delta, PAWN or DGSM: per scalar output the result with
/// SALib's keys and the measure that ranks the parameters.
public struct MethodStageResult: Sendable {
    public var method: Study.Method
    /// Runs made for this stage (0 when it analysed the PRCC stage's runs).
    public var runs: Int
    public var design: ResultJSON.Design
    public var reusedPRCCRuns: Bool
    public var indices: [(output: String, result: any Encodable & Sendable, measure: Measure)]
    /// The measure at every saved time of each `times: all` output (eFAST, RBD-FAST, PAWN, DGSM).
    public var overTime: [OverTime] = []

    /// `values[t][j]`: parameter j at time t; NaN where the output does not vary.
    public struct OverTime: Sendable {
        public var variable: String
        public var times: [Double]
        public var values: [[Double]]
        public var halfWidths: [[Double]]?
    }

    /// The index that ranks the parameters (eFAST's ST, RBD-FAST's S1, δ, PAWN's median,
    /// DGSM's bound), with its interval half-widths when the method has them.
    public struct Measure: Sendable {
        public var key: String
        public var names: [String]
        public var values: [Double]
        public var halfWidths: [Double]?
    }
}
