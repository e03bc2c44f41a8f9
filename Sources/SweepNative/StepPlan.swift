import SweepCompiler

/// How `sd_chunk` is laid out: the per-run loop, then each step's parts (`Part`) in the
/// interpreter's order, each written once. Every step runs them all, the last too: the stocks
/// it advances past the final time are never recorded.
///
/// A small model's step is one loop whose body holds every part, values in registers (a
/// BLAS update splits it at each `cblas_dgemm`), inside `sd_step`, which is inlined twice:
/// for steps that record and steps that do not. A step of more than `inlineOps` ops becomes
/// calls of static functions of about `segmentCost` ops and columns each, one loop over the
/// runs apiece: the state program and the update's element-wise programs are written once and
/// called at every RK stage with that stage's time and time-only values, and values that cross
/// from one function to another go through the workspace. A per-run program of more than
/// `segmentCost` ops becomes tables (`PerRunTable`).
struct StepPlan {
    let generator: CGenerator

    /// The most ops a step keeps in one loop body. No model is left to the interpreter for
    /// its size any more: a step body used to be capped at 4000 ops because clang -O3 on one
    /// straight-line loop grows faster than linearly (configs/cluster-network.yaml with every
    /// variable recorded, 1.2 MB of C: 119 s cold). Split, that model compiles in 3.2 s
    /// (590 kB), the 100-cluster network in 31 s (5.8 MB, 10⁴ outputs; 1.6 s with one), the
    /// largest conformance model (subscripted_smooth, RK4) in 3.0 s instead of 4.4 s, while SIR
    /// and the paper model stay one vectorised loop (0.12–0.19 s). Measured with clang 21 on
    /// a shared 2-core machine.
    static let inlineOps = 2000
    /// About how many ops and columns one generated function holds when a step is split:
    /// clang's time on a loop grows with the square of its loads and stores (one function of
    /// 200 stocks' RK4 arithmetic, 600 loads and 400 stores: 1.7 s).
    static let segmentCost = 600
    /// How many runs `sd_block` integrates at a time, so a step's columns stay in cache (a big
    /// model's functions each touch hundreds of columns per run). Measured, one thread, chunks
    /// of 1024, unblocked → blocks of 64: SIR 1.1 → 0.85 ms per chunk; native over the
    /// interpreter on configs/cluster-network.yaml 0.96× → 1.6× (Euler), 2.0× → 2.6× (RK4),
    /// on the 100-cluster network 0.78× → 1.25× (Euler), 0.47× → 0.84× (RK4).
    static let blockRuns = 64
    /// The most output series one record unit writes.
    static let segmentSeries = 64

    /// One part of a step, in order: the state program, the record of the outputs (after
    /// the first evaluation), the update's element-wise ops, its dgemm calls, its ops after
    /// the maps, and the `k`-th stage's stock arithmetic.
    enum Part: Equatable {
        case state, record, ops, maps, post, finish(Int)
    }

    var model: CompiledModel { generator.model }
    var update: DerivativeProgram { generator.update }

    /// Every part of one step with the evaluation (0: t, 1: t + dt/2, 2: t + dt) it runs at.
    var parts: [(part: Part, stage: Int)] {
        let stages: [Int] = switch model.time.method {
        case .euler: [0]
        case .rk2: [0, 2]
        case .rk4: [0, 1, 1, 2]
        }
        var list: [(part: Part, stage: Int)] = []
        for (k, stage) in stages.enumerated() {
            list.append((.state, stage))
            if k == 0 { list.append((.record, 0)) }
            guard model.stockCount > 0 else { break }
            list.append((.ops, stage))
            if !update.maps.isEmpty { list.append((.maps, stage)) }
            list += [(.post, stage), (.finish(k), stage)]
        }
        return list
    }

    /// The ops of a step, every stage counted, a stage's stock arithmetic as one per stock.
    var stepOps: Int {
        parts.reduce(0) { total, p in
            switch p.part {
            case .state: total + model.state.count
            case .ops: total + update.ops.count
            case .post: total + update.post.count
            case .finish: total + model.stockCount
            default: total
            }
        }
    }

    var inline: Bool { stepOps <= StepPlan.inlineOps }

    /// The static functions and `sd_chunk`.
    func source() -> String {
        var functions = Functions(generator: generator)
        let (definitions, perRun) = perRun()
        if inline {
            let step = functions.stepFunction(inlineStep())
            return definitions + step + chunkFunction(perRun: perRun, step: [
                "if (rec) sd_step(n, total, start, step, O, W, X, t0, s0, t1, s1, t2, s2, 1);",
                "else sd_step(n, total, start, step, O, W, X, t0, s0, t1, s1, t2, s2, 0);",
            ])
        }
        let step = splitStep(&functions)
        return definitions + functions.source() + chunkFunction(perRun: perRun, step: step)
    }

