extension Expression {
    /// STEP, RAMP, PULSE and PULSE TRAIN written as IF THEN ELSE over `Time` (PySD's rules,
    /// shared with Vensim), POWER as `^`, GAME(x) as x and GET TIME VALUE(relative to, offset,
    /// 0) as Time (relative to 0) or INITIAL TIME (relative to 1) plus offset, or nil for any
    /// other builtin. The compiler lowers them this way and
    /// the model-level evaluation uses the same expressions, so both agree.
    public static func timeFunction(_ b: Builtin, _ args: [Expression]) -> Expression? {
        let time = Expression.call(.time, []), dt = Expression.call(.timeStep, [])
        func ite(_ c: Expression, _ a: Expression, _ b: Expression) -> Expression { .call(.ifThenElse, [c, a, b]) }
        switch b {
        case .step:
            // STEP(height, start): 0 before start, height from start on.
            return ite(.binary(.greaterEqual, time, args[1]), args[0], .number(0))
        case .ramp:
            // RAMP(slope, start, end): slope·(t − start) between start and end, held after.
            let rising = Expression.binary(.multiply, args[0], .binary(.subtract, time, args[1]))
            let held = Expression.binary(.multiply, args[0], .binary(.subtract, args[2], args[1]))
            return ite(.binary(.less, time, args[1]), .number(0), ite(.binary(.greater, time, args[2]), held, rising))
        case .pulse:
            // PULSE(start, width): 1 on [start, start + width); a zero width means TIME STEP.
            let width = Expression.call(.max, [args[1], dt])
            let end = Expression.binary(.add, args[0], ite(.binary(.equal, args[1], .number(0)), dt, width))
            return ite(.binary(.and, .binary(.greaterEqual, time, args[0]), .binary(.less, time, end)), .number(1), .number(0))
        case .pulseTrain:
            // PULSE TRAIN(start, width, interval, end): pulses of `width` every `interval`
            // from start until end.
            let phase = Expression.call(.modulo, [.binary(.subtract, time, args[0]), args[2]])
            let active = Expression.binary(.and, .binary(.greaterEqual, time, args[0]), .binary(.lessEqual, time, args[3]))
            return ite(active, ite(.binary(.less, phase, args[1]), .number(1), .number(0)), .number(0))
        case .power:
            return .binary(.power, args[0], args[1])
        case .game:
            return args[0]
        case .getTimeValue:
            // Checked by `Model.expandingStatefulBuiltins`: only the model-time measures.
            let base = args[0] == .number(1) ? Expression.call(.initialTime, []) : time
            return .binary(.add, base, args[1])
        default:
            return nil
        }
    }

    /// The expression's value at one moment, when every leaf it needs has one; nil otherwise.
    ///
    /// Used where a model must be evaluated before it is compiled: control values that are
    /// expressions of each other, delay orders fixed at INITIAL TIME. IF THEN ELSE evaluates
    /// only the branch it takes; INITIAL(x) is x (the moment is the initial one); ACTIVE
    /// INITIAL takes its initial argument. The arithmetic is `VensimMath`'s.
    /// - Parameters:
    ///   - variable: the value of a referenced variable, or nil when it has none here.
    ///   - lookup: the table a name calls.
    ///   - time: the value of `Time`, `TIME STEP`, `INITIAL TIME`, `FINAL TIME`, `SAVEPER`.
    public func evaluate(variable: (String) throws -> Double?, lookup: (String) -> Lookup?,
                         time: (Builtin) throws -> Double?) rethrows -> Double? {
        func v(_ e: Expression) throws -> Double? { try e.evaluate(variable: variable, lookup: lookup, time: time) }
        switch self {
        case .number(let x): return x
        case .variable(let n, _): return try variable(n)
        case .unary(let op, let a):
            guard let x = try v(a) else { return nil }
            return op == .negate ? -x : VensimMath.not(x)
        case .binary(let op, let a, let b):
            guard let x = try v(a), let y = try v(b) else { return nil }
            return VensimMath.apply(op, x, y)
        case .lookupCall(let n, let a, _):
            guard let table = lookup(n), let x = try v(a) else { return nil }
            return table(x)
        case .withLookup(let a, let table): return try v(a).map { table($0) }
        case .call(let b, let args):
            if b.arity == nil { return try time(b) }
            if let desugared = Expression.timeFunction(b, args) { return try v(desugared) }
            switch b {
            case .ifThenElse:
                guard let c = try v(args[0]) else { return nil }
                return try v(c != 0 ? args[1] : args[2])
            case .initial: return try v(args[0])
            case .activeInitial: return try v(args[1])
            default:
                var values: [Double] = []
                for a in args {
                    guard let x = try v(a) else { return nil }
                    values.append(x)
                }
                return VensimMath.apply(b, values)
            }
        }
    }
}
