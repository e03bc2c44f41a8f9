@testable import SweepCompiler
import SweepModel
import Testing

/// Emission: each value in the program of its class, hoisting, slots and temporaries.
@Suite struct EmissionTests {
    /// Constant c, per-run p, time-only t, run-only r, and a stock X with `r · t + c · X`.
    @Test func tinyModelProgramByProgram() throws {
        let m = try model([
            ("c", .constant(2)), ("p", .constant(1)), ("t", .auxiliary("Time * c")), ("r", .auxiliary("p * 3")),
            ("X", .stock(initial: "p", net: "r * t + X * c")),
        ])
        let compiled = try Compiler.compile(m, parameters: ["p"])
        // Columns: X 0, p 1, r 2, then the net flow 3 and temporaries; scalars: Time, c, t, 3.
        #expect(compiled.parameterColumns == [1] && compiled.stockBase == 0)
        #expect(compiled.scalars == [0, 2, 0, 3])
        #expect(compiled.timeOnly.ops == [Op(.mul, .scalar(2), .scalar(0), .scalar(1))])
        #expect(compiled.perRun.ops == [Op(.mul, .column(2), .column(1), .scalar(3)), Op(.copy, .column(0), .column(1))])
        #expect(compiled.state.isEmpty)
        let fused = compiled.stockUpdate.fused
        #expect(fused.ops.ops == [Op(.mul, .column(4), .column(2), .scalar(2)), Op(.mul, .column(5), .column(0), .scalar(1)),
                                  Op(.add, .column(3), .column(4), .column(5))])
        #expect(fused.net == [.column(3)] && fused.maps.isEmpty && fused.post.isEmpty)
        // BLAS: the part not linear in X element-wise into the derivative, then c · X by one dgemm.
        let blas = compiled.stockUpdate.blas
        #expect(blas.ops.ops == [Op(.mul, .column(7), .column(2), .scalar(2))])
        #expect(blas.maps.map(\.matrix) == [[2]] && blas.maps.map(\.beta) == [1])
        #expect(blas.maps.map(\.inputBase) == [0] && blas.maps.map(\.outputBase) == [7])
        #expect(blas.post.isEmpty && blas.net == [.column(7)])
        #expect(compiled.columnCount == 8)
        #expect(compiled.stockUpdate.linearMapWidth == 1 && !compiled.stockUpdate.prefersBLAS)
    }

    /// `Σ w_j · (c_j · D)` costs one multiply per step: its coefficient is summed per run.
    @Test func factoredSumIsOneOpPerStep() throws {
        let m = try model([
            ("w1", .constant(0.25)), ("w2", .constant(0.75)), ("c1", .constant(1)), ("c2", .constant(2)),
            ("D", .auxiliary("Time * 2")), ("y", .auxiliary("w1 * (c1 * D) + w2 * (c2 * D)")),
        ])
        let compiled = try Compiler.compile(m, parameters: ["c1", "c2"])
        #expect(compiled.state.map(\.code) == [.mul])
        // The initialisation computes y once (with its own coefficient), then the coefficient
        // the step program reads.
        #expect(compiled.perRun.map(\.code) == [.mul, .mul, .add, .mul, .mul, .mul, .add])
        #expect(compiled.timeOnly.map(\.code) == [.mul])
    }

    /// Each INITIAL(…) of an equation is captured apart, once per run, and read at every step.
    @Test func initialCaptures() throws {
        let m = try model([
            ("X", .stock(initial: "3", net: "1")),
            ("y", .auxiliary("INITIAL(X) * X + INITIAL(X * 2)")),
        ])
        let compiled = try Compiler.compile(m)
        #expect(compiled.perRun.filter { $0.code == .copy }.count == 3)  // X's start, two captures
        let captures = Set(compiled.perRun.filter { $0.code == .copy }.map(\.dst)).subtracting([.column(0)])
        #expect(captures.count == 2)
        let read = Set(compiled.state.flatMap { [$0.a, $0.b] })
        #expect(captures.isSubset(of: read))
    }

    @Test func typedCaptureKeys() {
        var counter = CaptureCounter(.variable(3))
        #expect(counter.key() == CaptureKey(owner: .variable(3), occurrence: 0))
        #expect(counter.key() == CaptureKey(owner: .variable(3), occurrence: 1))
        // Nested INITIALs are numbered apart from the outer ones, and from another variable's.
        #expect(CaptureKey(owner: .insideInitial(.variable(3)), occurrence: 0) != CaptureKey(owner: .variable(3), occurrence: 0))
        #expect(Owner.insideInitial(.variable(0)) != Owner.variable(999))
    }
}
