import ArgumentParser
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepRun

/// Options shared by every command that runs a model.
struct RunOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp("Give a constant a new value (repeatable).", valueName: "NAME=VALUE")) var overrides: [String] = []
    @Option(help: "Integration method: euler, rk2 or rk4 (default: the model's).") var method: String?
    @Option(parsing: .unconditional, help: "TIME STEP (default: the model's).") var dt: Double?
    @Option(parsing: .unconditional, help: "SAVEPER (default: the model's).") var saveper: Double?
    @Option(name: .customLong("data"), help: ArgumentHelp("A data file (.tab, .csv) a Vensim data variable without an equation is read from (repeatable).", valueName: "FILE")) var dataFiles: [String] = []

    /// The model file with the command-line changes to its time spec applied and checked.
    func load(_ path: String) throws -> Model {
        try CLI.input(path, "model")
        var model = try Model.load(path: path, dataFiles: dataFiles)
        if let method {
            guard let m = IntegrationMethod(rawValue: method.lowercased()) else {
                throw CLI.UsageError("--method '\(method)': use euler, rk2 or rk4")
            }
            model.time.method = m
        }
        if let dt {
            // A SAVEPER equal to TIME STEP (Vensim's `SAVEPER = TIME STEP`) follows it, as in
            // Vensim; one below the new step rises to it.
            if saveper == nil && (model.time.saveper == model.time.step || model.time.saveper < dt) { model.time.saveper = dt }
            model.time.step = dt
        }
        if let saveper { model.time.saveper = saveper }
        if let problem = model.time.problem() { throw CLI.UsageError(problem) }
        return model
    }

    /// `--set NAME=VALUE` pairs.
    func parsedOverrides() throws -> [String: Double] {
        var out: [String: Double] = [:]
        for item in overrides {
            guard let eq = item.lastIndex(of: "=") else { throw CLI.UsageError("--set '\(item)': expected NAME=VALUE") }
            let name = item[..<eq].trimmingCharacters(in: .whitespaces)
            let text = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            guard let v = Double(text), v.isFinite else { throw CLI.UsageError("--set '\(item)': '\(text)' is not a finite number") }
            out[name] = v
        }
        return out
    }
}

/// Options for commands that run many parameter sets.
struct EngineOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).") var threads: Int?
    @Option(parsing: .unconditional, help: "Runs per chunk: the unit of work of one thread.") var chunkSize: Int = 1024
    @Option(help: "Stock update: auto, fused (element-wise) or blas (dgemm over the chunk).") var update: String = "auto"
    @Option(help: "Engine: auto (native code when a C compiler is found and the sweep is big enough), native or interpreter.") var engine: String = "auto"
    @Flag(help: "No progress bar.") var quiet = false

    /// The interpreter with these settings.
    func interpreter() throws -> BatchEngine {
        guard let u = BatchEngine.StockUpdate(rawValue: update) else { throw CLI.UsageError("--update '\(update)': use auto, fused or blas") }
        if let threads, threads < 1 { throw CLI.UsageError("--threads must be at least 1") }
        guard chunkSize >= 1 else { throw CLI.UsageError("--chunk-size must be at least 1") }
        return BatchEngine(threads: threads ?? BatchEngine.defaultThreads, chunkSize: chunkSize, update: u)
    }

    /// The engine `--engine` asks for, with these settings.
    func executor() throws -> NativeEngine {
        NativeEngine(try interpreter(), choice: try EngineChoice.parse(engine, flag: "--engine"))
    }
}

extension EngineChoice {
    /// `text` as a choice, or a usage error naming `flag`.
    static func parse(_ text: String, flag: String) throws -> EngineChoice {
        guard let choice = EngineChoice(rawValue: text.lowercased()) else {
            throw CLI.UsageError("\(flag) '\(text)': use \(EngineChoice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return choice
    }
}
