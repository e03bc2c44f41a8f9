import Foundation
import Testing
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// Every operator and function against hand-computed values, through both the folded
/// (compile-time) path and the engine's column path (X and Y as per-run parameters).
@Suite struct BuiltinTests {
    static let cases: [(String, Double, Double, Double)] = [
        ("X + Y", 2, 3, 5), ("X - Y", 2, 3, -1), ("X * Y", 2, 3, 6), ("X / Y", 1, 4, 0.25),
        ("X ^ Y", 2, 10, 1024), ("-X^2", 3, 0, -9), ("-X + Y", 3, 1, -2),
        ("X < Y", 1, 2, 1), ("X <= Y", 2, 2, 1), ("X > Y", 1, 2, 0), ("X >= Y", 1, 2, 0),
        ("X = Y", 2, 2, 1), ("X <> Y", 2, 2, 0),
        ("X :AND: Y", 1, 0, 0), ("X :OR: Y", 1, 0, 1), (":NOT: X", 0, 0, 1), (":NOT: X", 3, 0, 0),
        ("IF THEN ELSE(X > Y, X, Y)", 4, 7, 7), ("if then else(X, 10, 20)", 1, 0, 10),
        ("MIN(X, Y)", 4, -7, -7), ("max(X, Y)", 4, -7, 4), ("ABS(X)", -3.5, 0, 3.5),
        ("EXP(X)", 1, 0, M_E), ("LN(X)", M_E, 0, 1), ("LOG(X, Y)", 1000, 10, 3), ("SQRT(X)", 16, 0, 4),
        ("SIN(X)", Double.pi / 6, 0, 0.5), ("COS(X)", 0, 0, 1), ("TAN(X)", Double.pi / 4, 0, 1),
        ("ARCSIN(X)", 1, 0, Double.pi / 2), ("ARCCOS(X)", 0, 0, Double.pi / 2), ("ARCTAN(X)", 1, 0, Double.pi / 4),
        ("INTEGER(X)", 2.7, 0, 2), ("INTEGER(X)", -2.7, 0, -2),
        ("MODULO(X, Y)", 7, 3, 1), ("MODULO(X, Y)", -7, 3, -1),  // Vensim: sign of the dividend (test-models `rounding`)
        ("XIDZ(X, Y, 5)", 1, 0, 5), ("XIDZ(X, Y, 5)", 6, 3, 2), ("ZIDZ(X, Y)", 1, 0, 0), ("ZIDZ(X, Y)", 6, 3, 2),
        ("L(X)", 5, 0, 2.5), ("L(X)", -1, 0, 0), ("L(X)", 99, 0, 5),
        ("WITH LOOKUP(X, ([(0,0)-(10,10)],(0,1),(10,3)))", 5, 0, 2),
        ("INITIAL(X * Y)", 3, 4, 12), ("TIME STEP + INITIAL TIME + FINAL TIME", 0, 0, 0.5 + 0 + 2),
    ]

    func model(_ equation: String, x: Double, y: Double) throws -> Model {
        try Model.parseYAML("""
        time: {initial: 0, final: 2, step: 0.5}
        constants: {X: \(x), Y: \(y)}
        lookups:
          L: {points: [[0, 0], [10, 5]]}
        auxiliaries:
          Result: "\(equation)"
        """, file: "builtin.yaml")
    }

    // Reference: the values above are exact or correctly rounded; libm's transcendental
    // functions are accurate to about 1 ulp and the chains here add at most one rounding more,
    // so 4 ulps (≈ 9e-16 relative) bound every case.
    static let tolerance = 1e-15

    @Test(arguments: BuiltinTests.cases)
    func foldedAtCompileTime(equation: String, x: Double, y: Double, expected: Double) throws {
        let out = try simulate(model(equation, x: x, y: y))
        #expect(out["result"]!.allSatisfy { abs($0 - expected) <= Self.tolerance * max(1, abs(expected)) }, "\(equation) = \(out["result"]!)")
    }

    @Test(arguments: BuiltinTests.cases)
    func evaluatedPerRun(equation: String, x: Double, y: Double, expected: Double) throws {
        let compiled = try Compiler.compile(model(equation, x: 0, y: 0), parameters: ["X", "Y"])
        let p = Matrix(rowArrays: [[x, y], [x, y], [x, y]])
        let out = BatchEngine(threads: 1).run(compiled, parameters: p, outputs: [try OutputSeries.saved("Result", in: compiled)])
        #expect(out.values.storage.allSatisfy { abs($0 - expected) <= Self.tolerance * max(1, abs(expected)) }, "\(equation) = \(out.values.storage)")
    }

    /// The time functions, at dt = 1 over 0…6 (PySD's conventions, shared with Vensim).
    @Test(arguments: [
        ("STEP(2, 3)", [0, 0, 0, 2, 2, 2, 2.0]),
        ("RAMP(1, 2, 4)", [0, 0, 0, 1, 2, 2, 2.0]),
        ("PULSE(2, 2)", [0, 0, 1, 1, 0, 0, 0.0]),
        ("PULSE(2, 0)", [0, 0, 1, 0, 0, 0, 0.0]),          // zero width: one TIME STEP
        ("PULSE TRAIN(1, 1, 3, 5)", [0, 1, 0, 0, 1, 0, 0.0]),
        ("Time", [0, 1, 2, 3, 4, 5, 6.0]),
        ("INITIAL(Time + 3)", [3, 3, 3, 3, 3, 3, 3.0]),
        ("STEP(K, 3) + Time", [0, 1, 2, 5, 6, 7, 8.0]),      // time-only part hoisted, run part per run
    ])
    func timeFunctions(equation: String, expected: [Double]) throws {
        let yaml = """
        time: {initial: 0, final: 6, step: 1}
        constants: {K: 2}
        auxiliaries:
          F: "\(equation)"
        """
        #expect(try simulate(yaml: yaml)["f"]! == expected)
        // And with K a per-run parameter (state-class path).
        let compiled = try Compiler.compile(try Model.parseYAML(yaml, file: "t.yaml"), parameters: ["K"])
        let out = BatchEngine(threads: 1).run(compiled, parameters: Matrix(rowArrays: [[2]]), outputs: [try OutputSeries.saved("F", in: compiled)])
        #expect(out.values.storage == expected)
    }
}
