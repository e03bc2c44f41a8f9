import Foundation
import SweepNumerics

extension Model {
    /// The model with every smooth, delay and trend call rewritten into hidden stocks, so the
    /// compiler and engine only ever see INTEG-style stocks.
    ///
    /// This is PySD's approach (`pysd/py_backend/statefuls.py`: `Smooth`, `Delay`, `DelayN`,
    /// `DelayFixed`, `Trend`), written out as stock-and-flow structure with the same equations,
    /// which are Vensim's (Vensim DSS Reference Manual, "SMOOTH", "DELAY3", "TREND"):
    /// - `SMOOTHI(in, T, init)`: stock S from init, dS/dt = (in − S)/T; value S.
    ///   `SMOOTH(in, T)` starts from `in`. `SMOOTH3[I]`/`SMOOTH N` cascade 3 or n such stages,
    ///   each with time constant T/n.
    /// - `DELAY1I(in, T, init)`: stock L from init·T, dL/dt = in − L/T; value L/T. `DELAY3[I]`
    ///   cascades 3 stages with T/3 each (stages hold n·level so outflows read L/T, as PySD).
    ///   `DELAY N(in, T, init, n)` also shifts the delay time through the stages, one stage per
    ///   TIME STEP, as PySD's `DelayN` does to match Vensim when T varies.
    /// - `TREND(in, T, trend0)`: stock A from in/(1 + trend0·T), dA/dt = (in − A)/T; value
    ///   ZIDZ(in − A, T·|A|).
    /// - `DELAY FIXED(in, T, init)`: a pipeline of round(max(T/dt, 1)) stages, each handing its
    ///   value to the next every TIME STEP; value `init` until the pipeline fills, then
    ///   `in(t − n·dt)`. The pipeline is exact under Euler, Vensim's method for it.
    ///
    /// Orders (the n of `SMOOTH N`, `DELAY N`, `DELAY FIXED`, and the order cut of `DELAY N` when
    /// n·dt exceeds T) are fixed when the model initialises, as in Vensim and PySD: they must
    /// be computable from constants and time at INITIAL TIME, and may not depend on a
    /// per-run parameter (the number of stocks would differ between runs).
    ///
    /// - Parameters:
    ///   - parameters: constants that vary per run.
    ///   - overrides: constants given new fixed values.
    /// - Throws: `ModelError` at the calling variable's location when an order cannot be fixed.
    public func expandingStatefulBuiltins(parameters: [String] = [], overrides: [String: Double] = [:]) throws -> Model {
        // The front ends unroll subscripts before returning; a model built in code may not
        // have, and a smooth over an array is a smooth per element, so unroll first.
        if needsSubscriptExpansion { return try expandingSubscripts().expandingStatefulBuiltins(parameters: parameters, overrides: overrides) }
        var expansion = StatefulExpansion(model: self, parameters: Set(parameters.map(CanonicalName.init)),
                                          overrides: Dictionary(overrides.map { (CanonicalName($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }))
        var out = self
        for (i, v) in variables.enumerated() {
            switch v.kind {
            case .auxiliary(let e): out.variables[i].kind = .auxiliary(try expansion.expand(e, owner: v))
            case .flow(let e): out.variables[i].kind = .flow(try expansion.expand(e, owner: v))
            case .stock(let initial, let net):
                out.variables[i].kind = .stock(initial: try expansion.expand(initial, owner: v), net: try expansion.expand(net, owner: v))
            case .constant, .lookup: break
            }
        }
        out.variables += expansion.hidden
        return out
    }
}

/// The state of one expansion pass: the hidden variables made so far.
struct StatefulExpansion {
    let model: Model
    let parameters: Set<CanonicalName>
    let overrides: [CanonicalName: Double]
    var hidden: [Variable] = []
    var count = 0

    init(model: Model, parameters: Set<CanonicalName>, overrides: [CanonicalName: Double]) {
        self.model = model
        self.parameters = parameters
        self.overrides = overrides
    }

    /// `e` with its stateful calls replaced, innermost first.
    mutating func expand(_ e: Expression, owner: Variable) throws -> Expression {
        switch e {
        case .number, .variable: return e
        case .unary(let op, let a): return .unary(op, try expand(a, owner: owner))
        case .binary(let op, let a, let b): return .binary(op, try expand(a, owner: owner), try expand(b, owner: owner))
        case .lookupCall(let n, let a, let off): return .lookupCall(n, try expand(a, owner: owner), offset: off)
        case .withLookup(let a, let l): return .withLookup(try expand(a, owner: owner), l)
        case .call(let b, let rawArgs):
            var args: [Expression] = []
            for a in rawArgs { args.append(try expand(a, owner: owner)) }
            guard b.isStateful else { return .call(b, args) }
            count += 1
            let tag = "#\(owner.name).\(b.rawValue)[\(count)]"
            // The pipelines of DELAY FIXED and DELAY N's delay-time register move one stage per
            // TIME STEP, which only Euler's single evaluation per step does.
            if (b == .delayFixed || b == .delayN) && model.time.method != .euler {
                throw ModelError("unsupported: \(b.rawValue) with the \(model.time.method.rawValue) method (its pipeline moves one stage per TIME STEP; use euler) in '\(owner.name)' at line \(owner.location.line ?? 0)", at: owner.location)
            }
            switch b {
            case .smooth: return smooth(args[0], args[1], initial: args[0], order: 1, tag: tag, owner: owner)
            case .smoothI: return smooth(args[0], args[1], initial: args[2], order: 1, tag: tag, owner: owner)
            case .smooth3: return smooth(args[0], args[1], initial: args[0], order: 3, tag: tag, owner: owner)
            case .smooth3I: return smooth(args[0], args[1], initial: args[2], order: 3, tag: tag, owner: owner)
            case .smoothN:
                let n = try order(args[3], of: b, owner: owner)
                return smooth(args[0], args[1], initial: args[2], order: n, tag: tag, owner: owner)
            case .delay1: return delay(args[0], args[1], initial: args[0], order: 1, shiftTimes: false, tag: tag, owner: owner)
            case .delay1I: return delay(args[0], args[1], initial: args[2], order: 1, shiftTimes: false, tag: tag, owner: owner)
            case .delay3: return delay(args[0], args[1], initial: args[0], order: cutOrder(3, args[1]), shiftTimes: false, tag: tag, owner: owner)
            case .delay3I: return delay(args[0], args[1], initial: args[2], order: cutOrder(3, args[1]), shiftTimes: false, tag: tag, owner: owner)
            case .delayN:
                let n = cutOrder(try order(args[3], of: b, owner: owner), args[1])
                return delay(args[0], args[1], initial: args[2], order: n, shiftTimes: true, tag: tag, owner: owner)
            case .trend: return trend(args[0], args[1], initialTrend: args[2], tag: tag, owner: owner)
            case .delayFixed: return try delayFixed(args[0], args[1], initial: args[2], tag: tag, owner: owner)
            default: preconditionFailure("\(b) is not stateful")
            }
        }
    }

    // MARK: Structures

    mutating func stock(_ name: String, initial: Expression, net: Expression, owner: Variable) -> Expression {
        var v = Variable(name: name, kind: .stock(initial: initial, net: net), units: nil, documentation: nil, location: owner.location)
        v.isHidden = true
        hidden.append(v)
        return .variable(name, offset: 0)
    }

    mutating func smooth(_ input: Expression, _ time: Expression, initial: Expression, order n: Int, tag: String, owner: Variable) -> Expression {
        var target = input
        for k in 1...n {
            let name = "\(tag).stage \(k)"
            let level = Expression.variable(name, offset: 0)
            // PySD's Smooth.ddt: (target − state)·n / T.
            let gap = Expression.binary(.subtract, target, level)
            let net: Expression = n == 1 ? .binary(.divide, gap, time)
                : .binary(.divide, .binary(.multiply, gap, .number(Double(n))), time)
            target = stock(name, initial: initial, net: net, owner: owner)
        }
        return target
    }

    mutating func delay(_ input: Expression, _ time: Expression, initial: Expression, order n: Int, shiftTimes: Bool,
                        tag: String, owner: Variable) -> Expression {
        // The delay time each stage drains with: T itself, or (DELAY N) the value T had when
        // the material entered, shifted along one stage per TIME STEP (PySD's DelayN.times).
        var stageTime: [Expression] = Array(repeating: time, count: n)
        var reportTime = time
        if shiftTimes {
            var register: [Expression] = []
            for k in 1...n {
                let name = "\(tag).delay time \(k)"
                let previous = k == 1 ? time : register[k - 2]
                let net = Expression.binary(.divide, .binary(.subtract, previous, .variable(name, offset: 0)), .call(.timeStep, []))
                register.append(stock(name, initial: time, net: net, owner: owner))
            }
            // During a step, stage 1 drains with T now and stage k with register k − 1; the
            // reported value divides by register 1 (PySD's DelayN.__call__ reads times[0]).
            stageTime = [time] + register.dropLast()
            reportTime = register[0]
        }
        var inflow = input
        var last = Expression.number(0)
        for k in 1...n {
            let name = "\(tag).stage \(k)"
            let level = Expression.variable(name, offset: 0)
            let outflow = Expression.binary(.divide, level, stageTime[k - 1])
            let net = Expression.binary(.multiply, .binary(.subtract, inflow, outflow), .number(Double(n)))
            last = stock(name, initial: .binary(.multiply, initial, time), net: net, owner: owner)
            inflow = outflow
        }
        return .binary(.divide, last, reportTime)
    }

    mutating func trend(_ input: Expression, _ time: Expression, initialTrend: Expression, tag: String, owner: Variable) -> Expression {
        let name = "\(tag).average"
        let avg = Expression.variable(name, offset: 0)
        let initial = Expression.binary(.divide, input, .binary(.add, .number(1), .binary(.multiply, initialTrend, time)))
        _ = stock(name, initial: initial, net: .binary(.divide, .binary(.subtract, input, avg), time), owner: owner)
        return .call(.zidz, [.binary(.subtract, input, avg), .binary(.multiply, time, .call(.abs, [avg]))])
    }

    mutating func delayFixed(_ input: Expression, _ time: Expression, initial: Expression, tag: String, owner: Variable) throws -> Expression {
        guard let t = value(time) else {
            throw ModelError("unsupported: DELAY FIXED whose delay time is not known at INITIAL TIME (it depends on a stock or a per-run parameter) in '\(owner.name)' at line \(owner.location.line ?? 0)", at: owner.location)
        }
        // PySD's DelayFixed: round(max(T/dt, 1) + small) stages, fixed at initialisation.
        let n = Int((Swift.max(t / model.time.step, 1) + 1e-6).rounded())
        guard n <= 100_000 else {
            throw ModelError("DELAY FIXED in '\(owner.name)' needs \(n) pipeline stages (delay \(t) / TIME STEP \(model.time.step)); at most 100000 are supported", at: owner.location)
        }
        var previous = input
        for k in 1...n {
            let name = "\(tag).stage \(k)"
            let net = Expression.binary(.divide, .binary(.subtract, previous, .variable(name, offset: 0)), .call(.timeStep, []))
            previous = stock(name, initial: initial, net: net, owner: owner)
        }
        return previous
    }

    // MARK: Orders fixed at initialisation

    /// The order argument's value at INITIAL TIME, truncated to an integer ≥ 1.
    func order(_ e: Expression, of b: Builtin, owner: Variable) throws -> Int {
        guard let v = value(e), v.isFinite else {
            throw ModelError("unsupported: \(b.rawValue) whose order is not known at INITIAL TIME (it depends on a stock or a per-run parameter) in '\(owner.name)' at line \(owner.location.line ?? 0)", at: owner.location)
        }
        guard v >= 1, v <= 10_000 else {
            throw ModelError("\(b.rawValue) in '\(owner.name)': the order must be between 1 and 10000, got \(v)", at: owner.location)
        }
        return Int(v)
    }

    /// PySD's `Delay.initialize`: the order drops until order·dt ≤ T, when T is known at
    /// INITIAL TIME; otherwise it stays.
    func cutOrder(_ n: Int, _ time: Expression) -> Int {
        guard let t = value(time) else { return n }
        var n = n
        while n > 1 && Double(n) * model.time.step > t { n -= 1 }
        return n
    }

    /// The value of `e` at INITIAL TIME, when it follows from constants, time and auxiliaries
    /// alone; nil when it needs a stock, a per-run parameter or something unsupported.
    func value(_ e: Expression, depth: Int = 0) -> Double? {
        guard depth < 200 else { return nil }
        let spec = model.time
        let t = spec.initial
        func v(_ x: Expression) -> Double? { value(x, depth: depth + 1) }
        switch e {
        case .number(let x): return x
        case .variable(let n, _):
            let id = CanonicalName(n)
            guard let variable = model.variable(named: n) else { return nil }
            switch variable.kind {
            case .constant(let x):
                if parameters.contains(id) { return nil }
                return overrides[id] ?? x
            case .auxiliary(let x), .flow(let x): return v(x)
            default: return nil
            }
        case .unary(.negate, let a): return v(a).map { -$0 }
        case .unary(.not, let a): return v(a).map { $0 == 0 ? 1 : 0 }
        case .binary(let op, let a, let b):
            guard let x = v(a), let y = v(b) else { return nil }
            switch op {
            case .add: return x + y
            case .subtract: return x - y
            case .multiply: return x * y
            case .divide: return x / y
            case .power: return pow(x, y)
            case .less: return x < y ? 1 : 0
            case .lessEqual: return x <= y ? 1 : 0
            case .greater: return x > y ? 1 : 0
            case .greaterEqual: return x >= y ? 1 : 0
            case .equal: return x == y ? 1 : 0
            case .notEqual: return x != y ? 1 : 0
            case .and: return x != 0 && y != 0 ? 1 : 0
            case .or: return x != 0 || y != 0 ? 1 : 0
            }
        case .withLookup(let a, let l): return v(a).map { l($0) }
        case .lookupCall(let n, let a, _):
            guard let variable = model.variable(named: n), case .lookup(let l) = variable.kind, let x = v(a) else { return nil }
            return l(x)
        case .call(let b, let args):
            let xs = args.map(v)
            if xs.contains(where: { $0 == nil }) { return nil }
            let a = xs.map { $0! }
            switch b {
            case .time, .initialTime: return t
            case .timeStep: return spec.step
            case .finalTime: return spec.final
            case .saveper: return spec.saveper
            case .initial: return a[0]
            case .ifThenElse: return a[0] != 0 ? a[1] : a[2]
            case .min: return Swift.min(a[0], a[1])
            case .max: return Swift.max(a[0], a[1])
            case .abs: return Swift.abs(a[0])
            case .integer: return a[0].rounded(.towardZero)
            case .step: return t >= a[1] ? a[0] : 0
            case .ramp: return t < a[1] ? 0 : a[0] * (Swift.min(t, a[2]) - a[1])
            case .sqrt: return a[0].squareRoot()
            case .exp: return Foundation.exp(a[0])
            case .ln: return Foundation.log(a[0])
            case .modulo: return Foundation.fmod(a[0], a[1])
            case .sin: return Foundation.sin(a[0])
            case .cos: return Foundation.cos(a[0])
            case .tan: return Foundation.tan(a[0])
            case .arcsin: return Foundation.asin(a[0])
            case .arccos: return Foundation.acos(a[0])
            case .arctan: return Foundation.atan(a[0])
            case .log: return Foundation.log(a[0]) / Foundation.log(a[1])
            case .xidz: return Swift.abs(a[1]) < 1e-6 ? a[2] : a[0] / a[1]
            case .zidz: return Swift.abs(a[1]) < 1e-6 ? 0 : a[0] / a[1]
            case .pulse: return t >= a[0] && t < a[0] + (a[1] == 0 ? spec.step : Swift.max(a[1], spec.step)) ? 1 : 0
            default: return nil
            }
        }
    }
}
