import Foundation
import SweepDiagnostics
import SweepNumerics

/// One uncertain parameter: its name as the modeller wrote it, its range, and optionally a
/// nominal value and a group.
public struct Parameter: Hashable, Sendable {
    /// How the parameter varies.
    public enum Range: Hashable, Sendable {
        /// A fully specified distribution.
        case distribution(Distribution)
        /// Uniform on nominal·(1 ± fraction), waiting for the nominal value (from the study's
        /// `nominal:` key or the model, through `ParameterSpace.resolve(nominal:)`).
        case relative(Double)
    }

    /// The modeller's name, used in CSV headers and diagnostics.
    public var name: String
    public var range: Range
    /// The baseline value: the centre of one-at-a-time designs and of relative ranges.
    public var nominal: Double?
    /// Parameters with the same group move together in Saltelli and Morris designs.
    public var group: String?
    /// Where the parameter was written, for diagnostics.
    public var location: SourceLocation?

    public init(name: String, distribution: Distribution, nominal: Double? = nil, group: String? = nil,
                location: SourceLocation? = nil) {
        self.init(name: name, range: .distribution(distribution), nominal: nominal, group: group, location: location)
    }

    public init(name: String, range: Range, nominal: Double? = nil, group: String? = nil,
                location: SourceLocation? = nil) {
        self.name = name
        self.range = range
        self.nominal = nominal
        self.group = group
        self.location = location
    }

    /// The distribution, or nil while a relative range waits for its nominal value.
    public var distribution: Distribution? {
        if case .distribution(let d) = range { return d }
        return nil
    }
}

/// The parameters a study varies, in order: the columns of every design built on it.
///
/// Built from a study file's `parameters:` section (`parse(yaml:file:)`), a SALib-style text
/// file (`parse(salibText:file:)`), or in code. Construction validates everything a design
/// needs (names unique, distributions valid) so the samplers never fail mid-loop.
///
/// ```swift
/// let space = try ParameterSpace([
///     Parameter(name: "Peak Height", distribution: .triangular(lower: 3, mode: 4.6, upper: 6)),
///     Parameter(name: "Mining", range: .relative(0.5), nominal: 1.15),
/// ])
/// let lhs = try LatinHypercube().sample(space, n: 100, seed: 1)
/// ```
public struct ParameterSpace: Hashable, Sendable {
    public private(set) var parameters: [Parameter]
    /// Group names in order of first appearance (SALib's `pd.unique` order). An ungrouped
    /// parameter forms a group of its own, named after it.
    public private(set) var groupNames: [String]
    /// The group (an index into `groupNames`) of each parameter.
    public private(set) var groupIndex: [Int]

    /// - Throws: `SamplingError` for an empty space, duplicate names (compared
    ///   case-insensitively, as model references are), an invalid distribution, or a relative
    ///   range whose nominal value is zero.
    public init(_ parameters: [Parameter]) throws {
        guard !parameters.isEmpty else { throw SamplingError(.invalidOption, "the parameter space is empty") }
        var seen: [String: Parameter] = [:]
        var resolved: [Parameter] = []
        for var p in parameters {
            let key = p.name.lowercased()
            if p.name.trimmingCharacters(in: .whitespaces).isEmpty {
                throw SamplingError(.syntax, "a parameter has an empty name", at: p.location)
            }
            if let first = seen[key] {
                let firstAt = first.location.map { " (first defined at \($0))" } ?? ""
                throw SamplingError(.duplicateName, "duplicate parameter '\(p.name)'\(firstAt)", at: p.location)
            }
            seen[key] = p
            if case .relative(let fraction) = p.range {
                guard fraction.isFinite, fraction > 0, fraction < 1 else {
                    throw SamplingError(.invalidDistribution,
                        "parameter '\(p.name)': relative must be a fraction in (0, 1), e.g. 0.5 for nominal·(1 ± 50%), not \(fraction)", at: p.location)
                }
                if let nominal = p.nominal { p.range = .distribution(try Self.relativeRange(p, nominal: nominal, fraction: fraction)) }
            }
            if let d = p.distribution, let problem = d.problem {
                throw SamplingError(.invalidDistribution, "parameter '\(p.name)': \(problem)", at: p.location)
            }
            if let nominal = p.nominal, !nominal.isFinite {
                throw SamplingError(.invalidOption, "parameter '\(p.name)': nominal must be finite, not \(nominal)", at: p.location)
            }
            resolved.append(p)
        }
        // Groups: explicit names by first appearance; an ungrouped parameter is its own group.
        var names: [String] = []
        var index: [Int] = []
        var groupSlot: [String: Int] = [:]
        let ungrouped = Set(resolved.filter { $0.group == nil }.map(\.name))
        for p in resolved {
            if let g = p.group {
                if ungrouped.contains(g) {
                    throw SamplingError(.duplicateName,
                        "parameter '\(p.name)': group '\(g)' has the name of an ungrouped parameter", at: p.location)
                }
                if let slot = groupSlot[g] {
                    index.append(slot)
                } else {
                    groupSlot[g] = names.count
                    index.append(names.count)
                    names.append(g)
                }
            } else {
                index.append(names.count)
                names.append(p.name)
            }
        }
        self.parameters = resolved
        self.groupNames = names
        self.groupIndex = index
    }

