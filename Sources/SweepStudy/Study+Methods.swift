import SweepAnalysis
import SweepDiagnostics
import SweepModel
import SweepSampling
import Yams

extension Study {
    /// The analyses a study can run, named as in a study's `methods:` and as the commands that
    /// run one of them alone.
    public enum Method: String, CaseIterable, Sendable {
        case oat, sobol, morris, prcc, robustness, efast, rbdFast = "rbd_fast", delta, pawn, dgsm

        /// The stage's name in progress lines, timings and provenance; for the methods beyond
        /// the paper's (`beyondThePaper`) also the stem of their files (`rbd-fast.json`).
        public var stageName: String {
            switch self {
            case .oat: "one-at-a-time"
            case .rbdFast: "rbd-fast"
            default: rawValue
            }
        }
    }

    /// The settings of each method the study runs; nil for a method it does not run.
    public struct Methods: Sendable {
        public init() {}
        public var oat: OATSettings?
        public var sobol: SobolSettings?
        public var morris: MorrisSettings?
        public var prcc: PRCCSettings?
        public var robustness: RobustnessSettings?
        public var efast: EFASTSettings?
        public var rbdFast: RBDFASTSettings?
        public var delta: DeltaSettings?
        public var pawn: PAWNSettings?
        public var dgsm: DGSMSettings?
    }

    /// A numeric setting of a method and the bound it keeps: the one rule that the study-file
    /// reader and the command-line flags both apply, each saying it in its own words.
    ///
    /// ```swift
    /// Study.Setting.bootstrap.admits(1)    // false: a deviation needs two resamples
    /// Study.Setting.bootstrap.fileRule     // "bootstrap must be a whole number ≥ 2"
    /// Study.Setting.bootstrap.flagRule     // "--bootstrap must be at least 2"
    /// ```
    public struct Setting: Sendable, Hashable {
        public enum Bound: Sendable, Hashable {
            /// A whole number at least this large.
            case atLeast(Int)
            /// Strictly between 0 and 1.
            case fraction
            /// At least 0 and below 1.
            case proportion
            /// Greater than 0.
            case positive
        }

        /// The key in the study file (`second_order`); the flag is the key with dashes.
        public let key: String
        /// How a study-file message names it ("sobol n": a bare key is ambiguous across methods).
        public let what: String
        public let bound: Bound

        init(_ key: String, _ what: String, _ bound: Bound) {
            self.key = key
            self.what = what
            self.bound = bound
        }

        public var flag: String { "--" + key.replacingOccurrences(of: "_", with: "-") }

        public func admits(_ x: Double) -> Bool {
            switch bound {
            case .atLeast(let m): x >= Double(m)
            case .fraction: x > 0 && x < 1
            case .proportion: x >= 0 && x < 1
            case .positive: x > 0
            }
        }

        /// The rule as a study-file diagnostic says it.
        public var fileRule: String {
            switch bound {
            case .atLeast(let m): "\(what) must be a whole number ≥ \(m)"
            case .fraction: "\(what) must be in (0, 1)"
            case .proportion: "\(what) must be in [0, 1)"
            case .positive: "\(what) must be positive"
            }
        }

        /// The rule as a command-line diagnostic says it.
        public var flagRule: String {
            switch bound {
            case .atLeast(let m): "\(flag) must be at least \(m)"
            case .fraction: "\(flag) must be strictly between 0 and 1"
            case .proportion: "\(flag) must be at least 0 and below 1"
            case .positive: "\(flag) must be positive"
            }
        }

        func check(_ x: Double) throws {
            guard admits(x) else { throw SettingError(setting: self, value: x) }
        }
    }

    /// A method setting outside its bound, thrown by the settings' initialisers; the study
    /// reader adds the value's file and line, the command line names the flag.
    public struct SettingError: Error, Sendable, CustomStringConvertible {
        public let setting: Setting
        public let value: Double
        public var description: String { setting.fileRule }
    }

    /// The paper's test: each parameter moved by ±change from its nominal value.
    public struct OATSettings: MethodSettings {
        public private(set) var change: Double = 0.5
        public private(set) var directions: OneAtATime.Directions = .up
        /// Parameters to move (default: all); groups rank and plot their members together.
        public private(set) var parameters: [String]?
        public private(set) var groups: [(name: String, members: [String])] = []

