import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import Testing
import TestSupport

/// The shipped model configs (`configs/*.yaml` that are models, not studies).
let shippedConfigs: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Repository.path("configs"))) ?? []
    return names.filter { $0.hasSuffix(".yaml") && !$0.contains("study") }.sorted()
}()

let fuzzSeeds: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: Repository.path("Tests/FuzzTests/Seeds"))) ?? []
    return names.filter { $0.hasSuffix(".yaml") && $0 != "study.yaml" }.sorted()
}()

/// Every Vensim model of the SD test-models suite beside the repository (the `.mdl` rows of
/// `cases.tsv`, each once), then the function models of `Tests/VensimFunctionModels`.
let conformanceModels: [String] = {
    let folder = Repository.rootURL.deletingLastPathComponent().appendingPathComponent("shared/test-models").path
    var paths: [String] = []
    if let text = try? String(contentsOfFile: folder + "/cases.tsv", encoding: .utf8) {
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > 2, fields[1] == "mdl" else { continue }
            let path = "\(folder)/\(fields[2])"
            if !paths.contains(path) { paths.append(path) }
        }
    }
    let functions = Repository.path("Tests/VensimFunctionModels")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: functions)) ?? []
    return paths + names.filter { $0.hasSuffix(".mdl") }.sorted().map { functions + "/" + $0 }
}()

@Suite("Native engine: the interpreter's bits")
struct ByteIdentityTests {
    @Test(.enabled(if: compilerFound, noCompiler), arguments: shippedConfigs, [IntegrationMethod.euler, .rk4])
    func shippedConfig(_ name: String, _ method: IntegrationMethod) throws {
        let sweep = try Sweep(try load(Repository.path("configs/" + name), method: method), runs: 5)
        #expect((try? CGenerator(model: sweep.compiled, outputs: sweep.outputs, update: .auto)) != nil, "\(name) runs in the interpreter")
        #expect(try firstDifference(sweep) == nil, "\(name) \(method)")
    }

    @Test(.enabled(if: compilerFound, noCompiler), arguments: fuzzSeeds, [IntegrationMethod.euler, .rk2, .rk4])
    func fuzzSeed(_ name: String, _ method: IntegrationMethod) throws {
        let sweep = try Sweep(try load(Repository.path("Tests/FuzzTests/Seeds/" + name), method: method))
        #expect(try firstDifference(sweep) == nil, "\(name) \(method)")
    }

    /// Every case the interpreter loads and compiles (skipped when `shared/test-models` is
    /// not beside the repository), each generated as C: none falls back to the interpreter.
    @Test(.enabled(if: compilerFound && !conformanceModels.isEmpty, "no C compiler or no shared/test-models"))
    func conformanceModelsAgree() throws {
        var compared = 0, native = 0
        for path in conformanceModels {
            guard let model = try? Model.load(path: path), let sweep = try? Sweep(model, runs: 3) else { continue }
            do {
                _ = try CGenerator(model: sweep.compiled, outputs: sweep.outputs, update: .auto)
                native += 1
            } catch {
                Issue.record("\(path) runs in the interpreter: \(error)")
            }
            #expect(try firstDifference(sweep) == nil, "\(path)")
            compared += 1
        }
        #expect(compared > 20)
        #expect(native == compared, "\(native) of \(compared) conformance models ran native")
        print("conformance models: \(native) of \(compared) the interpreter runs ran native")
    }

    /// The Vensim function models (block ops, lookup modes, hidden stocks) under RK2 and RK4
    /// too, and with the BLAS stock update. SAMPLE IF TRUE and DEPRECIATE STRAIGHTLINE are
    /// Euler-only: the first's model is run with it removed, the second's only under Euler,
    /// with the conformance models above.
    @Test(.enabled(if: compilerFound, noCompiler), arguments: [IntegrationMethod.rk2, .rk4], [BatchEngine.StockUpdate.fused, .blas])
    func vensimFunctionModels(_ method: IntegrationMethod, _ update: BatchEngine.StockUpdate) throws {
        let folder = Repository.path("Tests/VensimFunctionModels")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder).filter({ $0.hasSuffix(".mdl") }).sorted()
        where name != "depreciation.mdl" {
            var model = try load(folder + "/" + name, method: method)
            model.variables.removeAll { $0.name == "sampled" }
            #expect(try firstDifference(try Sweep(model), update: update) == nil, "\(name) \(method) \(update)")
        }
    }

    @Test(.enabled(if: compilerFound, noCompiler), arguments: [1, 2], [1, 4, 1024])
    func threadAndChunkInvariance(_ threads: Int, _ chunkSize: Int) throws {
        let sweep = try Sweep(try load(Repository.path("configs/sir.yaml"), method: .rk4), runs: 37, seed: 9)
        let reference = BatchEngine(threads: 1, chunkSize: 1024).run(sweep.compiled, parameters: sweep.parameters, outputs: sweep.outputs)
        let native = NativeEngine(threads: threads, chunkSize: chunkSize, toolchain: toolchain)
        let out = try native.runNative(sweep.compiled, parameters: sweep.parameters, outputs: sweep.outputs)
        #expect(identical(out, reference))
    }

    /// A run that divides by zero is listed, as by the interpreter; a stop request leaves the
    /// remaining chunks NaN and the matrix incomplete.
    @Test(.enabled(if: compilerFound, noCompiler))
    func nonFiniteAndStop() throws {
        let model = try Model.parseYAML("""
            name: division
            time: {initial: 0, final: 4, step: 1}
            constants: {K: 1}
            auxiliaries: {Ratio: 1 / K}
            stocks: {S: {initial: 0, net: Ratio}}
            """, file: "division.yaml")
        let compiled = try Compiler.compile(model, parameters: ["K"])
        let params = Matrix(rows: 4, columns: 1, storage: [1, 0, 2, 0])
        let outputs = [try OutputSeries.saved("S", in: compiled)]
        let native = NativeEngine(threads: 1, chunkSize: 1, toolchain: toolchain)
        let out = try native.runNative(compiled, parameters: params, outputs: outputs)
        #expect(out.nonFiniteRuns == [1, 3])
        #expect(identical(out, BatchEngine(threads: 1, chunkSize: 1).run(compiled, parameters: params, outputs: outputs)))
        let stopped = try native.runNative(compiled, parameters: params, outputs: outputs, shouldStop: { true })
        #expect(!stopped.isComplete && stopped.values.storage.allSatisfy(\.isNaN))
    }
}
