import Foundation
import SweepAnalysis
import SweepEngine
import SweepNumerics

extension StudyResults {
    /// Writes every result file into `directory`, each atomically, and returns their names.
    ///
    /// `baseline.csv`, `oat.csv`, `sobol.json` (+ `sobol-over-time.csv`), `morris.json`,
    /// `prcc.json`, `robustness.csv` (+ `robustness.json`), `runs-summary.csv`, the SVG
    /// figures, `report.html` and `provenance.json`: CSV and JSON that pandas and SALib users
    /// read directly (SALib's keys; NaN as `null` in JSON and empty in CSV). A folder reused
    /// from an earlier run loses that run's files this one does not write (see `ResultFolder`).
    @discardableResult
    public func write(to directory: String, commandLine: [String] = CommandLine.arguments) throws -> [String] {
        var files: [ResultFolder.File] = []
        // One line per file: a new result file is one more `put`.
        func put(_ name: String, _ text: String) throws { files.append(.init(name: name, text: text)) }
        if let b = baseline { try put("baseline.csv", b.csv()) }
        if let o = oat { try put("oat.csv", Self.oatCSV(o)) }
        if let s = sobol {
            try put("sobol.json", try sobolJSON(s))
            if !s.overTime.isEmpty { try put("sobol-over-time.csv", Self.sobolOverTimeCSV(s)) }
            if let csv = s.convergenceCSV { try put("sobol-convergence.csv", csv) }
        }
        if let m = morris { try put("morris.json", try morrisJSON(m)) }
        if let p = prcc {
            try put("prcc.json", try prccJSON(p, \.prcc))
            try put("src.json", try prccJSON(p, \.src))
            try put("runs-summary.csv", Self.runsSummaryCSV(p))
        }
        if let r = robustness {
            try put("robustness.csv", Self.robustnessCSV(r))
            try put("robustness.json", try robustnessJSON(r))
        }
        for stage in moreMethods {
            for file in try methodFiles(stage.method) { try put(file.name, file.text) }
        }
        for figure in figures() {
            try put(figure.file, figure.chart.svg())
        }
        let names = files.map(\.name) + [ResultFolder.provenanceName, "report.html"]
        try put("report.html", report(files: names).html())
        try ResultFolder(directory).write(files, provenance: { try Self.encode(provenance(commandLine: commandLine, files: $0)) })
        return names
    }

    /// Writes one method's files (`methodFiles`) and `provenance.json` into `directory`, as
    /// `sdsweep oat|sobol|morris|robustness --out DIR` does, and returns their names.
    @discardableResult
    public func write(_ method: Study.Method, to directory: String, commandLine: [String] = CommandLine.arguments) throws -> [String] {
        let files = try methodFiles(method).map { ResultFolder.File(name: $0.name, text: $0.text) }
        try ResultFolder(directory).write(files, provenance: { try Self.encode(provenance(commandLine: commandLine, files: $0)) })
        return files.map(\.name) + [ResultFolder.provenanceName]
    }

    /// The files of one method for `sdsweep oat|sobol|morris|robustness --out DIR`:
    /// `<method>.json` with `analyze`'s keys and `<method>.csv` (prcc: `prcc.json` and `src.json`);
    /// none when the method did not run.
    public func methodFiles(_ method: Study.Method) throws -> [(name: String, text: String)] {
        switch method {
        case .oat:
            guard let o = oat else { return [] }
            return [("oat.json", try oatJSON(o)), ("oat.csv", Self.oatCSV(o))]
        case .sobol:
            guard let s = sobol else { return [] }
            var files = [("sobol.json", try sobolJSON(s)), ("sobol.csv", Self.sobolCSV(s))]
            if !s.overTime.isEmpty { files.append(("sobol-over-time.csv", Self.sobolOverTimeCSV(s))) }
            if let csv = s.convergenceCSV { files.append(("sobol-convergence.csv", csv)) }
            return files
        case .morris:
            guard let m = morris else { return [] }
            return [("morris.json", try morrisJSON(m)), ("morris.csv", Self.morrisCSV(m))]
        case .prcc:
            guard let p = prcc else { return [] }
            return [("prcc.json", try prccJSON(p, \.prcc)), ("src.json", try prccJSON(p, \.src))]
        case .robustness:
            guard let r = robustness else { return [] }
            return [("robustness.json", try robustnessJSON(r)),
                    ("robustness.csv", Self.robustnessCSV(r))]
        case .efast, .rbdFast, .delta, .pawn, .dgsm:
            guard let stage = moreMethods.first(where: { $0.method == method }) else { return [] }
            let name = method.stageName
            var files = [("\(name).json", try json(outputs: stage.indices.map { ($0.output, ErasedResult(value: $0.result)) }, design: stage.design)),
                         ("\(name).csv", Self.measureCSV(stage))]
            if !stage.overTime.isEmpty { files.append(("\(name)-over-time.csv", Self.measureOverTimeCSV(stage))) }
            return files
        }
    }

