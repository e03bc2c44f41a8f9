import ArgumentParser
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNative
import SweepNumerics
import SweepReports
import SweepRun

/// `sdsweep simulate MODEL`: one run, every variable at every saved time.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a model once and write every variable at every saved time.",
        discussion: "CSV has a `time` column, then one column per variable under its name in the model. JSON (with --out FILE.json) is an object of columns.")

    @Argument(help: "Model file (.yaml or Vensim .mdl).") var model: String
    @OptionGroup var runOptions: RunOptions
    @Option(help: "Output file (.csv or .json); stdout (CSV) without it.") var out: String?
    @Option(help: "Also draw the stocks over time into this SVG file.") var plot: String?
    @Flag(help: "Print the compiled programs (what is computed once per step, per run, per evaluation) and the engine to stderr.") var explain = false
    @Option(help: "Engine: auto (the interpreter: one run never pays for a compile), native or interpreter.") var engine: String = "auto"

    func run() throws {
        try CLI.guarded {
            let model = try runOptions.load(self.model)
            for path in [out, plot] { try CLI.output(path) }
            let compiled = try Compiler.compile(model, overrides: try runOptions.parsedOverrides())
            if explain { CLI.printError(compiled.explain()) }
            let executor = NativeEngine(threads: 1, choice: try EngineChoice.parse(engine, flag: "--engine"))
            let table = try Trajectory.simulate(compiled) { model, parameters, outputs in
                let plan = try executor.plan(model, outputs: outputs, runs: parameters.rows)
                if explain || plan.isNotice { CLI.printError("engine: \(plan)") }
                return try executor.run(model, parameters: parameters, outputs: outputs)
            }
            let text = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() == "json" } == true ? table.json() : table.csv()
            if let plot {
                let stocks = compiled.stockNames.isEmpty ? compiled.variables.map(\.name) : compiled.stockNames
                let series = stocks.map { name in
                    ChartSeries(name: name, x: table.times, y: table.values(of: name)!)
                }
                let units = Set(stocks.compactMap { compiled.variable(named: $0)?.units })
                let chart = LineChart(title: model.name, xLabel: AxisLabel("Time", unit: model.time.unit),
                                      yLabel: AxisLabel(stocks.count == 1 ? stocks[0] : "Stocks", unit: units.count == 1 ? units.first : nil),
                                      series: series)
                try AtomicFile.write(chart.svg(), to: plot)
            }
            try CLI.emit(text, to: out)
        }
    }
}
