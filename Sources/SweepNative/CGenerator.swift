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
/// body holds every state op, the records and the stock update, values in locals (`StepPlan`
/// says how a BLAS update's `cblas_dgemm` calls and big models split that loop).
///
/// Every model the interpreter runs is generated: `init` succeeding is the test of whether a
/// model goes native.
///
/// The source holds numbers and generated identifiers only, never a name or text from the
/// model, so no model can put code into it.
public struct CGenerator {
    /// Why a model is left to the interpreter.
    public struct Unsupported: Error, CustomStringConvertible {
        public let description: String
    }

    let model: CompiledModel
    let outputs: [OutputSeries]
    let update: DerivativeProgram
    let tableSizes: [Int]
    /// The compact index of each scalar the time-only program writes.
    let timeSlots: [Int: Int]
    let scratch: Scratch

    /// The columns the generated code keeps beside the model's, in a buffer `X` of its own:
    /// per stock the value at the start of the step, the RK sum and the stage's derivative.
    /// Column `base + j` is `X[j * n + i]`.
    struct Scratch {
        let base: Int, stocks: Int
        func start(_ s: Int) -> Int { base + s }
        func sum(_ s: Int) -> Int { base + stocks + s }
        func derivative(_ s: Int) -> Int { base + 2 * stocks + s }
        var count: Int { 3 * stocks }
    }

    /// - Throws: `Unsupported` for program shapes the generator does not know (the compiler
    ///   emits none of them today).
    public init(model: CompiledModel, outputs: [OutputSeries], update: BatchEngine.StockUpdate) throws {
        self.model = model
        self.outputs = outputs
        self.update = update.derivative(of: model)
        tableSizes = model.tables.map(\.xs.count)
        scratch = Scratch(base: model.columnCount, stocks: model.stockCount)
        var slots: [Int: Int] = [:]
        for op in model.timeOnly {
            guard case .scalar(let k) = op.dst, k != 0 else { throw Unsupported(description: "a time-only op writes a column or Time") }
            if slots[k] == nil { slots[k] = slots.count }
        }
        timeSlots = slots
        let perRunOps = model.perRun.ops + model.state.ops + self.update.ops.ops + self.update.post.ops
        guard perRunOps.allSatisfy({ if case .column = $0.dst { true } else { false } }) else {
            throw Unsupported(description: "a per-run op writes a scalar")
        }
        guard model.tables.allSatisfy({ !$0.xs.isEmpty && $0.xs.count == $0.ys.count }) else {
            throw Unsupported(description: "an empty lookup table")
        }
    }

    /// The C source.
    public func source() throws -> String {
        var out = CGenerator.prelude
        let programs = [model.timeOnly.ops, model.perRun.ops, model.state.ops, update.ops.ops, update.post.ops]
        out += CGenerator.helpers(for: Set(programs.joined().map(\.code)))
        for (k, t) in model.tables.enumerated() {
            out += "static const double sd_x\(k)[] = \(CLiteral.array(t.xs));\n"
            out += "static const double sd_y\(k)[] = \(CLiteral.array(t.ys));\n"
        }
        for (k, map) in update.maps.enumerated() {
            out += "static const double sd_m\(k)[] = \(CLiteral.array(map.matrix));\n"
        }
        out += recordTables()
        out += try timeFunction()
        out += StepPlan(generator: self).source()
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
            let padded = try operands(op) { r -> String in
                guard case .scalar = r else { throw Unsupported(description: "a time-only op reads a column") }
                return scalar(r, time: "t", slots: "s")
            }
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
}
