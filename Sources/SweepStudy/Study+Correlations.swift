import Foundation
import SweepDiagnostics
import SweepModel
import SweepNumerics
import SweepSampling
import Yams

/// A study's `correlations:` section: Spearman rank correlations between named parameters,
/// imposed on the Latin-hypercube designs (PRCC, ranking robustness, RBD-FAST, delta, PAWN) by
/// Iman & Conover's method (``RankCorrelation``), every column keeping its values and strata.
///
/// ```yaml
/// correlations:
///   - {between: [Contact Rate, Infectivity], rank: -0.6}
/// ```
///
/// Sobol', Morris, eFAST and DGSM assume independent inputs, so a study that combines them with
/// correlations is refused with the reason, at the section's line.
extension Study {
    /// Methods whose estimators assume independent inputs.
    static let independentOnly: [Method] = [.sobol, .morris, .efast, .dgsm]

    /// The `correlations:` section of the study file at `path`, read against `space` (the
    /// file's own parameters); nil for a SALib text problem or a study without one. For
    /// `sdsweep sample`, which imposes them on its Latin-hypercube and random designs.
    public static func problemCorrelations(path: String, space: ParameterSpace) throws -> RankCorrelation? {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8),
              let source = try? YAMLSource(text: text, file: path), case .mapping(let top) = source.root,
              let node = top["correlations"] else { return nil }
        return try readCorrelations(node, source: source, space: space, methods: Methods())
    }

    /// `samples` (columns named `names`) with `correlations` imposed; unchanged when there are
    /// none. The reordering's stream follows from the design's own seed, the same way for a
    /// study's stages and for `sdsweep sample`, so both give the same design at the same seed.
    public static func imposing(_ correlations: RankCorrelation?, on samples: Matrix, names: [String], seed: UInt64) throws -> Matrix {
        guard let correlations else { return samples }
        return try correlations.apply(to: samples, columns: names, seed: seed &+ 0x1C0A)
    }

    static func readCorrelations(_ node: Node, source: YAMLSource, space: ParameterSpace, methods: Methods) throws -> RankCorrelation {
        guard case .sequence(let items) = node, !items.isEmpty else {
            throw StudyError(.invalidValue, "'correlations' must be a list of {between: [A, B], rank: r}", at: source.location(node))
        }
        var names: [String] = [], pairs: [(Int, Int, Double, Node)] = []
        for item in items {
            var between: [String]?, rank: Double?
            for (key, keyNode, value) in try source.pairs(item, what: "a correlation") {
                switch key {
                case "between":
                    guard case .sequence(let ends) = value, ends.count == 2 else {
                        throw StudyError(.invalidValue, "'between' names two parameters", at: source.location(value))
                    }
                    between = try ends.map { end in
                        let name = try source.string(end, what: "a parameter")
                        guard let match = space.names.first(where: { CanonicalName($0) == CanonicalName(name) }) else {
                            throw StudyError(.unknownName, "'\(name)' is not a parameter of the study\(Suggestion.hint(for: name, among: space.names))", at: source.location(end))
                        }
                        return match
                    }
                case "rank": rank = try source.number(value, what: "rank")
                default: throw StudyError(.unknownName, "unknown key '\(key)' in a correlation; use between, rank", at: source.location(keyNode))
                }
            }
            guard let between, let rank else { throw StudyError(.missingValue, "a correlation needs between: [A, B] and rank: r", at: source.location(item)) }
            guard between[0] != between[1] else { throw StudyError(.invalidValue, "a parameter cannot be correlated with itself", at: source.location(item)) }
            let ends = between.map { name -> Int in
                if let i = names.firstIndex(of: name) { return i }
                names.append(name)
                return names.count - 1
            }
            pairs.append((ends[0], ends[1], rank, item))
        }
        var matrix = (0..<names.count).map { i in (0..<names.count).map { $0 == i ? 1.0 : 0.0 } }
        for (a, b, r, item) in pairs {
            guard matrix[a][b] == 0 || matrix[a][b] == r else {
                throw StudyError(.invalidValue, "'\(names[a])' and '\(names[b])' are given two correlations", at: source.location(item))
            }
            matrix[a][b] = r; matrix[b][a] = r
        }
        if let method = independentOnly.first(where: { methods.runs($0) }) {
            throw StudyError(.invalidValue, "\(method.rawValue) assumes independent inputs; a study with correlations runs PRCC, SRC, robustness, rbd_fast, delta and pawn (remove \(method.rawValue) or the correlations)", at: source.location(node))
        }
        do {
            return try RankCorrelation(names: names, matrix: matrix)
        } catch let error as SamplingError {
            throw StudyError(.invalidValue, error.message, at: source.location(node))
        }
    }
}
