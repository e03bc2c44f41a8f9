import SweepCompiler
import SweepModel

/// A compiled op with its operands decoded to offsets, so running it costs one switch and a
/// tight loop the compiler vectorises.
struct DecodedOp {
    let code: OpCode
    let table: Int
    let dst: Int, a: Int, b: Int, c: Int
    let dstScalar: Bool, aScalar: Bool, bScalar: Bool, cScalar: Bool

    init(_ op: Op) {
        func split(_ r: Ref) -> (Int, Bool) {
            switch r {
            case .column(let i): (i, false)
            case .scalar(let i): (i, true)
            }
        }
        code = op.code
        table = op.table
        (dst, dstScalar) = split(op.dst)
        (a, aScalar) = split(op.a)
        (b, bScalar) = split(op.b)
        (c, cScalar) = split(op.c)
    }
}

/// A program decoded once per batch into a buffer that stays put. Its owner calls
/// `deallocate()`.
struct DecodedProgram {
    let ops: UnsafeBufferPointer<DecodedOp>

    init(_ program: Program) {
        ops = UnsafeBufferPointer(allocatedCopy(of: program.map(DecodedOp.init)))
    }

    func deallocate() { ops.baseAddress?.deallocate() }
}

/// A buffer holding `elements`, never empty-allocated; the caller deallocates its base.
func allocatedCopy<T>(of elements: [T]) -> UnsafeMutableBufferPointer<T> {
    let b = UnsafeMutableBufferPointer<T>.allocate(capacity: Swift.max(1, elements.count))
    _ = b.initialize(from: elements)
    return UnsafeMutableBufferPointer(rebasing: b[0..<elements.count])
}

/// Runs decoded ops over a chunk of `n` runs: columns at `columns + slot·n`, scalars at
/// `scalars + slot`. A scalar operand is broadcast; a scalar destination (the time program)
/// is written with n = 1.
struct Interpreter {
    let tables: [(xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>)]

    @inline(__always)
    func run(_ program: DecodedProgram, n: Int, columns: UnsafeMutablePointer<Double>, scalars: UnsafeMutablePointer<Double>) {
        for op in program.ops {
            let d = op.dstScalar ? scalars + op.dst : columns + op.dst &* n
            let a = UnsafePointer(op.aScalar ? scalars + op.a : columns + op.a &* n)
            let b = UnsafePointer(op.bScalar ? scalars + op.b : columns + op.b &* n)
            let len = op.dstScalar ? 1 : n
            switch op.code {
            case .copy:
                if op.aScalar { d.update(repeating: a[0], count: len) } else { d.update(from: a, count: len) }
            case .neg: map1(len, d, a, op.aScalar) { -$0 }
            case .add: map2(len, d, a, op.aScalar, b, op.bScalar) { $0 + $1 }
            case .sub: map2(len, d, a, op.aScalar, b, op.bScalar) { $0 - $1 }
            case .mul: map2(len, d, a, op.aScalar, b, op.bScalar) { $0 * $1 }
            case .div: map2(len, d, a, op.aScalar, b, op.bScalar) { $0 / $1 }
            case .min: map2(len, d, a, op.aScalar, b, op.bScalar) { Swift.min($0, $1) }
            case .max: map2(len, d, a, op.aScalar, b, op.bScalar) { Swift.max($0, $1) }
            case .select:
                let c = UnsafePointer(op.cScalar ? scalars + op.c : columns + op.c &* n)
                map3(len, d, a, op.aScalar, b, op.bScalar, c, op.cScalar) { $0 != 0 ? $1 : $2 }
            case .xidz:
                let c = UnsafePointer(op.cScalar ? scalars + op.c : columns + op.c &* n)
                map3(len, d, a, op.aScalar, b, op.bScalar, c, op.cScalar) { OpCode.ternary(.xidz, $0, $1, $2) }
            case .muladd:
                let c = UnsafePointer(op.cScalar ? scalars + op.c : columns + op.c &* n)
                if !op.aScalar && !op.bScalar && op.cScalar {
                    // The linear-combination step: one pass, no temporaries.
                    let k = c[0]
                    for i in 0..<len { d[i] = a[i] + b[i] * k }
                } else {
                    map3(len, d, a, op.aScalar, b, op.bScalar, c, op.cScalar) { $0 + $1 * $2 }
                }
            case .lookup:
                let t = tables[op.table]
                map1(len, d, a, op.aScalar) { SweepModel.Lookup.interpolate($0, xs: t.xs, ys: t.ys) }
            case .lookupForward, .lookupBackward, .lookupExtrapolate, .lookupInvert, .lookupArea:
                let t = tables[op.table], code = op.code
                map2(len, d, a, op.aScalar, b, op.bScalar) { OpCode.table(code, $0, $1, xs: t.xs, ys: t.ys) }
            case .vectorSelect, .vectorElmMap, .vectorSortOrder, .vectorRank, .vectorReorder, .invertMatrix,
                 .allocateByPriority, .allocateAvailable, .vectorLookup:
                block(op, len: len, n: n, d: d, columns: columns, scalars: scalars)
            case .not, .abs, .exp, .ln, .sqrt, .sin, .cos, .tan, .asin, .acos, .atan, .integer, .cosh, .sinh, .tanh, .gammaln:
                let code = op.code
                map1(len, d, a, op.aScalar) { OpCode.unary(code, $0) }
            default:
                let code = op.code
                map2(len, d, a, op.aScalar, b, op.bScalar) { OpCode.binary(code, $0, $1) }
            }
        }
    }

    /// A block op: its operands gathered per run, then the vector function of them.
    func block(_ op: DecodedOp, len: Int, n: Int, d: UnsafeMutablePointer<Double>,
               columns: UnsafeMutablePointer<Double>, scalars: UnsafeMutablePointer<Double>) {
        let f = op.code.vectorFunction!, count = op.table
        withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { x in
            for i in 0..<len {
                for j in 0..<count { x[j] = op.aScalar ? scalars[op.a + j] : columns[(op.a + j) &* n + i] }
                d[i] = VensimVectors.element(f, UnsafeBufferPointer(x))!
            }
        }
    }

    @inline(__always)
    func map1(_ n: Int, _ d: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ aS: Bool, _ f: (Double) -> Double) {
        if aS {
            let v = f(a[0])
            d.update(repeating: v, count: n)
        } else {
            for i in 0..<n { d[i] = f(a[i]) }
        }
    }

    @inline(__always)
    func map2(_ n: Int, _ d: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ aS: Bool,
              _ b: UnsafePointer<Double>, _ bS: Bool, _ f: (Double, Double) -> Double) {
        switch (aS, bS) {
        case (false, false): for i in 0..<n { d[i] = f(a[i], b[i]) }
        case (false, true): let y = b[0]; for i in 0..<n { d[i] = f(a[i], y) }
        case (true, false): let x = a[0]; for i in 0..<n { d[i] = f(x, b[i]) }
        case (true, true): d.update(repeating: f(a[0], b[0]), count: n)
        }
    }

    @inline(__always)
    func map3(_ n: Int, _ d: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ aS: Bool,
              _ b: UnsafePointer<Double>, _ bS: Bool, _ c: UnsafePointer<Double>, _ cS: Bool,
              _ f: (Double, Double, Double) -> Double) {
        let sa = aS ? 0 : 1, sb = bS ? 0 : 1, sc = cS ? 0 : 1
        for i in 0..<n { d[i] = f(a[i &* sa], b[i &* sb], c[i &* sc]) }
    }
}
