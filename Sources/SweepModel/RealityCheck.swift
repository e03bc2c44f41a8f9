import SweepDiagnostics

/// A Vensim reality check: a statement about behaviour ("no workers, no output") that
/// `sdsweep check` tests by running the model, kept beside the model and never part of its
/// ordinary run.
///
/// Vensim's semantics (Vensim Help, User Guide chapter "Reality Check": "Test Inputs"
/// vensim.com/documentation/20965.html, "Constraints" 20970.html, "Active Testing"
/// 20980.html; Reference Guide "Reality Check Functions" fn_rc.html):
/// - A test input `name :TEST INPUT: variable = expr` replaces the variable's equation by
///   `expr` while it is active; inside `expr` the variable's own name means the value its
///   normal equation computes ("the equation may reference the original computed value"), and
///   the new value is used wherever the variable is used.
/// - A constraint `name :THE CONDITION: condition :IMPLIES: consequence` is tested actively:
///   Vensim forces the condition true and tests the consequence. A test input named in the
///   condition, or an equality `variable = expr`, is applied as above; an inequality
///   `variable < expr` keeps the variable where it already holds and assigns `expr` where it
///   does not. What cannot be forced (`:OR:`, `:NOT:`, a comparison of two expressions that
///   are not a variable) is tested passively: wherever it holds in the run, the consequence
///   must hold. Parts joined by `:AND:` are each forced or tested. An empty condition always
///   holds.
/// - The RC functions (RC STEP, RC RAMP, RC DECAY, RC GROW and their CHECK forms) keep a
///   variable at its normal value until `start` (the model's `RC START TIME`, else INITIAL
///   TIME + TIME STEP), then follow a new trajectory built from `basis` as it was at `start`
///   (frozen), for `duration` (to the end when omitted); a CHECK form's comparison is tested
///   only from `start + grace` on. The reader writes them out as ordinary expressions
///   (SAMPLE IF TRUE freezes `basis`), so the tests are ordinary models.
///
/// A subscripted check is one check per element, as the model's equations are
/// (`no output[sectors]` becomes `no output[a]`, `no output[b]`, …), each tested on its own.
public struct RealityCheck: Equatable, Sendable {
    public enum Body: Equatable, Sendable {
        /// `:TEST INPUT:` — `variable` (an expanded scalar name) is computed by `equation`.
        case testInput(variable: String, equation: Expression)
        /// `:THE CONDITION: condition :IMPLIES: consequence`, both logical expressions (nonzero
        /// is true), RC functions already written out.
        case constraint(condition: Expression, consequence: Expression)
        /// A check the reader could not turn into a test (an RC COMPARE, `:CROSSING:`, a name
        /// the model does not define), with the reason: the model still loads and runs, and
        /// `sdsweep check` reports the check as not evaluated. `testInput` tells which kind of
        /// record it was.
        case unsupported(String, testInput: Bool)
    }

    /// The name as written, without subscripts: `no productivity no output`.
    public var name: String
    /// The element of each subscript this check stands for (`["a"]`), empty for a scalar.
    public var element: [String]
    public var body: Body
    public var location: SourceLocation

    public init(name: String, element: [String] = [], body: Body, location: SourceLocation) {
        self.name = name
        self.element = element
        self.body = body
        self.location = location
    }

    /// `name[e1,e2]`, or the name for a scalar check.
    public var fullName: String { element.isEmpty ? name : SubscriptedName.elementName(name, element) }

    /// True for a test input (read or not), false for a constraint.
    public var isTestInput: Bool {
        switch body {
        case .testInput: true
        case .constraint: false
        case .unsupported(_, let testInput): testInput
        }
    }

    /// Why the check cannot be evaluated, or nil.
    public var unsupportedReason: String? {
        if case .unsupported(let why, _) = body { why } else { nil }
    }
}