    /// Adds `part` at `stage` (nil: the enclosing function's) to `body`.
    func emit(_ part: Part, into body: LoopBody, stage: Int?, guarded: Bool) {
        switch part {
        case .state: body.program(model.state, stage: stage)
        case .record: body.record(generator.outputs.map(\.ref), first: 0, stage: stage, guarded: guarded)
        case .ops: body.program(update.ops, stage: stage)
        case .post: body.program(update.post, stage: stage)
        case .finish(let k): generator.finish(k, body, stage: stage, stocks: 0..<model.stockCount)
        case .maps: preconditionFailure("a dgemm is not a loop")
        }
    }

    /// The columns a dgemm reads from the workspace: its input block, and its output block
    /// when it adds to it.
    var mapReads: Set<Int> {
        var reads: Set<Int> = []
        for map in update.maps {
            reads.formUnion(map.inputBase..<(map.inputBase + map.inputCount))
            if map.beta != 0 { reads.formUnion(map.outputBase..<(map.outputBase + map.outputCount)) }
        }
        return reads
    }

    /// Parameters into their columns, then the per-run program, every column written kept in
    /// the workspace for the steps: one loop, or for a program of more than `segmentCost`
    /// ops `PerRunTable`'s function.
    func perRun() -> (definitions: String, lines: [String]) {
        guard model.perRun.count <= StepPlan.segmentCost else {
            return (PerRunTable(generator: generator).source(), ["sd_perrun(n, total, start, P, W, t0, s0);"])
        }
        let body = LoopBody(generator: generator)
        for (j, col) in model.parameterColumns.enumerated() { body.assign(col, "P[\(CLiteral.int(j))L * total + start + i]") }
        body.program(model.perRun, stage: 0)
        return ("", body.loop(storing: { _ in true }))
    }

    /// `units` added one by one to bodies, a new body begun whenever one reaches `segmentCost`.
    func segmented<Unit>(_ units: some Sequence<Unit>, _ add: (LoopBody, Unit) -> Void) -> [LoopBody] {
        var bodies = [LoopBody(generator: generator)]
        for unit in units {
            if bodies[bodies.count - 1].cost >= StepPlan.segmentCost { bodies.append(LoopBody(generator: generator)) }
            add(bodies[bodies.count - 1], unit)
        }
        return bodies
    }

    /// A step as loops: one, or one between each two dgemm calls.
    func inlineStep() -> [String] {
        var bodies = [LoopBody(generator: generator)]
        var order: [(body: Int?, stage: Int)] = []
        for (part, stage) in parts {
            if part == .maps {
                order.append((nil, stage))
                bodies.append(LoopBody(generator: generator))
                continue
            }
            if order.last?.body != bodies.count - 1 { order.append((bodies.count - 1, stage)) }
            emit(part, into: bodies[bodies.count - 1], stage: stage, guarded: true)
        }
        let needed = bodies.reduce(mapReads) { $0.union($1.loaded) }
        return order.flatMap { item -> [String] in
            guard let b = item.body else { return gemmCalls() }
            return bodies[b].loop(storing: needed.contains)
        }
    }

    /// A step as calls of functions of about `segmentCost` ops and columns, each written once.
    func splitStep(_ functions: inout Functions) -> [String] {
        var bodies: [[LoopBody]] = []
        var indexOf: [String: Int] = [:]
        for (part, _) in parts where part != .maps {
            let key = "\(part)"
            guard indexOf[key] == nil else { continue }
            indexOf[key] = bodies.count
            bodies.append(segments(of: part))
        }
        let needed = bodies.joined().reduce(mapReads) { $0.union($1.loaded) }
        let names = bodies.map { list in list.map { functions.add($0.loop(storing: needed.contains)) } }
        var lines: [String] = []
        for (part, stage) in parts {
            if part == .maps { lines += gemmCalls(); continue }
            let calls = names[indexOf["\(part)"]!].map { functions.call($0, stage: stage) }
            lines += part == .record ? ["if (rec) {"] + calls.map { "    " + $0 } + ["}"] : calls
        }
        return lines
    }

    /// `part` as bodies of about `segmentCost` each, at the caller's stage.
    func segments(of part: Part) -> [LoopBody] {
        switch part {
        case .state: return segmented(model.state) { $0.program([$1], stage: nil) }
        case .ops: return segmented(update.ops) { $0.program([$1], stage: nil) }
        case .post: return segmented(update.post) { $0.program([$1], stage: nil) }
        case .record:
            let refs = generator.outputs.map(\.ref)
            return segmented(stride(from: 0, to: refs.count, by: StepPlan.segmentSeries)) { body, first in
                body.record(Array(refs[first..<Swift.min(refs.count, first + StepPlan.segmentSeries)]), first: first, stage: nil, guarded: false)
            }
        case .finish(let k):
            // The derivatives all read first when one is another stock's value.
            let phases: [CGenerator.FinishPhases] = model.time.method != .euler && generator.derivativeReadsAStock
                ? [.derivatives, .arithmetic] : [.all]
            return phases.flatMap { phase in
                segmented(0..<model.stockCount) { body, s in generator.finish(k, body, stage: nil, stocks: s..<(s + 1), phases: phase) }
            }
        case .maps: preconditionFailure("a dgemm is not a loop")
        }
    }

