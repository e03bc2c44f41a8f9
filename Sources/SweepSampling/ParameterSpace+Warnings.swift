import SweepNumerics

extension ParameterSpace {
    /// A warning for every parameter whose range crosses zero although its nominal value is
    /// positive (or negative): `lower: -14.7, upper: 15.3` for a rate of 0.3 runs the model
    /// with negative rates, which is seldom what was meant (a relative range written as a
    /// percentage, a sign slip) and is never refused, since some parameters may change sign.
    ///
    /// The range is the distribution's support; for a normal, its 0.1% to 99.9% quantiles.
    ///
    /// ```swift
    /// for w in space.signWarnings(nominal: { model.constantValue(named: $0.name) ?? $0.nominal }) { print("warning: \(w)") }
    /// ```
    /// - Parameter nominal: each parameter's nominal value, nil when there is none.
    public func signWarnings(nominal: (Parameter) -> Double?) -> [String] {
        parameters.compactMap { p in
            guard let d = p.distribution, let (low, high) = Self.span(d), low < 0, high > 0,
                  let n = nominal(p), n != 0, n.isFinite else { return nil }
            return "parameter '\(p.name)': its range \(CSVFormat.number(low)) to \(CSVFormat.number(high)) crosses zero, "
                + "but its nominal value \(CSVFormat.number(n)) is \(n > 0 ? "positive" : "negative"); runs with the other sign may make no sense for the model (check lower and upper)"
        }
    }

    /// Where a distribution's draws lie: its support, or the central 99.8% of a normal.
    static func span(_ d: Distribution) -> (Double, Double)? {
        switch d {
        case let .uniform(lower, upper), let .triangular(lower, _, upper), let .truncatedNormal(_, _, lower, upper):
            return (lower, upper)
        case .normal:
            return (d.quantile(0.001), d.quantile(0.999))
        case .lognormal:
            return nil
        case let .discrete(values, _):
            return values.min().map { ($0, values.max()!) }
        }
    }
}
