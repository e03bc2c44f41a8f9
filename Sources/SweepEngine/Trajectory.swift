import Foundation
import SweepCompiler
import SweepNumerics

/// One run of a model: every variable at every saved time. What `sdsweep simulate` prints and
/// a study's baseline is.
public struct Trajectory: Sendable {
    public var times: [Double]
    public var names: [String]
    /// columns[v][t]
    public var columns: [[Double]]
    public var units: [String?]

    /// Runs `compiled` once (its per-run parameters, if any, at `parameters`).
    /// - Parameter engine: runs the one-row sweep; the interpreter unless a caller passes
    ///   another engine (`sdsweep simulate --engine native`).
    public static func simulate(_ compiled: CompiledModel, parameters: [Double] = [],
                                engine: (CompiledModel, Matrix, [OutputSeries]) throws -> OutputMatrix = {
                                    BatchEngine(threads: 1).run($0, parameters: $1, outputs: $2)
                                }) throws -> Trajectory {
        let series = try compiled.variables.map { try OutputSeries.saved($0.name, in: compiled) }
        let p = Matrix(rows: 1, columns: parameters.count, storage: parameters)
        let out = try engine(compiled, p, series)
        let times = compiled.time.saveTimes
        let columns = series.indices.map { v in (0..<times.count).map { out.values[0, v * times.count + $0] } }
        return Trajectory(times: times, names: compiled.variables.map(\.name), columns: columns, units: compiled.variables.map(\.units))
    }

    public func values(of name: String) -> [Double]? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// CSV: `time`, then one column per variable under its name in the model.
    public func csv() -> String {
        var m = Matrix(rows: times.count, columns: names.count + 1)
        for (t, time) in times.enumerated() {
            m[t, 0] = time
            for v in names.indices { m[t, v + 1] = columns[v][t] }
        }
        return CSVFormat.text(header: ["time"] + names, matrix: m)
    }

    /// JSON: an object of columns in model order, `time` first (what pandas' `read_json`
    /// reads as a table); NaN and ±inf as null.
    public func json() -> String {
        func list(_ xs: [Double]) -> String { "[" + xs.map { $0.isFinite ? "\($0)" : "null" }.joined(separator: ", ") + "]" }
        func quoted(_ s: String) -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .withoutEscapingSlashes
            return (try? encoder.encode(s)).map { String(decoding: $0, as: UTF8.self) } ?? "\"\""
        }
        var parts = ["  \"time\": \(list(times))"]
        for (v, name) in names.enumerated() { parts.append("  \(quoted(name)): \(list(columns[v]))") }
        return "{\n" + parts.joined(separator: ",\n") + "\n}\n"
    }
}
