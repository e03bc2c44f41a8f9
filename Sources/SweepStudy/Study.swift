import Foundation
import SweepDiagnostics
import SweepModel
import SweepNumerics
import SweepRun
import SweepSampling
import Yams

/// A study: a model, the uncertain parameters, the outputs of interest and the analyses to run.
///
/// ```yaml
/// study: The paper's study, generalised
/// description: >                        # a paragraph at the top of the report
///   The one-at-a-time figures repeat the paper's Figures 5 and 6.
/// model: cluster-innovation.yaml        # relative to this file
/// seed: 2024
/// threads: 2                            # default: all cores
/// engine: auto                          # auto (default), native or interpreter
/// parameters:                           # SweepSampling's parameter space
///   - {name: Internal Knowledge Restructuring Coefficient, relative: 0.5}
/// outputs:
///   - Innovation Capability             # at the final time (the primary output)
///   - {name: Innovation Capability, times: [5, 10, 15]}
///   - {name: Innovation Capability, times: all}   # every saved time: indices over time
/// methods:
///   oat: {change: 0.5, direction: up, groups: {Internal: [...], External: [...]}}
///   sobol: {n: 4096, bootstrap: 1000, conf: 0.95, second_order: false}
///   morris: {trajectories: 50, levels: 4, candidates: 500}
///   prcc: {n: 2000}
///   robustness: {n: 1000, change: 0.5, tie_tolerance: 0.01, factors: [...], groups: {...}}
/// ```
public struct Study: Sendable {
    public var title: String
    /// What the study is for, in the author's words; the report's opening paragraph.
    public var description: String?
    /// Rank correlations imposed on the study's Latin-hypercube designs; nil: independent inputs.
    public var correlations: RankCorrelation?
    public var file: String
    public var modelPath: String
    public var model: Model
    /// The parameter space with relative ranges resolved against the model's constants.
    public var space: ParameterSpace
    public var outputs: [OutputSpec]
    public var methods: Methods
    public var seed: UInt64
    public var threads: Int?
    /// How the sweeps run; nil: `auto` (or the command line's `--engine`).
    public var engine: EngineChoice?

    /// One output of interest: a variable at some times.
    public struct OutputSpec: Sendable, Equatable {
        public var variable: String
        public enum Times: Sendable, Equatable {
            case final
            case at([Double])
            case saved
        }
        public var times: Times

        public init(variable: String, times: Times) {
            self.variable = variable
            self.times = times
        }
    }

    /// The output every single-output method uses: the first listed, at its first time.
    public var primaryOutput: OutputSpec { outputs[0] }

    public init(title: String, file: String, modelPath: String, model: Model, space: ParameterSpace,
                outputs: [OutputSpec], methods: Methods = Methods(), seed: UInt64 = 0, threads: Int? = nil, engine: EngineChoice? = nil) {
        precondition(!outputs.isEmpty, "a study needs an output")
        self.title = title
        self.file = file
        self.modelPath = modelPath
        self.model = model
        self.space = space
        self.outputs = outputs
        self.methods = methods
        self.seed = seed
        self.threads = threads
        self.engine = engine
    }
}

/// A problem in a study file.
public typealias StudyError = StageError<Study>

extension Study {
    static let sections = ["study", "model", "seed", "threads", "engine", "parameters", "correlations", "outputs", "methods", "description"]

