import SweepCompiler

/// The body of one generated loop over a chunk's runs, built statement by statement. Column c
/// of run i is the local `c<c>`; a column read before the body writes it is loaded from the
/// workspace at the top, and the columns its owner asks for are stored back at the end.
final class LoopBody {
    let generator: CGenerator
    private(set) var statements: [String] = []
    /// Columns read before written, in first-read order.
    private(set) var loaded: Set<Int> = []
    private var loadOrder: [Int] = []
    private var written: Set<Int> = []
    private var writeOrder: [Int] = []

    init(generator: CGenerator) { self.generator = generator }

    /// The C spelling of `r` in evaluation `stage` (0: t, 1: t + dt/2, 2: t + dt).
    func operand(_ r: Ref, stage: Int) -> String {
        switch r {
        case .scalar:
            return generator.scalar(r, time: "t\(stage)", slots: "s\(stage)")
        case .column(let c):
            if !written.contains(c) && !loaded.contains(c) {
                loaded.insert(c)
                loadOrder.append(c)
            }
            return "c\(c)"
        }
    }

    func line(_ text: String) { statements.append(text) }

    /// `c<col> = expr`; call after spelling the operands of `expr`.
    func assign(_ column: Int, _ expr: String) {
        statements.append("c\(column) = \(expr);")
        if written.insert(column).inserted { writeOrder.append(column) }
    }

    /// Every op of `program`, element-wise, in order.
    func program(_ program: Program, stage: Int) {
        for op in program {
            let operands = [op.a, op.b, op.c].prefix(op.code.arity).map { operand($0, stage: stage) }
            let padded = operands + Array(repeating: "0.0", count: 3 - operands.count)
            guard case .column(let d) = op.dst else { preconditionFailure("checked by CGenerator.init") }
            assign(d, generator.expression(op, padded[0], padded[1], padded[2]))
        }
    }

    /// Writes each output series' value for this step where `rec_off`/`rec_col`/`rec_ref` say.
    func record(_ refs: [Ref]) {
        guard !refs.isEmpty else { return }
        let values = refs.map { operand($0, stage: 0) }.joined(separator: ", ")
        statements.append("{ const double rv[] = {\(values)};")
        statements.append("  for (long k = rec_off[step]; k < rec_off[step + 1]; k++) O[rec_col[k] * total + start + i] = rv[rec_ref[k]]; }")
    }

    /// The whole loop: declarations, loads, statements, then the stores `store` selects among
    /// the written columns.
    func loop(storing store: (Int) -> Bool) -> [String] {
        let stocks = generator.model.stockCount
        var lines = ["for (long i = 0; i < n; i++) {"]
        let locals = (loadOrder + writeOrder.filter { !loaded.contains($0) }).map { "c\($0)" }
        let stage = (0..<stocks).flatMap { ["y\($0)", "k\($0)", "d\($0)"] }
        for names in [locals, stage] where !names.isEmpty {
            lines.append("    double \(names.joined(separator: ", "));")
        }
        if !stage.isEmpty { lines.append("    (void)\(stage.joined(separator: "; (void)"));") }
        lines += loadOrder.map { "    c\($0) = W[\($0)L * n + i];" }
        lines += statements.map { "    " + $0 }
        lines += writeOrder.filter(store).map { "    W[\($0)L * n + i] = c\($0);" }
        lines.append("}")
        return lines
    }
}
