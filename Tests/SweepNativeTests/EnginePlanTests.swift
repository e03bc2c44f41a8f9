import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepRun
import Testing
import TestSupport

/// What `NativeEngine.plan` decides under each choice, without compiling where it need not.
@Suite("Native engine: the plan")
struct EnginePlanTests {
    func sir() throws -> (CompiledModel, [OutputSeries]) {
        let compiled = try Compiler.compile(try Model.load(path: Repository.path("configs/sir.yaml")), parameters: ["Contact Rate"])
        return (compiled, [try OutputSeries.parse("Recovered", in: compiled)])
    }

    @Test func theInterpreterWhenAskedOrWhenTooSmall() throws {
        let (compiled, outputs) = try sir()
        let asked = try NativeEngine(threads: 1, choice: .interpreter, toolchain: toolchain).plan(compiled, outputs: outputs, runs: 1 << 30)
        #expect(asked == EnginePlan(engine: .interpreter, reason: "--engine interpreter"))
        // 1000 runs × 801 steps × ~20 ops ≈ 2e7 op evaluations: the compile (0.1 s + 5 µs/byte) costs more.
        let small = try NativeEngine(threads: 1, choice: .auto, toolchain: toolchain).plan(compiled, outputs: outputs, runs: 1000)
        #expect(small.engine == .interpreter && small.reason.hasSuffix("op evaluations are too few for a compile to pay"), "\(small)")
        #expect(!small.isNotice)
    }

    @Test func noCompilerIsANoticeUnderAutoOnlyWhenNativeWouldPay() throws {
        let (compiled, outputs) = try sir()
        let engine = NativeEngine(threads: 1, choice: .auto, toolchain: nil)
        #expect(try !engine.plan(compiled, outputs: outputs, runs: 10).isNotice)
        let big = try engine.plan(compiled, outputs: outputs, runs: 10_000_000)
        #expect(big == EnginePlan(engine: .interpreter, reason: "no C compiler found: set SDSWEEP_CC, or put clang or cc on PATH", isNotice: true))
        #expect(throws: NativeError.self) { try NativeEngine(threads: 1, choice: .native, toolchain: nil).plan(compiled, outputs: outputs, runs: 10) }
    }

    /// The networks' dgemm update is faster interpreted, so auto leaves it there; native runs it.
    @Test func autoLeavesTheBLASUpdateToTheInterpreter() throws {
        let compiled = try Compiler.compile(try Model.load(path: Repository.path("configs/cluster-network.yaml")))
        let outputs = [try OutputSeries.saved(compiled.stockNames[0], in: compiled)]
        let plan = try NativeEngine(threads: 1, update: .blas, choice: .auto, toolchain: toolchain).plan(compiled, outputs: outputs, runs: 1 << 30)
        #expect(plan == EnginePlan(engine: .interpreter, reason: "the BLAS stock update is faster in the interpreter"))
    }
}