    /// A method's ranking measure per output and parameter: `output,parameter,<key>[,<key>_conf]`.
    static func measureCSV(_ stage: MethodStageResult) -> String {
        let key = stage.indices.first?.measure.key ?? "value"
        let withConf = stage.indices.first?.measure.halfWidths != nil
        var rows: [[String]] = []
        for (output, _, m) in stage.indices {
            for (j, name) in m.names.enumerated() {
                rows.append([output, name, cell(m.values[j])] + (withConf ? [cell(m.halfWidths?[j] ?? .nan)] : []))
            }
        }
        return CSVFormat.text(header: ["output", "parameter", key] + (withConf ? ["\(key)_conf"] : []), rows: rows)
    }

    /// A method's measure at every saved time: `variable,time,parameter,<key>[,<key>_conf]`.
    static func measureOverTimeCSV(_ stage: MethodStageResult) -> String {
        let key = stage.indices.first?.measure.key ?? "value"
        let withConf = stage.overTime.contains { $0.halfWidths != nil }
        var rows: [[String]] = []
        for series in stage.overTime {
            for (t, time) in series.times.enumerated() {
                for (j, name) in stage.design.parameters.enumerated() {
                    rows.append([series.variable, cell(time), name, cell(series.values[t][j])] + (withConf ? [cell(series.halfWidths?[t][j] ?? .nan)] : []))
                }
            }
        }
        return CSVFormat.text(header: ["variable", "time", "parameter", key] + (withConf ? ["\(key)_conf"] : []), rows: rows)
    }

    /// A stage's result of whichever type, encoded as itself.
    struct ErasedResult: Encodable {
        var value: any Encodable
        func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
    }

    // MARK: CSV

    static func sobolCSV(_ s: SobolResult) -> String {
        var rows: [[String]] = []
        for (output, idx) in s.indices {
            for (j, name) in idx.names.enumerated() {
                rows.append([output, name, cell(idx.s1[j]), cell(idx.s1Conf[j]), cell(idx.st[j]), cell(idx.stConf[j])])
            }
        }
        return CSVFormat.text(header: ["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"], rows: rows)
    }

    static func morrisCSV(_ m: MorrisResult) -> String {
        let idx = m.indices
        let rows = idx.names.indices.map { j in
            [m.output, idx.names[j], cell(idx.mu[j]), cell(idx.muStar[j]), cell(idx.sigma[j]), cell(idx.muStarConf[j])]
        }
        return CSVFormat.text(header: ["output", "parameter", "mu", "mu_star", "sigma", "mu_star_conf"], rows: rows)
    }

    static func oatCSV(_ o: OATResult) -> String {
        var rows: [[String]] = []
        for (output, e) in o.effects {
            for (p, name) in e.names.enumerated() {
                for (s, step) in e.steps.enumerated() {
                    rows.append([output, name, o.groups[p], cell(step), cell(e.outputs[p][s]), cell(e.baseline),
                                 cell(e.change[p][s]), cell(e.relativeChange[p][s]), "\(e.rank[p][s])",
                                 e.groupRank.map { "\($0[p][s])" } ?? ""])
                }
            }
        }
        return CSVFormat.text(header: ["output", "parameter", "group", "step", "value", "baseline", "change", "relative_change", "rank", "group_rank"],
                              rows: rows)
    }

    static func sobolOverTimeCSV(_ s: SobolResult) -> String {
        var rows: [[String]] = []
        for (variable, series) in s.overTime {
            for (t, time) in series.times.enumerated() {
                for (j, name) in series.names.enumerated() {
                    rows.append([variable, cell(time), name, cell(series.s1[t][j]), cell(series.s1Conf[t][j]),
                                 cell(series.st[t][j]), cell(series.stConf[t][j])])
                }
            }
        }
        return CSVFormat.text(header: ["variable", "time", "parameter", "S1", "S1_conf", "ST", "ST_conf"], rows: rows)
    }

