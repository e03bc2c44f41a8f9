import SweepNumerics

/// One-at-a-time design: the baseline run, then each parameter moved by a fixed fraction of
/// its nominal value while the others stay at theirs (the paper's +50% test).
///
/// Values are nominal·(1 ± change), not clipped to the parameter's distribution: the test is
/// about the model's response to a stated change, whatever range a global study would use.
///
/// ```swift
/// let design = try OneAtATime(change: 0.5, directions: .up).sample(space)
/// design.row(parameter: 2, direction: .up)   // 3: row 0 is the baseline
/// ```
public struct OneAtATime: Sendable {
    /// Which changes to run.
    public enum Directions: String, Hashable, Sendable, CaseIterable {
        /// nominal·(1 + change) only.
        case up
        /// nominal·(1 − change) only.
        case down
        /// Both, up before down.
        case both
    }

    /// The direction of one run.
    public enum Direction: Hashable, Sendable {
        case up, down
    }

    /// The relative change, 0.5 for ±50%.
    public var change: Double
    public var directions: Directions

    public init(change: Double = 0.5, directions: Directions = .both) {
        self.change = change
        self.directions = directions
    }

    /// - Throws: `SamplingError` when the change is not a positive finite number or a
    ///   parameter has no nominal value.
    /// - Complexity: O(runs·k).
    public func sample(_ space: ParameterSpace) throws -> OATDesign {
        guard change.isFinite, change > 0 else {
            throw SamplingError(.invalidOption, "the one-at-a-time change must be a positive fraction, not \(change)")
        }
        let nominal = try space.parameters.map { p in
            guard let v = p.nominal else {
                throw SamplingError(.missingValue,
                    "parameter '\(p.name)': one-at-a-time needs a nominal value; give 'nominal:' or take it from the model",
                    at: p.location)
            }
            return v
        }
        let moves: [Direction] = switch directions {
        case .up: [.up]
        case .down: [.down]
        case .both: [.up, .down]
        }
        var runs = [OATDesign.Run(parameter: nil, direction: nil)]
        for j in 0..<space.count {
            for d in moves { runs.append(OATDesign.Run(parameter: j, direction: d)) }
        }
        let k = space.count
        var samples = Matrix(rows: runs.count, columns: k)
        for j in 0..<k {
            for r in runs.indices { samples[r, j] = nominal[j] }
        }
        for (r, run) in runs.enumerated() {
            guard let j = run.parameter, let d = run.direction else { continue }
            samples[r, j] = nominal[j] * (d == .up ? 1 + change : 1 - change)
        }
        return OATDesign(space: space, change: change, nominal: nominal, runs: runs, samples: samples)
    }
}

/// A one-at-a-time design that knows which row is which parameter and direction.
public struct OATDesign: SamplingDesign {
    /// What one row of the design is.
    public struct Run: Hashable, Sendable {
        /// The parameter moved, or nil for the baseline.
        public let parameter: Int?
        public let direction: OneAtATime.Direction?
        public var isBaseline: Bool { parameter == nil }
    }

    public let space: ParameterSpace
    public let change: Double
    /// The baseline value of every parameter.
    public let nominal: [Double]
    /// One entry per row; row 0 is the baseline.
    public let runs: [Run]
    public let samples: Matrix

    /// A relative change of a zero nominal is no change: those rows repeat the baseline.
    public var warnings: [String] {
        zip(space.names, nominal).filter { $0.1 == 0 }.map {
            "parameter '\($0.0)' has a nominal value of 0, so its one-at-a-time runs equal the baseline"
        }
    }

    /// The baseline row.
    public var baselineRow: Int { 0 }

    /// The row that moves `parameter` in `direction`, or nil if the design does not hold it.
    public func row(parameter: Int, direction: OneAtATime.Direction) -> Int? {
        runs.firstIndex(of: Run(parameter: parameter, direction: direction))
    }
}
