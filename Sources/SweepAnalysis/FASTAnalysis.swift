import Foundation
import SweepNumerics
import SweepSampling

/// Extended FAST (Saltelli, Tarantola & Chan 1999, Technometrics 41, 39–56): on factor i's
/// search curve, the output's power at the harmonics p·ω₀ (p = 1…M) is its first-order share,
/// and the power below ω₀/2 is what all other factors explain, so
///
///     S1_i = 2·Σ_{p=1}^{M} |F_{pω₀}|² / V,   ST_i = 1 − 2·Σ_{k=1}^{⌊ω₀/2⌋} |F_k|² / V,
///     V = 2·Σ_{k=1}^{⌈N/2⌉−1} |F_k|²
///
/// (SALib 1.6's `fast.analyze`). The intervals follow SALib too: each resample is a random
/// circular window of ⌈N/2⌉ consecutive points of the curve, analysed with its own ω₀; the
/// half-width is z·sd of the resampled indices. SALib warns that these intervals are
/// unreliable for FAST (SALib#649): treat them as indicative.
///
/// ```swift
/// let design = try FASTSampler(m: 4).sample(space, n: 1000, seed: 1)
/// let si = try FASTAnalysis(bootstrap: 100, seed: 2).analyze(layout: design.layout, outputs: y, names: space.names)
/// ```
public struct FASTAnalysis: Sendable, Hashable {
    public var bootstrap: Int
    public var confidence: Double
    public var seed: UInt64

    public init(bootstrap: Int = 100, confidence: Double = 0.95, seed: UInt64 = 0) {
        self.bootstrap = bootstrap
        self.confidence = confidence
        self.seed = seed
    }

    /// - Throws: ``AnalysisError`` for outputs that do not fit the layout, non-finite or
    ///   constant outputs.
    public func analyze(layout: FASTLayout, outputs: [Double], names: [String]? = nil) throws -> FASTIndices {
        try AnalysisError.checkBootstrap(bootstrap, confidence: confidence)
        let names = try GivenData.names(names, columns: layout.factors)
        try GivenData.checkRows(inputs: nil, outputs: outputs, expected: layout.rows)
        let n = layout.pointsPerCurve, m = layout.m
        let z = BootstrapResamples.z(confidence: confidence)
        let results = try GivenData.perFactor(layout.factors) { i -> (Double, Double, Double, Double) in
            let curve = Array(outputs[(i * n)..<((i + 1) * n)])
            let (s1, st) = Self.orders(curve, plan: FFT(count: n), m: m, omega: layout.highFrequency)
            // One stream per factor: where each resample's window begins.
            var rng = SeededGenerator(seed: seed, stream: 0xFA57_A000_0000 | UInt64(i))
            let size = (n + 1) / 2
            let plan = FFT(count: size)
            var r1 = [Double](), rt = [Double]()
            for _ in 0..<bootstrap {
                let begin = rng.nextIndex(below: n)
                let window = (0..<size).map { curve[(begin + $0) % n] }
                let (a, b) = Self.orders(window, plan: plan, m: m, omega: (size - 1) / (2 * m))
                r1.append(a); rt.append(b)
            }
            return (s1, st, BootstrapResamples.halfWidth(r1, z: z), BootstrapResamples.halfWidth(rt, z: z))
        }
        return FASTIndices(names: names, s1: results.map(\.0), st: results.map(\.1), s1Conf: results.map(\.2), stConf: results.map(\.3))
    }

    /// S1 and ST of one curve (SALib's `compute_orders`).
    static func orders(_ y: [Double], plan: FFT, m: Int, omega: Int) -> (Double, Double) {
        let n = y.count
        let power = plan.power(y)
        let top = (n + 1) / 2 - 1   // k = 1 … ⌈N/2⌉ − 1
        var v = 0.0
        for k in stride(from: 1, through: top, by: 1) { v += power[k] }
        var d1 = 0.0
        for p in 1...m where p * omega <= top { d1 += power[p * omega] }
        var dt = 0.0
        for k in stride(from: 1, through: omega / 2, by: 1) { dt += power[k] }
        return (d1 / v, 1 - dt / v)
    }
}

/// eFAST indices with SALib's keys: `names`, `S1`, `ST`, `S1_conf`, `ST_conf`.
public struct FASTIndices: Sendable, Codable, Equatable {
    public var names: [String]
    @NaNAsNull public var s1: [Double]
    @NaNAsNull public var st: [Double]
    @NaNAsNull public var s1Conf: [Double]
    @NaNAsNull public var stConf: [Double]

    public init(names: [String], s1: [Double], st: [Double], s1Conf: [Double], stConf: [Double]) {
        self.names = names
        self.s1 = s1
        self.st = st
        self.s1Conf = s1Conf
        self.stConf = stConf
    }

