import Foundation
import SweepModel
import Testing
import TestSupport

/// The XMILE files of the SD test-models cases (`cases.tsv`, format `xmile`) that load.
let xmileModels: [String] = {
    let folder = Repository.rootURL.deletingLastPathComponent().appendingPathComponent("shared/test-models").path
    guard let text = try? String(contentsOfFile: folder + "/cases.tsv", encoding: .utf8) else { return [] }
    return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        return fields.count > 2 && fields[1] == "xmile" ? "\(folder)/\(fields[2])" : nil
    }
}()

@Suite("Native engine: the interpreter's bits on XMILE models")
struct XMILEByteIdentityTests {
    /// Reference: the interpreter; tolerance: the same bits. XMILE models use only the
    /// builtins the Vensim front end does, so the generated C needs nothing new, and every
    /// model that loads runs native.
    @Test(.enabled(if: compilerFound && !xmileModels.isEmpty, "no C compiler or no shared/test-models"))
    func xmileModelsAgree() throws {
        var compared = 0
        for path in xmileModels {
            guard let model = try? Model.load(path: path) else { continue }
            let sweep = try Sweep(model, runs: 3)
            #expect(try firstDifference(sweep) == nil, "\(path)")
            compared += 1
        }
        #expect(compared >= 89)
    }

    @Test(.enabled(if: compilerFound, noCompiler), arguments: [IntegrationMethod.euler, .rk4])
    func shippedStellaModel(_ method: IntegrationMethod) throws {
        let sweep = try Sweep(try load(Repository.path("configs/sir.stmx"), method: method), runs: 5)
        #expect(try firstDifference(sweep) == nil, "sir.stmx \(method)")
    }
}