        public static let method = Study.Method.oat
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.oat }

        public init() {}

        /// `base` with the given settings changed, each checked against its rule.
        /// - Throws: ``Study/SettingError`` for a value outside its rule.
        public init(_ base: Self = Self(), change: Double? = nil, directions: OneAtATime.Directions? = nil, parameters: [String]? = nil,
                    groups: [(name: String, members: [String])]? = nil) throws {
            self = base
            try update(\.change, change, .oatChange)
            update(\.directions, directions)
            if let parameters { self.parameters = parameters }
            update(\.groups, groups)
        }
    }

    public struct SobolSettings: MethodSettings {
        public private(set) var n: Int = 1024
        public private(set) var bootstrap: Int = 100
        public private(set) var confidence: Double = 0.95
        public private(set) var secondOrder = false
        public private(set) var estimator: SobolEstimator = .saltelli2010

        public static let method = Study.Method.sobol
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.sobol }

        public init() {}

        /// `base` with the given settings changed, each checked against its rule.
        /// - Throws: ``Study/SettingError`` for a value outside its rule.
        public init(_ base: Self = Self(), n: Int? = nil, bootstrap: Int? = nil, confidence: Double? = nil, secondOrder: Bool? = nil,
                    estimator: SobolEstimator? = nil) throws {
            self = base
            update(\.estimator, estimator)
            try update(\.n, n, .sobolN)
            try update(\.bootstrap, bootstrap, .bootstrap)
            try update(\.confidence, confidence, .confidence)
            update(\.secondOrder, secondOrder)
        }
    }

    public struct MorrisSettings: MethodSettings {
        public private(set) var trajectories: Int = 20
        public private(set) var levels: Int = 4
        public private(set) var candidates: Int?

        public static let method = Study.Method.morris
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.morris }

        public init() {}

        /// `base` with the given settings changed, each checked against its rule.
        /// - Throws: ``Study/SettingError`` for a value outside its rule.
        public init(_ base: Self = Self(), trajectories: Int? = nil, levels: Int? = nil, candidates: Int? = nil) throws {
            self = base
            try update(\.trajectories, trajectories, .trajectories)
            try update(\.levels, levels, .levels)
            if let candidates {
                try Setting.candidates.check(Double(candidates))
                self.candidates = candidates
            }
        }
    }

    public struct PRCCSettings: MethodSettings {
        public private(set) var n: Int = 1000

        public static let method = Study.Method.prcc
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.prcc }

        public init() {}

        /// `base` with the given settings changed, each checked against its rule.
        /// - Throws: ``Study/SettingError`` for a value outside its rule.
        public init(_ base: Self = Self(), n: Int? = nil) throws {
            self = base
            try update(\.n, n, .prccN)
        }
    }

    /// How often each factor ranks first, second, … under the one-at-a-time test, over a Latin
    /// hypercube of the whole parameter space.
    public struct RobustnessSettings: MethodSettings {
        public private(set) var n: Int = 500
        public private(set) var change: Double = 0.5
        public private(set) var factors: [String]?
        public private(set) var groups: [(name: String, members: [String])] = []
        /// Two effects whose difference is below this fraction of the larger share a rank.
        public private(set) var tieTolerance: Double = 0.01

        public static let method = Study.Method.robustness
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.robustness }

        public init() {}

        /// `base` with the given settings changed, each checked against its rule.
        /// - Throws: ``Study/SettingError`` for a value outside its rule.
        public init(_ base: Self = Self(), n: Int? = nil, change: Double? = nil, factors: [String]? = nil,
                    groups: [(name: String, members: [String])]? = nil, tieTolerance: Double? = nil) throws {
            self = base
            try update(\.n, n, .robustnessN)
            try update(\.change, change, .robustnessChange)
            try update(\.tieTolerance, tieTolerance, .tieTolerance)
            if let factors { self.factors = factors }
            update(\.groups, groups)
        }
    }
}

