import Foundation
import SweepNumerics

/// Borgonovo's moment-independent δ (Borgonovo 2007) by Plischke, Borgonovo & Smith's given-data
/// estimator (2013), as SALib 1.6's `delta` computes it, with a first-order Sobol' index from
/// the same bins.
///
/// Sort the runs by input i and cut them into M classes of equal count (M grows with N, at most
/// 48); δ_i is half the mean L1 distance between the output's density in a class and overall:
///
///     δ_i = Σ_c n_c/(2N) · ∫ |f_Y(y) − f_{Y|c}(y)| dy,
///     S1_i = Σ_c n_c/N · (ȳ_c − ȳ)² / Var(Y),
///
/// with Gaussian kernel densities (Silverman's bandwidth, scipy's `gaussian_kde`) on 100
/// points from min Y to max Y and the trapezoid rule; a class whose outputs are all equal is
/// skipped. SALib 1.6 draws its point values from one bootstrap resample; here they come from
/// the full sample, so they are deterministic, and the bootstrap (runs drawn with replacement)
/// gives only the half-widths `delta_raw_conf` and `S1_conf`.
///
/// ```swift
/// let si = try DeltaAnalysis(bootstrap: 100, seed: 3).analyze(inputs: lhs.samples, outputs: y, names: lhs.names)
/// si.delta
/// ```
public struct DeltaAnalysis: Sendable, Hashable {
    public var bootstrap: Int
    public var confidence: Double
    public var seed: UInt64

    public init(bootstrap: Int = 100, confidence: Double = 0.95, seed: UInt64 = 0) {
        self.bootstrap = bootstrap
        self.confidence = confidence
        self.seed = seed
    }

    /// The number of classes for N runs: ⌈N^(2/(7 + tanh((1500 − N)/500)))⌉, at most 48.
    public static func classes(runs n: Int) -> Int {
        let exponent = 2 / (7 + tanh((1500 - Double(n)) / 500))
        return Swift.min(Int(pow(Double(n), exponent).rounded(.up)), 48)
    }

    /// - Throws: ``AnalysisError`` for shapes that differ, non-finite values, a constant
    ///   output or fewer than 10 runs.
    public func analyze(inputs: Matrix, outputs: [Double], names: [String]? = nil) throws -> DeltaIndices {
        try AnalysisError.checkBootstrap(bootstrap, confidence: confidence)
        let names = try GivenData.names(names, columns: inputs.columns)
        try GivenData.checkRows(inputs: inputs, outputs: outputs)
        let n = outputs.count
        guard n >= 10 else { throw AnalysisError.option("delta needs at least 10 runs; there are \(n)") }
        let classes = Self.classes(runs: n)
        // numpy's linspace: c·step + start, the last point exactly the end.
        let width = Double(n) / Double(classes)
        let bounds = (0...classes).map { $0 == classes ? Double(n) : Double($0) * width }
        let grid = Grid(outputs)
        let z = BootstrapResamples.z(confidence: confidence)
        // The output's own density is the same for every input: computed once.
        let overall = Self.density(outputs, at: grid)
        let results = try GivenData.perFactor(inputs.columns) { j -> [Double] in
            let x = inputs.column(j)
            let (delta, s1) = Self.estimate(x: x, y: outputs, bounds: bounds, grid: grid, overall: overall)
            var rng = SeededGenerator(seed: seed, stream: 0xDE17_A000_0000 | UInt64(j))
            var deltas = [Double](), s1s = [Double]()
            for _ in 0..<bootstrap {
                let pick = (0..<n).map { _ in rng.nextIndex(below: n) }
                let (d, s) = Self.estimate(x: pick.map { x[$0] }, y: pick.map { outputs[$0] }, bounds: bounds, grid: grid)
                deltas.append(d); s1s.append(s)
            }
            return [delta, BootstrapResamples.halfWidth(deltas, z: z), s1, BootstrapResamples.halfWidth(s1s, z: z)]
        }
        return DeltaIndices(names: names, delta: results.map { $0[0] }, deltaConf: results.map { $0[1] },
                            s1: results.map { $0[2] }, s1Conf: results.map { $0[3] })
    }

