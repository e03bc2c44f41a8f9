import Foundation
import SweepCompiler
import SweepEngine
import SweepModel
import SweepNumerics
import SweepRun

/// Runs a matrix of parameter sets through a model and hands back the outputs a study needs:
/// scalar outputs (a variable at given times) and whole trajectories (a variable at every
/// saved time), compiled for exactly those so nothing else is computed. The sweep itself
/// (blocks, checkpoint, stop, NaN/Inf report) is the driver's, `BlockSweep`.
struct Sweep {
    let model: Model
    /// This process's `BatchEngine`, or a distributed executor (MPI) that returns the same bits.
    let engine: any SweepExecutor
    let progress: StudyProgress?
    /// Where finished blocks of runs are kept, so an interrupted study resumes.
    var checkpoint: Checkpointing?
    /// Where each sweep's engine plan and warnings are noted.
    var log: StudyLog?

    struct Result {
        /// One column per scalar output, named like `evaluate` names them.
        var scalarNames: [String]
        var scalars: Matrix
        /// Trajectories by variable: runs × saved times.
        var trajectories: [String: Matrix]
        var times: [Double]
    }

    /// The most saved times a trajectory is recorded at.
    static let trajectoryTimeLimit = 201

    /// The saved times trajectories are recorded at: all of them when there are at most
    /// ``trajectoryTimeLimit``, else every s-th one from the first, s the smallest stride that
    /// fits, and the last. A model saved at every TIME STEP of a long run would otherwise keep
    /// thousands of values per run for figures and over-time indices that cannot show them.
    static func trajectoryTimes(_ saved: [Double]) -> [Double] {
        guard saved.count > trajectoryTimeLimit else { return saved }
        let intervals = saved.count - 1, limit = trajectoryTimeLimit
        func kept(_ s: Int) -> Int { intervals / s + 1 + (intervals % s == 0 ? 0 : 1) }
        var stride = (intervals + limit - 2) / (limit - 1)
        while kept(stride) > limit { stride += 1 }
        var times = Swift.stride(from: 0, to: saved.count, by: stride).map { saved[$0] }
        if times.last != saved.last { times.append(saved[saved.count - 1]) }
        return times
    }

    /// - Parameters:
    ///   - parameters: the constants the columns of `samples` set.
    ///   - scalars: outputs as (variable, times); one column per time.
    ///   - trajectories: variables recorded at the saved times (``trajectoryTimes(_:)``).
    func run(_ samples: Matrix, parameters: [String], scalars: [(variable: String, times: [Double], bare: Bool)],
             trajectories: [String], label: String) throws -> Result {
        let needed = Array(Set(scalars.map(\.variable) + trajectories))
        let compiled = try Compiler.compile(model, parameters: parameters, outputs: needed)
        var series = try scalars.map { try OutputSeries.resolve($0.variable, times: $0.times, in: compiled, bare: $0.bare) }
        let scalarCount = series.reduce(0) { $0 + $1.times.count }
        let times = Self.trajectoryTimes(compiled.time.saveTimes)
        series += try trajectories.map { try OutputSeries.resolve($0, times: times, in: compiled) }
        let plan = try engine.plan(compiled, outputs: series, runs: samples.rows)
        log?.append(label, plan)
        if plan.isNotice { warn("\(label): engine \(plan)") }
        let task = progress?.begin("\(label) [\(plan.engine.rawValue)]", samples.rows)
        var onProgress: (@Sendable (Int) -> Void)?
        if let task { onProgress = { task.advance($0) } }
        let names = series.flatMap(\.columnNames)
        let report = try NonFiniteReport(path: nil, parameters: parameters, outputs: names, runs: samples.rows)
        var values = try runInBlocks(compiled, samples, series, label: label, report: report, progress: onProgress)
        task?.finish()
        // The analyses then refuse those outputs rather than average them.
        if let warning = report.summary(stage: label) { warn(warning) }
        var result = Result(scalarNames: Array(names.prefix(scalarCount)),
                            scalars: Matrix(rows: samples.rows, columns: scalarCount), trajectories: [:], times: times)
        for c in 0..<scalarCount { result.scalars.storage.replaceSubrange((c * samples.rows)..<((c + 1) * samples.rows), with: values.storage[(c * samples.rows)..<((c + 1) * samples.rows)]) }
        // Trajectories from the last: each is cut off the end of the runs' storage, and the first
        // takes what remains, so the largest block (often the only one) is never copied.
        for (k, v) in trajectories.enumerated().reversed() {
            let count = times.count * samples.rows
            if k == 0 {
                values.storage.removeFirst(scalarCount * samples.rows)
                result.trajectories[v] = Matrix(rows: samples.rows, columns: times.count, storage: values.storage)
                values = Matrix(rows: 0, columns: 0)
            } else {
                result.trajectories[v] = Matrix(rows: samples.rows, columns: times.count, storage: Array(values.storage.suffix(count)))
                values.storage.removeLast(count)
            }
        }
        return result
    }
}

