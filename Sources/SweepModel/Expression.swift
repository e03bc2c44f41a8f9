import SweepNumerics

/// An equation's right-hand side, in Vensim's expression language.
///
/// SD builtins are typed nodes (`.call(.step, …)`), so the compiler can tell a time-only
/// function from a state-dependent one without string matching.
public indirect enum Expression: Equatable, Sendable {
    case number(Double)
    /// A reference to a variable, as written; resolved by canonical name at compile time.
    /// A subscripted reference keeps its subscripts in the name, `Weight[Cluster,Partner!]`
    /// (`SubscriptedName` reads them), until `Model.expandingSubscripts` binds them to
    /// elements: `Weight[c1,c2]` is then the name of a scalar variable.
    case variable(String, offset: Int)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case call(Builtin, [Expression])
    /// `table(x)`: a lookup variable called like a function.
    case lookupCall(String, Expression, offset: Int)
    /// `WITH LOOKUP(x, ((x1,y1), …))`: a lookup written inline.
    case withLookup(Expression, Lookup)

    /// Variable names this expression refers to (lookup tables included), in order of appearance.
    public var references: [String] {
        var out: [String] = []
        visit { e in
            switch e {
            case .variable(let n, _): out.append(n)
            case .lookupCall(let n, _, _): out.append(n)
            default: break
            }
        }
        return out
    }

    /// Calls `body` on this node and every node below it, parents first.
    public func visit(_ body: (Expression) -> Void) {
        body(self)
        switch self {
        case .number, .variable: break
        case .unary(_, let a): a.visit(body)
        case .binary(_, let a, let b): a.visit(body); b.visit(body)
        case .call(_, let args): for a in args { a.visit(body) }
        case .lookupCall(_, let a, _): a.visit(body)
        case .withLookup(let a, _): a.visit(body)
        }
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not = ":NOT:"
}

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">=", equal = "=", notEqual = "<>"
    case and = ":AND:", or = ":OR:"
}

/// Vensim's builtin functions and time values, each with its arity.
public enum Builtin: String, CaseIterable, Sendable {
    case ifThenElse = "IF THEN ELSE"
    case min = "MIN", max = "MAX", abs = "ABS", exp = "EXP", ln = "LN", log = "LOG", sqrt = "SQRT"
    case sin = "SIN", cos = "COS", tan = "TAN", arcsin = "ARCSIN", arccos = "ARCCOS", arctan = "ARCTAN"
    case integer = "INTEGER", modulo = "MODULO", xidz = "XIDZ", zidz = "ZIDZ"
    case step = "STEP", ramp = "RAMP", pulse = "PULSE", pulseTrain = "PULSE TRAIN"
    case initial = "INITIAL"
    /// `INTEG(rate, initial)`: only as the whole equation of a stock.
    case integ = "INTEG"
    case time = "TIME", timeStep = "TIME STEP", initialTime = "INITIAL TIME", finalTime = "FINAL TIME"
    case saveper = "SAVEPER"
    /// Stateful builtins: rewritten into hidden stocks by `Model.expandingStatefulBuiltins`
    /// before compilation, the way PySD builds its `Smooth`, `Delay` and `Trend` objects.
    case smooth = "SMOOTH", smoothI = "SMOOTHI", smooth3 = "SMOOTH3", smooth3I = "SMOOTH3I", smoothN = "SMOOTH N"
    case delay1 = "DELAY1", delay1I = "DELAY1I", delay3 = "DELAY3", delay3I = "DELAY3I", delayN = "DELAY N"
    case delayFixed = "DELAY FIXED"
    case trend = "TREND"
    /// `ACTIVE INITIAL(value, initial)`: `initial` while the model initialises, `value` after.
    case activeInitial = "ACTIVE INITIAL"
    /// Reductions over the dimensions marked `!` in their argument (`SUM(x[Dim!])`): unrolled
    /// into `+`, `*`, MIN and MAX of the elements by `Model.expandingSubscripts`, so the
    /// compiler never sees them.
    case sum = "SUM", prod = "PROD", vmin = "VMIN", vmax = "VMAX"

    /// Number of arguments; `nil` for the time values, which are written without parentheses.
    public var arity: ClosedRange<Int>? {
        switch self {
        case .time, .timeStep, .initialTime, .finalTime, .saveper: nil
        case .abs, .exp, .ln, .sqrt, .sin, .cos, .tan, .arcsin, .arccos, .arctan, .integer, .initial: 1...1
        case .min, .max, .modulo, .zidz, .step, .integ, .log: 2...2
        case .ifThenElse, .xidz, .ramp: 3...3
        case .pulse: 2...2
        case .pulseTrain: 4...4
        case .smooth, .smooth3, .delay1, .delay3, .activeInitial: 2...2
        case .sum, .prod, .vmin, .vmax: 1...1
        case .smoothI, .smooth3I, .delay1I, .delay3I, .delayFixed, .trend: 3...3
        case .smoothN, .delayN: 4...4
        }
    }

    /// True for the builtins that keep state of their own (smooths, delays, trends): they
    /// become hidden stocks before compilation.
    public var isStateful: Bool {
        switch self {
        case .smooth, .smoothI, .smooth3, .smooth3I, .smoothN, .delay1, .delay1I, .delay3, .delay3I, .delayN,
             .delayFixed, .trend: true
        default: false
        }
    }

    /// True for SUM, PROD, VMIN and VMAX, which reduce over subscripts.
    public var isReduction: Bool {
        switch self {
        case .sum, .prod, .vmin, .vmax: true
        default: false
        }
    }

    /// The builtin named `name` (any case, Vensim spacing), if there is one.
    public static func named(_ name: String) -> Builtin? {
        lookupTable[CanonicalName(name).id]
    }

    private static let lookupTable: [String: Builtin] = {
        var t: [String: Builtin] = [:]
        for b in Builtin.allCases { t[CanonicalName(b.rawValue).id] = b }
        return t
    }()
}
