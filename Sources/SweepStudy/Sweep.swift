import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics

/// Runs a matrix of parameter sets through a model and hands back the outputs a study needs:
/// scalar outputs (a variable at given times) and whole trajectories (a variable at every
/// saved time), compiled for exactly those so nothing else is computed.
struct Sweep {
    let model: Model
    /// This process's `BatchEngine`, or a distributed executor (MPI) that returns the same bits.
    let engine: any SweepExecutor
    let progress: StudyProgress?

    struct Result {
        /// One column per scalar output, named like `evaluate` names them.
        var scalarNames: [String]
        var scalars: Matrix
        /// Trajectories by variable: runs × saved times.
        var trajectories: [String: Matrix]
        var times: [Double]
    }

    /// - Parameters:
    ///   - parameters: the constants the columns of `samples` set.
    ///   - scalars: outputs as (variable, times); one column per time.
    ///   - trajectories: variables recorded at every saved time.
    func run(_ samples: Matrix, parameters: [String], scalars: [(variable: String, times: [Double], bare: Bool)],
             trajectories: [String], label: String) throws -> Result {
        let needed = Array(Set(scalars.map(\.variable) + trajectories))
        let compiled = try Compiler.compile(model, parameters: parameters, outputs: needed)
        var series = try scalars.map { try OutputSeries.resolve($0.variable, times: $0.times, in: compiled, bare: $0.bare) }
        let scalarCount = series.reduce(0) { $0 + $1.times.count }
        series += try trajectories.map { try OutputSeries.saved($0, in: compiled) }
        let task = progress?.begin(label, samples.rows)
        var onProgress: (@Sendable (Int) -> Void)?
        if let task { onProgress = { task.advance($0) } }
        let out = engine.run(compiled, parameters: samples, outputs: series, progress: onProgress)
        task?.finish()
        let times = compiled.time.saveTimes
        var result = Result(scalarNames: Array(out.columnNames.prefix(scalarCount)),
                            scalars: Matrix(rows: samples.rows, columns: scalarCount), trajectories: [:], times: times)
        for c in 0..<scalarCount { result.scalars.storage.replaceSubrange((c * samples.rows)..<((c + 1) * samples.rows), with: out.values.storage[(c * samples.rows)..<((c + 1) * samples.rows)]) }
        for (k, v) in trajectories.enumerated() {
            let first = scalarCount + k * times.count
            let range = (first * samples.rows)..<((first + times.count) * samples.rows)
            result.trajectories[v] = Matrix(rows: samples.rows, columns: times.count, storage: Array(out.values.storage[range]))
        }
        return result
    }
}

/// Where a study reports progress: one task per sweep.
public protocol StudyProgress: Sendable {
    func begin(_ label: String, _ total: Int) -> any StudyProgressTask
    /// A line for the log (stderr), e.g. a stage that finished or a warning.
    func log(_ line: String)
}

public protocol StudyProgressTask: Sendable {
    func advance(_ n: Int)
    func finish()
}
