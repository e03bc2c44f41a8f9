import Foundation
import SweepDiagnostics
import SweepModel
import SweepNumerics
import SweepSampling
import Yams

/// A study: a model, the uncertain parameters, the outputs of interest and the analyses to run.
///
/// ```yaml
/// study: The paper's study, generalised
/// model: cluster-innovation.yaml        # relative to this file
/// seed: 2024
/// threads: 2                            # default: all cores
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
///   robustness: {n: 1000, change: 0.5, factors: [...], groups: {...}}
/// ```
public struct Study: Sendable {
    public var title: String
    public var file: String
    public var modelPath: String
    public var model: Model
    /// The parameter space with relative ranges resolved against the model's constants.
    public var space: ParameterSpace
    public var outputs: [OutputSpec]
    public var methods: Methods
    public var seed: UInt64
    public var threads: Int?

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

    public struct Methods: Sendable {
        public init() {}
        public var oat: OATSettings?
        public var sobol: SobolSettings?
        public var morris: MorrisSettings?
        public var prcc: PRCCSettings?
        public var robustness: RobustnessSettings?
    }

    /// The paper's test: each parameter moved by ±change from its nominal value.
    public struct OATSettings: Sendable {
        public init() {}
        public var change: Double = 0.5
        public var directions: OneAtATime.Directions = .up
        /// Parameters to move (default: all); groups rank and plot their members together.
        public var parameters: [String]?
        public var groups: [(name: String, members: [String])] = []
    }

    public struct SobolSettings: Sendable {
        public init() {}
        public var n: Int = 1024
        public var bootstrap: Int = 100
        public var confidence: Double = 0.95
        public var secondOrder = false
    }

    public struct MorrisSettings: Sendable {
        public init() {}
        public var trajectories: Int = 20
        public var levels: Int = 4
        public var candidates: Int?
    }

    public struct PRCCSettings: Sendable {
        public init() {}
        public var n: Int = 1000
    }

    /// How often each factor ranks first, second, … under the one-at-a-time test, over a Latin
    /// hypercube of the whole parameter space.
    public struct RobustnessSettings: Sendable {
        public init() {}
        public var n: Int = 500
        public var change: Double = 0.5
        public var factors: [String]?
        public var groups: [(name: String, members: [String])] = []
    }

    /// The output every single-output method uses: the first listed, at its first time.
    public var primaryOutput: OutputSpec { outputs[0] }

    public init(title: String, file: String, modelPath: String, model: Model, space: ParameterSpace,
                outputs: [OutputSpec], methods: Methods = Methods(), seed: UInt64 = 0, threads: Int? = nil) {
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
    }
}

/// A problem in a study file.
public struct StudyError: InputError, Sendable {
    public let kind: ErrorKind
    public let location: SourceLocation?
    public let message: String
    public init(_ kind: ErrorKind, _ message: String, at location: SourceLocation?) {
        self.kind = kind
        self.message = message
        self.location = location
    }
}

