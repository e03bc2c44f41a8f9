import ArgumentParser
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// `sdsweep evaluate MODEL --samples X.csv`: the batch engine from the command line.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Run a model for every row of a parameter CSV and write one row of outputs per row.",
        discussion: "The samples' header names model constants; each row is one run. Outputs are NAME (at the final time) or NAME@TIME.")

    @Argument(help: "Model file (.yaml or Vensim .mdl).")
    var model: String

    @Option(help: "CSV of parameter sets: header of constant names, one row per run.")
    var samples: String

    @Option(name: .customLong("output"), help: ArgumentHelp("Output NAME or NAME@TIME (repeatable; default: every stock at the final time).", valueName: "NAME[@TIME]"))
    var outputs: [String] = []

    @Option(help: "Output CSV; stdout without it.")
    var out: String?

    @Flag(help: "Print the compiled programs to stderr.")
    var explain = false

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        try CLI.guarded {
            let model = try runOptions.load(self.model)
            let table = try CSVTable.read(path: samples)
            let requested = outputs.isEmpty ? model.variables.compactMap { if case .stock = $0.kind { $0.name } else { nil } } : outputs
            let compiled: CompiledModel
            do {
                compiled = try Compiler.compile(model, parameters: table.header, overrides: try runOptions.parsedOverrides(),
                                                outputs: requested.map(OutputSeries.variableName))
            } catch let error as CompileError where error.message.hasPrefix("parameter") {
                throw CSVError(location: SourceLocation(file: samples, line: 1), message: error.message)
            }
            if explain { CLI.printError(compiled.explain()) }
            let matrix = try table.numericMatrix()
            let series = try requested.map { try OutputSeries.parse($0, in: compiled) }
            let engine = try engineOptions.engine()
            let bar = ProgressBar(total: matrix.rows, label: "evaluate", quiet: engineOptions.quiet)
            let result = engine.run(compiled, parameters: matrix, outputs: series, progress: { bar.advance($0) })
            bar.finish()
            try CLI.emit(CSVTable.text(header: result.columnNames, matrix: result.values), to: out)
        }
    }
}