extension Sweep {
    /// Runs `samples` through the driver: in one block, or, with a checkpoint, in blocks kept
    /// in a `ChunkStore` under the checkpoint directory (blocks already on disk, checksums
    /// verified, are read back; the others run and are stored as they finish). A run's
    /// arithmetic does not depend on its block, so the result equals an uninterrupted sweep
    /// bit for bit.
    ///
    /// - Throws: `StudyInterrupted` when the checkpoint's `shouldStop` stopped the sweep, or
    ///   when it asks to stop after the last block (before the analysis).
    func runInBlocks(_ compiled: CompiledModel, _ samples: Matrix, _ series: [OutputSeries], label: String,
                     report: NonFiniteReport, progress: (@Sendable (Int) -> Void)?) throws -> Matrix {
        let names = series.flatMap(\.columnNames)
        let store = try checkpoint.map { try openStore($0, compiled, samples, names: names, label: label) }
        let sweep = BlockSweep(model: compiled, outputs: series, executor: engine, runs: samples.rows,
                               blockRows: store?.chunkSize ?? Swift.max(samples.rows, 1), store: store,
                               progress: progress, shouldStop: checkpoint?.shouldStop)
        let sink = MatrixSink(runs: samples.rows, columns: names.count, report: report)
        let outcome = try sweep.run(from: MatrixRows(samples), into: sink)
        if let store, outcome != .finished || checkpoint?.shouldStop() == true {
            throw StudyInterrupted(kept: store.completedChunks.count, of: store.chunkCount, directory: store.directory)
        }
        return sink.values
    }

    /// The stage's checkpoint, `<directory>/<label>`, its fingerprint the model's text, the
    /// stage, the design's doubles and the columns.
    func openStore(_ checkpoint: Checkpointing, _ compiled: CompiledModel, _ samples: Matrix, names: [String], label: String) throws -> ChunkStore {
        let update = (engine as? BatchEngine)?.update.rawValue ?? "\(type(of: engine))"
        let fingerprint = SweepFingerprint(model: Data(checkpoint.modelText.utf8), settings: "update=\(update)",
                                           samples: SweepFingerprint.digest(of: samples), parameters: compiled.parameters,
                                           outputs: names, stage: label)
        let store = try ChunkStore.open(directory: (checkpoint.directory as NSString).appendingPathComponent(label),
                                        fingerprint: fingerprint, runs: samples.rows, columns: names,
                                        chunkSize: checkpoint.blockSize, resume: checkpoint.resume)
        for warning in store.rejectionWarnings { warn(warning) }
        if store.resumed { self.progress?.log("\(label): resuming, \(store.completedChunks.count) of \(store.chunkCount) blocks already done") }
        return store
    }
}

/// Where finished blocks of a study's sweeps are kept, and when to stop.
public struct Checkpointing: Sendable {
    public var directory: String
    public var resume: Bool
    public var blockSize: Int
    /// The model file's text: part of every block's fingerprint.
    public var modelText: String
    public var shouldStop: @Sendable () -> Bool

    public init(directory: String, resume: Bool, blockSize: Int = 8192, modelText: String, shouldStop: @escaping @Sendable () -> Bool = { false }) {
        self.directory = directory
        self.resume = resume
        self.blockSize = blockSize
        self.modelText = modelText
        self.shouldStop = shouldStop
    }

    /// A study's checkpoint in its output folder, `<folder>/.checkpoint`, with the model file's
    /// text (its path when unreadable) in every block's fingerprint.
    public init(inFolder folder: String, resume: Bool, modelPath: String, shouldStop: @escaping @Sendable () -> Bool) {
        let text = (try? String(contentsOfFile: modelPath, encoding: .utf8)) ?? modelPath
        self.init(directory: Self.directory(inFolder: folder), resume: resume, modelText: text, shouldStop: shouldStop)
    }

    /// Where a study writing into `folder` keeps its finished blocks.
    public static func directory(inFolder folder: String) -> String {
        (folder as NSString).appendingPathComponent(".checkpoint")
    }
}

/// A study stopped by a signal; its finished blocks are kept.
public struct StudyInterrupted: Error, CustomStringConvertible {
    public let kept: Int
    public let of: Int
    public let directory: String
    public var description: String {
        "stopped: \(kept) of \(of) blocks of this stage are kept in '\(directory)'; run again with --resume to continue"
    }
}

/// Where a study reports progress: one task per sweep.
/// What a runner's sweeps noted, in order: each sweep's engine plan and every warning (shown
/// even under `--quiet`, and recorded in `provenance.json`). Shared by the runner's copies.
final class StudyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var plans: [(sweep: String, plan: EnginePlan)] = []
    private var notes: [String] = []

    var count: (plans: Int, warnings: Int) { lock.withLock { (plans.count, notes.count) } }

    func append(_ sweep: String, _ plan: EnginePlan) { lock.withLock { plans.append((sweep, plan)) } }

    func warn(_ line: String) { lock.withLock { notes.append(line) } }

    func plans(from first: Int) -> [(sweep: String, plan: EnginePlan)] { lock.withLock { Array(plans[first...]) } }

    func warnings(from first: Int) -> [String] { lock.withLock { Array(notes[first...]) } }
}

public protocol StudyProgress: Sendable {
    func begin(_ label: String, _ total: Int) -> any StudyProgressTask
    /// A line for the log (stderr), e.g. a stage that finished; quiet may hide it.
    func log(_ line: String)
    /// A warning: something the user must hear of, shown even when quiet.
    func warn(_ line: String)
}

extension Sweep {
    /// Notes `line` in the log and tells the user.
    func warn(_ line: String) {
        log?.warn(line)
        progress?.warn(line)
    }
}

public protocol StudyProgressTask: Sendable {
    func advance(_ n: Int)
    func finish()
}
