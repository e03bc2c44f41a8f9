import Foundation

/// XMILE's builtin functions and values (XMILE 1.0, section 3.5), written as SDSweep's typed
/// builtins, so the compiler, the engines and the stateful expansion need nothing new.
///
/// Argument orders and defaults are XMILE's: `SMTH1(input, time[, initial])`,
/// `SMTHN(input, time, n[, initial])`, `DELAY(input, time[, initial])` (a pipeline delay, Vensim's
/// DELAY FIXED), `DELAYN(input, time, n[, initial])`, `TREND(input, time[, initial trend])`,
/// `PULSE(volume, first[, interval])` (a pulse of `volume` spread over one DT: height
/// volume/DT), `RAMP(slope, start[, end])`, `SAFEDIV(a, b[, x])` (x, or 0, where b = 0),
/// `INT(x)` (toward zero), `MIN`/`MAX`/`SUM`/`MEAN` of one array (a reduction) or of several
/// values, `LOOKUP(f, x)` or `f(x)` for a graphical function `f`, and the file's macros
/// (`XMILEMacro`).
enum XMILEFunctions {
    typealias SyntaxError = ExpressionParser.SyntaxError

    /// The value a bare name stands for (`time`, `dt`, `starttime`, `stoptime`, `pi`, and the
    /// control names a Vensim export declares: `TIME_STEP`, `INITIAL_TIME`, …), or nil.
    static func value(named name: String) -> Expression? {
        switch CanonicalName(name).id {
        case "time": .call(.time, [])
        case "dt", "time step": .call(.timeStep, [])
        case "starttime", "initial time": .call(.initialTime, [])
        case "stoptime", "final time": .call(.finalTime, [])
        case "saveper": .call(.saveper, [])
        case "pi": .number(Double.pi)
        default: nil
        }
    }

    /// The control names of a Vensim export, declared as variables but read as the time spec.
    static let controlNames: Set<String> = ["time step", "initial time", "final time", "saveper"]

