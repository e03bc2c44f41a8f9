import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import Testing
import TestSupport

@Suite("Native engine: safety and cache")
struct SafetyAndCacheTests {
    static let hostile = ["End */ #include <stdlib.h>", "Quote \" and \\ back", "Line\nbreak // x", "#define sd_min"]

    /// Names full of C syntax reach the source as nothing: only numbers and generated
    /// identifiers.
    @Test(.enabled(if: compilerFound, noCompiler))
    func modelTextNeverReachesTheSource() throws {
        let names = SafetyAndCacheTests.hostile
        let yaml = """
            name: "\(names[0])"
            time: {initial: 0, final: 3, step: 0.5}
            constants: {"\(names[0])": 2}
            auxiliaries: {"\(yamlEscaped(names[1]))": "Time * 3", "\(yamlEscaped(names[2]))": "Time * 2"}
            stocks: {"\(names[3])": {initial: 1, net: "Time * 0.1"}}
            """
        let model = try Model.parseYAML(yaml, file: "hostile.yaml")
        let compiled = try Compiler.compile(model, parameters: [names[0]])
        let outputs = try compiled.variables.map { try OutputSeries.saved($0.name, in: compiled) }
        let source = try CGenerator(model: compiled, outputs: outputs, update: .fused).source()
        for fragment in ["*/", "\"", "\\", "stdlib", "Quote", "End", "Line", "#define", "//"] {
            #expect(!source.contains(fragment), "the source holds '\(fragment)'")
        }
        #expect(source.filter { $0 == "#" }.count == 1)  // `#include <math.h>` alone
        let sweep = Matrix(rows: 2, columns: 1, storage: [2, 3])
        let native = NativeEngine(threads: 1, chunkSize: 1, toolchain: toolchain)
        let out = try native.runNative(compiled, parameters: sweep, outputs: outputs)
        #expect(identical(out, BatchEngine(threads: 1, chunkSize: 1).run(compiled, parameters: sweep, outputs: outputs)))
    }

    func yamlEscaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A second load comes from the cache; a tampered library is rebuilt, never loaded.
    @Test(.enabled(if: compilerFound, noCompiler))
    func cacheReusesAndRebuilds() throws {
        let directory = try scratchDirectory("sdsweep-native-cache")
        let tools = try NativeToolchain(compiler: toolchain!.compiler, cacheDirectory: directory.appendingPathComponent("cache"))
        let source = "void sd_chunk(long n, long t, long s, const double *P, double *O, double *W) { (void)n; (void)t; (void)s; (void)P; (void)O; (void)W; }\n"
        #expect(try tools.library(for: source).origin == .compiled)
        #expect(try tools.library(for: source).origin == .cached)
        let attributes = try FileManager.default.attributesOfItem(atPath: tools.cacheDirectory.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let lib = tools.cacheDirectory.appendingPathComponent(tools.key(for: source) + ".so")
        var bytes = try Data(contentsOf: lib)
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: lib)
        #expect(try tools.library(for: source).origin == .compiled)
        #expect(try tools.library(for: source).origin == .cached)
    }

    /// A source the compiler rejects fails with the kept source's path.
    @Test(.enabled(if: compilerFound, noCompiler))
    func compileFailureNamesTheSource() throws {
        let directory = try scratchDirectory("sdsweep-native-fail")
        let tools = try NativeToolchain(compiler: toolchain!.compiler, cacheDirectory: directory)
        let source = "this is not C\n"
        let error = #expect(throws: NativeError.self) { try tools.library(for: source) }
        let kept = directory.appendingPathComponent(tools.key(for: source) + ".c").path
        #expect(error?.description.contains(kept) == true)
        #expect(FileManager.default.fileExists(atPath: kept))
    }
}