/// The rules of every method's numeric settings, in one place.
extension Study.Setting {
    public static let oatChange = Self("change", "oat change", .positive)
    public static let sobolN = Self("n", "sobol n", .atLeast(1))
    /// Two resamples at least: a half-width is their standard deviation.
    public static let bootstrap = Self("bootstrap", "bootstrap", .atLeast(2))
    public static let confidence = Self("conf", "conf", .fraction)
    public static let trajectories = Self("trajectories", "trajectories", .atLeast(1))
    public static let levels = Self("levels", "levels", .atLeast(2))
    public static let candidates = Self("candidates", "candidates", .atLeast(1))
    public static let prccN = Self("n", "prcc n", .atLeast(3))
    public static let robustnessN = Self("n", "robustness n", .atLeast(1))
    public static let robustnessChange = Self("change", "robustness change", .positive)
    public static let tieTolerance = Self("tie_tolerance", "robustness tie_tolerance", .proportion)
}

/// What every method's settings value shares: its method, its place in `Study.Methods`, its
/// defaults, and changes that keep its rules.
public protocol MethodSettings: Sendable {
    static var method: Study.Method { get }
    /// Where a study keeps these settings.
    static var slot: WritableKeyPath<Study.Methods, Self?> { get }
    /// The defaults.
    init()
}

extension MethodSettings {
    /// Sets `path` to `value` when one is given.
    mutating func update<T>(_ path: WritableKeyPath<Self, T>, _ value: T?) {
        if let value { self[keyPath: path] = value }
    }

    /// Sets `path` to `value` when one is given and `rule` admits it.
    mutating func update<T: BinaryInteger>(_ path: WritableKeyPath<Self, T>, _ value: T?, _ rule: Study.Setting) throws {
        if let value { try rule.check(Double(value)) }
        update(path, value)
    }

    /// Sets `path` to `value` when one is given and `rule` admits it.
    mutating func update(_ path: WritableKeyPath<Self, Double>, _ value: Double?, _ rule: Study.Setting) throws {
        if let value { try rule.check(value) }
        update(path, value)
    }
}

extension Study {
    /// The `methods:` section: each method's settings, every value checked by its settings'
    /// rules as it is read, so a bad value fails here, with its file and line, before any run.
    static func readMethods(_ node: Node?, source: YAMLSource, space: ParameterSpace) throws -> Methods {
        var m = Methods()
        guard let node else { return m }
        for (name, nameNode, settings) in try source.pairs(node, what: "methods") {
            guard let method = Method(rawValue: name) else {
                let all = Method.allCases.map(\.rawValue).joined(separator: ", ")
                throw StudyError(.unknownName, "unknown method '\(name)'; use \(all)", at: source.location(nameNode))
            }
            let section = MethodSection(
                method: method, source: source, pairs: try source.pairs(settings, what: "methods.\(name)"), names: space.names)
            switch method {
            case .oat: m.oat = try section.oat()
            case .sobol: m.sobol = try section.sobol()
            case .morris: m.morris = try section.morris()
            case .prcc: m.prcc = try section.prcc()
            case .robustness: m.robustness = try section.robustness()
            case .efast: m.efast = try section.efast()
            case .rbdFast: m.rbdFast = try section.rbdFast()
            case .delta: m.delta = try section.delta()
            case .pawn: m.pawn = try section.pawn()
            case .dgsm: m.dgsm = try section.dgsm()
            }
        }
        return m
    }
}

/// One method's mapping in a study file, read key by key.
struct MethodSection {
    let method: Study.Method
    let source: YAMLSource
    let pairs: [(key: String, keyNode: Node, value: Node)]
    /// The study's parameter names, which parameter lists must use.
    let names: [String]

    /// Reads each pair with `read`, which returns false for a key the method does not have and
    /// notes in `located` where each ruled value stands; then makes the settings with `build`,
    /// pointing a value outside its rule out at its file, line and column.
    func settings<S>(_ allowed: [String], _ read: (_ key: String, _ value: Node, _ located: inout [String: Node]) throws -> Bool,
                     build: () throws -> S) throws -> S {
        var located: [String: Node] = [:]
        for (k, kn, v) in pairs {
            guard try read(k, v, &located) else {
                throw StudyError(.unknownName, "unknown setting '\(k)' for \(method.rawValue); use \(allowed.joined(separator: ", "))",
                                 at: source.location(kn))
            }
        }
        do {
            return try build()
        } catch let error as Study.SettingError {
            throw StudyError(.invalidValue, error.setting.fileRule, at: located[error.setting.key].map(source.location))
        }
    }

