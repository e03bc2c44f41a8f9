import SweepCompiler
import SweepEngine
import SweepModel

/// Writes one C translation unit that integrates a chunk of runs of a compiled model, with the
/// interpreter's arithmetic in the interpreter's order, so its outputs have the same bits.
///
/// The unit exports `void sd_chunk(long n, long total, long start, const double *P, double *O,
/// double *W)`: runs `start ..< start + n` of `total`, parameters `P` and outputs `O`
/// column-major with `total` rows (the layouts `BatchEngine` uses), `W` a workspace of
/// `columnCount × n` doubles. The time-only program runs once per evaluation for the chunk,
/// the per-run program once per run; then each step is one loop over the chunk's runs whose
/// body holds every state op, the records and the stock update, values in locals.
///
/// The source holds numbers and generated identifiers only, never a name or text from the
/// model, so no model can put code into it.
public struct CGenerator {
    /// Why a model is left to the interpreter.
    public struct Unsupported: Error, CustomStringConvertible {
        public let description: String
    }

    /// The most ops one step's loop body may hold: beyond this, clang's -O3 takes minutes
    /// and gigabytes on the straight-line body (the 100-cluster network's fused update), so
    /// the interpreter runs the model.
    public static let maximumBodyOps = 4000

    let model: CompiledModel
    let outputs: [OutputSeries]
    let update: DerivativeProgram
    let tableSizes: [Int]
    /// The compact index of each scalar the time-only program writes.
    let timeSlots: [Int: Int]

    /// - Throws: `Unsupported` for a BLAS stock update (the interpreter runs those) and for
    ///   program shapes the generator does not know.
    public init(model: CompiledModel, outputs: [OutputSeries], update: BatchEngine.StockUpdate) throws {
        if update == .blas || (update == .auto && model.stockUpdate.prefersBLAS) {
            throw Unsupported(description: "the BLAS stock update runs in the interpreter")
        }
        self.model = model
        self.outputs = outputs
        self.update = model.stockUpdate.fused
        tableSizes = model.tables.map(\.xs.count)
        var slots: [Int: Int] = [:]
        for op in model.timeOnly {
            guard case .scalar(let k) = op.dst, k != 0 else { throw Unsupported(description: "a time-only op writes a column or Time") }
            if slots[k] == nil { slots[k] = slots.count }
        }
        timeSlots = slots
        let perRunOps = model.perRun.ops + model.state.ops + self.update.ops.ops + self.update.post.ops
        guard self.update.maps.isEmpty, perRunOps.allSatisfy({ if case .column = $0.dst { true } else { false } }) else {
            throw Unsupported(description: "a per-run op writes a scalar")
        }
        let stages = model.time.method == .rk4 ? 4 : model.time.method == .rk2 ? 2 : 1
        let bodyOps = (model.state.ops.count + self.update.ops.ops.count + self.update.post.ops.count) * stages
        guard bodyOps <= CGenerator.maximumBodyOps else {
            throw Unsupported(description: "a step of \(bodyOps) ops is more than the C compiler handles quickly")
        }
        guard model.tables.allSatisfy({ !$0.xs.isEmpty && $0.xs.count == $0.ys.count }) else {
            throw Unsupported(description: "an empty lookup table")
        }
    }

    /// The C source.
    public func source() throws -> String {
        var out = CGenerator.prelude
        for (k, t) in model.tables.enumerated() {
            out += "static const double sd_x\(k)[] = \(CLiteral.array(t.xs));\n"
            out += "static const double sd_y\(k)[] = \(CLiteral.array(t.ys));\n"
        }
        out += recordTables()
        out += try timeFunction()
        out += try chunkFunction()
        return out
    }