    static func runsSummaryCSV(_ p: PRCCStageResult) -> String {
        let qs = [0.05, 0.25, 0.5, 0.75, 0.95]
        var rows: [[String]] = []
        let times = p.times
        for (variable, m) in p.trajectories {
            // Each time on its own, on every core: the rows come out in time order regardless.
            rows += Statistics.perIndex(times.count) { t -> [String] in
                let finite = m.column(t).filter(\.isFinite)
                var row = [variable, cell(times[t]), "\(m.rows)", "\(m.rows - finite.count)"]
                guard !finite.isEmpty else { return row + [""] + qs.map { _ in "" } }
                row.append(cell(Statistics.mean(finite)))
                return row + Statistics.quantiles(finite, qs).map(cell)
            }
        }
        return CSVFormat.text(header: ["variable", "time", "runs", "nonfinite", "mean", "p05", "p25", "p50", "p75", "p95"], rows: rows)
    }

    static func robustnessCSV(_ r: RobustnessResult) -> String {
        let tables = [r.frequencies.overall] + r.frequencies.groups
        let width = tables.map(\.names.count).max() ?? 0
        var rows: [[String]] = []
        for table in tables {
            for (i, name) in table.names.enumerated() {
                let shares = table.frequency[i].map(cell)
                rows.append([table.group ?? "all", name, "\(table.points)"] + shares + Array(repeating: "", count: width - shares.count))
            }
        }
        return CSVFormat.text(header: ["scope", "factor", "points"] + (1...max(width, 1)).map { "rank_\($0)" }, rows: rows)
    }

    /// A CSV number: shortest round-trip form, empty for NaN so pandas reads it as missing.
    static func cell(_ v: Double) -> String { v.isNaN ? "" : CSVFormat.number(v) }

    // MARK: JSON

    /// One object with SALib's keys for one output; `{"outputs": {name: …}}` for several. Each
    /// object also says which output it is of and the design (`ResultJSON.Annotated`).
    func json<T: Encodable>(outputs: [(String, T)], design: ResultJSON.Design) throws -> String {
        let annotated = outputs.map { ($0.0, ResultJSON.Annotated($0.1, output: output($0.0), design: design)) }
        if annotated.count == 1 { return try Self.encode(annotated[0].1) }
        return try Self.encode(KeyedOutputs(outputs: Dictionary(annotated, uniquingKeysWith: { a, _ in a })))
    }

    func oatJSON(_ o: OATResult) throws -> String { try json(outputs: o.effects.map { ($0.output, $0.effects) }, design: design(of: .oat)) }
    func sobolJSON(_ s: SobolResult) throws -> String { try json(outputs: s.indices.map { ($0.output, $0.indices) }, design: design(of: .sobol)) }
    func morrisJSON(_ m: MorrisResult) throws -> String { try json(outputs: [(m.output, m.indices)], design: design(of: .morris)) }
    func robustnessJSON(_ r: RobustnessResult) throws -> String {
        try Self.encode(RobustnessFile(r, output: output(r.output), design: design(of: .robustness)))
    }
    func prccJSON<T: Encodable>(_ p: PRCCStageResult, _ part: KeyPath<(output: String, prcc: PRCCResult, src: SRCResult), T>) throws -> String {
        try json(outputs: p.results.map { ($0.output, $0[keyPath: part]) }, design: design(of: .prcc))
    }

    /// An output column of the run (`NAME` at the final time, or `NAME@TIME`) as name and time.
    func output(_ column: String) -> ResultJSON.Output {
        ResultJSON.Output(column: column, finalTime: study.model.time.final)
    }

    /// The design a method's results come from: what a reader needs to redraw it.
    func design(of method: Study.Method) -> ResultJSON.Design {
        let space = study.space
        var d = ResultJSON.Design(method: method.rawValue, runs: 0, parameters: space.names)
        d.seed = study.seed
        if space.hasGroups, method == .sobol || method == .morris { d.groups = space.groupNames }
        switch method {
        case .oat:
            guard let o = oat else { break }
            d = ResultJSON.Design(method: "one-at-a-time", runs: o.trajectories.count + 1, parameters: o.names)
            d.change = o.settings.change
        case .sobol:
            guard let s = sobol else { break }
            d.method = "saltelli"
            (d.runs, d.n, d.secondOrder) = (s.runs, s.settings.n, s.settings.secondOrder)
            (d.bootstrap, d.confidence) = (s.settings.bootstrap, s.settings.confidence)
            d.estimator = s.settings.estimator.rawValue
        case .morris:
            guard let m = morris else { break }
            (d.runs, d.trajectories, d.levels) = (m.runs, m.settings.trajectories, m.settings.levels)
        case .prcc:
            guard let p = prcc else { break }
            d.method = "latin-hypercube"
            (d.runs, d.n) = (p.trajectories.first?.values.rows ?? p.settings.n, p.settings.n)
        case .robustness:
            guard let r = robustness else { break }
            d.method = "robustness"
            (d.runs, d.n, d.change, d.parameters) = (r.runs, r.settings.n, r.settings.change, r.factors)
        case .efast, .rbdFast, .delta, .pawn, .dgsm:
            if let stage = moreMethods.first(where: { $0.method == method }) { d = stage.design }
        }
        return d
    }

