import Foundation

/// The JSON every result file is written in: SALib's keys (from each result's `CodingKeys`),
/// sorted so the same results give the same bytes (Foundation on Linux does not keep insertion
/// order), indented, slashes unescaped. Results write NaN as `null` themselves; a stray
/// non-finite value elsewhere becomes `"nan"`/`"inf"` rather than failing.
public enum ResultJSON {
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    /// The text, with a final newline.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self) + "\n"
    }
}

extension ResultJSON {
    /// What an analysis was of: the output (a model variable at a time) and the design it was
    /// computed from, written beside a result's SALib keys, which stay as SALib writes them.
    ///
    /// ```json
    /// "output": {"name": "Recovered", "time": 100},
    /// "design": {"method": "saltelli", "N": 1024, "seed": 0, "parameters": ["Contact Rate", …], …}
    /// ```
    public struct Annotated<Result: Encodable>: Encodable {
        public var result: Result
        public var output: Output
        public var design: Design

        public init(_ result: Result, output: Output, design: Design) {
            self.result = result
            self.output = output
            self.design = design
        }

        enum Keys: String, CodingKey { case output, design }

        public func encode(to encoder: Encoder) throws {
            // Into the result's own object: its keys, then these two.
            try result.encode(to: encoder)
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(output, forKey: .output)
            try c.encode(design, forKey: .design)
        }
    }

    /// The output analysed: a variable and its time. `time` is nil for an outputs-file column
    /// without `@TIME` (a bare `NAME` from `evaluate` is the final time, which the file does
    /// not state) and is then written `"final"`; `column` is the column's header.
    public struct Output: Encodable, Equatable, Sendable {
        public var name: String
        public var time: Double?
        public var column: String

        public init(name: String, time: Double?, column: String) {
            self.name = name
            self.time = time
            self.column = column
        }

        /// An output column's header, `NAME` or `NAME@TIME`, read back into name and time;
        /// a bare name is at `finalTime`.
        public init(column: String, finalTime: Double?) {
            if let at = column.lastIndex(of: "@"), let t = Double(column[column.index(after: at)...]) {
                self.init(name: String(column[..<at]), time: t, column: column)
            } else {
                self.init(name: column, time: finalTime, column: column)
            }
        }

        enum Keys: String, CodingKey { case name, time, column }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(name, forKey: .name)
            if let time { try c.encode(time, forKey: .time) } else { try c.encode("final", forKey: .time) }
            try c.encode(column, forKey: .column)
        }
    }

    /// The design an analysis read: its method, size, seed and factors, in the words of SALib's
    /// sample functions (`N`, `num_levels`, `calc_second_order`, `num_resamples`,
    /// `conf_level`). A key is left out when it does not apply or is not known (`analyze`
    /// does not know the seed the design was drawn with).
    public struct Design: Encodable, Equatable, Sendable {
        public var method: String
        public var n: Int?
        public var trajectories: Int?
        public var levels: Int?
        public var secondOrder: Bool?
        public var change: Double?
        public var runs: Int
        public var seed: UInt64?
        public var parameters: [String]
        public var groups: [String]?
        public var bootstrap: Int?
        public var confidence: Double?
        public var bootstrapSeed: UInt64?
        public var samples: String?
        /// Sobol': the estimator; eFAST, RBD-FAST: M; PAWN: slices; DGSM: δ.
        public var estimator: String?
        public var m: Int?
        public var slices: Int?
        public var delta: Double?

        public init(method: String, runs: Int, parameters: [String]) {
            self.method = method
            self.runs = runs
            self.parameters = parameters
        }

        enum CodingKeys: String, CodingKey {
            case method, n = "N", trajectories = "r", levels = "num_levels", secondOrder = "calc_second_order", change, runs, seed
            case parameters, groups, bootstrap = "num_resamples", confidence = "conf_level", bootstrapSeed = "bootstrap_seed", samples
            case estimator, m = "M", slices = "S", delta
        }
    }
}
