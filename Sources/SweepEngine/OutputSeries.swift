import SweepCompiler
import SweepDiagnostics
import SweepModel
import SweepNumerics

/// One requested output: a variable recorded at given times. Resolved against a compiled
/// model before the run, so the time loop only sees slots and step indices.
public struct OutputSeries: Sendable {
    public let name: String
    public let ref: Ref
    public let times: [Double]
    /// Integration step index of each time.
    public let steps: [Int]
    /// Column headers: `name` for the final time asked for without `@`, `name@time` otherwise.
    public let columnNames: [String]

    init(name: String, ref: Ref, times: [Double], steps: [Int], bare: Bool) {
        self.name = name
        self.ref = ref
        self.times = times
        self.steps = steps
        columnNames = bare ? [name] : times.map { "\(name)@\(OutputSeries.format($0))" }
    }

    static func format(_ t: Double) -> String {
        t == t.rounded() && abs(t) < 1e15 ? String(Int(t)) : "\(t)"
    }

    /// The variable part of an output spec `NAME[@TIME]`.
    public static func variableName(_ spec: String) -> String {
        spec.lastIndex(of: "@").map { String(spec[..<$0]).trimmingCharacters(in: .whitespaces) } ?? spec
    }

    /// Parses `NAME`, `NAME@TIME` or `NAME@all` (the `--output` syntax): without a time, the
    /// final time; `all`, every saved time.
    public static func parse(_ spec: String, in model: CompiledModel) throws -> OutputSeries {
        if let at = spec.lastIndex(of: "@") {
            let name = String(spec[..<at]).trimmingCharacters(in: .whitespaces)
            let timeText = spec[spec.index(after: at)...].trimmingCharacters(in: .whitespaces)
            if timeText == "all" { return try saved(name, in: model) }
            guard let t = Double(timeText) else {
                throw CompileError(.invalidValue, "output '\(spec)': '\(timeText)' is not a time or 'all'", at: nil)
            }
            return try resolve(name, times: [t], in: model)
        }
        return try resolve(spec, times: [model.time.final], in: model, bare: true)
    }

    /// A variable at `times` (each on the integration grid).
    public static func resolve(_ name: String, times: [Double], in model: CompiledModel, bare: Bool = false) throws -> OutputSeries {
        guard let v = model.variable(named: name) else {
            let hint = Suggestion.hint(for: name, among: model.variables.map(\.name))
            throw CompileError(.unknownName, "unknown output variable '\(name)'\(hint)", at: nil)
        }
        let spec = model.time
        var steps: [Int] = []
        for t in times {
            let k = (t - spec.initial) / spec.step
            guard t >= spec.initial - 1e-12, t <= spec.final + 1e-12, abs(k - k.rounded()) <= 1e-9 * max(1, abs(k)) else {
                throw CompileError(.invalidValue, "output '\(name)@\(t)': time must be a step of the run between \(spec.initial) and \(spec.final) (TIME STEP \(spec.step))", at: nil)
            }
            steps.append(Int(k.rounded()))
        }
        return OutputSeries(name: v.name, ref: v.ref, times: times, steps: steps, bare: bare)
    }

    /// A variable at every saved time.
    public static func saved(_ name: String, in model: CompiledModel) throws -> OutputSeries {
        try resolve(name, times: model.time.saveTimes, in: model)
    }
}

/// Outputs of a batch: one row per run, one column per (series, time).
public struct OutputMatrix: Sendable {
    public var columnNames: [String]
    public var values: Matrix
    public var series: [OutputSeries]
    /// Runs (row indices, ascending) with at least one NaN or infinite output: a division by
    /// zero or an overflow in that parameter set. The other runs are unaffected.
    public var nonFiniteRuns: [Int] = []
    /// False when the batch was stopped (`shouldStop`) before every chunk ran.
    public var isComplete = true

    public init(columnNames: [String], values: Matrix, series: [OutputSeries], nonFiniteRuns: [Int] = [], isComplete: Bool = true) {
        self.columnNames = columnNames
        self.values = values
        self.series = series
        self.nonFiniteRuns = nonFiniteRuns
        self.isComplete = isComplete
    }
}