    /// δ and S1 of one input from its classes of ordinal rank (bounds[c], bounds[c + 1]].
    /// - Parameter overall: the density of `y` on `grid`, when the caller has it.
    static func estimate(x: [Double], y: [Double], bounds: [Double], grid: Grid, overall: [Double]? = nil) -> (Double, Double) {
        let n = y.count
        // Ordinal ranks 1…N, ties in order of appearance (scipy's rankdata 'ordinal').
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        let overall = overall ?? density(y, at: grid)
        let mean = Statistics.mean(y), variance = Statistics.variance(y)
        var delta = 0.0, vi = 0.0
        for c in 0..<(bounds.count - 1) {
            // Ranks r with bounds[c] < r ≤ bounds[c + 1], as positions r − 1 of `order`.
            let first = Int(bounds[c].rounded(.down)), last = Swift.min(Int(bounds[c + 1].rounded(.down)), n)
            guard last > first else { continue }
            let members = order[first..<last].map { y[$0] }
            let nc = Double(members.count)
            vi += nc / Double(n) * pow(Statistics.mean(members) - mean, 2)
            guard members.contains(where: { $0 != members[0] }) else { continue }
            let conditional = density(members, at: grid)
            var integral = 0.0
            for g in 1..<grid.points.count {
                integral += (grid.points[g] - grid.points[g - 1]) * (abs(overall[g] - conditional[g]) + abs(overall[g - 1] - conditional[g - 1])) / 2
            }
            delta += nc / (2 * Double(n)) * integral
        }
        return (delta, variance > 0 ? vi / variance : 0)
    }

    /// A Gaussian kernel density of `data` at the points of `grid`, bandwidth by Silverman's
    /// factor (3n/4)^(−1/5) times the sample standard deviation (scipy's `gaussian_kde`).
    ///
    /// The grid is evenly spaced, so each datum's kernel needs one `exp` at the grid point
    /// nearest it and then moves outwards by multiplications: with u_g = (grid_g − v)/σ and
    /// h = step/σ, t_{g+1} = t_g·e^(−h·u_g − h²/2), and each ratio is the last times e^(−h²).
    /// The kernel only falls away from its centre, so nothing overflows and an underflow to 0
    /// ends the walk. A hundred steps of rounding stay below 1e-12 relative, against about a
    /// hundred `exp` calls per datum the direct sum would make.
    static let negligible = 1e-20

    static func density(_ data: [Double], at grid: Grid) -> [Double] {
        let n = Double(data.count)
        let sigma = pow(n * 3 / 4, -0.2) * Statistics.standardDeviation(data, ddof: 1)
        let norm = 1 / (n * sigma * (2 * Double.pi).squareRoot())
        let h = grid.step / sigma, decay = exp(-h * h)
        let count = grid.points.count
        var sums = [Double](repeating: 0, count: count)
        sums.withUnsafeMutableBufferPointer { sums in
            for v in data {
                let g0 = Swift.min(Swift.max(Int(((v - grid.points[0]) / grid.step).rounded()), 0), count - 1)
                let u0 = (grid.points[g0] - v) / sigma
                let t0 = exp(-0.5 * u0 * u0)
                sums[g0] += t0
                // The walks up and down are independent chains of multiplications, run side by
                // side so that neither waits on the other's latency.
                var up = t0, upRatio = exp(-h * u0 - 0.5 * h * h)
                var down = t0, downRatio = exp(h * u0 - 0.5 * h * h)
                var d = 1
                while g0 + d < count || g0 - d >= 0 {
                    up *= upRatio; upRatio *= decay
                    down *= downRatio; downRatio *= decay
                    if g0 + d < count { sums[g0 + d] += up }
                    if g0 - d >= 0 { sums[g0 - d] += down }
                    if up < Self.negligible && down < Self.negligible { break }
                    d += 1
                }
            }
        }
        return sums.map { $0 * norm }
    }

    /// The 100 evenly spaced points from the output's minimum to its maximum that the densities
    /// are compared on (numpy's linspace: g·step + lower, the last point exactly the maximum).
    struct Grid {
        let step: Double, points: [Double]

        init(_ y: [Double]) {
            let lo = y.min()!, hi = y.max()!, step = (hi - lo) / 99
            self.step = step
            points = (0..<100).map { $0 == 99 ? hi : Double($0) * step + lo }
        }
    }
}

/// δ and S1 with SALib 1.6's keys for the raw estimator: `names`, `delta_raw`, `delta_raw_conf`,
/// `S1`, `S1_conf`.
public struct DeltaIndices: Sendable, Codable, Equatable {
    public var names: [String]
    @NaNAsNull public var delta: [Double]
    @NaNAsNull public var deltaConf: [Double]
    @NaNAsNull public var s1: [Double]
    @NaNAsNull public var s1Conf: [Double]

    public init(names: [String], delta: [Double], deltaConf: [Double], s1: [Double], s1Conf: [Double]) {
        self.names = names
        self.delta = delta
        self.deltaConf = deltaConf
        self.s1 = s1
        self.s1Conf = s1Conf
    }

    enum CodingKeys: String, CodingKey {
        case names, delta = "delta_raw", deltaConf = "delta_raw_conf", s1 = "S1", s1Conf = "S1_conf"
    }
}
