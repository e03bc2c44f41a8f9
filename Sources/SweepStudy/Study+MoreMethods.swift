import SweepAnalysis
import SweepSampling
import Yams

/// The settings of the methods beyond Sobol', Morris and PRCC: eFAST and DGSM with designs of
/// their own, and the given-data methods RBD-FAST, delta and PAWN, which analyse the PRCC
/// stage's Latin hypercube when they give no `n` of their own (no new runs), else a hypercube
/// of n points.
///
/// ```yaml
/// methods:
///   efast: {n: 1000, m: 4}        # n points per parameter's curve
///   rbd_fast: {m: 10}             # the PRCC stage's runs
///   delta: {n: 2000, bootstrap: 100}
///   pawn: {slices: 10}
///   dgsm: {n: 500, delta: 0.01}   # n base points, each with k moved copies
/// ```
extension Study {
    public struct EFASTSettings: MethodSettings {
        public private(set) var n: Int = 1000
        public private(set) var m: Int = 4
        public private(set) var bootstrap: Int = 100
        public private(set) var confidence: Double = 0.95

        public static let method = Study.Method.efast
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.efast }

        public init() {}

        public init(_ base: Self = Self(), n: Int? = nil, m: Int? = nil, bootstrap: Int? = nil, confidence: Double? = nil) throws {
            self = base
            try update(\.n, n, .efastN)
            try update(\.m, m, .harmonics)
            try update(\.bootstrap, bootstrap, .bootstrap)
            try update(\.confidence, confidence, .confidence)
        }
    }

    /// RBD-FAST on given data.
    public struct RBDFASTSettings: MethodSettings {
        /// Points of its own hypercube; nil: the PRCC stage's runs (or 1000 without one).
        public private(set) var n: Int?
        public private(set) var m: Int = 10
        public private(set) var bootstrap: Int = 100
        public private(set) var confidence: Double = 0.95

        public static let method = Study.Method.rbdFast
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.rbdFast }

        public init() {}

        public init(_ base: Self = Self(), n: Int? = nil, m: Int? = nil, bootstrap: Int? = nil, confidence: Double? = nil) throws {
            self = base
            if let n { try Setting.givenDataN.check(Double(n)); self.n = n }
            try update(\.m, m, .harmonics)
            try update(\.bootstrap, bootstrap, .bootstrap)
            try update(\.confidence, confidence, .confidence)
        }
    }

    /// Borgonovo's δ on given data.
    public struct DeltaSettings: MethodSettings {
        public private(set) var n: Int?
        public private(set) var bootstrap: Int = 100
        public private(set) var confidence: Double = 0.95

        public static let method = Study.Method.delta
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.delta }

        public init() {}

        public init(_ base: Self = Self(), n: Int? = nil, bootstrap: Int? = nil, confidence: Double? = nil) throws {
            self = base
            if let n { try Setting.givenDataN.check(Double(n)); self.n = n }
            try update(\.bootstrap, bootstrap, .bootstrap)
            try update(\.confidence, confidence, .confidence)
        }
    }

    /// PAWN on given data.
    public struct PAWNSettings: MethodSettings {
        public private(set) var n: Int?
        public private(set) var slices: Int = 10

        public static let method = Study.Method.pawn
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.pawn }

        public init() {}

        public init(_ base: Self = Self(), n: Int? = nil, slices: Int? = nil) throws {
            self = base
            if let n { try Setting.givenDataN.check(Double(n)); self.n = n }
            try update(\.slices, slices, .slices)
        }
    }

    /// DGSM from finite differences: n base points, each followed by k moved copies.
    public struct DGSMSettings: MethodSettings {
        public private(set) var n: Int = 512
        public private(set) var delta: Double = 0.01
        public private(set) var bootstrap: Int = 100
        public private(set) var confidence: Double = 0.95

        public static let method = Study.Method.dgsm
        public static var slot: WritableKeyPath<Study.Methods, Self?> { \.dgsm }

        public init() {}

        public init(_ base: Self = Self(), n: Int? = nil, delta: Double? = nil, bootstrap: Int? = nil, confidence: Double? = nil) throws {
            self = base
            try update(\.n, n, .dgsmN)
            try update(\.delta, delta, .step)
            try update(\.bootstrap, bootstrap, .bootstrap)
            try update(\.confidence, confidence, .confidence)
        }
    }
}

