import ArgumentParser
import Foundation
import SweepNumerics
import SweepSampling
import SweepStudy

/// `sdsweep sample METHOD --problem P --n N …`: writes a design as CSV, a header of parameter
/// names and one row per run (docs/architecture.md §7, command-line contract).
struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a sampling design (one row per run) as CSV.",
        discussion: """
            Methods:
              sobol      Saltelli cross design from a Sobol' sequence, rows in SALib's order
                         (N(k+2) rows, N(2k+2) with --second-order; k = groups if any)
              sobol-seq  the bare Sobol' sequence, N rows
              lhs        Latin hypercube, N rows (--variant plain|centered|maximin)
              morris     N Morris trajectories of k+1 rows (--levels P, --candidates M)
              random     Monte Carlo, N rows
              oat        baseline + each parameter at nominal·(1 ± change) (--change, --direction)
              grid       full factorial, P^k rows (--levels P)
              fast       eFAST search curves, N rows per parameter (--m M, default 4; N > 4M²),
                         SALib's fast_sampler layout
              finite-diff  DGSM's finite differences: N base points from the unscrambled Sobol'
                         sequence (--skip, default 1024), each followed by k points with one
                         parameter moved by --delta·x (default 0.01), SALib's finite_diff layout

            The problem is a study file (YAML with a `parameters:` section) or a SALib-style text
            file (`name lower upper [nominal] [group] [distribution]` per line, separated by spaces
            or commas, names with spaces in double quotes; SALib's distributions unif, triang,
            norm, truncnorm and lognorm with SALib's meaning of the bounds). Unscrambled with skip 0, `sobol` reproduces SALib's
            `sobol.sample(problem, N, scramble=False)` and `sobol-seq` scipy's
            `Sobol(d, scramble=False).random(N)` bit for bit. Warnings go to standard error.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case sobol, lhs, morris, random, sobolSeq = "sobol-seq", oat, grid, fast, finiteDiff = "finite-diff"
    }

    enum LHSVariant: String, ExpressibleByArgument, CaseIterable {
        case plain, centered, maximin
    }

    enum OATDirection: String, ExpressibleByArgument, CaseIterable {
        case up, down, both
    }

    @Argument(help: "The design: \(Method.allCases.map(\.rawValue).joined(separator: ", ")).") var method: Method
    @Option(help: "The parameter space: a study file (YAML; its correlations: apply to lhs and random) or a SALib-style text file.") var problem: String

    @Option(name: [.customLong("n"), .customShort("n")], parsing: .unconditional,
            help: "Sample size: base rows (sobol), rows (sobol-seq, lhs, random), trajectories (morris); required by these, no default.")
    var n: Int?

    @Option(parsing: .unconditional, help: "Seed of every random stream (and of the Sobol' scrambling).") var seed: UInt64 = 0
    @Flag(help: "sobol: add the BA blocks needed for second-order indices.") var secondOrder = false
    @Option(parsing: .unconditional, help: "morris: grid levels (default 4); grid: levels per parameter (default 3).") var levels: Int?
    @Flag(inversion: .prefixedNo, help: "sobol, sobol-seq: scramble the sequence (LMS + digital shift, from --seed).") var scramble = true
    @Option(parsing: .unconditional, help: "sobol, sobol-seq: points to skip at the start of the sequence (default 0; finite-diff: 1024).") var skip: Int?
    @Option(parsing: .unconditional, help: "fast: the interference parameter M, harmonics per index (default 4).") var m: Int?
    @Option(parsing: .unconditional, help: "finite-diff: the relative step δ of each moved parameter (default 0.01).") var delta: Double?
    @Option(help: "lhs: plain, centered or maximin.") var variant: LHSVariant = .plain
    @Option(parsing: .unconditional, help: "lhs maximin: candidate designs (default 10); morris: candidate trajectories for Campolongo's selection.") var candidates: Int?
    @Option(parsing: .unconditional, help: "oat: the relative change of each parameter (0.5 = ±50%).") var change = 0.5
    @Option(help: "oat: up, down or both.") var direction: OATDirection = .both
    @Option(help: "Write the CSV here (atomically) instead of standard output.") var out: String?

    func run() throws {
        try CLI.guarded {
            try CLI.input(problem, "problem")
            try CLI.output(out)
            let space = try Study.problem(path: problem)
            for note in ignoredOptions() { CLI.printError("warning: \(note)") }
            let correlations = try Study.problemCorrelations(path: problem, space: space)
            if correlations != nil && method != .lhs && method != .random {
                throw CLI.UsageError("the problem's correlations apply to lhs and random designs; \(method.rawValue) assumes independent inputs (sample lhs or random, or use a problem without correlations)")
            }
            let design = try makeDesign(space)
            for warning in design.warnings { CLI.printError("warning: \(warning)") }
            let samples = try Study.imposing(correlations, on: design.samples, names: design.names, seed: seed)
            try CLI.emit(CSVFormat.text(header: design.names, matrix: samples), to: out)
        }
    }

    func makeDesign(_ space: ParameterSpace) throws -> any SamplingDesign {
        func size() throws -> Int {
            guard let n else { throw CLI.UsageError("sample \(method.rawValue) needs --n") }
            return n
        }
        switch method {
        case .sobol:
            return try Saltelli(secondOrder: secondOrder, scramble: scramble, skip: skip ?? 0).sample(space, n: size(), seed: seed)
        case .sobolSeq:
            return try SobolSampling(scramble: scramble, skip: skip ?? 0).sample(space, n: size(), seed: seed)
        case .lhs:
            let v: LatinHypercube.Variant = switch variant {
            case .plain: .plain
            case .centered: .centered
            case .maximin: .maximin(candidates: candidates ?? 10)
            }
            return try LatinHypercube(variant: v).sample(space, n: size(), seed: seed)
        case .morris:
            return try Morris(levels: levels ?? 4, candidates: candidates).sample(space, trajectories: size(), seed: seed)
        case .random:
            return try RandomSampling().sample(space, n: size(), seed: seed)
        case .oat:
            let d: OneAtATime.Directions = switch direction {
            case .up: .up
            case .down: .down
            case .both: .both
            }
            return try OneAtATime(change: change, directions: d).sample(space)
        case .grid:
            return try Grid(levels: levels ?? 3).sample(space)
        case .fast:
            return try FASTSampler(m: m ?? 4).sample(space, n: size(), seed: seed)
        case .finiteDiff:
            return try FiniteDifferenceSampler(delta: delta ?? 0.01, skip: skip ?? 1024).sample(space, n: size(), seed: seed)
        }
    }

    /// Options given that the method does not use: said, not silently dropped.
    func ignoredOptions() -> [String] {
        var notes: [String] = []
        let sobolLike = method == .sobol || method == .sobolSeq
        if secondOrder && method != .sobol { notes.append("--second-order applies to sobol only; ignored") }
        if skip != nil && !sobolLike && method != .finiteDiff { notes.append("--skip applies to sobol, sobol-seq and finite-diff only; ignored") }
        if m != nil && method != .fast { notes.append("--m applies to fast only; ignored") }
        if delta != nil && method != .finiteDiff { notes.append("--delta applies to finite-diff only; ignored") }
        if levels != nil && method != .morris && method != .grid { notes.append("--levels applies to morris and grid only; ignored") }
        if n != nil && (method == .oat || method == .grid) { notes.append("--n does not apply to \(method.rawValue); ignored") }
        if candidates != nil && method != .morris && !(method == .lhs && variant == .maximin) {
            notes.append("--candidates applies to morris and lhs --variant maximin only; ignored")
        }
        return notes
    }
}
