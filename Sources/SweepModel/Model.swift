import SweepDiagnostics
import SweepNumerics

/// A system-dynamics model as the modeller wrote it: the time spec and the variables, each with
/// its original name, canonical id, equation and source location. Front ends (YAML, Vensim
/// `.mdl`) produce it; the compiler consumes it.
public struct Model: Sendable {
    public var name: String
    public var time: TimeSpec
    public var variables: [Variable]
    /// The file the model came from, for diagnostics.
    public var file: String
    /// Subscript ranges (Vensim's "subscripts"), each with its elements. A front end expands
    /// subscripted variables into scalars (`Model.expandingSubscripts`) before returning, so
    /// the dimensions stay only to name the elements (a writer lists them so that
    /// `X[e1,e2]` reads back); the compiler never needs them.
    public var dimensions: [Dimension]
    /// Vensim's reality checks (`:TEST INPUT:`, `:THE CONDITION:`), one per element: never part
    /// of the model's run; `sdsweep check` builds a test model from each (`RealityCheck`).
    public var realityChecks: [RealityCheck] = []

    public init(name: String, time: TimeSpec, variables: [Variable], file: String, dimensions: [Dimension] = [],
                realityChecks: [RealityCheck] = []) {
        self.name = name
        self.time = time
        self.variables = variables
        self.file = file
        self.dimensions = dimensions
        self.realityChecks = realityChecks
    }

    /// The variable whose canonical name matches `name`.
    public func variable(named name: String) -> Variable? {
        let id = CanonicalName(name)
        return variables.first { $0.id == id }
    }

    /// Names of the constants, the values a sweep may vary per run.
    public var constantNames: [String] {
        variables.compactMap { if case .constant = $0.kind { $0.name } else { nil } }
    }
}

/// INITIAL TIME, FINAL TIME, TIME STEP, SAVEPER, the integration method and the time unit.
public struct TimeSpec: Equatable, Sendable {
    public var initial: Double
    public var final: Double
    public var step: Double
    public var saveper: Double
    public var method: IntegrationMethod
    public var unit: String

    public init(initial: Double, final: Double, step: Double, saveper: Double? = nil,
                method: IntegrationMethod = .euler, unit: String = "Time") {
        self.initial = initial
        self.final = final
        self.step = step
        self.saveper = saveper ?? step
        self.method = method
        self.unit = unit
    }

    /// Number of integration steps from initial to final time.
    public var stepCount: Int { Int(((final - initial) / step).rounded()) }
    /// Integration steps between two saved times.
    public var stepsPerSave: Int { Int((saveper / step).rounded()) }
    /// The saved times: initial, initial + saveper, …, final.
    public var saveTimes: [Double] {
        stride(from: 0, through: stepCount, by: stepsPerSave).map { initial + Double($0) * step }
    }

    /// Checks the spec is integrable: positive step dividing the horizon, saveper a multiple
    /// of the step. Returns a message for the first problem, or nil.
    public func problem() -> String? {
        let values = [("INITIAL TIME", initial), ("FINAL TIME", final), ("TIME STEP", step), ("SAVEPER", saveper)]
        for (name, v) in values where !v.isFinite { return "\(name) must be a finite number, got \(v)" }
        if !(step > 0) { return "TIME STEP must be positive, got \(step)" }
        if !(final > initial) { return "FINAL TIME (\(final)) must be after INITIAL TIME (\(initial))" }
        let steps = (final - initial) / step
        if abs(steps - steps.rounded()) > 1e-9 * max(1, steps) {
            return "TIME STEP \(step) does not divide the horizon \(initial)…\(final) into whole steps"
        }
        if steps > 1e9 { return "TIME STEP \(step) gives \(steps) steps, more than 10^9" }
        let ratio = saveper / step
        if !(saveper > 0) || abs(ratio - ratio.rounded()) > 1e-9 * max(1, ratio) {
            return "SAVEPER \(saveper) is not a positive multiple of TIME STEP \(step)"
        }
        return nil
    }
}

public enum IntegrationMethod: String, CaseIterable, Sendable {
    case euler, rk2, rk4
}

/// One named model variable.
public struct Variable: Sendable {
    /// The name as the modeller wrote it.
    public var name: String
    public var id: CanonicalName
    public var kind: Kind
    public var units: String?
    public var documentation: String?
    public var location: SourceLocation
    /// True for the stocks and auxiliaries a stateful builtin (SMOOTH, DELAY…) expands into:
    /// computed like any other variable, but not one of the modeller's outputs.
    public var isHidden = false
    /// The subscripts of the left-hand side, each a dimension or an element name, as written:
    /// `["Cluster", "Partner"]` for `Weight[Cluster, Partner]`, `["c3"]` for `x[c3]`. Empty for
    /// a scalar, and for every variable once `Model.expandingSubscripts` has run (whose
    /// variables are named `Weight[c1,c2]`, …).
    public var subscripts: [String] = []

    public enum Kind: Sendable {
        /// A number: a candidate per-run parameter.
        case constant(Double)
        case auxiliary(Expression)
        /// An auxiliary that feeds a stock; kept apart only for reports.
        case flow(Expression)
        /// `d stock/dt = net`, starting from `initial`.
        case stock(initial: Expression, net: Expression)
        case lookup(Lookup)
    }

    public init(name: String, kind: Kind, units: String? = nil, documentation: String? = nil, location: SourceLocation) {
        self.name = name
        self.id = CanonicalName(name)
        self.kind = kind
        self.units = units
        self.documentation = documentation
        self.location = location
    }
}

/// A problem in a model file: unknown or duplicate names, bad equations, bad time spec.
public typealias ModelError = StageError<Model>

extension Model {
    /// The value of the constant named `name` (any spelling Vensim accepts), if it is one.
    public func constantValue(named name: String) -> Double? {
        guard let v = variable(named: name), case .constant(let value) = v.kind else { return nil }
        return value
    }
}
