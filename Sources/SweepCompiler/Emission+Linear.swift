import SweepModel

/// Lowering the terms `Factoring` finds.
extension Emitter {
    /// The value of constant × run × factor, computed where each part belongs: constant ×
    /// time in the scalar program, constant × run once per run, run × time one column op.
    mutating func emitScale(constant: Double, run: Expression?, factor: Expression?, phase: Phase,
                            _ counter: inout CaptureCounter) -> Ref {
        let r = run.map { constant == 1 ? $0 : Factoring.product(.number(constant), $0) }
        let f = factor.map { r == nil && constant != 1 ? Factoring.product(.number(constant), $0) : $0 }
        switch (r, f) {
        case (nil, nil): return slots.pool(constant)
        case (let r?, nil): return emit(r, phase: phase, into: nil, &counter)
        case (nil, let f?): return emit(f, phase: phase, into: nil, &counter)
        case (let r?, let f?):
            let a = emit(r, phase: phase, into: nil, &counter)
            let b = emit(f, phase: phase, into: nil, &counter)
            let d = slots.temp(phase)
            programs.append(Op(.mul, d, a, b), phase)
            return d
        }
    }

    /// Lowers terms: stateless ones scaled, state ones as `scale × Σ c_k · x_k` per scale.
    mutating func emitLinear(_ terms: [LinearTerm], phase: Phase, _ counter: inout CaptureCounter) -> Ref {
        func op(_ code: OpCode, _ a: Ref, _ b: Ref, _ c: Ref = .scalar(0)) -> Ref {
            let d = slots.temp(phase)
            programs.append(Op(code, d, a, b, c), phase)
            return d
        }
        var total: Ref?
        func add(_ v: Ref) { total = total.map { op(.add, $0, v) } ?? v }
        for t in terms where t.rest == nil {
            add(emitScale(constant: t.constant, run: t.run, factor: t.factor, phase: phase, &counter))
        }
        var scales: [(Expression?, Expression?)] = []
        for t in terms where t.rest != nil && !scales.contains(where: { $0.0 == t.run && $0.1 == t.factor }) {
            scales.append((t.run, t.factor))
        }
        for (run, factor) in scales {
            var combination: Ref?
            for t in terms where t.rest != nil && t.run == run && t.factor == factor {
                let x = emit(t.rest!, phase: phase, into: nil, &counter, plain: true)
                if let acc = combination {
                    combination = t.constant == 1 ? op(.add, acc, x) : t.constant == -1 ? op(.sub, acc, x) : op(.muladd, acc, x, slots.pool(t.constant))
                } else {
                    combination = t.constant == 1 ? x : op(.mul, x, slots.pool(t.constant))
                }
            }
            if run == nil && factor == nil {
                add(combination!)
            } else {
                let scale = emitScale(constant: 1, run: run, factor: factor, phase: phase, &counter)
                add(op(.mul, combination!, scale))
            }
        }
        return total ?? slots.pool(0)
    }
}