    struct KeyedOutputs<T: Encodable>: Encodable {
        var outputs: [String: T]
    }

    static func encode<T: Encodable>(_ value: T) throws -> String { try ResultJSON.text(value) }

    struct RobustnessFile: Encodable {
        var output: ResultJSON.Output
        var design: ResultJSON.Design
        var change: Double
        var points: Int
        var runs: Int
        var summary: [String]
        var rankFrequencies: RankFrequencies
        var sobolBootstrapRanks: BootstrapRanks?

        init(_ r: RobustnessResult, output: ResultJSON.Output, design: ResultJSON.Design) {
            self.output = output
            self.design = design
            change = r.settings.change
            points = r.settings.n
            runs = r.runs
            summary = r.frequencies.summary
            rankFrequencies = r.frequencies
            sobolBootstrapRanks = r.sobolRanks
        }

        enum CodingKeys: String, CodingKey {
            case output, design, change, points, runs, summary
            case rankFrequencies = "rank_frequencies", sobolBootstrapRanks = "sobol_bootstrap_ranks"
        }
    }

    // MARK: Provenance

    struct Provenance: Encodable {
        var sdsweep: String
        var study: FileRecord
        var model: FileRecord
        var seed: UInt64
        var threads: Int
        var commandLine: [String]
        var runs: [String: Int]
        var stageSeconds: [String: Double]
        var engine: EngineRecord
        var warnings: [String]
        /// Every other file of the run, with its size and SHA-256 (this file cannot hold its own).
        var files: [ResultFolder.Record]
        var rerun: String

        /// `--engine` (or the study's `engine:`) and what each sweep ran on.
        struct EngineRecord: Encodable {
            var requested: String
            var sweeps: [String: String]
        }

        struct FileRecord: Encodable {
            var path: String
            var sha256: String
        }

        enum CodingKeys: String, CodingKey {
            case sdsweep, study, model, seed, threads, runs, engine, warnings, files, rerun
            case commandLine = "command_line", stageSeconds = "stage_seconds"
        }
    }

    func provenance(commandLine: [String], files: [ResultFolder.Record] = []) -> Provenance {
        func record(_ path: String) -> Provenance.FileRecord {
            let bytes = FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
            return .init(path: path, sha256: SHA256.hex(bytes))
        }
        var runs: [String: Int] = baseline == nil ? [:] : ["baseline": 1]
        if let o = oat { runs[Study.Method.oat.stageName] = o.trajectories.count + 1 }
        if let s = sobol { runs[Study.Method.sobol.stageName] = s.runs }
        if let m = morris { runs[Study.Method.morris.stageName] = m.runs }
        if let p = prcc { runs[Study.Method.prcc.stageName] = p.trajectories.first?.values.rows ?? p.settings.n }
        if let r = robustness { runs[Study.Method.robustness.stageName] = r.runs }
        for stage in moreMethods { runs[stage.method.stageName] = stage.runs }
        return Provenance(
            sdsweep: SDSweepVersion.string, study: record(study.file), model: record(study.modelPath), seed: study.seed,
            threads: threads, commandLine: commandLine, runs: runs,
            stageSeconds: Dictionary(stageSeconds.map { ($0.stage, ($0.seconds * 1000).rounded() / 1000) }, uniquingKeysWith: +),
            engine: .init(requested: requestedEngine.rawValue,
                          sweeps: Dictionary(engines.map { ($0.sweep, $0.plan.description) }, uniquingKeysWith: { a, b in a + "; " + b })),
            warnings: warnings, files: files,
            rerun: "sdsweep run \(study.file) — the same study file and seed give the same results bit for bit at any --threads")
    }
}

/// The version recorded in provenance and printed by `sdsweep --version`.
public enum SDSweepVersion {
    public static let string = "0.1.0"
}
