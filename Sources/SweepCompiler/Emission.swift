import SweepModel

/// The program an op is emitted into.
enum Phase { case time, initial, step }

/// The equation an op is emitted for, which numbers its INITIAL captures.
enum Owner: Hashable {
    case variable(Int)
    /// Flow f of the BLAS program's flow block.
    case flow(Int)
    /// The per-run scales of the BLAS program's maps.
    case scale
    /// INITIALs nested inside an INITIAL of the owner: the step program reads the outer
    /// capture and never visits them, so they are numbered apart and must not shift the
    /// numbering of later ones.
    indirect case insideInitial(Owner)
}

/// Which INITIAL(…) a capture holds: the n-th one met in the owner's equation.
struct CaptureKey: Hashable {
    let owner: Owner
    let occurrence: Int
}

/// Numbers the INITIAL(…) calls of one equation as emission meets them.
struct CaptureCounter {
    let owner: Owner
    private var next = 0

    init(_ owner: Owner) { self.owner = owner }

    mutating func key() -> CaptureKey {
        defer { next += 1 }
        return CaptureKey(owner: owner, occurrence: next)
    }
}

/// The chunk's storage as emission lays it out: columns, and the scalar pool with `Time` at
/// slot 0 and equal constants sharing a slot.
struct Slots {
    private(set) var scalars: [Double] = [0]
    private(set) var columnCount = 0
    private var poolSlot: [UInt64: Int] = [:]
    /// Columns a finished statement left free, and those the current statement holds.
    var freeTemps: [Int] = []
    var tempsInUse: [Int] = []

    mutating func newColumn() -> Int { newColumns(1) }

    /// The first of `count` contiguous new columns.
    mutating func newColumns(_ count: Int) -> Int {
        columnCount += count
        return columnCount - count
    }

    mutating func newScalar() -> Int {
        scalars.append(0)
        return scalars.count - 1
    }

    /// The pool slot holding `v` (bit for bit).
    mutating func pool(_ v: Double) -> Ref {
        if let s = poolSlot[v.bitPattern] { return .scalar(s) }
        scalars.append(v)
        poolSlot[v.bitPattern] = scalars.count - 1
        return .scalar(scalars.count - 1)
    }

    /// A temporary: a new scalar in the time program, a column free again after the statement
    /// otherwise.
    mutating func temp(_ phase: Phase) -> Ref {
        if phase == .time { return .scalar(newScalar()) }
        let c = freeTemps.popLast() ?? newColumn()
        tempsInUse.append(c)
        return .column(c)
    }

    /// Blocks of contiguous columns a finished statement left free (by size), and those the
    /// current statement holds.
    var freeBlocks: [Int: [Int]] = [:]
    var blocksInUse: [(start: Int, count: Int)] = []

    /// `count` contiguous slots for a block op's operands: new scalars in the time program,
    /// columns free again after the statement otherwise.
    mutating func block(_ count: Int, _ phase: Phase) -> Ref {
        if phase == .time {
            let first = scalars.count
            scalars += Array(repeating: 0, count: count)
            return .scalar(first)
        }
        let start = freeBlocks[count]?.popLast() ?? newColumns(count)
        blocksInUse.append((start, count))
        return .column(start)
    }

    mutating func releaseTemps() {
        freeTemps += tempsInUse
        tempsInUse = []
        for b in blocksInUse { freeBlocks[b.count, default: []].append(b.start) }
        blocksInUse = []
    }
}

/// The ops emitted so far, one list per phase.
struct PhasePrograms {
    var time: [Op] = []
    var initial: [Op] = []
    var step: [Op] = []

    subscript(_ phase: Phase) -> [Op] {
        switch phase {
        case .time: time
        case .initial: initial
        case .step: step
        }
    }

    mutating func append(_ op: Op, _ phase: Phase) {
        switch phase {
        case .time: time.append(op)
        case .initial: initial.append(op)
        case .step: step.append(op)
        }
    }

    /// Makes the last op of `phase` write `dst`.
    mutating func retargetLast(_ phase: Phase, to dst: Ref) {
        switch phase {
        case .time: time[time.count - 1].dst = dst
        case .initial: initial[initial.count - 1].dst = dst
        case .step: step[step.count - 1].dst = dst
        }
    }

    /// The step ops emitted since the last call, which starts the next step program.
    mutating func takeStep() -> [Op] {
        defer { step = [] }
        return step
    }
}

/// What is computed once and read again: time-only subexpressions hoisted into the time
/// program, run-only ones into the initialisation, and INITIAL(…) captures.
struct Hoisted {
    var time: [(Expression, Ref)] = []
    var run: [(Expression, Ref)] = []
    var captures: [CaptureKey: Ref] = [:]
}