extension Study.Methods {
    /// Whether the study asks for `method`.
    public func runs(_ method: Study.Method) -> Bool {
        switch method {
        case .oat: oat != nil
        case .sobol: sobol != nil
        case .morris: morris != nil
        case .prcc: prcc != nil
        case .robustness: robustness != nil
        case .efast: efast != nil
        case .rbdFast: rbdFast != nil
        case .delta: delta != nil
        case .pawn: pawn != nil
        case .dgsm: dgsm != nil
        }
    }
}

extension Study.Setting {
    /// eFAST needs n > 4M² points per curve; 65 is that bound for M = 4 (the layout checks M's).
    public static let efastN = Self("n", "efast n", .atLeast(65))
    public static let harmonics = Self("m", "m", .atLeast(1))
    public static let givenDataN = Self("n", "n", .atLeast(10))
    public static let slices = Self("slices", "slices", .atLeast(2))
    public static let dgsmN = Self("n", "dgsm n", .atLeast(2))
    public static let step = Self("delta", "delta", .fraction)
}

extension MethodSection {
    func efast() throws -> Study.EFASTSettings {
        var n: Int?, m: Int?, bootstrap: Int?, confidence: Double?
        return try settings(["n", "m", "bootstrap", "conf"], { k, v, located in
            switch k {
            case "n": n = try count(v, .efastN)
            case "m": m = try count(v, .harmonics)
            case "bootstrap": bootstrap = try count(v, .bootstrap)
            case "conf": confidence = try number(v, .confidence)
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.EFASTSettings(n: n, m: m, bootstrap: bootstrap, confidence: confidence) })
    }

    func rbdFast() throws -> Study.RBDFASTSettings {
        var n: Int?, m: Int?, bootstrap: Int?, confidence: Double?
        return try settings(["n", "m", "bootstrap", "conf"], { k, v, located in
            switch k {
            case "n": n = try count(v, .givenDataN)
            case "m": m = try count(v, .harmonics)
            case "bootstrap": bootstrap = try count(v, .bootstrap)
            case "conf": confidence = try number(v, .confidence)
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.RBDFASTSettings(n: n, m: m, bootstrap: bootstrap, confidence: confidence) })
    }

    func delta() throws -> Study.DeltaSettings {
        var n: Int?, bootstrap: Int?, confidence: Double?
        return try settings(["n", "bootstrap", "conf"], { k, v, located in
            switch k {
            case "n": n = try count(v, .givenDataN)
            case "bootstrap": bootstrap = try count(v, .bootstrap)
            case "conf": confidence = try number(v, .confidence)
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.DeltaSettings(n: n, bootstrap: bootstrap, confidence: confidence) })
    }

    func pawn() throws -> Study.PAWNSettings {
        var n: Int?, slices: Int?
        return try settings(["n", "slices"], { k, v, located in
            switch k {
            case "n": n = try count(v, .givenDataN)
            case "slices": slices = try count(v, .slices)
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.PAWNSettings(n: n, slices: slices) })
    }

    func dgsm() throws -> Study.DGSMSettings {
        var n: Int?, delta: Double?, bootstrap: Int?, confidence: Double?
        return try settings(["n", "delta", "bootstrap", "conf"], { k, v, located in
            switch k {
            case "n": n = try count(v, .dgsmN)
            case "delta": delta = try number(v, .step)
            case "bootstrap": bootstrap = try count(v, .bootstrap)
            case "conf": confidence = try number(v, .confidence)
            default: return false
            }
            located[k] = v
            return true
        }, build: { try Study.DGSMSettings(n: n, delta: delta, bootstrap: bootstrap, confidence: confidence) })
    }
}
