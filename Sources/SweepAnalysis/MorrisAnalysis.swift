import SweepNumerics
import SweepSampling

/// Morris elementary-effects screening: μ, μ* and σ per factor (or group), with a bootstrap
/// confidence half-width on μ*, as SALib 1.6's `analyze.morris.analyze` with `scaled=False`.
///
/// For each trajectory and each design column, the step where that column changes and its
/// direction are read from the design rows; the elementary effect is
/// EE = [y(higher x) − y(lower x)] / Δ with Δ = p/(2(p − 1)) in unit-cube units, whatever the
/// design's units (SALib divides by the unit-cube Δ, so EEs are per fraction of the range).
/// μ = mean EE (Morris 1991), μ* = mean |EE| (Campolongo et al. 2007), σ = sd(EE) with ddof 1.
/// μ*_conf is z·sd(ddof 1) of μ* over bootstrap resamples of the trajectories; one resample
/// matrix is shared by all factors (SALib draws one per factor; the RNG differs anyway).
///
/// Groups (Campolongo et al. 2007): the layout's factors are the groups; `groups[c]` names the
/// group of design column c. μ, μ*, μ*_conf of a group are the means over its members' values
/// and σ is NaN for a group of more than one member, exactly as SALib.
///
/// ```swift
/// let layout = MorrisLayout(factors: 8, trajectories: 100, levels: 4)
/// let m = try MorrisAnalysis(bootstrap: 100, seed: 3).analyze(layout: layout, design: x, outputs: y)
/// print(m.muStar)
/// ```
///
/// References: Morris, M. D. (1991), Technometrics 33(2), 161–174,
/// doi:10.1080/00401706.1991.10484804. Campolongo, F., Cariboni, J., Saltelli, A. (2007),
/// Environ. Model. Softw. 22(10), 1509–1518, doi:10.1016/j.envsoft.2006.10.004.
public struct MorrisAnalysis: Sendable, Hashable {
    public var bootstrap: Int
    public var confidence: Double
    public var seed: UInt64
    /// Drop every trajectory with a non-finite output instead of refusing the input.
    public var dropNonFinite: Bool

    public init(bootstrap: Int = 100, confidence: Double = 0.95, seed: UInt64 = 1, dropNonFinite: Bool = false) {
        self.bootstrap = bootstrap
        self.confidence = confidence
        self.seed = seed
        self.dropNonFinite = dropNonFinite
    }

    /// - Parameters:
    ///   - layout: trajectories × (factors + 1) rows; `factors` counts groups when grouped.
    ///   - design: the design matrix (`layout.rows` × columns) in any monotone units (unit cube
    ///     or scaled to bounds): only which column moved, and which way, is read from it.
    ///   - outputs: one model output per design row.
    ///   - names: factor (group) names, `layout.factors` of them; default `x1`, `x2`, ….
    ///   - groups: the group (0..<layout.factors) of each design column; nil when each column is
    ///     its own factor.
    /// - Throws: ``AnalysisError`` for bad options or shapes, a design in which a column does not
    ///   move exactly once per trajectory, or non-finite outputs (unless `dropNonFinite`).
    /// - Complexity: O(r·(k + B)) per design column.
    public func analyze(
        layout: MorrisLayout, design: Matrix, outputs: [Double], names: [String]? = nil, groups: [Int]? = nil
    ) throws -> MorrisIndices {
        try AnalysisError.checkBootstrap(bootstrap, confidence: confidence)
        let k = layout.factors, steps = k + 1
        guard design.rows == layout.rows, outputs.count == layout.rows else {
            throw AnalysisError(
                .shapeMismatch,
                "the Morris design (\(layout.trajectories) trajectories of \(steps) points) has \(layout.rows) rows, but the samples have \(design.rows) and the outputs \(outputs.count)")
        }
        let groups = groups ?? Array(0..<design.columns)
        guard groups.count == design.columns, groups.allSatisfy({ $0 >= 0 && $0 < k }),
              Set(groups).count == k else {
            throw AnalysisError(.shapeMismatch, "\(design.columns) design columns do not map onto \(k) factors or groups, each used at least once")
        }
        let names = names ?? (1...k).map { "x\($0)" }
        guard names.count == k else { throw AnalysisError(.shapeMismatch, "\(names.count) names for \(k) factors") }

        // Non-finite outputs: refuse, or drop whole trajectories (a single point breaks its
        // trajectory's chain of effects).
        let badRows = outputs.indices.filter { !outputs[$0].isFinite }
        var dropped: [Int] = []
        for row in badRows where dropped.last != row / steps { dropped.append(row / steps) }
        if !badRows.isEmpty && !dropNonFinite {
            throw AnalysisError(
                .nonFiniteValues,
                "\(badRows.count) non-finite outputs (NaN or ±inf) in \(dropped.count) of \(layout.trajectories) trajectories; first at rows \(AnalysisError.list(badRows)) (0-based; trajectories \(AnalysisError.list(dropped))); fix the model runs or drop those trajectories with --drop-nonfinite (dropNonFinite in the library)",
                rows: badRows)
        }
        let kept = (0..<layout.trajectories).filter { !dropped.contains($0) }
        guard kept.count >= 2 else {
            throw AnalysisError(.nonFiniteValues, "fewer than 2 trajectories have only finite outputs", rows: badRows)
        }

        let ee = try elementaryEffects(layout: layout, design: design, outputs: outputs, trajectories: kept)
        let r = kept.count, columns = design.columns

        // Per design column, then averaged into groups as SALib's `_compute_grouped_metric`.
        let z = BootstrapResamples.z(confidence: confidence)
        let resampled = resampledMuStar(ee)
        var mu = [Double](), muStar = [Double](), sigma = [Double](), conf = [Double]()
        for c in 0..<columns {
            let e = ee.storage[(c * r)..<((c + 1) * r)]
            mu.append(Statistics.mean(e))
            muStar.append(Statistics.mean(e.lazy.map { abs($0) }))
            sigma.append(Statistics.standardDeviation(e, ddof: 1))
            conf.append(BootstrapResamples.halfWidth(resampled.storage[(c * bootstrap)..<((c + 1) * bootstrap)], z: z))
        }
        func grouped(_ v: [Double]) -> [Double] {
            (0..<k).map { g in Statistics.mean(groups.indices.filter { groups[$0] == g }.map { v[$0] }) }
        }
        let members = (0..<k).map { g in groups.filter { $0 == g }.count }
        var groupedResampled = Matrix(rows: bootstrap, columns: k)
        for b in 0..<bootstrap {
            let row = grouped((0..<columns).map { resampled[b, $0] })
            for g in 0..<k { groupedResampled[b, g] = row[g] }
        }
        return MorrisIndices(
            names: names, mu: grouped(mu), muStar: grouped(muStar),
            sigma: zip(grouped(sigma), members).map { $1 == 1 ? $0 : .nan },
            muStarConf: grouped(conf), elementaryEffects: ee, resampledMuStar: groupedResampled,
            droppedTrajectories: dropped)
    }

