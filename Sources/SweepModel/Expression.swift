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
    /// Hyperbolic functions, QUANTUM(x, q) = q·INTEGER(x/q) (x itself when q ≤ 0), GAMMA LN.
    case cosh = "COSH", sinh = "SINH", tanh = "TANH", quantum = "QUANTUM", gammaLn = "GAMMA LN"
    /// `POWER(a, b)` is `a ^ b`; `GAME(x)` is x outside gaming; `GET TIME VALUE(0, offset, 0)`
    /// is Time + offset: desugared with the time functions.
    case power = "POWER", game = "GAME", getTimeValue = "GET TIME VALUE"
    /// Lookups read another way (Vensim DSS Reference Manual, "Special Interpolation Modes"):
    /// written `LOOKUP FORWARD(table, x)`, held as `LOOKUP FORWARD(table(x))` once
    /// `Model.expandingStatefulBuiltins` has checked the table (LOOKUP AREA keeps its upper
    /// bound as a second argument).
    case lookupForward = "LOOKUP FORWARD", lookupBackward = "LOOKUP BACKWARD"
    case lookupExtrapolate = "LOOKUP EXTRAPOLATE", lookupInvert = "LOOKUP INVERT", lookupArea = "LOOKUP AREA"
    /// More stateful builtins, hidden stocks like the smooths: `SAMPLE IF TRUE(condition,
    /// input, initial)`, `FORECAST(input, average time, horizon)`, `NPV(stream, rate, initial,
    /// factor)` and `NPVE` (the stream valued at the end of each step).
    case sampleIfTrue = "SAMPLE IF TRUE", forecast = "FORECAST", npv = "NPV", npve = "NPVE"
    /// Vector functions as written, over the last subscript of their vector arguments (VECTOR
    /// SELECT over the dimensions marked `!`): `Model.expandingSubscripts` rewrites each into
    /// the `…ELEMENT` builtin below that gives one element of the result from the expanded
    /// elements.
    case vectorSelect = "VECTOR SELECT", vectorElmMap = "VECTOR ELM MAP", vectorSortOrder = "VECTOR SORT ORDER"
    case vectorRank = "VECTOR RANK", vectorReorder = "VECTOR REORDER", invertMatrix = "INVERT MATRIX"
    case allocateByPriority = "ALLOCATE BY PRIORITY", allocateAvailable = "ALLOCATE AVAILABLE"
    case vectorLookup = "VECTOR LOOKUP"
    /// The expanded vector functions, each one element of the result from scalar arguments
    /// (`VensimVectors` lists the layouts): `VECTOR SORT ORDER ELEMENT(k, direction, x1, …, xn)`
    /// is element k (from 0) of VECTOR SORT ORDER of x1…xn.
    case vectorSelectElement = "VECTOR SELECT ELEMENT", vectorElmMapElement = "VECTOR ELM MAP ELEMENT"
    case vectorSortOrderElement = "VECTOR SORT ORDER ELEMENT", vectorRankElement = "VECTOR RANK ELEMENT"
    case vectorReorderElement = "VECTOR REORDER ELEMENT", invertMatrixElement = "INVERT MATRIX ELEMENT"
    case allocateByPriorityElement = "ALLOCATE BY PRIORITY ELEMENT", allocateAvailableElement = "ALLOCATE AVAILABLE ELEMENT"
    case vectorLookupElement = "VECTOR LOOKUP ELEMENT"
    /// A data variable read at another time: `GET DATA AT TIME(data, time)` and `GET DATA
    /// BETWEEN TIMES(data, time, mode)`, rewritten into lookups of the data's series by
    /// `Model.expandingStatefulBuiltins` (see `StatefulExpansion.dataCall`).
    case getDataAtTime = "GET DATA AT TIME", getDataBetweenTimes = "GET DATA BETWEEN TIMES"
    /// `DEPRECIATE STRAIGHTLINE(stream, dtime, fisc, init)`: hidden stocks like the delays.
    case depreciateStraightline = "DEPRECIATE STRAIGHTLINE"

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
        case .cosh, .sinh, .tanh, .gammaLn, .game: 1...1
        case .quantum, .power: 2...2
        case .getTimeValue, .getDataBetweenTimes: 3...3
        case .getDataAtTime: 2...2
        case .lookupForward, .lookupBackward, .lookupExtrapolate, .lookupInvert: 1...2
        case .lookupArea: 2...3
        case .sampleIfTrue, .forecast: 3...3
        case .npv, .npve, .depreciateStraightline: 4...4
        case .vectorElmMap, .vectorSortOrder, .vectorRank, .vectorReorder, .invertMatrix: 2...2
        case .vectorSelect, .allocateByPriority, .vectorLookup: 5...5
        case .allocateAvailable: 3...3
        case .vectorElmMapElement: 2...Int.max
        case .vectorSortOrderElement, .vectorRankElement, .vectorReorderElement, .invertMatrixElement: 3...Int.max
        case .allocateAvailableElement: 7...Int.max
        case .vectorLookupElement: 6...Int.max
        case .vectorSelectElement, .allocateByPriorityElement: 5...Int.max
        }
    }

    /// True for the builtins that keep state of their own (smooths, delays, trends): they
    /// become hidden stocks before compilation.
    public var isStateful: Bool {
        switch self {
        case .smooth, .smoothI, .smooth3, .smooth3I, .smoothN, .delay1, .delay1I, .delay3, .delay3I, .delayN,
             .delayFixed, .trend, .sampleIfTrue, .forecast, .npv, .npve, .depreciateStraightline: true
        default: false
        }
    }

    /// True for the vector functions as written, which `Model.expandingSubscripts` rewrites.
    public var isVector: Bool {
        switch self {
        case .vectorSelect, .vectorElmMap, .vectorSortOrder, .vectorRank, .vectorReorder, .invertMatrix,
             .allocateByPriority, .allocateAvailable, .vectorLookup: true
        default: false
        }
    }

    /// True for the expanded vector functions (`VensimVectors`), one element of a vector result.
    public var isVectorElement: Bool {
        switch self {
        case .vectorSelectElement, .vectorElmMapElement, .vectorSortOrderElement, .vectorRankElement,
             .vectorReorderElement, .invertMatrixElement, .allocateByPriorityElement, .allocateAvailableElement,
             .vectorLookupElement: true
        default: false
        }
    }

    /// True for the builtins whose first argument names a lookup table.
    public var readsTable: Bool {
        switch self {
        case .lookupForward, .lookupBackward, .lookupExtrapolate, .lookupInvert, .lookupArea: true
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
