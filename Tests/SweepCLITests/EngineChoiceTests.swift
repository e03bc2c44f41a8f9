import Foundation
import Testing
import TestSupport

/// `--engine auto|native|interpreter` and `engine:` in a study: the same bytes whichever runs,
/// the choice said where the user looks, and a missing or broken compiler handled as the
/// choice asks.
@Suite struct EngineChoiceTests {
    /// A scratch folder with SIR's problem file, a Saltelli design of it, and a cache of its own.
    func setUp() throws -> (dir: String, env: [String: String]) {
        let dir = try RunSDSweep.scratchDirectory().path
        try "\"Contact Rate\" 4 8\nInfectivity 0.03 0.07\n\"Recovery Time\" 5 9\n".write(toFile: dir + "/p.txt", atomically: true, encoding: .utf8)
        let sample = try RunSDSweep.run(["sample", "sobol", "--problem", dir + "/p.txt", "--n", "64", "--out", dir + "/x.csv"])
        #expect(sample.status == 0, "\(sample.stderr)")
        return (dir, ["XDG_CACHE_HOME": dir + "/cache"])
    }

    func evaluate(_ dir: String, _ engine: String, env: [String: String], extra: [String] = []) throws -> RunSDSweep.Result {
        try RunSDSweep.run(["evaluate", Repository.root + "/configs/sir.yaml", "--samples", dir + "/x.csv", "--output", "Recovered",
                            "--output", "Infected@50", "--out", dir + "/y-\(engine).csv", "--engine", engine] + extra, environment: env)
    }

