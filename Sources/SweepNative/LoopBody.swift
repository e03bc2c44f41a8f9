import SweepCompiler

/// The body of one generated loop over a chunk's runs, built statement by statement. Column c
/// of run i is the local `c<c>`; a column read before the body writes it is loaded at the top,
/// and the written columns its owner asks for are stored back at the end. Columns from
/// `model.columnCount` on are the generator's own (`CGenerator.Scratch`), kept in `X` instead
/// of the workspace `W`.
final class LoopBody {
    let generator: CGenerator
    private(set) var statements: [String] = []
    /// Columns read before written, in first-read order.
    private(set) var loaded: Set<Int> = []
    private var loadOrder: [Int] = []
    private(set) var written: Set<Int> = []
    private var writeOrder: [Int] = []

    init(generator: CGenerator) { self.generator = generator }

    /// The C spelling of `r` in evaluation `stage` (0: t, 1: t + dt/2, 2: t + dt; nil: the
    /// enclosing function's `t` and `s`).
    func operand(_ r: Ref, stage: Int?) -> String {
        switch r {
        case .scalar:
            return generator.scalar(r, time: stage.map { "t\($0)" } ?? "t", slots: stage.map { "s\($0)" } ?? "s")
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

    /// Each of `ops`, element-wise, in order.
    func program(_ ops: some Sequence<Op>, stage: Int?) {
        for op in ops {
            let padded = generator.operands(op) { operand($0, stage: stage) }
            guard case .column(let d) = op.dst else { preconditionFailure("checked by CGenerator.init") }
            assign(d, generator.expression(op, padded[0], padded[1], padded[2]))
        }
    }

    /// Writes the values of output series `first ..< first + refs.count` for this step where
    /// `rec_off`/`rec_col`/`rec_ref` say (only on a recorded step when `guarded`).
    func record(_ refs: [Ref], first: Int, stage: Int?, guarded: Bool) {
        guard !refs.isEmpty else { return }
        let values = refs.map { operand($0, stage: stage) }.joined(separator: ", ")
        let lo = CLiteral.int(first), hi = CLiteral.int(first + refs.count)
        let select = first == 0 && refs.count == generator.outputs.count ? "" : "if (rec_ref[k] >= \(lo) && rec_ref[k] < \(hi)) "
        statements.append("\(guarded ? "if (rec) " : ""){ const double rv[] = {\(values)};")
        statements.append("  for (long k = rec_off[step]; k < rec_off[step + 1]; k++) \(select)O[rec_col[k] * total + start + i] = rv[rec_ref[k] - \(lo)]; }")
    }

    /// The ops and columns of the body so far: what clang's time on it grows with.
    var cost: Int { statements.count + loaded.count + written.count }

    /// Where column `c` of run `i` lives.
    func memory(_ c: Int) -> String {
        let base = generator.scratch.base
        return c < base ? "W[\(CLiteral.int(c))L * n + i]" : "X[\(CLiteral.int(c - base))L * n + i]"
    }

    /// The whole loop: declarations, loads, statements, then the stores `store` selects among
    /// the written columns.
    func loop(storing store: (Int) -> Bool) -> [String] {
        var lines = ["for (long i = 0; i < n; i++) {"]
        let locals = (loadOrder + writeOrder.filter { !loaded.contains($0) }).map { "c\($0)" }
        if !locals.isEmpty { lines.append("    double \(locals.joined(separator: ", "));") }
        lines += loadOrder.map { "    c\($0) = \(memory($0));" }
        lines += statements.map { "    " + $0 }
        lines += writeOrder.filter(store).map { "    \(memory($0)) = c\($0);" }
        lines.append("}")
        return lines
    }
}
