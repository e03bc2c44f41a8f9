import Foundation

/// The arithmetic of Vensim's operators and functions, defined once. The compiler's ops and
/// constant folding, and the model-level evaluations (control values, orders fixed at
/// INITIAL TIME), all call these, so a value computed at any depth has the same bits.
///
/// Truth is "not zero", and comparisons give 1 or 0, as in Vensim.
public enum VensimMath {
    /// Vensim's threshold for "zero" in XIDZ and ZIDZ (PySD's `small_vensim`).
    public static let zeroDivisorThreshold = 1e-6

    @inlinable public static func not(_ x: Double) -> Double { x == 0 ? 1 : 0 }
    @inlinable public static func and(_ x: Double, _ y: Double) -> Double { x != 0 && y != 0 ? 1 : 0 }
    @inlinable public static func or(_ x: Double, _ y: Double) -> Double { x != 0 || y != 0 ? 1 : 0 }
    @inlinable public static func truth(_ b: Bool) -> Double { b ? 1 : 0 }

    /// MODULO keeps the sign of the dividend (C's fmod): the SD test-models case `rounding`,
    /// produced by Vensim DSS 6.3, gives MODULO(-10, 3) = -1 and MODULO(-9.9, 3) = -0.9.
    @inlinable public static func modulo(_ x: Double, _ y: Double) -> Double { Foundation.fmod(x, y) }
    /// INTEGER truncates toward zero: INTEGER(-2.7) = -2.
    @inlinable public static func integer(_ x: Double) -> Double { x.rounded(.towardZero) }
    /// LOG(x, base).
    @inlinable public static func log(_ x: Double, _ base: Double) -> Double { Foundation.log(x) / Foundation.log(base) }
    /// XIDZ(a, b, x): a / b, or x when b is (nearly) zero.
    @inlinable public static func xidz(_ a: Double, _ b: Double, _ x: Double) -> Double {
        Swift.abs(b) < zeroDivisorThreshold ? x : a / b
    }
    /// ZIDZ(a, b): a / b, or 0 when b is (nearly) zero.
    @inlinable public static func zidz(_ a: Double, _ b: Double) -> Double { Swift.abs(b) < zeroDivisorThreshold ? 0 : a / b }

    /// QUANTUM(x, q): q·INTEGER(x/q), x itself when q is not above Vensim's zero (PySD's
    /// `quantum`): QUANTUM(7.5, 2) = 6, QUANTUM(-7.5, 2) = -6, QUANTUM(7.5, -3) = 7.5.
    @inlinable public static func quantum(_ x: Double, _ q: Double) -> Double {
        q < zeroDivisorThreshold ? x : q * integer(x / q)
    }
    /// GAMMA LN(x): ln Γ(x), libm's `lgamma` (GAMMA LN(5) = ln 24).
    @inlinable public static func gammaLn(_ x: Double) -> Double { Foundation.lgamma(x) }

    /// A binary operator's value.
    @inlinable public static func apply(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        case .power: Foundation.pow(x, y)
        case .less: truth(x < y)
        case .lessEqual: truth(x <= y)
        case .greater: truth(x > y)
        case .greaterEqual: truth(x >= y)
        case .equal: truth(x == y)
        case .notEqual: truth(x != y)
        case .and: and(x, y)
        case .or: or(x, y)
        }
    }

    /// A function of its arguments alone (not of time or state); nil for the others.
    public static func apply(_ f: Builtin, _ a: [Double]) -> Double? {
        switch f {
        case .ifThenElse: a[0] != 0 ? a[1] : a[2]
        case .min: Swift.min(a[0], a[1])
        case .max: Swift.max(a[0], a[1])
        case .abs: Swift.abs(a[0])
        case .exp: Foundation.exp(a[0])
        case .ln: Foundation.log(a[0])
        case .log: log(a[0], a[1])
        case .sqrt: a[0].squareRoot()
        case .sin: Foundation.sin(a[0])
        case .cos: Foundation.cos(a[0])
        case .tan: Foundation.tan(a[0])
        case .arcsin: Foundation.asin(a[0])
        case .arccos: Foundation.acos(a[0])
        case .arctan: Foundation.atan(a[0])
        case .integer: integer(a[0])
        case .cosh: Foundation.cosh(a[0])
        case .sinh: Foundation.sinh(a[0])
        case .tanh: Foundation.tanh(a[0])
        case .gammaLn: gammaLn(a[0])
        case .quantum: quantum(a[0], a[1])
        case .modulo: modulo(a[0], a[1])
        case .xidz: xidz(a[0], a[1], a[2])
        case .zidz: zidz(a[0], a[1])
        default: a.withUnsafeBufferPointer { VensimVectors.element(f, $0) }
        }
    }
}
