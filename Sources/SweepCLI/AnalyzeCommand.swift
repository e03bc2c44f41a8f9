import ArgumentParser
import Foundation
import SweepAnalysis
import SweepNumerics
import SweepRun
import SweepSampling
import SweepStudy

/// `sdsweep analyze METHOD --problem P --samples X.csv --outputs Y.csv …`: sensitivity indices
/// of one output column of an evaluated design, as JSON with SALib's keys.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Compute sensitivity indices from a design and its outputs.",
        discussion: """
            sobol: S1, ST (and S2 with --second-order) from a Saltelli design in SALib's row layout; \
            morris: mu, mu_star, sigma from Morris trajectories; prcc: partial rank correlations \
            with p-values; src: standardised regression coefficients and R²; efast: S1, ST from \
            `sample fast` curves; rbd-fast: S1 from any design (LHS best); delta: Borgonovo's δ and \
            S1 from any design; pawn: KS statistics of conditional outputs over --slices; dgsm: \
            derivative-based measures from `sample finite-diff`. JSON keys are SALib 1.6's; NaN is \
            written null.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case sobol, morris, prcc, src, efast, rbdFast = "rbd-fast", delta, pawn, dgsm
    }

    @Argument(help: "\(Method.allCases.map(\.rawValue).joined(separator: ", ")).")
    var method: Method

    @Option(help: "Problem: a study file, or SALib's text ('name lower upper [nominal] [group] [unif|triang|norm|truncnorm|lognorm]' per line, spaces or commas; names with spaces in double quotes).")
    var problem: String

    @Option(help: "The design CSV (header of parameter names, in any order: columns are matched to the problem by name; one row per run).")
    var samples: String

    @Flag(help: "The samples file has no header (SALib's text files: numbers separated by spaces, tabs or commas): its columns are the problem's parameters in order.")
    var noHeader = false

    @Option(help: ArgumentHelp("The outputs CSV (header of output names, one row per run), or every shard of one sweep from `evaluate --shard I/N` (repeat --outputs, or a quoted glob such as 'y.shard-*.csv'): checked to cover the design exactly once and merged in row order.", valueName: "Y.csv"))
    var outputs: [String] = []

    @Option(help: "The output column to analyse (default: the first).")
    var column: String?

    @Flag(help: "The Saltelli design holds the BA blocks (N(2k+2) rows): also compute S2.")
    var secondOrder = false

    @Option(parsing: .unconditional, help: "Bootstrap resamples for the confidence intervals.")
    var bootstrap = 100

    @Option(parsing: .unconditional, help: "Confidence level of the reported half-widths, in (0, 1).")
    var conf = 0.95

    @Option(parsing: .unconditional, help: "Seed of the bootstrap.")
    var seed: UInt64 = 1

    @Option(parsing: .unconditional, help: "Morris grid levels p.")
    var levels = 4

    @Option(help: "sobol: the estimator of S1 and ST, \(SobolEstimator.allCases.map(\.rawValue).joined(separator: ", ")).")
    var estimator: SobolEstimator = .saltelli2010

    @Option(parsing: .unconditional, help: "efast: harmonics per index (default 4, as sampled); rbd-fast: harmonics (default 10).")
    var m: Int?

    @Option(parsing: .unconditional, help: "pawn: slices of each input's range.")
    var slices = 10

    @Flag(help: "Drop base blocks (sobol), trajectories (morris) or rows (prcc, src) with NaN or infinite outputs instead of refusing them.")
    var dropNonfinite = false

    @Option(help: "Write the JSON here (atomically) instead of stdout.")
    var out: String?

    func run() throws {
        try CLI.guarded {
            guard bootstrap >= 2 else {
                throw CLI.UsageError("--bootstrap must be at least 2 (a standard deviation needs two resamples), got \(bootstrap)")
            }
            guard conf > 0, conf < 1 else {
                throw CLI.UsageError("--conf must be strictly between 0 and 1, got \(conf)")
            }
            guard !self.outputs.isEmpty else { throw CLI.UsageError("missing --outputs Y.csv (or the shards of one sweep)") }
            try CLI.input(problem, "problem")
            try CLI.input(samples, "CSV")
            let outputFiles = try ShardSet.expand(self.outputs)
            for path in outputFiles { try CLI.input(path, "CSV") }
            try CLI.output(out)
            let space = try Study.problem(path: problem)
            let x = try DesignFile.read(path: samples, parameters: space.names, hasHeader: !noHeader)
            let table = try OutputTable.load(outputFiles, samples: samples)
            let outputs = table.name
            let columnIndex: Int
            if let column {
                guard let c = table.header.firstIndex(of: column) else {
                    throw CLI.UsageError(
                        "no output column '\(column)'; the columns are \(table.header.map { "'\($0)'" }.joined(separator: ", "))",
                        file: outputs)
                }
                columnIndex = c
            } else {
                columnIndex = 0
            }
            let y = table.values.column(columnIndex)
            guard x.rows == y.count else {
                throw CLI.UsageError(
                    "the samples have \(x.rows) rows (\(samples)) but the outputs have \(y.count) (\(outputs)): one output row per run is needed",
                    file: outputs)
            }
            let json: Data
            do {
                json = try analyze(x: x, y: y, space: space, outputs: outputs, column: table.header[columnIndex])
            } catch let error as AnalysisError {
                // Point at the first offending output row, as a compiler points at a line.
                if let row = error.rows.first, let location = table.location(row) {
                    throw error.located(at: location)
                }
                throw error
            }
            try CLI.emit(String(decoding: json, as: UTF8.self) + "\n", to: out)
        }
    }

    private func analyze(x: Matrix, y: [Double], space: ParameterSpace, outputs: String, column: String) throws -> Data {
        // With groups (SALib semantics), Sobol' and Morris factors are the groups.
        let names = space.hasGroups ? space.groupNames : space.names
        let groupOf = space.hasGroups ? space.groupIndex : Array(0..<space.count)
        let k = names.count
        // Beside SALib's keys: the column analysed and what is known of the design.
        func annotated(_ result: some Encodable, _ fill: (inout ResultJSON.Design) -> Void = { _ in }) throws -> Data {
            var design = ResultJSON.Design(method: "samples file", runs: x.rows, parameters: space.names)
            design.samples = samples
            if space.hasGroups, method == .sobol || method == .morris { design.groups = names }
            fill(&design)
            return try ResultJSON.data(ResultJSON.Annotated(result, output: .init(column: column, finalTime: nil), design: design))
        }
        switch method {
        case .sobol:
            let layout: SaltelliLayout
            do {
                layout = try SaltelliLayout(factors: k, rows: y.count, secondOrder: secondOrder)
            } catch let error as SamplingError { throw CLI.UsageError(error.message, file: outputs) }
            do {
                try layout.check(design: x, factorOf: groupOf)
            } catch let error as SamplingError { throw CLI.UsageError(error.message, file: samples) }
            let analysis = SobolAnalysis(bootstrap: bootstrap, confidence: conf, seed: seed, dropNonFinite: dropNonfinite, estimator: estimator)
            return try annotated(analysis.analyze(layout: layout, outputs: y, names: names)) {
                ($0.method, $0.n, $0.secondOrder, $0.estimator) = ("saltelli", layout.baseRows, secondOrder, estimator.rawValue)
                ($0.bootstrap, $0.confidence, $0.bootstrapSeed) = (bootstrap, conf, seed)
            }
        case .morris:
            guard levels >= 2 else { throw CLI.UsageError("--levels must be at least 2, got \(levels)") }
            guard y.count % (k + 1) == 0, y.count > 0 else {
                throw CLI.UsageError(
                    "the outputs have \(y.count) rows, but a Morris design for k = \(k) has r·(k+1) = r·\(k + 1) rows",
                    file: outputs)
            }
            let layout = MorrisLayout(factors: k, trajectories: y.count / (k + 1), levels: levels)
            let analysis = MorrisAnalysis(bootstrap: bootstrap, confidence: conf, seed: seed, dropNonFinite: dropNonfinite)
            return try annotated(analysis.analyze(layout: layout, design: x, outputs: y, names: names, groups: space.hasGroups ? groupOf : nil)) {
                ($0.method, $0.trajectories, $0.levels) = ("morris", layout.trajectories, levels)
                ($0.bootstrap, $0.confidence, $0.bootstrapSeed) = (bootstrap, conf, seed)
            }
        case .prcc:
            return try annotated(PRCCAnalysis(dropNonFinite: dropNonfinite).analyze(inputs: x, outputs: y, names: space.names))
        case .src:
            return try annotated(SRCAnalysis(dropNonFinite: dropNonfinite).analyze(inputs: x, outputs: y, names: space.names))
        case .efast, .rbdFast, .delta, .pawn, .dgsm:
            return try analyzeMore(x: x, y: y, space: space, outputs: outputs, annotate: { try annotated($0, $1) })
        }
    }
}