    /// One `cblas_dgemm` per linear map, with the arguments `ChunkKernel.netFlows` passes
    /// (column-major, no transposes; 102 and 111 are CblasColMajor and CblasNoTrans).
    func gemmCalls() -> [String] {
        update.maps.enumerated().map { k, map in
            let inputs = CLiteral.int(map.inputCount), outputs = CLiteral.int(map.outputCount)
            return "cblas_dgemm(102, 111, 111, (int)n, \(outputs), \(inputs), \(CLiteral.double(1)), W + \(CLiteral.int(map.inputBase))L * n, (int)n, "
                + "sd_m\(k), \(inputs), \(CLiteral.double(map.beta)), W + \(CLiteral.int(map.outputBase))L * n, (int)n);"
        }
    }

    /// `sd_block`, which integrates runs `start ..< start + n` around the per-run and step
    /// lines, and the exported `sd_chunk`, which hands it the chunk in blocks of `blockRuns`
    /// runs (the whole chunk for a BLAS update, whose dgemm shapes must be the interpreter's).
    func chunkFunction(perRun: [String], step: [String]) -> String {
        let spec = model.time
        let slots = CLiteral.int(Swift.max(1, generator.timeSlots.count))
        let initial = CLiteral.double(spec.initial)
        var lines = [
            "static void sd_block(long n, long total, long start, const double *P, double *O, double *W, double *X) {",
            "    double s0[\(slots)], s1[\(slots)], s2[\(slots)];",
            "    double t0 = \(initial), t1 = t0, t2 = t0;",
            "    (void)s1; (void)s2; (void)t1; (void)t2; (void)P; (void)O; (void)X;",
            "    sd_time(t0, s0);",
        ]
        lines += perRun.map { "    " + $0 }
        lines.append("    for (long step = 0; step <= \(CLiteral.int(spec.stepCount)); step++) {")
        lines.append("        t0 = \(initial) + (double)step * \(CLiteral.double(spec.step));")
        lines.append("        sd_time(t0, s0);")
        lines.append("        int rec = rec_off[step] < rec_off[step + 1];")
        lines.append("        (void)rec;")
        if spec.method != .euler {
            lines.append("        t1 = t0 + \(CLiteral.double(0.5 * spec.step)); sd_time(t1, s1);")
            lines.append("        t2 = t0 + \(CLiteral.double(spec.step)); sd_time(t2, s2);")
        }
        lines += step.map { "        " + $0 }
        let block = update.maps.isEmpty ? "\(CLiteral.int(StepPlan.blockRuns))L" : "n"
        lines += [
            "    }", "}", "",
            "void sd_chunk(long n, long total, long start, const double *P, double *O, double *W) {",
            "    double *X = (double *)malloc(sizeof(double) * (unsigned long)(\(CLiteral.int(generator.scratch.count))L * n + 1));",
            "    if (!X) __builtin_trap();",
            "    for (long b = 0; b < n; b += \(block)) sd_block(n - b < \(block) ? n - b : \(block), total, start + b, P, O, W, X);",
            "    free(X);",
            "}", "",
        ]
        return lines.joined(separator: "\n")
    }
}

/// The static functions of a split step, each one loop over the runs, called with a stage's
/// time and time-only values; and the step function of an inline one.
struct Functions {
    let generator: CGenerator
    private(set) var bodies: [[String]] = []

    /// Adds a function whose body is `loop`; its name.
    mutating func add(_ loop: [String]) -> String {
        bodies.append(loop)
        return "sd_f\(bodies.count - 1)"
    }

    func call(_ name: String, stage: Int) -> String { "\(name)(n, total, start, step, P, O, W, X, t\(stage), s\(stage));" }

    /// The functions, never inlined: each is compiled once however often it is called. The
    /// buffers are distinct, which `restrict` tells clang so it can vectorise.
    func source() -> String {
        bodies.enumerated().map { k, loop in
            (["static __attribute__((noinline)) void sd_f\(k)(long n, long total, long start, long step, const double *restrict P, "
                + "double *restrict O, double *restrict W, double *restrict X, double t, const double *restrict s) {",
              "    (void)total; (void)start; (void)step; (void)P; (void)O; (void)W; (void)X; (void)t; (void)s;"]
                + loop.map { "    " + $0 } + ["}", ""]).joined(separator: "\n")
        }.joined()
    }

    /// `sd_step`, the loops of an inline step; inlined twice with `rec` a constant, so the
    /// loop of a step that records nothing has no record in it and vectorises.
    func stepFunction(_ lines: [String]) -> String {
        (["static inline __attribute__((always_inline)) void sd_step(long n, long total, long start, long step, double *restrict O, "
            + "double *restrict W, double *restrict X, double t0, const double *restrict s0, double t1, const double *restrict s1, "
            + "double t2, const double *restrict s2, const int rec) {",
          "    (void)total; (void)start; (void)step; (void)O; (void)X; (void)t1; (void)s1; (void)t2; (void)s2; (void)rec;"]
            + lines.map { "    " + $0 } + ["}", ""]).joined(separator: "\n")
    }
}
