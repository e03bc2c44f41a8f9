import Foundation
import SweepModel

/// Where an op reads or writes: a per-run column of the chunk, or a scalar shared by the whole
/// chunk (a folded constant, or a value that depends only on time, like D(t)).
public enum Ref: Hashable, Sendable {
    case column(Int)
    case scalar(Int)
}

/// One instruction of a compiled program: `dst = code(a, b, c)` over every run of a chunk.
public struct Op: Hashable, Sendable {
    public var code: OpCode
    public var dst: Ref
    public var a: Ref
    public var b: Ref
    public var c: Ref
    /// The lookup table index, for `.lookup` and the other lookup modes; the number of operands,
    /// for a block op (`OpCode.isBlock`), whose operands are `a` and the slots after it.
    public var table: Int

    public init(_ code: OpCode, _ dst: Ref, _ a: Ref, _ b: Ref = .scalar(0), _ c: Ref = .scalar(0), table: Int = 0) {
        self.code = code
        self.dst = dst
        self.a = a
        self.b = b
        self.c = c
        self.table = table
    }
}

/// The arithmetic a program is made of. STEP, RAMP, PULSE and PULSE TRAIN are lowered to
/// these by the compiler, so the engine has no notion of time functions.
public enum OpCode: UInt8, Hashable, Sendable, CaseIterable {
    case copy, neg, not
    case add, sub, mul, div, pow, min, max, modulo, zidz, log
    case lt, le, gt, ge, eq, ne, and, or
    case abs, exp, ln, sqrt, sin, cos, tan, asin, acos, atan, integer
    case select, xidz
    /// a + b × c, rounded twice (never fused): the step of a linear combination.
    case muladd
    case lookup
    case cosh, sinh, tanh, gammaln, quantum
    /// LOOKUP FORWARD, BACKWARD, EXTRAPOLATE and INVERT of `a`, LOOKUP AREA from `a` to `b`, in
    /// the op's table (`LookupModes`).
    case lookupForward, lookupBackward, lookupExtrapolate, lookupInvert, lookupArea
    /// Block ops: one element of a vector function (`VensimVectors`) of the `table` operands
    /// in the contiguous slots from `a` (columns, or scalars in the time program).
    case vectorSelect, vectorElmMap, vectorSortOrder, vectorRank, vectorReorder, invertMatrix
    case allocateByPriority, allocateAvailable, vectorLookup

    /// Number of operands read (lookup reads one, plus its table; a block op is counted as
    /// its first slot).
    public var arity: Int {
        switch self {
        case .copy, .neg, .not, .abs, .exp, .ln, .sqrt, .sin, .cos, .tan, .asin, .acos, .atan, .integer, .lookup: 1
        case .cosh, .sinh, .tanh, .gammaln, .lookupForward, .lookupBackward, .lookupExtrapolate, .lookupInvert: 1
        case .add, .sub, .mul, .div, .pow, .min, .max, .modulo, .zidz, .log, .lt, .le, .gt, .ge, .eq, .ne, .and, .or: 2
        case .quantum, .lookupArea: 2
        case .select, .xidz, .muladd: 3
        case .vectorSelect, .vectorElmMap, .vectorSortOrder, .vectorRank, .vectorReorder, .invertMatrix,
             .allocateByPriority, .allocateAvailable, .vectorLookup: 1
        }
    }

    /// True for the ops that read a table's points.
    public var readsTable: Bool {
        switch self {
        case .lookup, .lookupForward, .lookupBackward, .lookupExtrapolate, .lookupInvert, .lookupArea: true
        default: false
        }
    }

    /// The vector function of a block op, nil for the others.
    public var vectorFunction: Builtin? {
        switch self {
        case .vectorSelect: .vectorSelectElement
        case .vectorElmMap: .vectorElmMapElement
        case .vectorSortOrder: .vectorSortOrderElement
        case .vectorRank: .vectorRankElement
        case .vectorReorder: .vectorReorderElement
        case .invertMatrix: .invertMatrixElement
        case .allocateByPriority: .allocateByPriorityElement
        case .allocateAvailable: .allocateAvailableElement
        case .vectorLookup: .vectorLookupElement
        default: nil
        }
    }

    public var isBlock: Bool { vectorFunction != nil }

    /// A table op's value at `x` (and `y`, LOOKUP AREA's upper bound).
    @inline(__always)
    public static func table(_ code: OpCode, _ x: Double, _ y: Double, xs: UnsafeBufferPointer<Double>, ys: UnsafeBufferPointer<Double>) -> Double {
        switch code {
        case .lookup: Lookup.interpolate(x, xs: xs, ys: ys)
        case .lookupForward: LookupModes.forward(x, xs: xs, ys: ys)
        case .lookupBackward: LookupModes.backward(x, xs: xs, ys: ys)
        case .lookupExtrapolate: LookupModes.extrapolate(x, xs: xs, ys: ys)
        case .lookupInvert: LookupModes.invert(x, xs: xs, ys: ys)
        case .lookupArea: LookupModes.area(x, y, xs: xs, ys: ys)
        default: preconditionFailure("not a table op: \(code)")
        }
    }


