import Foundation
import SweepNumerics
import SweepSampling

/// Derivative-based global sensitivity measures (Sobol' & Kucherenko 2009): from each base
/// point and its finite-difference neighbours, ν_i = E[(∂f/∂x_i)²] estimated as the mean of
/// ((f(x + Δ_i) − f(x))/Δ_i)², and the bound-scaled measure
///
///     dgsm_i = ν_i·W_i² / (π²·V),
///
/// which bounds the total index from above (Lamboni et al. 2013): ST_i ≤ dgsm_i, where W_i²/π²
/// is a Poincaré constant of input i's distribution (``FiniteDifferenceSampler/poincareWidths(_:)``:
/// W = b − a for a uniform input, as SALib scales; πσ for a normal). As in SALib 1.6, `vi_std` is the population standard deviation of the squared
/// differences, V the population variance of the base outputs, and `dgsm_conf` the half-width
/// of ν_i's bootstrap interval (resampling base points) — in ν's units, not rescaled to dgsm's.
///
/// ```swift
/// let design = try FiniteDifferenceSampler().sample(space, n: 1000)
/// let si = try DGSMAnalysis().analyze(layout: design.layout, inputs: design.samples, outputs: y,
///                                     widths: try FiniteDifferenceSampler.poincareWidths(space), names: space.names)
/// ```
public struct DGSMAnalysis: Sendable, Hashable {
    public var bootstrap: Int
    public var confidence: Double
    public var seed: UInt64

    public init(bootstrap: Int = 100, confidence: Double = 0.95, seed: UInt64 = 0) {
        self.bootstrap = bootstrap
        self.confidence = confidence
        self.seed = seed
    }

    /// - Throws: ``AnalysisError`` for shapes that do not fit the layout, non-finite values, a
    ///   constant output, or a step of zero (a base point on its upper bound).
    public func analyze(layout: FiniteDifferenceLayout, inputs: Matrix, outputs: [Double],
                        widths: [Double], names: [String]? = nil) throws -> DGSMIndices {
        try AnalysisError.checkBootstrap(bootstrap, confidence: confidence)
        let k = layout.factors, n = layout.basePoints
        let names = try GivenData.names(names, columns: k)
        guard inputs.columns == k, widths.count == k else {
            throw AnalysisError(.shapeMismatch, "\(inputs.columns) input columns and \(widths.count) widths for \(k) factors")
        }
        try GivenData.checkRows(inputs: inputs, outputs: outputs, expected: layout.rows)
        let base = (0..<n).map { outputs[layout.baseRow($0)] }
        let variance = Statistics.variance(base)
        let z = BootstrapResamples.z(confidence: confidence)
        let results = try GivenData.perFactor(k) { j -> (Double, Double, Double, Double) in
            var squares = [Double](repeating: 0, count: n)
            for i in 0..<n {
                let dx = inputs[layout.movedRow(i, j), j] - inputs[layout.baseRow(i), j]
                guard dx != 0 else {
                    throw AnalysisError(.invalidDesign, "base point \(i) does not move factor '\(names[j])' (it sits on its bound): no difference quotient", rows: [layout.movedRow(i, j)])
                }
                let q = (outputs[layout.movedRow(i, j)] - base[i]) / dx
                squares[i] = q * q
            }
            let vi = Statistics.mean(squares)
            let width = widths[j]
            var rng = SeededGenerator(seed: seed, stream: 0xD65A_0000_0000 | UInt64(j))
            var means = [Double]()
            for _ in 0..<bootstrap {
                var s = 0.0
                for _ in 0..<n { s += squares[rng.nextIndex(below: n)] }
                means.append(s / Double(n))
            }
            return (vi, Statistics.standardDeviation(squares), vi * width * width / (variance * Double.pi * Double.pi),
                    BootstrapResamples.halfWidth(means, z: z))
        }
        return DGSMIndices(names: names, vi: results.map(\.0), viStd: results.map(\.1), dgsm: results.map(\.2), dgsmConf: results.map(\.3))
    }
}

/// DGSM results with SALib's keys: `names`, `vi`, `vi_std`, `dgsm`, `dgsm_conf`.
public struct DGSMIndices: Sendable, Codable, Equatable {
    public var names: [String]
    @NaNAsNull public var vi: [Double]
    @NaNAsNull public var viStd: [Double]
    @NaNAsNull public var dgsm: [Double]
    /// The half-width of ν's interval, in ν's units (SALib's convention).
    @NaNAsNull public var dgsmConf: [Double]

    public init(names: [String], vi: [Double], viStd: [Double], dgsm: [Double], dgsmConf: [Double]) {
        self.names = names
        self.vi = vi
        self.viStd = viStd
        self.dgsm = dgsm
        self.dgsmConf = dgsmConf
    }

    enum CodingKeys: String, CodingKey {
        case names, vi, viStd = "vi_std", dgsm, dgsmConf = "dgsm_conf"
    }
}
