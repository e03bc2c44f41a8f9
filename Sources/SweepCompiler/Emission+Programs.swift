import SweepModel

/// The programs, emitted in the order their slots are laid out.
extension Emitter {
    /// Time-only values, once per evaluation for the whole chunk.
    mutating func emitTimeOnly(order: [Int], live: [Bool]) {
        for i in order where classes[i] == .time && live[i] {
            emitStatement(model.equation(i)!, into: refs[i]!, phase: .time, owner: .variable(i))
        }
    }

    /// Initialisation, in its own dependency order: run-only values, state values needed by
    /// initial stock values, the stocks themselves, INITIAL() captures.
    mutating func emitInitialisation(order: [Int], live: [Bool]) {
        for i in order {
            if let s = model.stock(i) {
                let r = emitStatement(s.initial, into: nil, phase: .initial, owner: .variable(i))
                programs.append(Op(.copy, refs[i]!, r), .initial)
            } else if let e = model.equation(i), live[i], classes[i] == .run || classes[i] == .state {
                emitStatement(e, into: refs[i]!, phase: .initial, owner: .variable(i))
            }
        }
    }

    /// State values, every evaluation: the step program.
    mutating func emitState(order: [Int], liveness: Liveness) -> [Op] {
        for i in order where classes[i] == .state && liveness.live[i] && !liveness.inlined[i] {
            emitStatement(liveness.substituted(model.equation(i)!), into: refs[i]!, phase: .step, owner: .variable(i))
        }
        return programs.takeStep()
    }

    /// The fused update: each stock's net flow, element-wise.
    mutating func emitFusedUpdate(stocks: [Int], liveness: Liveness) -> DerivativeProgram {
        var net: [Ref] = []
        for i in stocks {
            let e = liveness.substituted(model.stock(i)!.net)
            // Each net flow is read after all are computed, so none may live in a temporary.
            let inPlace: Bool
            if case .variable = e { inPlace = true } else { inPlace = classes.of(e) < .run }
            net.append(emitStatement(e, into: inPlace ? nil : .column(slots.newColumn()), phase: .step, owner: .variable(i)))
        }
        return DerivativeProgram(ops: Program(programs.takeStep()), maps: [], post: Program([]), net: net)
    }

    /// The BLAS update, as `recognition` shaped it: element-wise ops into the derivative
    /// block, one `dgemm` per map, then each scaled map's product added per run. The stocks
    /// are the columns `stockBase ..< stockBase + stocks.count`.
    mutating func emitBLASUpdate(stocks: [Int], stockBase: Int, recognition: LinearMapRecognition, liveness: Liveness) -> DerivativeProgram {
        let count = stocks.count
        let netBase = slots.newColumns(count)
        let net = (0..<count).map { Ref.column(netBase + $0) }
        switch recognition.shape {
        case .incidence(let flows, let matrix):
            // Σ flows with ±1: flows into a block, then the incidence.
            let flowBase = slots.newColumns(flows.count)
            for (f, e) in flows.enumerated() {
                emitStatement(liveness.substituted(e), into: .column(flowBase + f), phase: .step, owner: .flow(f))
            }
            if flows.isEmpty {
                for r in net { programs.append(Op(.copy, r, slots.pool(0)), .step) }
                return DerivativeProgram(ops: Program(programs.takeStep()), maps: [], post: Program([]), net: net)
            }
            let map = LinearMap(inputBase: flowBase, inputCount: flows.count, outputBase: netBase, outputCount: count,
                                matrix: matrix, beta: 0, label: "\(flows.count) flows × \(count) stocks incidence")
            return DerivativeProgram(ops: Program(programs.takeStep()), maps: [map], post: Program([]), net: net)
        case .linear(let remainders, let stockMaps):
            // What is not linear in the stocks, element-wise into the derivative block.
            for (s, remainder) in remainders.enumerated() {
                var counter = CaptureCounter(.variable(stocks[s]))
                let r = remainder.isEmpty ? slots.pool(0) : emitLinear(remainder, phase: .step, &counter)
                finishStatement(r, into: net[s], phase: .step)
            }
            let scales = stockMaps.map { emitScale($0.scale) }
            let ops = Program(programs.takeStep())
            var maps: [LinearMap] = []
            var productBase: Int?
            for (map, scale) in zip(stockMaps, scales) {
                guard let scale else {
                    maps.append(LinearMap(inputBase: stockBase, inputCount: count, outputBase: netBase, outputCount: count,
                                          matrix: map.matrix, beta: 1, label: map.label))
                    continue
                }
                let base = productBase ?? slots.newColumns(count)
                productBase = base
                maps.append(LinearMap(inputBase: stockBase, inputCount: count, outputBase: base, outputCount: count,
                                      matrix: map.matrix, beta: 0, label: map.label))
                for i in map.rows { programs.append(Op(.muladd, net[i], net[i], .column(base + i), scale), .step) }
            }
            return DerivativeProgram(ops: ops, maps: maps, post: Program(programs.takeStep()), net: net)
        }
    }

    /// Where a map's scale is, nil for 1.
    private mutating func emitScale(_ scale: LinearMapRecognition.Scale) -> Ref? {
        guard !scale.isOne else { return nil }
        let e = Factoring.product(scale.run ?? .number(1), scale.factor ?? .number(1))
        // run × time varies per run and step: its own column, not a temporary.
        let dst: Ref? = classes.of(e) == .state ? .column(slots.newColumn()) : nil
        return emitStatement(e, into: dst, phase: .step, owner: .scale)
    }
}