    /// `rec_off[step] ..< rec_off[step + 1]` index the (output column, recorded value) pairs
    /// of each step; the values are the distinct refs of `recordedRefs`.
    func recordTables() -> String {
        var byStep = [[(column: Int, ref: Int)]](repeating: [], count: model.time.stepCount + 1)
        var column = 0
        for (k, s) in outputs.enumerated() {
            for step in s.steps {
                byStep[step].append((column, k))
                column += 1
            }
        }
        var offsets = [0], columns: [Int] = [], refs: [Int] = []
        for list in byStep {
            columns += list.map(\.column)
            refs += list.map(\.ref)
            offsets.append(columns.count)
        }
        return "static const long rec_off[] = \(CLiteral.array(offsets));\n"
            + "static const long rec_col[] = \(CLiteral.array(columns));\n"
            + "static const int rec_ref[] = \(CLiteral.array(refs));\n"
    }

    /// `sd_time(t, s)`: the time-only program at time `t` into `s`.
    func timeFunction() throws -> String {
        var lines = ["static void sd_time(double t, double *s) {", "    (void)t; (void)s;"]
        for op in model.timeOnly {
            let operands = try [op.a, op.b, op.c].prefix(op.code.arity).map { r -> String in
                guard case .scalar = r else { throw Unsupported(description: "a time-only op reads a column") }
                return scalar(r, time: "t", slots: "s")
            }
            let padded = operands + Array(repeating: "0.0", count: 3 - operands.count)
            guard case .scalar(let k) = op.dst else { continue }
            lines.append("    s[\(CLiteral.int(timeSlots[k]!))] = \(expression(op, padded[0], padded[1], padded[2]));")
        }
        return (lines + ["}", ""]).joined(separator: "\n")
    }

    /// A scalar operand: Time, a time-only value of this evaluation, or a folded constant.
    func scalar(_ r: Ref, time: String, slots: String) -> String {
        guard case .scalar(let k) = r else { preconditionFailure("not a scalar") }
        if k == 0 { return time }
        if let i = timeSlots[k] { return "\(slots)[\(CLiteral.int(i))]" }
        return CLiteral.double(model.scalars[k])
    }

    /// The exported chunk function.
    func chunkFunction() throws -> String {
        let spec = model.time
        let slots = CLiteral.int(Swift.max(1, timeSlots.count))
        var lines = [
            "void sd_chunk(long n, long total, long start, const double *P, double *O, double *W) {",
            "    double s0[\(slots)], s1[\(slots)], s2[\(slots)];",
            "    double t0 = \(CLiteral.double(spec.initial)), t1 = t0, t2 = t0;",
            "    (void)s1; (void)s2; (void)t1; (void)t2; (void)P; (void)O;",
            "    sd_time(t0, s0);",
        ]
        lines += perRunLoop().map { "    " + $0 }
        let steps = CLiteral.int(spec.stepCount)
        lines.append("    for (long step = 0; step <= \(steps); step++) {")
        lines.append("        t0 = \(CLiteral.double(spec.initial)) + (double)step * \(CLiteral.double(spec.step));")
        lines.append("        sd_time(t0, s0);")
        lines.append("        int rec = rec_off[step] < rec_off[step + 1];")
        if model.stockCount > 0 {
            lines.append("        if (step < \(steps)) {")
            if spec.method != .euler {
                lines.append("            t1 = t0 + \(CLiteral.double(0.5 * spec.step)); sd_time(t1, s1);")
                lines.append("            t2 = t0 + \(CLiteral.double(spec.step)); sd_time(t2, s2);")
            }
            lines.append("            if (rec) {")
            lines += stepLoop(record: true, advance: true).map { "                " + $0 }
            lines.append("            } else {")
            lines += stepLoop(record: false, advance: true).map { "                " + $0 }
            lines.append("            }")
            lines.append("            continue;")
            lines.append("        }")
        }
        lines.append("        if (rec) {")
        lines += stepLoop(record: true, advance: false).map { "            " + $0 }
        lines.append("        }")
        lines += ["    }", "}", ""]
        return lines.joined(separator: "\n")
    }