    /// The elementary effects, `trajectories.count` × design columns: for each trajectory, the
    /// step at which each column moves, and the output's change over it per unit-cube Δ.
    private func elementaryEffects(layout: MorrisLayout, design: Matrix, outputs: [Double], trajectories: [Int]) throws -> Matrix {
        let k = layout.factors, steps = k + 1
        let r = trajectories.count, columns = design.columns
        var ee = Matrix(rows: r, columns: columns)
        for (t, trajectory) in trajectories.enumerated() {
            let first = trajectory * steps
            for c in 0..<columns {
                var moved = -1
                for s in 0..<k where design[first + s + 1, c] != design[first + s, c] {
                    guard moved < 0 else {
                        throw AnalysisError(
                            .invalidDesign,
                            "design column \(c + 1) moves more than once in trajectory \(trajectory) (rows \(first)…\(first + k)): not a Morris design for \(k) factors",
                            rows: [first])
                    }
                    moved = s
                }
                guard moved >= 0 else {
                    throw AnalysisError(
                        .invalidDesign,
                        "design column \(c + 1) never moves in trajectory \(trajectory) (rows \(first)…\(first + k)): not a Morris design for \(k) factors",
                        rows: [first])
                }
                let up = design[first + moved + 1, c] > design[first + moved, c]
                let before = outputs[first + moved], after = outputs[first + moved + 1]
                ee[t, c] = (up ? after - before : before - after) / layout.delta
            }
        }
        return ee
    }

    /// μ* of each design column in each bootstrap resample of the trajectories (B × columns).
    private func resampledMuStar(_ ee: Matrix) -> Matrix {
        let r = ee.rows, columns = ee.columns
        let resamples = BootstrapResamples(seed: seed, size: r, count: bootstrap)
        var counts = [Int32](repeating: 0, count: r)
        var resampled = Matrix(rows: bootstrap, columns: columns)  // μ* per resample and column
        counts.withUnsafeMutableBufferPointer { cp in
            for b in 0..<bootstrap {
                resamples.fillCounts(b, into: cp.baseAddress!)
                for c in 0..<columns {
                    var s = 0.0
                    for t in 0..<r where cp[t] != 0 { s += Double(cp[t]) * abs(ee[t, c]) }
                    resampled[b, c] = s / Double(r)
                }
            }
        }
        return resampled
    }
}

/// Morris statistics per factor or group, with SALib's result keys.
public struct MorrisIndices: Sendable, Codable {
    public var names: [String]
    @NaNAsNull public var mu: [Double]
    @NaNAsNull public var muStar: [Double]
    /// NaN for groups of more than one factor (SALib).
    @NaNAsNull public var sigma: [Double]
    @NaNAsNull public var muStarConf: [Double]
    /// Trajectories × design columns, in the design's column order. Not encoded.
    public var elementaryEffects = Matrix(rows: 0, columns: 0)
    /// μ* of each bootstrap resample (B × factors or groups). Not encoded.
    public var resampledMuStar = Matrix(rows: 0, columns: 0)
    /// Trajectories removed for non-finite outputs, 0-based. Not encoded.
    public var droppedTrajectories: [Int] = []

    public init(
        names: [String], mu: [Double], muStar: [Double], sigma: [Double], muStarConf: [Double],
        elementaryEffects: Matrix = Matrix(rows: 0, columns: 0), resampledMuStar: Matrix = Matrix(rows: 0, columns: 0),
        droppedTrajectories: [Int] = []
    ) {
        self.names = names
        self.mu = mu
        self.muStar = muStar
        self.sigma = sigma
        self.muStarConf = muStarConf
        self.elementaryEffects = elementaryEffects
        self.resampledMuStar = resampledMuStar
        self.droppedTrajectories = droppedTrajectories
    }

    enum CodingKeys: String, CodingKey {
        case names, mu, muStar = "mu_star", sigma, muStarConf = "mu_star_conf"
    }
}
