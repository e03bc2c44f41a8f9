import SweepCompiler

extension CGenerator {
    var stockColumns: [Int] { (0..<model.stockCount).map { model.stockBase + $0 } }

    /// What of `finish` to write: the copies of the stage's derivatives into their scratch
    /// columns, the stock arithmetic, or both.
    struct FinishPhases: OptionSet {
        let rawValue: Int
        static let derivatives = FinishPhases(rawValue: 1)
        static let arithmetic = FinishPhases(rawValue: 2)
        static let all: FinishPhases = [.derivatives, .arithmetic]
    }

    /// Whether a stock's derivative is another stock's value, so every derivative must be
    /// read before any stock of a step changes.
    var derivativeReadsAStock: Bool {
        let stocks = Set(stockColumns)
        return update.net.contains { if case .column(let c) = $0 { stocks.contains(c) } else { false } }
    }

    /// The stock arithmetic after the `k`-th evaluation of a step for `stocks`, once the update
    /// has put each stock's derivative at `update.net`: what `ChunkKernel.run` does there, in
    /// its order. Euler has no derivative copies: each stock reads its net flow, in stock order.
    func finish(_ k: Int, _ body: LoopBody, stage: Int?, stocks: Range<Int>, phases: FinishPhases = .all) {
        let dt = model.time.step
        let copies = phases.contains(.derivatives), arithmetic = phases.contains(.arithmetic)
        func start(_ s: Int) -> String { body.operand(.column(scratch.start(s)), stage: nil) }
        func sum(_ s: Int) -> String { body.operand(.column(scratch.sum(s)), stage: nil) }
        func d(_ s: Int) -> String { body.operand(.column(scratch.derivative(s)), stage: nil) }
        func set(_ value: (Int) -> String) { for s in stocks { body.assign(stockColumns[s], value(s)) } }
        func save() { for s in stocks { body.assign(scratch.start(s), body.operand(.column(stockColumns[s]), stage: nil)) } }
        func copy(into column: (Int) -> Int) { for s in stocks { body.assign(column(s), body.operand(update.net[s], stage: stage)) } }
        switch (model.time.method, k) {
        case (.euler, _):
            guard arithmetic else { return }
            for s in stocks {
                let y = stockColumns[s]
                let f = body.operand(update.net[s], stage: stage), old = body.operand(.column(y), stage: stage)
                body.assign(y, "\(old) + \(CLiteral.double(dt)) * \(f)")
            }
        case (.rk2, 0):
            if copies { copy(into: scratch.sum) }
            if arithmetic { save(); set { "\(start($0)) + \(CLiteral.double(dt)) * \(sum($0))" } }
        case (.rk2, _):
            if copies { copy(into: scratch.derivative) }
            if arithmetic { set { "\(start($0)) + \(CLiteral.double(dt * 0.5)) * (\(sum($0)) + \(d($0)))" } }
        case (.rk4, 0):
            if copies { copy(into: scratch.derivative) }
            guard arithmetic else { return }
            save()
            for s in stocks { body.assign(scratch.sum(s), d(s)) }
            set { "\(start($0)) + \(CLiteral.double(0.5 * dt)) * \(d($0))" }
        case (.rk4, 1), (.rk4, 2):
            if copies { copy(into: scratch.derivative) }
            guard arithmetic else { return }
            for s in stocks { body.assign(scratch.sum(s), "\(sum(s)) + 2.0 * \(d(s))") }
            let factor = CLiteral.double(k == 1 ? 0.5 * dt : dt)
            set { "\(start($0)) + \(factor) * \(d($0))" }
        case (.rk4, _):
            if copies { copy(into: scratch.derivative) }
            if arithmetic { set { "\(start($0)) + \(CLiteral.double(dt / 6)) * (\(sum($0)) + \(d($0)))" } }
        }
    }
}
