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
    ///   cascades 3 stages with T/3 each (stages hold n·level so outflows read L/T, as PySD),
    ///   all three kept even when T/3 is shorter than TIME STEP: Vensim does not drop stages
    ///   there (the test-models case `arguments`, DELAY3(Time, 2) at TIME STEP 1, matches
    ///   Vensim only so; PySD drops to 2 stages and needs a 1e-2 tolerance).
    ///   `DELAY N(in, T, init, n)` also shifts the delay time through the stages, one stage per
    ///   TIME STEP, as PySD's `DelayN` does to match Vensim when T varies.
    /// - `TREND(in, T, trend0)`: stock A from in/(1 + trend0·T), dA/dt = (in − A)/T; value
    ///   ZIDZ(in − A, T·|A|).
    /// - `SAMPLE IF TRUE`, `FORECAST`, `NPV`, `NPVE`: see `sampleIfTrue`, `forecast` and `npv`.
    /// - `GET DATA AT TIME`, `GET DATA BETWEEN TIMES`: no state, the data's table read at
    ///   another time (`dataCall`).
    /// - `DEPRECIATE STRAIGHTLINE`: a pipeline of the stream's past values (`depreciateStraightline`).
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
            if b.readsTable || b == .getTimeValue { return try checkedCall(b, args, owner: owner) }
            if b == .getDataAtTime || b == .getDataBetweenTimes { return try dataCall(b, args, owner: owner) }
            guard b.isStateful else { return .call(b, args) }
            count += 1
            let tag = "#\(owner.name).\(b.rawValue)[\(count)]"
            // The pipelines of DELAY FIXED and DELAY N's delay-time register move one stage per
            // TIME STEP, which only Euler's single evaluation per step does.
            if [.delayFixed, .delayN, .sampleIfTrue, .depreciateStraightline].contains(b) && model.time.method != .euler {
                throw ModelError(.unsupported, "unsupported: \(b.rawValue) with the \(model.time.method.rawValue) method (its pipeline moves one stage per TIME STEP; use euler) in '\(owner.name)' at line \(owner.location.line ?? 0)", at: owner.location)
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
            case .delay3: return delay(args[0], args[1], initial: args[0], order: 3, shiftTimes: false, tag: tag, owner: owner)
            case .delay3I: return delay(args[0], args[1], initial: args[2], order: 3, shiftTimes: false, tag: tag, owner: owner)
            case .delayN:
                let n = cutOrder(try order(args[3], of: b, owner: owner), args[1])
                return delay(args[0], args[1], initial: args[2], order: n, shiftTimes: true, tag: tag, owner: owner)
            case .trend: return trend(args[0], args[1], initialTrend: args[2], tag: tag, owner: owner)
            case .delayFixed: return try delayFixed(args[0], args[1], initial: args[2], tag: tag, owner: owner)
            case .sampleIfTrue: return sampleIfTrue(args[0], args[1], initial: args[2], tag: tag, owner: owner)
            case .forecast: return forecast(args[0], args[1], horizon: args[2], tag: tag, owner: owner)
            case .depreciateStraightline:
                return try depreciateStraightline(args[0], args[1], fiscal: args[2], initial: args[3], tag: tag, owner: owner)
            case .npv, .npve:
                return npv(args[0], rate: args[1], initial: args[2], factor: args[3], endOfStep: b == .npve, tag: tag, owner: owner)
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
            throw ModelError(.unsupported, "unsupported: DELAY FIXED whose delay time is not known at INITIAL TIME (it depends on a stock or a per-run parameter) in '\(owner.name)' at line \(owner.location.line ?? 0)", at: owner.location)
        }
        // PySD's DelayFixed: round(max(T/dt, 1) + small) stages, fixed at initialisation.
        let n = Int((Swift.max(t / model.time.step, 1) + 1e-6).rounded())
        guard n <= 100_000 else {
            throw ModelError(.missingValue, "DELAY FIXED in '\(owner.name)' needs \(n) pipeline stages (delay \(t) / TIME STEP \(model.time.step)); at most 100000 are supported", at: owner.location)
        }
        return pipeline(input, count: n, initial: initial, tag: tag, owner: owner)[n - 1]
    }

    /// `count` hidden stocks, each taking the value of the one before it (the first, `input`'s)
    /// every TIME STEP, all starting at `initial`: input(t − k·dt) at stage k, exact under Euler.
    mutating func pipeline(_ input: Expression, count: Int, initial: Expression, tag: String, owner: Variable) -> [Expression] {
        var stages: [Expression] = []
        for k in stride(from: 1, through: count, by: 1) {
            let name = "\(tag).stage \(k)"
            let previous = stages.last ?? input
            let net = Expression.binary(.divide, .binary(.subtract, previous, .variable(name, offset: 0)), .call(.timeStep, []))
            stages.append(stock(name, initial: initial, net: net, owner: owner))
        }
        return stages
    }

    // MARK: Orders fixed at initialisation

    /// The order argument's value at INITIAL TIME, truncated to an integer ≥ 1.
    func order(_ e: Expression, of b: Builtin, owner: Variable) throws -> Int {
        guard let v = value(e), v.isFinite else {
            throw ModelError(.unsupported, "unsupported: \(b.rawValue) whose order is not known at INITIAL TIME (it depends on a stock or a per-run parameter) in '\(owner.name)' at line \(owner.location.line ?? 0)", at: owner.location)
        }
        guard v >= 1, v <= 10_000 else {
            throw ModelError(.invalidValue, "\(b.rawValue) in '\(owner.name)': the order must be between 1 and 10000, got \(v)", at: owner.location)
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
        // Auxiliaries are followed into their equations; the depth bound stops a cycle.
        guard depth < 200 else { return nil }
        let spec = model.time
        return e.evaluate(
            variable: { n in
                guard let variable = model.variable(named: n) else { return nil }
                switch variable.kind {
                case .constant(let x): return parameters.contains(variable.id) ? nil : overrides[variable.id] ?? x
                case .auxiliary(let x), .flow(let x): return value(x, depth: depth + 1)
                default: return nil
                }
            },
            lookup: { n in if case .lookup(let l)? = model.variable(named: n)?.kind { l } else { nil } },
            time: { b in
                switch b {
                case .time, .initialTime: spec.initial
                case .timeStep: spec.step
                case .finalTime: spec.final
                case .saveper: spec.saveper
                default: nil
                }
            })
    }
}
