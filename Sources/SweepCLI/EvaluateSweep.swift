import ArgumentParser
import Foundation
import SweepCompiler
import SweepDiagnostics
import SweepEngine
import SweepModel
import SweepNumerics

/// The body of `sdsweep evaluate`: samples in, outputs out, block by block, with what keeps a
/// long sweep safe: a memory check before the first run, a checkpoint of finished blocks,
/// a clean stop on SIGINT/SIGTERM, and a report of runs that produced NaN or ±∞.
///
/// Every run's arithmetic is independent of the block (and chunk and thread) it lands in, so a
/// resumed or streamed sweep writes the same bytes as one uninterrupted in-memory run.
struct EvaluateSweep {
    var modelPath: String
    var samplesPath: String
    var outputs: [String]
    var out: String?
    var nonFiniteReport: String?
    var checkpoint: String?
    var resume: Bool
    var outOfCore: Bool
    var block: Int
    var memoryLimit: String?
    var explain: Bool
    /// Only this shard's rows (`--shard I/N`), written as a `ShardFile`.
    var shard: (index: Int, count: Int)?
    var runOptions: RunOptions
    var engineOptions: EngineOptions

    func run() throws {
        if resume && checkpoint == nil { throw CLI.UsageError("--resume needs --checkpoint DIR") }
        guard block >= 1 else { throw CLI.UsageError("--block must be at least 1") }
        let host = SweepHost.current
        if host.isDistributed && checkpoint != nil {
            throw CLI.UsageError("--checkpoint is not available under mpirun (a checkpoint belongs to one process); split the sweep with --shard I/N instead, which reruns only the shards that failed")
        }
        if shard != nil && (out == nil || out == "-") { throw CLI.UsageError("--shard needs --out FILE: each shard is a file") }
        let model = try runOptions.load(modelPath)
        let reader = try CSVRowReader(path: samplesPath)
        let requested = outputs.isEmpty ? model.variables.compactMap { if case .stock = $0.kind { $0.name } else { nil } } : outputs
        let compiled: CompiledModel
        do {
            compiled = try Compiler.compile(model, parameters: reader.header, overrides: try runOptions.parsedOverrides(),
                                            outputs: requested.map(OutputSeries.variableName))
        } catch let error as CompileError where error.kind == .badParameter {
            throw CSVError(.unknownName, location: SourceLocation(file: samplesPath, line: 1), message: error.message)
        }
        if explain { CLI.printError(compiled.explain()) }
        let series = try requested.map { try OutputSeries.parse($0, in: compiled) }
        let columns = series.flatMap(\.columnNames)
        let engine = try engineOptions.engine()
        let executor = host.executor(engine)
        let (allRuns, samplesHash) = try CSVRowReader.scan(path: samplesPath, hashing: checkpoint != nil || shard != nil)
        // A shard is a contiguous range of the samples' rows, split as MPI splits ranks.
        let rows = shard.map { RowPartition(runs: allRuns, parts: $0.count).range(of: $0.index) } ?? 0..<allRuns
        let runs = rows.count
        try skip(rows.lowerBound, in: reader)
        let sweepFingerprint = fingerprint(samplesHash: samplesHash, header: reader.header, columns: columns, update: engine.update)

        // One block of every run unless streaming or checkpointing: the fastest, and what the
        // memory check is about.
        let blockRows = (outOfCore || checkpoint != nil) ? block : Swift.max(runs, 1)
        let estimate = MemoryEstimate(model: compiled, rowsHeld: Swift.min(blockRows, Swift.max(runs, 1)), parameters: 2 * reader.header.count,
                                      outputColumns: columns.count, threads: engine.threads, chunkSize: engine.chunkSize)
        try checkMemory(estimate, runs: runs, columns: columns.count)
        if outOfCore && !engineOptions.quiet {
            CLI.printError("evaluate: \(runs) runs in blocks of \(blockRows), \(columns.count) output column\(columns.count == 1 ? "" : "s"); memory estimate \(estimate)")
        }

        let store = try checkpoint.map { dir in
            try ChunkStore.open(directory: dir, fingerprint: sweepFingerprint.merging(shard.map { ["shard": "\($0.index)/\($0.count)"] } ?? [:]) { a, _ in a },
                                runs: runs, columns: columns, chunkSize: blockRows, resume: resume)
        }
        if let store {
            for (file, reason) in store.rejected { CLI.printError("warning: \(file): \(reason); its runs will be computed again") }
            if resume && !store.resumed { CLI.printError("note: no checkpoint in '\(store.directory)' yet; starting from the first run") }
            if store.resumed && !engineOptions.quiet {
                CLI.printError("resuming: \(store.completedChunks.count) of \(store.chunkCount) blocks already done")
            }
        }

        let stop = Interruption.install()
        // Under mpirun every rank runs this loop (each sweep is collective); rank 0 writes.
        let writer: CSVNumberWriter?
        if !host.writesResults {
            writer = nil
        } else if let shard, let out {
            let manifest = ShardFile.Manifest(shard: shard.index, shards: shard.count, first: rows.lowerBound, count: runs,
                                              runs: allRuns, fingerprint: sweepFingerprint)
            writer = try ShardFile.writer(path: out, manifest: manifest, header: columns)
        } else {
            writer = try CSVNumberWriter(path: out, header: columns)
        }
        let faults = try NonFiniteReport(path: host.writesResults ? nonFiniteReport : nil, parameters: reader.header, outputs: columns, runs: runs)
        let bar = ProgressBar(total: runs, label: "evaluate", quiet: engineOptions.quiet || !host.writesResults)
        let blockCount = runs == 0 ? 0 : (runs + blockRows - 1) / blockRows
        let done = store?.completedChunks ?? []
        var stopped = false
        for b in 0..<blockCount {
            let first = b * blockRows
            let count = Swift.min(blockRows, runs - first)
            guard let parameters = try reader.nextBlock(maxRows: count), parameters.rows == count else {
                throw CSVError(location: SourceLocation(file: samplesPath), message: "the file changed while it was being read")
            }
            let values: Matrix
            let nonFinite: [Int]
            if done.contains(b), let store {
                values = try store.read(chunk: b)
                nonFinite = NonFiniteScan.rows(in: values)
                bar.advance(count)
            } else {
                if stop.signal != nil { stopped = true; break }
                let result = executor.run(compiled, parameters: parameters, outputs: series,
                                        progress: { bar.advance($0) }, shouldStop: { stop.signal != nil })
                if !result.isComplete { stopped = true; break }
                try store?.write(chunk: b, rows: result.values)
                values = result.values
                nonFinite = result.nonFiniteRuns
            }
            try faults.add(rows: nonFinite, firstRun: rows.lowerBound + first, parameters: parameters, outputs: values)
            try writer?.write(values)
        }
        bar.finish()
        if stopped {
            writer?.abandon()
            faults.abandon()
            if let store {
                CLI.printError("kept \(store.completedChunks.count) of \(store.chunkCount) finished blocks in '\(store.directory)'; continue with --resume")
            } else {
                CLI.printError("nothing written")
            }
            throw ExitCode(stop.exitStatus)
        }
        if shard != nil { try writer?.commit(trailer: { ShardFile.trailer($0) }) } else { try writer?.commit() }
        try faults.commit()
        if let summary = faults.summary { CLI.printError(summary) }
    }

