import Foundation
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
    /// Where finished blocks of runs are kept, so an interrupted study resumes.
    var checkpoint: Checkpointing?

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
        let values: Matrix
        let names = series.flatMap(\.columnNames)
        if let checkpoint {
            values = try runInBlocks(compiled, samples, series, names: names, label: label, checkpoint: checkpoint, progress: onProgress)
        } else {
            values = engine.run(compiled, parameters: samples, outputs: series, progress: onProgress).values
        }
        task?.finish()
        reportNonFinite(values, samples: samples, parameters: parameters, names: names, label: label)
        let times = compiled.time.saveTimes
        var result = Result(scalarNames: Array(names.prefix(scalarCount)),
                            scalars: Matrix(rows: samples.rows, columns: scalarCount), trajectories: [:], times: times)
        for c in 0..<scalarCount { result.scalars.storage.replaceSubrange((c * samples.rows)..<((c + 1) * samples.rows), with: values.storage[(c * samples.rows)..<((c + 1) * samples.rows)]) }
        for (k, v) in trajectories.enumerated() {
            let first = scalarCount + k * times.count
            let range = (first * samples.rows)..<((first + times.count) * samples.rows)
            result.trajectories[v] = Matrix(rows: samples.rows, columns: times.count, storage: Array(values.storage[range]))
        }
        return result
    }
}

extension Sweep {
    /// Says how many runs produced NaN or Inf, and the first one's parameters; the analyses
    /// then refuse those outputs rather than average them.
    func reportNonFinite(_ values: Matrix, samples: Matrix, parameters: [String], names: [String], label: String) {
        // Blocks read back from a checkpoint carry no report of their own: scan the whole
        // matrix once, as the engine scans each chunk.
        let bad = values.storage.withUnsafeBufferPointer {
            NonFiniteScan.rows($0.baseAddress, runs: values.rows, columns: values.columns, in: 0..<values.rows)
        }
        guard let first = bad.first else { return }
        let setting = parameters.enumerated().map { "\($1)=\(samples[first, $0])" }.joined(separator: ", ")
        progress?.log("warning: \(label): \(bad.count) of \(values.rows) runs produced NaN/Inf (first: run \(first) with \(setting))")
    }

    /// Runs `samples` in blocks kept in a `ChunkStore` under the checkpoint directory: blocks
    /// already on disk (checksums verified) are read back, the others run and are written as
    /// they finish. A run's arithmetic does not depend on its block, so the result equals an
    /// uninterrupted sweep bit for bit.
    func runInBlocks(_ compiled: CompiledModel, _ samples: Matrix, _ series: [OutputSeries], names: [String], label: String,
                     checkpoint: Checkpointing, progress: (@Sendable (Int) -> Void)?) throws -> Matrix {
        var hash = FNV1a64()
        samples.storage.withUnsafeBytes { hash.update($0) }
        var modelHash = FNV1a64()
        modelHash.update(checkpoint.modelText)
        let fingerprint: ChunkStore.Fingerprint = [
            "stage": label, "model": modelHash.hex, "samples": hash.hex, "parameters": compiled.parameters.joined(separator: "\u{1F}"),
            "outputs": names.joined(separator: "\u{1F}"), "update": (engine as? BatchEngine)?.update.rawValue ?? "\(type(of: engine))",
        ]
        let store = try ChunkStore.open(directory: (checkpoint.directory as NSString).appendingPathComponent(label),
                                        fingerprint: fingerprint, runs: samples.rows, columns: names,
                                        chunkSize: checkpoint.blockSize, resume: checkpoint.resume)
        for (file, reason) in store.rejected { self.progress?.log("warning: \(file): \(reason); its runs will be computed again") }
        if store.resumed { self.progress?.log("\(label): resuming, \(store.completedChunks.count) of \(store.chunkCount) blocks already done") }
        for b in store.completedChunks { progress?(store.rows(ofChunk: b).count) }
        for b in store.pendingChunks {
            if checkpoint.shouldStop() { throw StudyInterrupted(kept: store.completedChunks.count, of: store.chunkCount, directory: store.directory) }
            let block = samples.rows(store.rows(ofChunk: b))
            let out = engine.run(compiled, parameters: block, outputs: series, progress: progress, shouldStop: checkpoint.shouldStop)
            guard out.isComplete else { throw StudyInterrupted(kept: store.completedChunks.count, of: store.chunkCount, directory: store.directory) }
            try store.write(chunk: b, rows: out.values)
        }
        // A signal during the last block: stop before the analysis, with the sweep kept.
        if checkpoint.shouldStop() { throw StudyInterrupted(kept: store.completedChunks.count, of: store.chunkCount, directory: store.directory) }
        return try store.assemble()
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
public protocol StudyProgress: Sendable {
    func begin(_ label: String, _ total: Int) -> any StudyProgressTask
    /// A line for the log (stderr), e.g. a stage that finished or a warning.
    func log(_ line: String)
}

public protocol StudyProgressTask: Sendable {
    func advance(_ n: Int)
    func finish()
}
