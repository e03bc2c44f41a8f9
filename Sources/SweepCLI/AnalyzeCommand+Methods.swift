import ArgumentParser
import Foundation
import SweepAnalysis
import SweepNumerics
import SweepSampling

extension SobolEstimator: ExpressibleByArgument {}

extension AnalyzeCommand {
    /// eFAST, RBD-FAST, delta, PAWN and DGSM: the frequency, moment-independent and derivative
    /// methods, each checked against its design's layout where it has one.
    func analyzeMore(x: Matrix, y: [Double], space: ParameterSpace, outputs: String,
                     annotate: (any Encodable, (inout ResultJSON.Design) -> Void) throws -> Data) throws -> Data {
        let names = space.names, k = names.count
        func sampling<T>(_ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as SamplingError { throw CLI.UsageError(error.message, file: outputs) }
        }
        func resampled(_ d: inout ResultJSON.Design) { (d.bootstrap, d.confidence, d.bootstrapSeed) = (bootstrap, conf, seed) }
        switch method {
        case .efast:
            let layout = try sampling { try FASTLayout(factors: k, rows: y.count, m: m ?? 4) }
            let r = try FASTAnalysis(bootstrap: bootstrap, confidence: conf, seed: seed).analyze(layout: layout, outputs: y, names: names)
            return try annotate(r) { d in (d.method, d.n, d.m) = ("fast", layout.pointsPerCurve, layout.m); resampled(&d) }
        case .rbdFast:
            let r = try RBDFASTAnalysis(m: m ?? 10, bootstrap: bootstrap, confidence: conf, seed: seed).analyze(inputs: x, outputs: y, names: names)
            return try annotate(r) { d in d.m = m ?? 10; resampled(&d) }
        case .delta:
            let r = try DeltaAnalysis(bootstrap: bootstrap, confidence: conf, seed: seed).analyze(inputs: x, outputs: y, names: names)
            return try annotate(r) { d in resampled(&d) }
        case .pawn:
            let r = try PAWNAnalysis(slices: slices).analyze(inputs: x, outputs: y, names: names)
            return try annotate(r) { d in d.slices = slices }
        case .dgsm:
            let layout = try sampling { try FiniteDifferenceLayout(factors: k, rows: y.count) }
            let widths = try sampling { try FiniteDifferenceSampler.poincareWidths(space) }
            let r = try DGSMAnalysis(bootstrap: bootstrap, confidence: conf, seed: seed)
                .analyze(layout: layout, inputs: x, outputs: y, widths: widths, names: names)
            return try annotate(r) { d in (d.method, d.n) = ("finite-diff", layout.basePoints); resampled(&d) }
        case .sobol, .morris, .prcc, .src:
            preconditionFailure("analyze(x:y:…) handles \(method)")
        }
    }
}