    /// Reads past the first `count` data rows (those before this shard's), checking them as it goes.
    func skip(_ count: Int, in reader: CSVRowReader) throws {
        var left = count
        while left > 0 {
            guard let b = try reader.nextBlock(maxRows: Swift.min(left, 65_536)) else {
                throw CSVError(location: SourceLocation(file: samplesPath), message: "the file changed while it was being read")
            }
            left -= b.rows
        }
    }

    /// Refuses a sweep that will not fit, before it starts, with what to do instead.
    func checkMemory(_ estimate: MemoryEstimate, runs: Int, columns: Int) throws {
        let limitText = memoryLimit
        let available = try limitText.map { text -> Int in
            guard let v = MemoryEstimate.parse(text) else { throw CLI.UsageError("--memory-limit '\(text)': use bytes or a size like 512M, 8G") }
            return v
        } ?? MemoryEstimate.available()
        guard let available, estimate.total > available else { return }
        let advice = outOfCore
            ? "use a smaller --block (now \(block)) or fewer --threads"
            : "use --out-of-core to stream samples and outputs through memory in blocks, or keep fewer outputs or saved times (\(columns) column\(columns == 1 ? "" : "s") now)"
        throw ResourceError(message: "this sweep of \(runs) runs needs about \(estimate) but only \(MemoryEstimate.format(available)) is available; \(advice)")
    }