/// Emission, the last pass: lowers equations to ops, each in the program that computes it as
/// rarely as its class allows, and lays out the slots they read and write.
///
/// Time-only subexpressions of run or state equations are hoisted into the scalar program,
/// run-only subexpressions of state equations into the per-run initialisation; a statement's
/// temporaries are free again when it ends; state expressions are lowered through `Factoring`.
struct Emitter {
    let model: ResolvedModel
    let classes: ValueClasses
    let factoring: Factoring
    var slots = Slots()
    var programs = PhasePrograms()
    var hoisted = Hoisted()
    /// Where each variable's value lives, once laid out.
    var refs: [Ref?]
    /// The lookup variables' tables, then one per WITH LOOKUP emitted.
    var tables: [TableData]

    init(model: ResolvedModel, classes: ValueClasses) {
        self.model = model
        self.classes = classes
        factoring = Factoring(model: model, classes: classes)
        refs = Array(repeating: nil, count: model.variables.count)
        tables = model.tables
    }

    /// Gives every variable its slot: stocks first (contiguous for the BLAS update, from
    /// column 0), then parameters, then each live run or state equation; constants in the
    /// pool, live time-only values in scalars. Returns the stocks' first column.
    mutating func layOut(stocks: [Int], live: [Bool]) -> Int {
        let base = slots.newColumns(stocks.count)
        for (k, i) in stocks.enumerated() { refs[i] = .column(base + k) }
        for i in model.parameters { refs[i] = .column(slots.newColumn()) }
        for i in model.indices {
            if let v = model.constant(i), !model.isParameter[i] { refs[i] = slots.pool(v) }
            let equation = model.equation(i)
            if classes[i] == .constant, let e = equation { refs[i] = slots.pool(model.fold(e)) }
            guard live[i] else { continue }
            if classes[i] == .time { refs[i] = .scalar(slots.newScalar()) }
            if classes[i] == .run || classes[i] == .state, equation != nil { refs[i] = .column(slots.newColumn()) }
        }
        return base
    }

    /// Emits one equation; its temporaries are free again afterwards. Returns where the value
    /// is (`into` when given).
    @discardableResult
    mutating func emitStatement(_ e: Expression, into dst: Ref?, phase: Phase, owner: Owner) -> Ref {
        var counter = CaptureCounter(owner)
        let r = emit(e, phase: phase, into: dst, &counter)
        return finishStatement(r, into: dst, phase: phase)
    }

    /// Puts a statement's result where it belongs and frees its temporaries.
    @discardableResult
    mutating func finishStatement(_ r: Ref, into dst: Ref?, phase: Phase) -> Ref {
        defer { slots.releaseTemps() }
        guard let dst, r != dst else { return r }
        // A result left in a temporary by the statement's last op: write it straight into the
        // destination instead of copying it there.
        if case .column(let c) = r, slots.tempsInUse.contains(c), programs[phase].last?.dst == r {
            programs.retargetLast(phase, to: dst)
        } else {
            programs.append(Op(.copy, dst, r), phase)
        }
        return dst
    }

    /// Emits `e` into `phase`; `plain` keeps a state expression from being factored again.
    mutating func emit(_ e: Expression, phase: Phase, into dst: Ref?, _ counter: inout CaptureCounter, plain: Bool = false) -> Ref {
        // ACTIVE INITIAL(value, initial): Vensim uses `initial` while initialising, `value` after.
        if case .call(.activeInitial, let args) = e {
            return emit(phase == .initial ? args[1] : args[0], phase: phase, into: dst, &counter)
        }
        if case .call(.initial, let args) = e { return emitInitial(args[0], phase: phase, &counter) }
        let cls = classes.of(e)
        if cls == .constant { return slots.pool(model.fold(e)) }
        if case .variable(let n, _) = e { return refs[model.names[n]]! }
        if case .call(.time, _) = e { return .scalar(0) }
        // Hoist what varies less than the phase computes.
        if cls == .time && phase != .time { return hoistTime(e, &counter) }
        if cls == .run && phase == .step { return hoistRun(e, &counter) }
        if cls == .state, !plain {
            let terms = factoring.linearTerms(of: e)
            let unchanged = terms.count == 1 && terms[0].rest == e && terms[0].isPlain
            if !unchanged { return emitLinear(terms, phase: phase, &counter) }
        }
        return emitOperation(e, phase: phase, into: dst, &counter)
    }

    /// INITIAL(x): evaluated once during initialisation into a column, then read.
    private mutating func emitInitial(_ x: Expression, phase: Phase, _ counter: inout CaptureCounter) -> Ref {
        let key = counter.key()
        if case .constant = classes.of(x) { return slots.pool(model.fold(x)) }
        if let r = hoisted.captures[key], phase != .initial { return r }
        // INITIAL(x) is run-only, so it is never part of the time program.
        precondition(phase != .time, "INITIAL in the time program")
        let slot = Ref.column(slots.newColumn())
        hoisted.captures[key] = slot
        var inner = CaptureCounter(.insideInitial(counter.owner))
        let r = emit(x, phase: phase, into: nil, &inner)
        programs.append(Op(.copy, slot, r), phase)
        return slot
    }

