import Foundation
import Testing
@testable import SweepCompiler
import SweepModel

/// Data read from files reach the compiler as time-only values. Reference: the compiler's
/// classes (a lookup of TIME depends on time alone, so it is computed once per evaluation for
/// the whole chunk, in `timeOnly`); tolerance: exact, nothing numeric is compared.
@Suite struct DataTimeOnlyTests {
    @Test func aDataVariableIsComputedInTheTimeOnlyProgram() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "Time,0,1,2\nx,5,6,8\n".write(to: folder.appendingPathComponent("d.csv"), atomically: true, encoding: .utf8)
        let text = """
        d:HOLD BACKWARD::= GET DIRECT DATA('d.csv', ',', '1', 'B2') ~~|
        k = 2 ~~|
        s = INTEG(d * k, 0) ~~|
        INITIAL TIME = 0 ~~|
        FINAL TIME = 2 ~~|
        TIME STEP = 0.5 ~~|
        """
        let model = try Model.parseVensim(text, file: folder.appendingPathComponent("m.mdl").path)
        let compiled = try Compiler.compile(model, parameters: ["k"])
        let d = try #require(compiled.variable(named: "d"))
        guard case .scalar = d.ref else { Issue.record("'d' is a per-run column, not a chunk-wide scalar"); return }
        #expect(compiled.timeOnly.contains { $0.dst == d.ref && $0.code == .lookup })
        #expect(!compiled.state.contains { $0.code == .lookup })  // nothing looked up per run
    }
}