    enum CodingKeys: String, CodingKey {
        case names, s1 = "S1", st = "ST", s1Conf = "S1_conf", stConf = "ST_conf"
    }
}

/// RBD-FAST (Tarantola, Gatelli & Mara 2006; Plischke 2010's given-data form, with Tissot &
/// Prieur 2012's bias correction): sort the runs by input i, reorder them into a periodic
/// curve (the even ranks up, the odd ranks back down), and read S1_i from the power of the
/// output's first M harmonics against all of it, then unskew:
///
///     S1 = Σ_{k=1}^{M} P_k / Σ_{k≥1} P_k,   S1 ← S1 − λ/(1 − λ)·(1 − S1),   λ = 2M/N,
///
/// with P the one-sided periodogram of the mean-removed curve (SALib 1.6's `rbd_fast`). Any
/// design works, LHS best. The interval resamples N/2 runs with replacement.
///
/// ```swift
/// let si = try RBDFASTAnalysis(m: 10).analyze(inputs: lhs.samples, outputs: y, names: lhs.names)
/// ```
public struct RBDFASTAnalysis: Sendable, Hashable {
    public var m: Int
    public var bootstrap: Int
    public var confidence: Double
    public var seed: UInt64

    public init(m: Int = 10, bootstrap: Int = 100, confidence: Double = 0.95, seed: UInt64 = 0) {
        self.m = m
        self.bootstrap = bootstrap
        self.confidence = confidence
        self.seed = seed
    }

    /// - Throws: ``AnalysisError`` for shapes that differ, non-finite values, a constant
    ///   output, or fewer than 2M + 1 runs.
    public func analyze(inputs: Matrix, outputs: [Double], names: [String]? = nil) throws -> RBDFASTIndices {
        try AnalysisError.checkBootstrap(bootstrap, confidence: confidence)
        let names = try GivenData.names(names, columns: inputs.columns)
        try GivenData.checkRows(inputs: inputs, outputs: outputs)
        let n = outputs.count
        guard m >= 1, n > 2 * m else { throw AnalysisError.option("RBD-FAST with M = \(m) needs more than 2M = \(2 * m) runs; there are \(n)") }
        let z = BootstrapResamples.z(confidence: confidence)
        let results = try GivenData.perFactor(inputs.columns) { j -> (Double, Double) in
            let x = inputs.column(j)
            let s1 = Self.firstOrder(x: x, y: outputs, m: m, plan: FFT(count: n))
            var rng = SeededGenerator(seed: seed, stream: 0x4BDF_0000_0000 | UInt64(j))
            let size = n / 2
            let plan = FFT(count: size)
            var r = [Double]()
            for _ in 0..<bootstrap {
                let pick = (0..<size).map { _ in rng.nextIndex(below: n) }
                r.append(Self.firstOrder(x: pick.map { x[$0] }, y: pick.map { outputs[$0] }, m: m, plan: plan))
            }
            return (s1, BootstrapResamples.halfWidth(r, z: z))
        }
        return RBDFASTIndices(names: names, s1: results.map(\.0), s1Conf: results.map(\.1))
    }

    /// The unskewed first-order index of one input.
    static func firstOrder(x: [Double], y: [Double], m: Int, plan: FFT) -> Double {
        let n = y.count
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        let curve = stride(from: 0, to: n, by: 2).map { y[order[$0]] } + stride(from: 1, to: n, by: 2).reversed().map { y[order[$0]] }
        let mean = Statistics.mean(curve)
        let power = plan.power(curve.map { $0 - mean })
        // One-sided periodogram: every frequency doubled except the Nyquist one of an even N.
        var v = 0.0
        for k in stride(from: 1, through: n / 2, by: 1) { v += (n % 2 == 0 && k == n / 2) ? power[k] : 2 * power[k] }
        var d1 = 0.0
        for k in 1...m { d1 += (n % 2 == 0 && k == n / 2) ? power[k] : 2 * power[k] }
        let s1 = d1 / v
        let lambda = 2 * Double(m) / Double(n)
        return s1 - lambda / (1 - lambda) * (1 - s1)
    }
}

/// RBD-FAST indices with SALib's keys: `names`, `S1`, `S1_conf`.
public struct RBDFASTIndices: Sendable, Codable, Equatable {
    public var names: [String]
    @NaNAsNull public var s1: [Double]
    @NaNAsNull public var s1Conf: [Double]

    public init(names: [String], s1: [Double], s1Conf: [Double]) {
        self.names = names
        self.s1 = s1
        self.s1Conf = s1Conf
    }

    enum CodingKeys: String, CodingKey {
        case names, s1 = "S1", s1Conf = "S1_conf"
    }
}