    /// A time-only part of a run or state equation: computed in the scalar program.
    private mutating func hoistTime(_ e: Expression, _ counter: inout CaptureCounter) -> Ref {
        if let hit = hoisted.time.first(where: { $0.0 == e }) { return hit.1 }
        let saved = (slots.freeTemps, slots.tempsInUse)
        let r = emit(e, phase: .time, into: nil, &counter)
        (slots.freeTemps, slots.tempsInUse) = saved
        hoisted.time.append((e, r))
        return r
    }

    /// A run-only part of a state equation: computed once per run, into its own column.
    private mutating func hoistRun(_ e: Expression, _ counter: inout CaptureCounter) -> Ref {
        if let hit = hoisted.run.first(where: { $0.0 == e }) { return hit.1 }
        let slot = Ref.column(slots.newColumn())
        let saved = (slots.freeTemps, slots.tempsInUse)
        (slots.freeTemps, slots.tempsInUse) = ([], [])
        let r = emit(e, phase: .initial, into: slot, &counter)
        if r != slot { programs.append(Op(.copy, slot, r), .initial) }
        // Temporaries used in the initialisation are free for later statements.
        (slots.freeTemps, slots.tempsInUse) = (saved.0 + slots.freeTemps + slots.tempsInUse, saved.1)
        hoisted.run.append((e, slot))
        return slot
    }

    /// One op for the root of `e`, after its operands.
    private mutating func emitOperation(_ e: Expression, phase: Phase, into dst: Ref?, _ counter: inout CaptureCounter) -> Ref {
        func operand(_ x: Expression) -> Ref { emit(x, phase: phase, into: nil, &counter) }
        func out(_ op: OpCode, _ a: Ref, _ b: Ref = .scalar(0), _ c: Ref = .scalar(0), table: Int = 0) -> Ref {
            let d = dst ?? slots.temp(phase)
            programs.append(Op(op, d, a, b, c, table: table), phase)
            return d
        }
        switch e {
        case .unary(let op, let a):
            let ra = operand(a)
            return out(OpCode(op), ra)
        case .binary(let op, let a, let b):
            let ra = operand(a), rb = operand(b)
            return out(OpCode(op), ra, rb)
        case .lookupCall(let name, let a, _):
            let ra = operand(a)
            return out(.lookup, ra, table: model.table(model.names[name])!)
        case .withLookup(let a, let l):
            let ra = operand(a)
            tables.append(TableData(xs: l.xs, ys: l.ys))
            return out(.lookup, ra, table: tables.count - 1)
        case .call(let b, let args) where b.readsTable:
            // LOOKUP FORWARD(table(x)) and the other modes: the table op of the lookup's argument.
            let (x, table) = tableOperand(args[0])
            let rx = operand(x), ry = args.count > 1 ? operand(args[1]) : .scalar(0)
            return out(OpCode(b), rx, ry, table: table)
        case .call(let b, let args) where b.isVectorElement:
            let start = slots.block(args.count, phase)
            for (j, a) in args.enumerated() {
                let slot = start.advanced(by: j)
                let r = emit(a, phase: phase, into: slot, &counter)
                if r != slot { programs.append(Op(.copy, slot, r), phase) }
            }
            return out(OpCode(b), start, table: args.count)
        case .call(let b, let args):
            let refs = args.map(operand)
            switch b {
            case .ifThenElse: return out(.select, refs[0], refs[1], refs[2])
            case .xidz: return out(.xidz, refs[0], refs[1], refs[2])
            default: return out(OpCode(b), refs[0], refs.count > 1 ? refs[1] : .scalar(0))
            }
        default:
            preconditionFailure("unreachable: \(e)")
        }
    }

    /// The argument and table index of a table-reading builtin's `table(x)` (a WITH LOOKUP's
    /// table is added to the tables).
    private mutating func tableOperand(_ e: Expression) -> (Expression, Int) {
        switch e {
        case .lookupCall(let name, let x, _): return (x, model.table(model.names[name])!)
        case .withLookup(let x, let l):
            tables.append(TableData(xs: l.xs, ys: l.ys))
            return (x, tables.count - 1)
        default: preconditionFailure("checked by Model.expandingStatefulBuiltins: \(e)")
        }
    }
}

extension Ref {
    /// The slot `k` after this one, of the same kind.
    public func advanced(by k: Int) -> Ref {
        switch self {
        case .column(let c): .column(c + k)
        case .scalar(let s): .scalar(s + k)
        }
    }
}