    /// Reads a study file and the model it names.
    public static func load(path: String) throws -> Study {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw StudyError(.unreadable, "cannot read file", at: SourceLocation(file: path))
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> Study {
        let source = try YAMLSource(text: text, file: file)
        var title = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        var modelPath: String?
        var seed: UInt64 = 0
        var threads: Int?
        var engine: EngineChoice?
        var outputsNode: Node?
        var methodsNode: Node?
        var description: String?
        var correlationsNode: Node?
        for (key, keyNode, value) in try source.pairs(source.root, what: "the study file") {
            switch key {
            case "study": title = try source.string(value, what: "study")
            case "description": description = try source.string(value, what: "description")
            case "parameters": break
            case "correlations": correlationsNode = value
            case "model":
                modelPath = resolvePath(try source.string(value, what: "model"), relativeTo: file)
            case "seed":
                let v = try source.number(value, what: "seed")
                guard v >= 0, v == v.rounded(), v < 1.8e19 else { throw StudyError(.invalidValue, "seed must be a whole number ≥ 0", at: source.location(value)) }
                seed = UInt64(v)
            case "threads":
                let v = try source.number(value, what: "threads")
                guard v >= 0, v == v.rounded(), v < 4096 else { throw StudyError(.invalidValue, "threads must be a whole number ≥ 0 (0: all cores)", at: source.location(value)) }
                threads = v == 0 ? nil : Int(v)
            case "engine":
                let text = try source.string(value, what: "engine")
                guard let choice = EngineChoice(rawValue: text.lowercased()) else {
                    let names = EngineChoice.allCases.map(\.rawValue)
                    throw StudyError(.invalidValue, "engine '\(text)'\(Suggestion.aside(for: text, among: names)): use \(names.joined(separator: ", "))", at: source.location(value))
                }
                engine = choice
            case "outputs": outputsNode = value
            case "methods": methodsNode = value
            default:
                let hint = Suggestion.aside(for: key, among: sections)
                throw StudyError(.unknownName, "unknown section '\(key)'\(hint); a study has \(sections.joined(separator: ", "))", at: source.location(keyNode))
            }
        }
        guard let modelPath else { throw StudyError(.missingValue, "the study names no 'model' file", at: SourceLocation(file: file, line: 1)) }
        let model = try Model.load(path: modelPath)
        let space = try resolve(try ParameterSpace.parse(study: source), against: model, modelPath: modelPath, file: file)
        guard let outputsNode else { throw StudyError(.missingValue, "the study lists no 'outputs'", at: SourceLocation(file: file, line: 1)) }
        let outputs = try readOutputs(outputsNode, source: source, model: model)
        let methods = try readMethods(methodsNode, source: source, space: space)
        var study = Study(title: title, file: file, modelPath: modelPath, model: model, space: space, outputs: outputs,
                          methods: methods, seed: seed, threads: threads, engine: engine)
        study.description = description
        study.correlations = try correlationsNode.map { try readCorrelations($0, source: source, space: space, methods: methods) }
        return study
    }

    static func readOutputs(_ node: Node, source: YAMLSource, model: Model) throws -> [OutputSpec] {
        guard case .sequence(let items) = node, !items.isEmpty else {
            throw StudyError(.invalidValue, "'outputs' must be a non-empty list", at: source.location(node))
        }
        return try items.map { item in
            var name: String
            var times = OutputSpec.Times.final
            var nameNode = item
            if case .scalar(let s) = item {
                name = s.string
            } else {
                var found: String?
                for (k, kn, v) in try source.pairs(item, what: "an output") {
                    switch k {
                    case "name": found = try source.string(v, what: "output name"); nameNode = v
                    case "times":
                        if case .scalar(let s) = v, s.string == "all" { times = .saved; continue }
                        if case .scalar(let s) = v, s.string == "final" { times = .final; continue }
                        guard case .sequence(let ts) = v, !ts.isEmpty else {
                            throw StudyError(.invalidValue, "output times must be a list of times, 'all' or 'final'", at: source.location(v))
                        }
                        times = .at(try ts.map { try source.number($0, what: "an output time") })
                    default:
                        throw StudyError(.unknownName, "unknown key '\(k)' in an output; use name and times", at: source.location(kn))
                    }
                }
                guard let found else { throw StudyError(.missingValue, "an output needs a 'name'", at: source.location(item)) }
                name = found
            }
            guard let v = model.variable(named: name) else {
                let hint = Suggestion.hint(for: name, among: model.variables.map(\.name))
                throw StudyError(.unknownName, "unknown output variable '\(name)'\(hint)", at: source.location(nameNode))
            }
            if case .lookup = v.kind { throw StudyError(.invalidValue, "'\(v.name)' is a lookup table, not an output", at: source.location(nameNode)) }
            return OutputSpec(variable: v.name, times: times)
        }
    }
}

extension Study {
    /// The parameter space of a `--problem` file: a study file's or a SALib-style text file's,
    /// with relative ranges resolved against the model the study file names (read only when a
    /// relative range needs it).
    public static func problem(path: String) throws -> ParameterSpace {
        let space = try ParameterSpace.load(path: path)
        guard let relative = space.parameters.first(where: { $0.distribution == nil }) else { return space }
        let text = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        let source = try YAMLSource(text: text, file: path)
        guard case .mapping(let top) = source.root, let node = top["model"] else {
            throw StudyError(.missingValue, "parameter '\(relative.name)': a relative range needs a nominal value; give 'nominal:' or name the 'model:' to take it from",
                             at: relative.location ?? SourceLocation(file: path))
        }
        let modelPath = resolvePath(try source.string(node, what: "model"), relativeTo: path)
        return try resolve(space, against: try Model.load(path: modelPath), modelPath: modelPath, file: path)
    }

    /// Nominal values from the model for relative ranges, and a check that every parameter
    /// is one of the model's constants.
    public static func resolve(_ space: ParameterSpace, against model: Model, modelPath: String, file: String) throws -> ParameterSpace {
        for p in space.parameters where model.constantValue(named: p.name) == nil {
            let hint = Suggestion.hint(for: p.name, among: model.constantNames)
            throw StudyError(.invalidValue, "parameter '\(p.name)' is not a constant of \(modelPath)\(hint)", at: p.location ?? SourceLocation(file: file))
        }
        return try space.resolve { model.constantValue(named: $0) }
    }

    /// A path written in a file, taken relative to that file's folder.
    static func resolvePath(_ path: String, relativeTo file: String) -> String {
        path.hasPrefix("/") ? path : URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
    }
}
