import SweepAnalysis
import SweepNumerics
import SweepSampling

extension Study.Method {
    /// eFAST, RBD-FAST, delta, PAWN and DGSM, in the order a study runs them (after PRCC,
    /// whose runs the given-data methods reuse).
    public static let beyondThePaper: [Study.Method] = [.efast, .rbdFast, .delta, .pawn, .dgsm]
}

extension StudyRunner {
    /// One of ``Study/Method/beyondThePaper``'s stages, nil when the study does not ask for it.
    func moreMethod(_ method: Study.Method, prcc: PRCCStageResult?) throws -> MethodStageResult? {
        let m = study.methods, names = study.space.names
        var design = ResultJSON.Design(method: method.rawValue, runs: 0, parameters: names)
        design.seed = study.seed
        let bootstrapSeed = seed(.bootstrap)
        func result(_ runs: Int, _ reused: Bool, _ indices: [(String, any Encodable & Sendable, MethodStageResult.Measure)]) -> MethodStageResult {
            design.runs = runs
            return MethodStageResult(method: method, runs: reused ? 0 : runs, design: design, reusedPRCCRuns: reused,
                                     indices: indices.map { (output: $0.0, result: $0.1, measure: $0.2) })
        }
        switch method {
        case .efast:
            guard let s = m.efast else { return nil }
            (design.method, design.n, design.m, design.bootstrap, design.confidence) = ("fast", s.n, s.m, s.bootstrap, s.confidence)
            return try efast(s, design: design)
        case .rbdFast, .delta, .pawn:
            guard let data = try givenData(method, prcc: prcc) else { return nil }
            design.method = data.reused ? "latin-hypercube (the PRCC stage's runs)" : "latin-hypercube"
            design.n = data.x.rows
            var stage = result(data.x.rows, data.reused, try data.outputs.indices.map { c in
                let y = data.y.column(c)
                switch method {
                case .rbdFast:
                    let s = m.rbdFast!
                    (design.m, design.bootstrap, design.confidence) = (s.m, s.bootstrap, s.confidence)
                    let i = try RBDFASTAnalysis(m: s.m, bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed).analyze(inputs: data.x, outputs: y, names: names)
                    return (data.outputs[c], i, .init(key: "S1", names: names, values: i.s1, halfWidths: i.s1Conf))
                case .delta:
                    let s = m.delta!
                    (design.bootstrap, design.confidence) = (s.bootstrap, s.confidence)
                    let i = try DeltaAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed).analyze(inputs: data.x, outputs: y, names: names)
                    return (data.outputs[c], i, .init(key: "delta", names: names, values: i.delta, halfWidths: i.deltaConf))
                default:
                    let s = m.pawn!
                    design.slices = s.slices
                    let i = try PAWNAnalysis(slices: s.slices).analyze(inputs: data.x, outputs: y, names: names)
                    return (data.outputs[c], i, .init(key: "PAWN median", names: names, values: i.median, halfWidths: nil))
                }
            })
            // Over time: RBD-FAST and PAWN at every saved time; delta's kernel densities would
            // cost a full analysis per time, so it reports its scalar outputs only.
            if method == .rbdFast, let s = m.rbdFast {
                let analysis = RBDFASTAnalysis(m: s.m, bootstrap: s.bootstrap, confidence: s.confidence, seed: bootstrapSeed)
                stage.overTime = try overTime(data.trajectories, times: data.times) { y in
                    let i = try analysis.analyze(inputs: data.x, outputs: y, names: names)
                    return .init(key: "S1", names: names, values: i.s1, halfWidths: i.s1Conf)
                }
            } else if method == .pawn, let s = m.pawn {
                stage.overTime = try overTime(data.trajectories, times: data.times) { y in
                    .init(key: "PAWN median", names: names, values: try PAWNAnalysis(slices: s.slices).analyze(inputs: data.x, outputs: y, names: names).median, halfWidths: nil)
                }
            }
            return stage
        case .dgsm:
            guard let s = m.dgsm else { return nil }
            (design.method, design.n, design.delta, design.bootstrap, design.confidence) = ("finite-diff", s.n, s.delta, s.bootstrap, s.confidence)
            return try dgsm(s, design: design)
        default:
            return nil
        }
    }

    /// eFAST on its own search curves, over time too.
    func efast(_ s: Study.EFASTSettings, design: ResultJSON.Design) throws -> MethodStageResult {
        let names = study.space.names
        let sampled = try FASTSampler(m: s.m).sample(study.space, n: s.n, seed: seed(.efast))
        let r = try sweep.run(sampled.samples, parameters: names, scalars: scalarOutputs, trajectories: overTimeVariables, label: Study.Method.efast.stageName)
        let analysis = FASTAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: seed(.bootstrap))
        let measure = { (y: [Double]) -> (FASTIndices, MethodStageResult.Measure) in
            let i = try analysis.analyze(layout: sampled.layout, outputs: y, names: names)
            return (i, .init(key: "ST", names: names, values: i.st, halfWidths: i.stConf))
        }
        var d = design
        d.runs = r.scalars.rows
        var stage = MethodStageResult(method: .efast, runs: r.scalars.rows, design: d, reusedPRCCRuns: false,
                                      indices: try r.scalarNames.indices.map { c in
                                          let (i, m) = try measure(r.scalars.column(c))
                                          return (r.scalarNames[c], i, m)
                                      })
        stage.overTime = try overTime(r.trajectories, times: r.times) { try measure($0).1 }
        return stage
    }

    /// DGSM on its finite differences, over time too.
    func dgsm(_ s: Study.DGSMSettings, design: ResultJSON.Design) throws -> MethodStageResult {
        let names = study.space.names
        let sampled = try FiniteDifferenceSampler(delta: s.delta).sample(study.space, n: s.n, seed: seed(.dgsm))
        let bounds = try FiniteDifferenceSampler.uniformBounds(study.space)
        let r = try sweep.run(sampled.samples, parameters: names, scalars: scalarOutputs, trajectories: overTimeVariables, label: Study.Method.dgsm.stageName)
        let analysis = DGSMAnalysis(bootstrap: s.bootstrap, confidence: s.confidence, seed: seed(.bootstrap))
        let measure = { (y: [Double]) -> (DGSMIndices, MethodStageResult.Measure) in
            let i = try analysis.analyze(layout: sampled.layout, inputs: sampled.samples, outputs: y, bounds: bounds, names: names)
            return (i, .init(key: "dgsm", names: names, values: i.dgsm, halfWidths: nil))
        }
        var d = design
        d.runs = r.scalars.rows
        var stage = MethodStageResult(method: .dgsm, runs: r.scalars.rows, design: d, reusedPRCCRuns: false,
                                      indices: try r.scalarNames.indices.map { c in
                                          let (i, m) = try measure(r.scalars.column(c))
                                          return (r.scalarNames[c], i, m)
                                      })
        stage.overTime = try overTime(r.trajectories, times: r.times) { try measure($0).1 }
        return stage
    }

    /// The runs a given-data method analyses: the PRCC stage's when it gives no n of its own
    /// (and the study ran PRCC), else a Latin hypercube of its n (1000 by default).
    func givenData(_ method: Study.Method, prcc: PRCCStageResult?) throws
        -> (x: Matrix, y: Matrix, outputs: [String], reused: Bool, trajectories: [String: Matrix], times: [Double])? {
        let n: Int?
        switch method {
        case .rbdFast: guard let s = study.methods.rbdFast else { return nil }; n = s.n
        case .delta: guard let s = study.methods.delta else { return nil }; n = s.n
        case .pawn: guard let s = study.methods.pawn else { return nil }; n = s.n
        default: return nil
        }
        if n == nil, let p = prcc {
            let kept = Dictionary(uniqueKeysWithValues: p.trajectories.filter { overTimeVariables.contains($0.variable) }.map { ($0.variable, $0.values) })
            return (p.samples, p.outputs, p.results.map(\.output), true, kept, p.times)
        }
        let samples = try hypercube(n: n ?? 1000, seed: seed(.givenData))
        let r = try sweep.run(samples, parameters: study.space.names, scalars: scalarOutputs, trajectories: overTimeVariables, label: method.stageName)
        return (samples, r.scalars, r.scalarNames, false, r.trajectories, r.times)
    }

    /// A method's measure at every saved time of each `times: all` output; a time where the
    /// output does not vary has no measure (NaN).
    func overTime(_ trajectories: [String: Matrix], times: [Double],
                  _ measure: ([Double]) throws -> MethodStageResult.Measure) throws -> [MethodStageResult.OverTime] {
        try overTimeVariables.compactMap { v in
            guard let m = trajectories[v] else { return nil }
            var values: [[Double]] = [], halfWidths: [[Double]]? = nil
            let k = study.space.count, nan = [Double](repeating: .nan, count: k)
            for t in times.indices {
                do {
                    let r = try measure(m.column(t))
                    values.append(r.values)
                    if let h = r.halfWidths { halfWidths = (halfWidths ?? []) + [h] } else if halfWidths != nil { halfWidths!.append(nan) }
                } catch let error as AnalysisError where error.isConstantOutput {
                    values.append(nan)
                    if halfWidths != nil { halfWidths!.append(nan) }
                }
            }
            if let h = halfWidths, h.count != values.count { halfWidths = Array(repeating: nan, count: values.count - h.count) + h }
            return MethodStageResult.OverTime(variable: v, times: times, values: values, halfWidths: halfWidths)
        }
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