    /// Parameters into their columns, then the per-run program; every column written is kept
    /// in the workspace for the steps.
    func perRunLoop() -> [String] {
        let body = LoopBody(generator: self)
        for (j, col) in model.parameterColumns.enumerated() {
            body.assign(col, "P[\(CLiteral.int(j))L * total + start + i]")
        }
        body.program(model.perRun, stage: 0)
        return body.loop(storing: { _ in true })
    }

    /// One step for every run of the chunk: evaluate, maybe record, maybe advance the stocks.
    func stepLoop(record: Bool, advance: Bool) -> [String] {
        let body = LoopBody(generator: self)
        body.program(model.state, stage: 0)
        if record { body.record(outputs.map(\.ref)) }
        if advance {
            switch model.time.method {
            case .euler: eulerStep(body)
            case .rk2: rk2Step(body)
            case .rk4: rk4Step(body)
            }
        }
        let loaded = body.loaded
        return body.loop(storing: { loaded.contains($0) })
    }

    var stockColumns: [Int] { (0..<model.stockCount).map { model.stockBase + $0 } }

    /// Each stock's derivative into `d<s>` after the stage's state values.
    func derivative(_ body: LoopBody, stage: Int, into name: String) {
        body.program(update.ops, stage: stage)
        body.program(update.post, stage: stage)
        for (s, r) in update.net.enumerated() { body.line("\(name)\(s) = \(body.operand(r, stage: stage));") }
    }

    func eulerStep(_ body: LoopBody) {
        let dt = CLiteral.double(model.time.step)
        body.program(update.ops, stage: 0)
        body.program(update.post, stage: 0)
        // In stock order, each reading the current values, as `ChunkKernel.eulerStep` does.
        for (s, r) in update.net.enumerated() {
            let y = stockColumns[s]
            let f = body.operand(r, stage: 0), old = body.operand(.column(y), stage: 0)
            body.assign(y, "\(old) + \(dt) * \(f)")
        }
    }

    /// stock_s = y_s + factor · expr_s for every stock.
    func setStocks(_ body: LoopBody, _ value: (Int) -> String) {
        for (s, y) in stockColumns.enumerated() { body.assign(y, value(s)) }
    }

    func saveStart(_ body: LoopBody) {
        for (s, y) in stockColumns.enumerated() { body.line("y\(s) = \(body.operand(.column(y), stage: 0));") }
    }

    func rk2Step(_ body: LoopBody) {
        let dt = CLiteral.double(model.time.step), dth = CLiteral.double(model.time.step * 0.5)
        saveStart(body)
        derivative(body, stage: 0, into: "k")
        setStocks(body) { "y\($0) + \(dt) * k\($0)" }
        body.program(model.state, stage: 2)
        derivative(body, stage: 2, into: "d")
        setStocks(body) { "y\($0) + \(dth) * (k\($0) + d\($0))" }
    }

    func rk4Step(_ body: LoopBody) {
        let dt = CLiteral.double(model.time.step), half = CLiteral.double(0.5 * model.time.step)
        let sixth = CLiteral.double(model.time.step / 6)
        saveStart(body)
        derivative(body, stage: 0, into: "d")
        for s in stockColumns.indices { body.line("k\(s) = d\(s);") }
        setStocks(body) { "y\($0) + \(half) * d\($0)" }
        for (stage, factor) in [(1, half), (1, dt)] {
            body.program(model.state, stage: stage)
            derivative(body, stage: stage, into: "d")
            for s in stockColumns.indices { body.line("k\(s) = k\(s) + 2.0 * d\(s);") }
            setStocks(body) { "y\($0) + \(factor) * d\($0)" }
        }
        body.program(model.state, stage: 2)
        derivative(body, stage: 2, into: "d")
        setStocks(body) { "y\($0) + \(sixth) * (k\($0) + d\($0))" }
    }
}
