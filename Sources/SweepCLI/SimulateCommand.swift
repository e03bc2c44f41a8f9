import ArgumentParser
import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics
import SweepReports

/// `sdsweep simulate MODEL`: one run, every variable at every saved time.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run a model once and write every variable at every saved time.",
        discussion: "CSV has a `time` column, then one column per variable under its name in the model. JSON (with --out FILE.json) is an object of columns.")

    @Argument(help: "Model file (.yaml or Vensim .mdl).")
    var model: String

    @OptionGroup var runOptions: RunOptions

    @Option(help: "Output file (.csv or .json); stdout (CSV) without it.")
    var out: String?

    @Option(help: "Also draw the stocks over time into this SVG file.")
    var plot: String?

    @Flag(help: "Print the compiled programs (what is computed once per step, per run, per evaluation) to stderr.")
    var explain = false

    func run() throws {
        try CLI.guarded {
            let model = try runOptions.load(self.model)
            let compiled = try Compiler.compile(model, overrides: try runOptions.parsedOverrides())
            if explain { CLI.printError(compiled.explain()) }
            let table = try Simulation.run(compiled)
            let text = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() == "json" } == true ? table.json() : table.csv()
            if let plot {
                let stocks = compiled.stockNames.isEmpty ? compiled.variables.map(\.name) : compiled.stockNames
                let series = stocks.map { name in
                    ChartSeries(name: name, x: table.times, y: table.columns[table.names.firstIndex(of: name)!])
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

/// One run of a model as a time table.
struct Simulation {
    var names: [String]
    var times: [Double]
    /// columns[v][t]
    var columns: [[Double]]

    static func run(_ compiled: CompiledModel) throws -> Simulation {
        let series = try compiled.variables.map { try OutputSeries.saved($0.name, in: compiled) }
        let out = BatchEngine(threads: 1).run(compiled, parameters: Matrix(rows: 1, columns: 0), outputs: series)
        let times = compiled.time.saveTimes
        let columns = series.indices.map { v in (0..<times.count).map { out.values[0, v * times.count + $0] } }
        return Simulation(names: compiled.variables.map(\.name), times: times, columns: columns)
    }

    func csv() -> String {
        var m = Matrix(rows: times.count, columns: names.count + 1)
        for (t, time) in times.enumerated() {
            m[t, 0] = time
            for v in names.indices { m[t, v + 1] = columns[v][t] }
        }
        return CSVTable.text(header: ["time"] + names, matrix: m)
    }

    /// A JSON string literal (Foundation's escaping; slashes left alone).
    func jsonString(_ s: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
    }

    func json() -> String {
        func list(_ xs: [Double]) -> String { "[" + xs.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ", ") + "]" }
        var parts = ["  \"time\": \(list(times))"]
        for (v, name) in names.enumerated() { parts.append("  \(jsonString(name)): \(list(columns[v]))") }
        return "{\n" + parts.joined(separator: ",\n") + "\n}\n"
    }
}