    @inline(__always)
    public static func unary(_ code: OpCode, _ x: Double) -> Double {
        switch code {
        case .copy: x
        case .neg: -x
        case .not: VensimMath.not(x)
        case .abs: Swift.abs(x)
        case .exp: Foundation.exp(x)
        case .ln: Foundation.log(x)
        case .sqrt: x.squareRoot()
        case .sin: Foundation.sin(x)
        case .cos: Foundation.cos(x)
        case .tan: Foundation.tan(x)
        case .asin: Foundation.asin(x)
        case .acos: Foundation.acos(x)
        case .atan: Foundation.atan(x)
        case .integer: VensimMath.integer(x)
        case .cosh: Foundation.cosh(x)
        case .sinh: Foundation.sinh(x)
        case .tanh: Foundation.tanh(x)
        case .gammaln: VensimMath.gammaLn(x)
        default: preconditionFailure("not a unary op: \(code)")
        }
    }

    @inline(__always)
    public static func binary(_ code: OpCode, _ x: Double, _ y: Double) -> Double {
        switch code {
        case .add: x + y
        case .sub: x - y
        case .mul: x * y
        case .div: x / y
        case .pow: Foundation.pow(x, y)
        case .min: Swift.min(x, y)
        case .max: Swift.max(x, y)
        case .modulo: VensimMath.modulo(x, y)
        case .zidz: VensimMath.zidz(x, y)
        case .log: VensimMath.log(x, y)
        case .lt: VensimMath.apply(.less, x, y)
        case .le: VensimMath.apply(.lessEqual, x, y)
        case .gt: VensimMath.apply(.greater, x, y)
        case .ge: VensimMath.apply(.greaterEqual, x, y)
        case .eq: VensimMath.apply(.equal, x, y)
        case .ne: VensimMath.apply(.notEqual, x, y)
        case .and: VensimMath.and(x, y)
        case .or: VensimMath.or(x, y)
        case .quantum: VensimMath.quantum(x, y)
        default: preconditionFailure("not a binary op: \(code)")
        }
    }

    @inline(__always)
    public static func ternary(_ code: OpCode, _ x: Double, _ y: Double, _ z: Double) -> Double {
        switch code {
        case .select: x != 0 ? y : z
        case .xidz: VensimMath.xidz(x, y, z)
        case .muladd: x + y * z
        default: preconditionFailure("not a ternary op: \(code)")
        }
    }
}

/// The op of each operator and builtin the compiler lowers (the time functions are desugared
/// before, the stateful builtins expanded).
extension OpCode {
    init(_ op: UnaryOperator) {
        self = op == .negate ? .neg : .not
    }

    init(_ op: BinaryOperator) {
        switch op {
        case .add: self = .add
        case .subtract: self = .sub
        case .multiply: self = .mul
        case .divide: self = .div
        case .power: self = .pow
        case .less: self = .lt
        case .lessEqual: self = .le
        case .greater: self = .gt
        case .greaterEqual: self = .ge
        case .equal: self = .eq
        case .notEqual: self = .ne
        case .and: self = .and
        case .or: self = .or
        }
    }

    init(_ b: Builtin) {
        switch b {
        case .min: self = .min
        case .max: self = .max
        case .abs: self = .abs
        case .exp: self = .exp
        case .ln: self = .ln
        case .log: self = .log
        case .sqrt: self = .sqrt
        case .sin: self = .sin
        case .cos: self = .cos
        case .tan: self = .tan
        case .arcsin: self = .asin
        case .arccos: self = .acos
        case .arctan: self = .atan
        case .integer: self = .integer
        case .modulo: self = .modulo
        case .zidz: self = .zidz
        case .ifThenElse: self = .select
        case .xidz: self = .xidz
        case .cosh: self = .cosh
        case .sinh: self = .sinh
        case .tanh: self = .tanh
        case .gammaLn: self = .gammaln
        case .quantum: self = .quantum
        case .lookupForward: self = .lookupForward
        case .lookupBackward: self = .lookupBackward
        case .lookupExtrapolate: self = .lookupExtrapolate
        case .lookupInvert: self = .lookupInvert
        case .lookupArea: self = .lookupArea
        case .vectorSelectElement: self = .vectorSelect
        case .vectorElmMapElement: self = .vectorElmMap
        case .vectorSortOrderElement: self = .vectorSortOrder
        case .vectorRankElement: self = .vectorRank
        case .vectorReorderElement: self = .vectorReorder
        case .invertMatrixElement: self = .invertMatrix
        case .allocateByPriorityElement: self = .allocateByPriority
        case .allocateAvailableElement: self = .allocateAvailable
        case .vectorLookupElement: self = .vectorLookup
        default: preconditionFailure("\(b) has no op code")
        }
    }
}