    /// A whole number for `setting` (its bound is the settings' to check).
    func count(_ v: Node, _ setting: Study.Setting) throws -> Int {
        let x = try source.number(v, what: setting.what)
        guard x == x.rounded(), x.magnitude <= 1e9 else { throw StudyError(.invalidValue, setting.fileRule, at: source.location(v)) }
        return Int(x)
    }

    func number(_ v: Node, _ setting: Study.Setting) throws -> Double { try source.number(v, what: setting.what) }

    func bool(_ v: Node) throws -> Bool {
        switch try source.string(v, what: "a yes/no setting").lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw StudyError(.syntax, "expected true or false", at: source.location(v))
        }
    }

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
}

extension MethodSection {
    func oat() throws -> Study.OATSettings {
        var change: Double?, directions: OneAtATime.Directions?, parameters: [String]?, groups: [(name: String, members: [String])]?
        return try settings(["change", "direction", "parameters", "groups"], { k, v, located in
            switch k {
            case "change": change = try number(v, .oatChange); located[k] = v
            case "direction":
                let d = try source.string(v, what: "direction")
                guard let dir = OneAtATime.Directions(rawValue: d) else { throw StudyError(.invalidValue, "direction must be up, down or both", at: source.location(v)) }
                directions = dir
            case "parameters": parameters = try parameterList(v, what: "oat parameters")
            case "groups": groups = try self.groups(v)
            default: return false
            }
            return true
        }, build: { try Study.OATSettings(change: change, directions: directions, parameters: parameters, groups: groups) })
    }

    func sobol() throws -> Study.SobolSettings {
        var n: Int?, bootstrap: Int?, confidence: Double?, secondOrder: Bool?, estimator: SobolEstimator?
        return try settings(["n", "bootstrap", "conf", "second_order", "estimator"], { k, v, located in
            switch k {
            case "n": n = try count(v, .sobolN)
            case "bootstrap": bootstrap = try count(v, .bootstrap)
            case "conf": confidence = try number(v, .confidence)
            case "second_order": secondOrder = try bool(v)
            case "estimator":
                let text = try source.string(v, what: "estimator")
                guard let e = SobolEstimator(rawValue: text.lowercased()) else {
                    let names = SobolEstimator.allCases.map(\.rawValue)
                    throw StudyError(.invalidValue, "estimator '\(text)'\(Suggestion.aside(for: text, among: names)): use \(names.joined(separator: ", "))", at: source.location(v))
                }
                estimator = e
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.SobolSettings(n: n, bootstrap: bootstrap, confidence: confidence, secondOrder: secondOrder, estimator: estimator) })
    }

    func morris() throws -> Study.MorrisSettings {
        var trajectories: Int?, levels: Int?, candidates: Int?
        return try settings(["trajectories", "levels", "candidates"], { k, v, located in
            switch k {
            case "trajectories": trajectories = try count(v, .trajectories)
            case "levels": levels = try count(v, .levels)
            case "candidates": candidates = try count(v, .candidates)
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.MorrisSettings(trajectories: trajectories, levels: levels, candidates: candidates) })
    }

    func prcc() throws -> Study.PRCCSettings {
        var n: Int?
        return try settings(["n"], { k, v, located in
            guard k == "n" else { return false }
            n = try count(v, .prccN)
            located[k] = v
            return true
        }, build: { try Study.PRCCSettings(n: n) })
    }

    func robustness() throws -> Study.RobustnessSettings {
        var n: Int?, change: Double?, tie: Double?, factors: [String]?, groups: [(name: String, members: [String])]?
        return try settings(["n", "change", "tie_tolerance", "factors", "groups"], { k, v, located in
            switch k {
            case "n": n = try count(v, .robustnessN); located[k] = v
            case "change": change = try number(v, .robustnessChange); located[k] = v
            case "tie_tolerance": tie = try number(v, .tieTolerance); located[k] = v
            case "factors": factors = try parameterList(v, what: "robustness factors")
            case "groups": groups = try self.groups(v)
            default: return false
            }
            return true
        }, build: { try Study.RobustnessSettings(n: n, change: change, factors: factors, groups: groups, tieTolerance: tie) })
    }
}
