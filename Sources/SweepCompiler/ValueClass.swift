import SweepModel

/// How often a value must be computed: its class.
///
/// Constants are folded at compile time; time-only values are computed once per evaluation for
/// a whole chunk; run-only values once per run; state values per run and evaluation.
enum ValueClass: Int, Comparable {
    case constant = 0, time = 1, run = 2, state = 3

    static func < (a: ValueClass, b: ValueClass) -> Bool { a.rawValue < b.rawValue }

    /// Time-only joined with run-only is state: it varies with both.
    func join(_ other: ValueClass) -> ValueClass {
        if (self == .time && other == .run) || (self == .run && other == .time) { return .state }
        return Swift.max(self, other)
    }

    /// The class of `e`, given the class of each variable it names (`variable` is called with
    /// the variable's spelling, left to right).
    ///
    /// Every operand is visited, even those of ACTIVE INITIAL, which is state whatever they
    /// are: it is computed in both the initialisation and the step programs, with different
    /// arguments, and only the state class is evaluated in both. Classification relies on the
    /// visit to find cycles through them.
    static func of(_ e: Expression, variable: (String) throws -> ValueClass) rethrows -> ValueClass {
        switch e {
        case .number: return .constant
        case .variable(let name, _): return try variable(name)
        case .unary(_, let a): return try of(a, variable: variable)
        case .binary(_, let a, let b): return try of(a, variable: variable).join(try of(b, variable: variable))
        case .lookupCall(_, let a, _), .withLookup(let a, _): return try of(a, variable: variable)
        case .call(let b, let args):
            switch b {
            case .time: return .time
            case .timeStep, .initialTime, .finalTime, .saveper: return .constant
            case .initial: return try of(args[0], variable: variable) == .constant ? .constant : .run
            case .activeInitial:
                for a in args { _ = try of(a, variable: variable) }
                return .state
            default:
                var c = ValueClass.constant
                for a in args { c = c.join(try of(a, variable: variable)) }
                return c
            }
        }
    }
}