    /// What makes a checkpoint this sweep's: the model file and every setting that changes
    /// the numbers, the samples' bytes, and the outputs asked for. Threads and chunk size are
    /// left out on purpose: they do not change a single bit.
    func fingerprint(samplesHash: FNV1a64, header: [String], columns: [String], update: BatchEngine.StockUpdate) -> ChunkStore.Fingerprint {
        var model = FNV1a64()
        if let data = FileManager.default.contents(atPath: modelPath) { data.withUnsafeBytes { model.update($0) } }
        let settings = "method=\(runOptions.method ?? "-");dt=\(runOptions.dt.map { "\($0)" } ?? "-");saveper=\(runOptions.saveper.map { "\($0)" } ?? "-");set=\(runOptions.overrides.joined(separator: "|"));update=\(update.rawValue)"
        return [
            "model": model.hex,
            "settings": FNV1a64.hex(settings),
            "samples": samplesHash.hex,
            "parameters": FNV1a64.hex(header.joined(separator: "\n")),
            "outputs": FNV1a64.hex(columns.joined(separator: "\n")),
        ]
    }
}

/// A sweep that does not fit the machine: refused before it starts (exit 2, like bad input:
/// the request, not the run, has to change).
struct ResourceError: InputError {
    var kind: ErrorKind { .resources }
    var location: SourceLocation? { nil }
    var message: String
}

/// Runs whose outputs are NaN or ±∞: counted, the first few kept for the summary, and all
/// listed (run, parameter values, which outputs) in `--nonfinite-report` if asked for.
final class NonFiniteReport {
    private let writer: CSVNumberWriter?
    private let parameters: [String]
    private let outputs: [String]
    private let runs: Int
    private(set) var count = 0
    private var first: [String] = []

    init(path: String?, parameters: [String], outputs: [String], runs: Int) throws {
        self.parameters = parameters
        self.outputs = outputs
        self.runs = runs
        writer = try path.map { try CSVNumberWriter(path: $0, header: ["run"] + parameters + ["nonfinite_outputs"]) }
    }

    func add(rows: [Int], firstRun: Int, parameters p: Matrix, outputs o: Matrix) throws {
        for r in rows {
            count += 1
            let bad = NonFiniteScan.columns(of: r, in: o).map { outputs[$0] }
            if first.count < 3 {
                let values = parameters.indices.map { "\(parameters[$0])=\(CSVFormat.number(p[r, $0]))" }.joined(separator: ", ")
                first.append("run \(firstRun + r) with \(values.isEmpty ? "no parameters" : values) → \(bad.joined(separator: ", "))")
            }
            try writer?.write(fields: ["\(firstRun + r)"] + parameters.indices.map { CSVFormat.number(p[r, $0]) } + [bad.joined(separator: ";")])
        }
    }

    func commit() throws { try writer?.commit() }
    func abandon() { writer?.abandon() }

    /// The stderr warning, or nil when every run was finite.
    var summary: String? {
        guard count > 0 else { return nil }
        let more = count > first.count ? "; …" : ""
        let hint = writer == nil ? " — list them all with --nonfinite-report FILE.csv" : ""
        return "warning: \(count) of \(runs) runs produced NaN/Inf (first: \(first.joined(separator: "; "))\(more))\(hint)"
    }
}
