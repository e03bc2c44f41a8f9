import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import Testing
import TestSupport

/// What the generated source looks like: small models whole in one loop, big ones split, no
/// step or RK stage written twice.
@Suite("Native engine: the shape of the generated C")
struct CodeShapeTests {
    func source(_ config: String, _ method: IntegrationMethod, update: BatchEngine.StockUpdate = .auto) throws -> String {
        let sweep = try Sweep(try load(Repository.path("configs/" + config), method: method), runs: 2)
        return try CGenerator(model: sweep.compiled, outputs: sweep.outputs, update: update).source()
    }

    /// SIR and the paper model: the step is one inlined loop, no functions.
    @Test(arguments: ["sir.yaml", "cluster-innovation.yaml"], [IntegrationMethod.euler, .rk4])
    func smallModelsStayWhole(_ config: String, _ method: IntegrationMethod) throws {
        let text = try source(config, method)
        #expect(text.contains("sd_step(") && !text.contains("sd_f0("))
        // Emitted once: one definition, its two calls (recording or not).
        #expect(text.components(separatedBy: "sd_step(").count == 4)
    }

    /// A big model's RK4 source is little more than its Euler source: the state program is
    /// written once and called per stage; its per-run program is a table.
    @Test func bigModelsSplit() throws {
        let euler = try source("cluster-network.yaml", .euler), rk4 = try source("cluster-network.yaml", .rk4)
        #expect(euler.contains("sd_f0(") && euler.contains("sd_perrun("))
        #expect(Double(rk4.utf8.count) < 1.2 * Double(euler.utf8.count))
    }

    /// The BLAS update calls `cblas_dgemm` once per map and stage, written once per stage.
    @Test func blasUpdateCallsDgemm() throws {
        let text = try source("cluster-network.yaml", .rk4, update: .blas)
        #expect(text.components(separatedBy: "cblas_dgemm(102").count - 1 == 4)
    }
}
