import SweepDiagnostics

/// SAMPLE IF TRUE, FORECAST, NPV, NPVE and DEPRECIATE STRAIGHTLINE as hidden stocks, and the checks of the builtins that
/// `StatefulExpansion` rewrites without state (the lookup modes, GET TIME VALUE).
extension StatefulExpansion {
    mutating func auxiliary(_ name: String, _ e: Expression, owner: Variable) -> Expression {
        var v = Variable(name: name, kind: .auxiliary(e), units: nil, documentation: nil, location: owner.location)
        v.isHidden = true
        hidden.append(v)
        return .variable(name, offset: 0)
    }

    /// `SAMPLE IF TRUE(condition, input, initial)` (PySD's `SampleIfTrue`): the value V is
    /// `input` when the condition holds, else the sample S kept from the step before; S starts
    /// at `initial` and takes V each TIME STEP (dS/dt = (V − S)/TIME STEP, under Euler).
    mutating func sampleIfTrue(_ condition: Expression, _ input: Expression, initial: Expression, tag: String, owner: Variable) -> Expression {
        let name = "\(tag).sample"
        let value = auxiliary("\(tag).value", .call(.ifThenElse, [condition, input, .variable(name, offset: 0)]), owner: owner)
        let net = Expression.binary(.divide, .binary(.subtract, value, .variable(name, offset: 0)), .call(.timeStep, []))
        _ = stock(name, initial: initial, net: net, owner: owner)
        return value
    }

    /// `FORECAST(input, T, horizon)` (Vensim's "FORECAST", PySD's `Forecast`): a smooth AV of
    /// the input from the input, dAV/dt = (input − AV)/T; value
    /// input·(1 + ZIDZ(input − AV, T·AV)·horizon).
    mutating func forecast(_ input: Expression, _ time: Expression, horizon: Expression, tag: String, owner: Variable) -> Expression {
        let name = "\(tag).average"
        let avg = Expression.variable(name, offset: 0)
        _ = stock(name, initial: input, net: .binary(.divide, .binary(.subtract, input, avg), time), owner: owner)
        let trend = Expression.call(.zidz, [.binary(.subtract, input, avg), .binary(.multiply, time, avg)])
        return .binary(.multiply, input, .binary(.add, .number(1), .binary(.multiply, trend, horizon)))
    }

    /// `NPV(stream, rate, initial, factor)`, the manual's equations: a discount factor df from
    /// 1, d df/dt = −df·rate/(1 + rate·TIME STEP); an accumulation A from `initial`,
    /// dA/dt = stream·df; value (A + stream·TIME STEP·df)·factor. `NPVE` (`endOfStep`) starts
    /// df at 1/(1 + rate·TIME STEP), valuing the stream at the end of each step as Excel does.
    mutating func npv(_ stream: Expression, rate: Expression, initial: Expression, factor: Expression, endOfStep: Bool,
                      tag: String, owner: Variable) -> Expression {
        let dt = Expression.call(.timeStep, [])
        let dfName = "\(tag).discount factor", accumName = "\(tag).accumulation"
        let df = Expression.variable(dfName, offset: 0)
        let step = Expression.binary(.add, .number(1), .binary(.multiply, rate, dt))
        let decay = Expression.binary(.divide, .binary(.multiply, .unary(.negate, df), rate), step)
        _ = stock(dfName, initial: endOfStep ? .binary(.divide, .number(1), step) : .number(1), net: decay, owner: owner)
        let accum = stock(accumName, initial: initial, net: .binary(.multiply, stream, df), owner: owner)
        return .binary(.multiply, .binary(.add, accum, .binary(.multiply, .binary(.multiply, stream, dt), df)), factor)
    }

    /// `DEPRECIATE STRAIGHTLINE(stream, dtime, fisc, init)`, for a fiscal period of one TIME STEP.
    /// Vensim Help, "DEPRECIATE STRAIGHTLINE": it computes "straight line depreciation on an
    /// investment stream str over some depreciation lifetime dtime", returning for each
    /// investment its share "in the first fiscal period and each that follows", the current
    /// value of str included, and init "will initialize the different accumulations as if the
    /// function had been called with a constant value of init in place of the str argument over
    /// the previous dtime". With n = dtime/TIME STEP the value is therefore
    /// (stream + the n − 1 streams before it)/dtime, the earlier streams kept in a pipeline of
    /// hidden stocks like DELAY FIXED's, each starting at init; a constant stream equal to init
    /// gives init throughout. SDEverywhere's `_DEPRECIATE_STRAIGHTLINE` spreads each input over
    /// the n steps the same way. A fiscal period longer than TIME STEP lumps the payments within
    /// it in a way the Help does not pin down, and is refused rather than guessed.
    mutating func depreciateStraightline(_ stream: Expression, _ dtime: Expression, fiscal: Expression, initial: Expression,
                                         tag: String, owner: Variable) throws -> Expression {
        let at = "in '\(owner.name)' at line \(owner.location.line ?? 0)"
        let dt = model.time.step
        guard let life = value(dtime), let period = value(fiscal) else {
            throw ModelError(.unsupported, "unsupported: DEPRECIATE STRAIGHTLINE whose depreciation time or fiscal period is not known at INITIAL TIME (it depends on a stock or a per-run parameter) \(at)", at: owner.location)
        }
        guard period == dt else {
            throw ModelError(.unsupported, "unsupported: DEPRECIATE STRAIGHTLINE with a fiscal period (\(Expression.numberText(period))) other than TIME STEP (\(Expression.numberText(dt))) \(at): how Vensim lumps the payments within a longer fiscal period is not pinned down by its documentation", at: owner.location)
        }
        let steps = (life / dt).rounded()
        guard steps >= 1, steps <= 100_000, Swift.abs(life / dt - steps) <= 1e-9 * steps else {
            throw ModelError(.invalidValue, "DEPRECIATE STRAIGHTLINE \(at): the depreciation time (\(Expression.numberText(life))) must be a whole number of TIME STEPs, from 1 to 100000", at: owner.location)
        }
        let earlier = pipeline(stream, count: Int(steps) - 1, initial: initial, tag: tag, owner: owner)
        return .binary(.divide, earlier.reduce(stream) { .binary(.add, $0, $1) }, dtime)
    }

    /// A lookup mode's call with its table checked and held as `table(x)`; GET TIME VALUE
    /// checked to measure model time.
    func checkedCall(_ b: Builtin, _ args: [Expression], owner: Variable) throws -> Expression {
        let at = "in '\(owner.name)' at line \(owner.location.line ?? 0)"
        if b == .getTimeValue {
            guard args[0] == .number(0) || args[0] == .number(1), args[2] == .number(0) else {
                throw ModelError(.unsupported, "unsupported: GET TIME VALUE other than of model time (relative to 0 or 1, measure 0) \(at)", at: owner.location)
            }
            return .call(b, args)
        }
        let written = b == .lookupArea ? 3 : 2
        switch args[0] {
        case .variable(let name, let offset) where args.count == written:
            return .call(b, [.lookupCall(name, args[1], offset: offset)] + args.dropFirst(2))
        case .lookupCall, .withLookup where args.count == written - 1:
            return .call(b, args)
        default:
            throw ModelError(.invalidValue, "\(b.rawValue) takes a lookup's name and \(written == 3 ? "two values" : "a value") \(at)", at: owner.location)
        }
    }
}
