import Foundation
import SweepNumerics

/// What makes stored results one sweep's: the model, the settings that change the numbers,
/// the samples, the parameter and output columns, and for a study the stage, for a shard its
/// split. A checkpoint (`ChunkStore`) and a shard's manifest (`ShardFile`) both carry one; a
/// stored result whose fingerprint differs from the sweep asking for it is refused, naming
/// the fields that differ.
///
/// Every field but `stage` and `shard` is an FNV-1a 64 digest in hex, so the JSON stays short
/// whatever the model or the design. Threads and chunk size are left out on purpose: they do
/// not change a single bit.
///
/// ```swift
/// let f = SweepFingerprint(model: modelBytes, settings: "update=auto", samples: digest,
///                          parameters: ["Peak Year"], outputs: ["Innovation Capability"])
/// f.differences(from: stored)   // ["samples"] when only the design changed
/// ```
public struct SweepFingerprint: Codable, Equatable, Sendable {
    /// Digest of the model file's bytes.
    public var model: String
    /// Digest of the text of every setting that changes the numbers (method, dt, overrides, …).
    public var settings: String
    /// Digest of the samples: the CSV's bytes, or a matrix's doubles.
    public var samples: String
    /// Digest of the parameter names, in column order.
    public var parameters: String
    /// Digest of the output column names, in order.
    public var outputs: String
    /// The study stage the sweep belongs to (`sobol`, `morris`, …); nil for `evaluate`.
    public var stage: String?
    /// `I/N` for shard I of N of a checkpointed `evaluate --shard`; nil otherwise.
    public var shard: String?

    public init(model: String, settings: String, samples: String, parameters: String, outputs: String,
                stage: String? = nil, shard: String? = nil) {
        self.model = model
        self.settings = settings
        self.samples = samples
        self.parameters = parameters
        self.outputs = outputs
        self.stage = stage
        self.shard = shard
    }

    /// Digests the inputs of a sweep.
    ///
    /// - Parameters:
    ///   - model: the model file's bytes.
    ///   - settings: the settings that change the numbers, as one text.
    ///   - samples: the digest of the samples, as `CSVRowReader.scan` or `digest(of:)` gives it.
    public init(model: Data, settings: String, samples: FNV1a64, parameters: [String], outputs: [String],
                stage: String? = nil, shard: String? = nil) {
        var modelHash = FNV1a64()
        model.withUnsafeBytes { modelHash.update($0) }
        self.init(model: modelHash.hex, settings: FNV1a64.hex(settings), samples: samples.hex,
                  parameters: FNV1a64.hex(parameters.joined(separator: "\n")), outputs: FNV1a64.hex(outputs.joined(separator: "\n")),
                  stage: stage, shard: shard)
    }

    /// Reads a stored fingerprint; a field it lacks (one written by an older sdsweep) reads as
    /// empty, so the refusal names it rather than calling the file damaged.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String { try c.decodeIfPresent(String.self, forKey: key) ?? "" }
        self.init(model: try text(.model), settings: try text(.settings), samples: try text(.samples), parameters: try text(.parameters),
                  outputs: try text(.outputs), stage: try c.decodeIfPresent(String.self, forKey: .stage),
                  shard: try c.decodeIfPresent(String.self, forKey: .shard))
    }

    /// The digest of a matrix of samples: its doubles' bytes, column-major.
    public static func digest(of samples: Matrix) -> FNV1a64 {
        var hash = FNV1a64()
        samples.storage.withUnsafeBytes { hash.update($0) }
        return hash
    }

    /// The fields, by their JSON keys, in key order; absent optional fields are left out.
    public var fields: [(key: String, value: String)] {
        let all: [(String, String?)] = [("model", model), ("outputs", outputs), ("parameters", parameters), ("samples", samples),
                                        ("settings", settings), ("shard", shard), ("stage", stage)]
        return all.compactMap { key, value in value.map { (key, $0) } }
    }

    /// The JSON keys of the fields that differ from `other`'s (a field one has and the other
    /// lacks differs), in key order.
    public func differences(from other: SweepFingerprint) -> [String] {
        let mine = Dictionary(uniqueKeysWithValues: fields.map { ($0.key, $0.value) })
        let theirs = Dictionary(uniqueKeysWithValues: other.fields.map { ($0.key, $0.value) })
        return Set(mine.keys).union(theirs.keys).filter { mine[$0] != theirs[$0] }.sorted()
    }

    /// `its samples differs`, `its model, samples differ`: how a refusal names the fields.
    static func phrase(_ differing: [String]) -> String {
        "its \(differing.joined(separator: ", ")) differ\(differing.count == 1 ? "s" : "")"
    }
}