    /// A compiler that answers `--version` and fails every compile.
    func brokenCompiler(in dir: String) throws -> String {
        let path = dir + "/broken-cc"
        try "#!/bin/sh\nif [ \"$1\" = --version ]; then echo broken-cc 1.0; exit 0; fi\necho 'broken-cc: refusing' >&2\nexit 1\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test func everyEngineWritesTheSameBytesAndExplainSaysWhich() throws {
        let (dir, env) = try setUp()
        var files: [Data] = []
        // auto finds the library that native put in the cache, whatever the sweep's size.
        for (engine, said) in [("native", "engine: native (compiled in"), ("interpreter", "engine: interpreter (--engine interpreter)"),
                               ("auto", "engine: native (from the cache)")] {
            let r = try evaluate(dir, engine, env: env, extra: ["--explain"])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stderr.contains(said), "\(engine): \(r.stderr)")
            files.append(try Data(contentsOf: URL(fileURLWithPath: dir + "/y-\(engine).csv")))
        }
        #expect(files[0] == files[1] && files[1] == files[2])
    }

    /// One run, every variable at every saved time: a record table as wide as the model.
    @Test func simulateNativeEqualsTheInterpreter() throws {
        let (_, env) = try setUp()
        let model = Repository.root + "/configs/sir.yaml"
        let native = try RunSDSweep.run(["simulate", model, "--engine", "native", "--explain"], environment: env)
        let interpreter = try RunSDSweep.run(["simulate", model, "--engine", "interpreter"], environment: env)
        #expect(native.status == 0 && interpreter.status == 0, "\(native.stderr)")
        #expect(native.stderr.contains("engine: native (compiled in"), "\(native.stderr)")
        #expect(native.stdout == interpreter.stdout && native.stdout.hasPrefix("time,"))
    }

    @Test func autoRunsSmallSweepsInTheInterpreter() throws {
        let (dir, env) = try setUp()
        let r = try evaluate(dir, "auto", env: env, extra: ["--explain"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("engine: interpreter (") && r.stderr.contains("too few for a compile to pay"), "\(r.stderr)")
    }

    @Test func aBadEngineIsAUsageError() throws {
        let (dir, env) = try setUp()
        let r = try evaluate(dir, "warp", env: env)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--engine 'warp': use auto, native, interpreter"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/y-warp.csv"))
    }

    /// Under native, a compiler failure exits 1 naming the kept source; under auto the sweep
    /// warns once and runs in the interpreter, with the same bytes.
    @Test func aBrokenCompilerFailsNativeAndFallsBackUnderAuto() throws {
        let (dir, base) = try setUp()
        let env = base.merging(["SDSWEEP_CC": try brokenCompiler(in: dir)]) { _, new in new }
        let native = try evaluate(dir, "native", env: env)
        #expect(native.status == 1)
        #expect(native.stderr.contains("the C compiler failed on the generated source \(dir)/cache/sdsweep/"), "\(native.stderr)")
        #expect(native.stderr.contains(".c:") && native.stderr.contains("broken-cc: refusing"), "\(native.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/y-native.csv"))
        // 64 × 5 runs are too few for auto to compile: a big enough sweep is needed to try.
        let big = try RunSDSweep.run(["sample", "sobol", "--problem", dir + "/p.txt", "--n", "16384", "--out", dir + "/x.csv"])
        #expect(big.status == 0)
        let auto = try evaluate(dir, "auto", env: env)
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stderr.components(separatedBy: "native code failed").count == 2, "\(auto.stderr)")
        #expect(auto.stderr.hasPrefix("engine: interpreter (native code failed (a bug worth reporting): the C compiler failed"))
        let interpreter = try evaluate(dir, "interpreter", env: env)
        #expect(interpreter.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/y-auto.csv")) == Data(contentsOf: URL(fileURLWithPath: dir + "/y-interpreter.csv")))
    }

    @Test func noCompilerUnderNativeIsAnError() throws {
        let (dir, base) = try setUp()
        let env = base.merging(["SDSWEEP_CC": "", "PATH": "/nonexistent"]) { _, new in new }
        let r = try evaluate(dir, "native", env: env)
        #expect(r.status == 1)
        #expect(r.stderr.contains("no C compiler found: set SDSWEEP_CC, or put clang or cc on PATH"), "\(r.stderr)")
        // Under auto, a small sweep says nothing; a big one, one notice line.
        let small = try evaluate(dir, "auto", env: env)
        #expect(small.status == 0 && small.stderr.isEmpty, "\(small.stderr)")
        let big = try RunSDSweep.run(["sample", "sobol", "--problem", dir + "/p.txt", "--n", "16384", "--out", dir + "/x.csv"])
        #expect(big.status == 0)
        let auto = try evaluate(dir, "auto", env: env)
        #expect(auto.status == 0)
        #expect(auto.stderr == "engine: interpreter (no C compiler found: set SDSWEEP_CC, or put clang or cc on PATH)\n")
    }

    /// A study's `engine:` is read, overridden by `--engine`, and recorded in provenance.json.
    @Test func aStudysEngineIsUsedAndRecorded() throws {
        let (dir, env) = try setUp()
        let study = try String(contentsOfFile: Repository.root + "/configs/sir-study.yaml", encoding: .utf8)
            .replacingOccurrences(of: "model: sir.yaml", with: "model: \(Repository.root)/configs/sir.yaml\nengine: native")
        try study.write(toFile: dir + "/study.yaml", atomically: true, encoding: .utf8)
        let r = try RunSDSweep.run(["run", dir + "/study.yaml", "--out", dir + "/out"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("sobol done in") && r.stderr.contains("[native ("), "\(r.stderr)")
        let provenance = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/provenance.json"))) as! [String: Any]
        let engine = try #require(provenance["engine"] as? [String: Any])
        #expect(engine["requested"] as? String == "native")
        let sweeps = try #require(engine["sweeps"] as? [String: String])
        #expect(sweeps["sobol"]?.hasPrefix("native (") == true, "\(sweeps)")
        let bad = study.replacingOccurrences(of: "engine: native", with: "engine: nativ")
        try bad.write(toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
        let refused = try RunSDSweep.run(["run", dir + "/bad.yaml", "--out", dir + "/bad"], environment: env)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("bad.yaml:") && refused.stderr.contains("engine 'nativ' (did you mean 'native'?): use auto, native, interpreter"),
                "\(refused.stderr)")
    }
}