    /// `name(args)` as an `Expression`.
    /// - Throws: a wrong argument count, or an unknown function (`unknownFunction` set).
    static func call(_ name: String, _ args: [Expression], scope: XMILEExpressionParser.Scope, at start: Int) throws(SyntaxError) -> Expression {
        let key = CanonicalName(name).id.uppercased()
        func arity(_ range: ClosedRange<Int>) throws(SyntaxError) {
            guard range.contains(args.count) else {
                let want = range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)"
                throw SyntaxError(message: "\(name) takes \(want) argument\(range.upperBound == 1 ? "" : "s"), got \(args.count)", offset: start)
            }
        }
        if let b = direct[key] {
            try arity(1...1)
            return .call(b, args)
        }
        switch key {
        case "LOG10": try arity(1...1); return .call(.log, [args[0], .number(10)])
        // Truncation, as Vensim's INTEGER: the suite's `rounding` case (Vensim's output) gives
        // INT(-9.9) = -9, and PySD reads INT so.
        case "INT": try arity(1...1); return .call(.integer, args)
        case "SINH", "COSH", "TANH":
            try arity(1...1)
            return hyperbolic(key, args[0])
        case "MIN", "MAX", "SUM", "MEAN", "PROD":
            return try aggregate(key, args, scope: scope, name: name, at: start)
        case "IF THEN ELSE": try arity(3...3); return .call(.ifThenElse, args)
        case "SAFEDIV":
            try arity(2...3)
            return ite(.binary(.equal, args[1], .number(0)), args.count == 3 ? args[2] : .number(0), .binary(.divide, args[0], args[1]))
        case "STEP": try arity(2...2); return .call(.step, args)
        case "RAMP": try arity(2...3); return .call(.ramp, [args[0], args[1], args.count == 3 ? args[2] : .call(.finalTime, [])])
        case "PULSE": try arity(2...3); return pulse(args)
        case "INIT": try arity(1...1); return .call(.initial, args)
        case "SMTH1": try arity(2...3); return .call(args.count == 3 ? .smoothI : .smooth, args)
        case "SMTH3": try arity(2...3); return .call(args.count == 3 ? .smooth3I : .smooth3, args)
        case "SMTHN": try arity(3...4); return .call(.smoothN, [args[0], args[1], args.count == 4 ? args[3] : args[0], args[2]])
        case "DELAY": try arity(2...3); return .call(.delayFixed, [args[0], args[1], args.count == 3 ? args[2] : args[0]])
        case "DELAY1": try arity(2...3); return .call(args.count == 3 ? .delay1I : .delay1, args)
        case "DELAY3": try arity(2...3); return .call(args.count == 3 ? .delay3I : .delay3, args)
        case "DELAYN": try arity(3...4); return .call(.delayN, [args[0], args[1], args.count == 4 ? args[3] : args[0], args[2]])
        case "TREND": try arity(2...3); return .call(.trend, [args[0], args[1], args.count == 3 ? args[2] : .number(0)])
        case "PI": try arity(0...0); return .number(Double.pi)
        case "LOOKUP":
            try arity(2...2)
            guard case .variable(let table, _) = args[0], let l = scope.graphical(SubscriptedName(parsing: table)?.base ?? table) else {
                throw SyntaxError(message: "LOOKUP's first argument must name a graphical function", offset: start)
            }
            return l.applied(to: args[1])
        default:
            if let m = scope.macro(name) { return try m.expand(args, scope: scope, at: start) }
            if args.count == 1, let l = scope.graphical(scope.qualify(name)) { return l.applied(to: args[0]) }
            throw SyntaxError(message: "unknown function '\(name)'", offset: start, unknownFunction: name)
        }
    }

    /// The one-argument functions that are SDSweep builtins of the same meaning.
    static let direct: [String: Builtin] = [
        "ABS": .abs, "EXP": .exp, "LN": .ln, "SQRT": .sqrt, "SIN": .sin, "COS": .cos, "TAN": .tan,
        "ARCSIN": .arcsin, "ARCCOS": .arccos, "ARCTAN": .arctan,
    ]

    static func ite(_ c: Expression, _ a: Expression, _ b: Expression) -> Expression { .call(.ifThenElse, [c, a, b]) }

    static func hyperbolic(_ f: String, _ x: Expression) -> Expression {
        let up = Expression.call(.exp, [x]), down = Expression.call(.exp, [.unary(.negate, x)])
        switch f {
        case "SINH": return .binary(.divide, .binary(.subtract, up, down), .number(2))
        case "COSH": return .binary(.divide, .binary(.add, up, down), .number(2))
        default: return .binary(.divide, .binary(.subtract, up, down), .binary(.add, up, down))
        }
    }

    /// `PULSE(volume, first[, interval])`: volume/DT during the DT starting at `first`, again
    /// every `interval` when it is given and positive.
    static func pulse(_ args: [Expression]) -> Expression {
        let dt = Expression.call(.timeStep, [])
        let height = Expression.binary(.divide, args[0], dt)
        let once = Expression.binary(.multiply, height, .call(.pulse, [args[1], .number(0)]))
        guard args.count == 3 else { return once }
        if case .number(let v) = args[2], v <= 0 { return once }
        let train = Expression.binary(.multiply, height, .call(.pulseTrain, [args[1], dt, args[2], .call(.finalTime, [])]))
        return ite(.binary(.greater, args[2], .number(0)), train, once)
    }

    /// MIN, MAX, SUM, MEAN, PROD: of several values, or of every element of one array.
    static func aggregate(_ key: String, _ args: [Expression], scope: XMILEExpressionParser.Scope, name: String,
                          at start: Int) throws(SyntaxError) -> Expression {
        if args.count == 1 {
            let (arg, count) = reduced(args[0], scope: scope)
            guard count > 0 else {
                if key == "MIN" || key == "MAX" { throw SyntaxError(message: "\(name) of one value needs an array argument", offset: start) }
                return args[0]
            }
            switch key {
            case "MIN": return .call(.vmin, [arg])
            case "MAX": return .call(.vmax, [arg])
            case "PROD": return .call(.prod, [arg])
            case "SUM": return .call(.sum, [arg])
            default: return .binary(.divide, .call(.sum, [arg]), .call(.sum, [elementCount(arg)]))
            }
        }
        guard !args.isEmpty else { throw SyntaxError(message: "\(name) needs at least one argument", offset: start) }
        switch key {
        case "MIN": return args.dropFirst().reduce(args[0]) { .call(.min, [$0, $1]) }
        case "MAX": return args.dropFirst().reduce(args[0]) { .call(.max, [$0, $1]) }
        case "PROD": return args.dropFirst().reduce(args[0]) { .binary(.multiply, $0, $1) }
        case "SUM": return args.dropFirst().reduce(args[0]) { .binary(.add, $0, $1) }
        default: return .binary(.divide, args.dropFirst().reduce(args[0]) { .binary(.add, $0, $1) }, .number(Double(args.count)))
        }
    }

    /// `e` with every dimension in its subscripts marked for reduction, and how many were.
    static func reduced(_ e: Expression, scope: XMILEExpressionParser.Scope) -> (Expression, Int) {
        var count = 0
        let marked = e.mappingSubscripts { s in
            for i in s.subscripts.indices where s.subscripts[i].reduced || scope.isDimension(s.subscripts[i].name) {
                s.subscripts[i].reduced = true
                count += 1
            }
        }
        return (marked, count)
    }

    /// 1 for each element a reduction of `e` ranges over: the first reduced reference's
    /// subscripts with a constant body, so `SUM` of it counts the elements.
    static func elementCount(_ e: Expression) -> Expression {
        var found: String?
        e.visit { node in
            if found == nil, case .variable(let n, _) = node, n.contains("!") { found = n }
        }
        guard let n = found else { return .number(1) }
        // x[D!] * 0 + 1: one per element, whatever x's values.
        return .binary(.add, .binary(.multiply, .variable(n, offset: 0), .number(0)), .number(1))
    }
}