extension Study {
    static let sections = ["study", "model", "seed", "threads", "parameters", "outputs", "methods", "description"]

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
        var outputsNode: Node?
        var methodsNode: Node?
        for (key, keyNode, value) in try source.pairs(source.root, what: "the study file") {
            switch key {
            case "study": title = try source.string(value, what: "study")
            case "description", "parameters": break
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
        return Study(title: title, file: file, modelPath: modelPath, model: model, space: space, outputs: outputs,
                     methods: methods, seed: seed, threads: threads)
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

    static func readMethods(_ node: Node?, source: YAMLSource, space: ParameterSpace) throws -> Methods {
        var m = Methods()
        guard let node else { return m }
        let names = space.names
        func parameterList(_ v: Node, what: String) throws -> [String] {
            guard case .sequence(let items) = v else { throw StudyError(.invalidValue, "\(what) must be a list of parameter names", at: source.location(v)) }
            return try items.map { item in
                let n = try source.string(item, what: what)
                guard let match = names.first(where: { CanonicalName($0) == CanonicalName(n) }) else {
                    let hint = Suggestion.hint(for: n, among: names)
                    throw StudyError(.invalidValue, "'\(n)' is not a parameter of the study\(hint)", at: source.location(item))
                }
                return match
            }
        }
        func groups(_ v: Node) throws -> [(name: String, members: [String])] {
            try source.pairs(v, what: "groups").map { (k, _, members) in (k, try parameterList(members, what: "group '\(k)'")) }
        }
        func count(_ v: Node, _ what: String, min: Int = 1) throws -> Int {
            let x = try source.number(v, what: what)
            guard x == x.rounded(), x >= Double(min), x <= 1e9 else { throw StudyError(.invalidValue, "\(what) must be a whole number ≥ \(min)", at: source.location(v)) }
            return Int(x)
        }
        func fraction(_ v: Node, _ what: String, open: Bool = true) throws -> Double {
            let x = try source.number(v, what: what)
            guard x > 0, !open || x < 1 || what.hasSuffix("change") else { throw StudyError(.invalidValue, "\(what) must be in (0, 1)", at: source.location(v)) }
            return x
        }
        for (method, methodNode, settings) in try source.pairs(node, what: "methods") {
            let pairs = try source.pairs(settings, what: "methods.\(method)")
            func unknown(_ k: String, _ kn: Node, _ allowed: [String]) -> StudyError {
                StudyError(.unknownName, "unknown setting '\(k)' for \(method); use \(allowed.joined(separator: ", "))", at: source.location(kn))
            }
            switch method {
            case "oat":
                var s = OATSettings()
                for (k, kn, v) in pairs {
                    switch k {
                    case "change": s.change = try fraction(v, "oat change")
                    case "direction":
                        let d = try source.string(v, what: "direction")
                        guard let dir = OneAtATime.Directions(rawValue: d) else { throw StudyError(.invalidValue, "direction must be up, down or both", at: source.location(v)) }
                        s.directions = dir
                    case "parameters": s.parameters = try parameterList(v, what: "oat parameters")
                    case "groups": s.groups = try groups(v)
                    default: throw unknown(k, kn, ["change", "direction", "parameters", "groups"])
                    }
                }
                m.oat = s
            case "sobol":
                var s = SobolSettings()
                for (k, kn, v) in pairs {
                    switch k {
                    case "n": s.n = try count(v, "sobol n")
                    case "bootstrap": s.bootstrap = try count(v, "bootstrap")
                    case "conf": s.confidence = try fraction(v, "conf")
                    case "second_order": s.secondOrder = try bool(v, source)
                    default: throw unknown(k, kn, ["n", "bootstrap", "conf", "second_order"])
                    }
                }
                m.sobol = s
            case "morris":
                var s = MorrisSettings()
                for (k, kn, v) in pairs {
                    switch k {
                    case "trajectories": s.trajectories = try count(v, "trajectories")
                    case "levels": s.levels = try count(v, "levels", min: 2)
                    case "candidates": s.candidates = try count(v, "candidates")
                    default: throw unknown(k, kn, ["trajectories", "levels", "candidates"])
                    }
                }
                m.morris = s
            case "prcc":
                var s = PRCCSettings()
                for (k, kn, v) in pairs {
                    guard k == "n" else { throw unknown(k, kn, ["n"]) }
                    s.n = try count(v, "prcc n", min: 3)
                }
                m.prcc = s
            case "robustness":
                var s = RobustnessSettings()
                for (k, kn, v) in pairs {
                    switch k {
                    case "n": s.n = try count(v, "robustness n")
                    case "change": s.change = try fraction(v, "robustness change")
                    case "factors": s.factors = try parameterList(v, what: "robustness factors")
                    case "groups": s.groups = try groups(v)
                    default: throw unknown(k, kn, ["n", "change", "factors", "groups"])
                    }
                }
                m.robustness = s
            default:
                throw StudyError(.unknownName, "unknown method '\(method)'; use oat, sobol, morris, prcc, robustness", at: source.location(methodNode))
            }
        }
        return m
    }

    static func bool(_ v: Node, _ source: YAMLSource) throws -> Bool {
        switch try source.string(v, what: "a yes/no setting").lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw StudyError(.syntax, "expected true or false", at: source.location(v))
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