    /// The column names of every design on this space.
    public var names: [String] { parameters.map(\.name) }
    /// Number of parameters k.
    public var count: Int { parameters.count }
    /// Whether any parameter names a group (then Saltelli and Morris move groups, not
    /// parameters).
    public var hasGroups: Bool { parameters.contains { $0.group != nil } }

    /// Fills in nominal values from the model and turns relative ranges into uniform ones.
    ///
    /// A nominal given in the study file wins over the model's; `nominal` is asked only for
    /// parameters without one, by the modeller's name.
    ///
    /// ```swift
    /// let ready = try space.resolve { name in model.constantValue(named: name) }
    /// ```
    /// - Throws: `SamplingError` when a relative range ends up with a zero nominal.
    public func resolve(nominal: (String) -> Double?) throws -> ParameterSpace {
        var ps = parameters
        for i in ps.indices where ps[i].nominal == nil {
            guard let value = nominal(ps[i].name) else { continue }
            ps[i].nominal = value
            if case .relative(let fraction) = ps[i].range {
                ps[i].range = .distribution(try Self.relativeRange(ps[i], nominal: value, fraction: fraction))
            }
        }
        return try ParameterSpace(ps)
    }

    /// The distribution of every parameter, in column order.
    /// - Throws: `SamplingError.Kind.missingValue` naming the first relative range that still
    ///   lacks a nominal value.
    public func distributions() throws -> [Distribution] {
        try parameters.map { p in
            guard let d = p.distribution else {
                throw SamplingError(.missingValue,
                    "parameter '\(p.name)': a relative range needs a nominal value; give 'nominal:' or take it from the model",
                    at: p.location)
            }
            return d
        }
    }

    /// Maps a unit-cube matrix (runs × k) to parameter values, column by column through each
    /// parameter's inverse CDF.
    /// - Throws: as `distributions()`.
    /// - Complexity: O(rows·k), no allocation per element.
    public func map(unit: Matrix) throws -> Matrix {
        let dists = try distributions()
        return Self.map(unit: unit, distributions: dists)
    }

    static func map(unit: Matrix, distributions: [Distribution]) -> Matrix {
        precondition(unit.columns == distributions.count)
        var out = Matrix(rows: unit.rows, columns: unit.columns)
        let n = unit.rows
        unit.storage.withUnsafeBufferPointer { src in
            out.storage.withUnsafeMutableBufferPointer { dst in
                for (j, d) in distributions.enumerated() {
                    let from = UnsafeBufferPointer(rebasing: src[(j * n)..<((j + 1) * n)])
                    let to = UnsafeMutableBufferPointer(rebasing: dst[(j * n)..<((j + 1) * n)])
                    d.quantiles(from, into: to)
                }
            }
        }
        return out
    }

    static func relativeRange(_ p: Parameter, nominal: Double, fraction: Double) throws -> Distribution {
        guard nominal != 0, nominal.isFinite else {
            throw SamplingError(.invalidDistribution,
                "parameter '\(p.name)': a relative range around a nominal of \(nominal) is empty; give lower and upper",
                at: p.location)
        }
        // A negative nominal flips the ends; the range stays nominal·(1 ± fraction).
        let a = nominal * (1 - fraction), b = nominal * (1 + fraction)
        return .uniform(lower: Swift.min(a, b), upper: Swift.max(a, b))
    }
}
