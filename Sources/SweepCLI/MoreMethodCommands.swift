import ArgumentParser
import SweepStudy

/// `sdsweep efast|rbd-fast|delta|pawn|dgsm`: one of the methods beyond Sobol', Morris and PRCC,
/// sampled, run and analysed in one process (the given-data ones on a Latin hypercube of --n).
struct EFASTFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "efast", abstract: "eFAST first-order and total indices from search curves, in one process.")
    @Option(parsing: .unconditional, help: "Points per parameter's curve, more than 4M² (default: the study's, else \(Study.EFASTSettings().n)).") var n: Int?
    @Option(parsing: .unconditional, help: "Harmonics per index M (default: the study's, else \(Study.EFASTSettings().m)).") var m: Int?
    @Option(parsing: .unconditional, help: "Bootstrap resamples (default: the study's, else \(Study.EFASTSettings().bootstrap)).") var bootstrap: Int?
    @Option(parsing: .unconditional, help: "Confidence level (default: the study's, else \(Study.EFASTSettings().confidence)).") var conf: Double?

    func settings(_ base: Study.EFASTSettings) throws -> Study.EFASTSettings { try .init(base, n: n, m: m, bootstrap: bootstrap, confidence: conf) }
}

struct RBDFASTFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "rbd-fast", abstract: "RBD-FAST first-order indices from a Latin hypercube, in one process.")
    @Option(parsing: .unconditional, help: "Points of the Latin hypercube (default: the study's, else 1000).") var n: Int?
    @Option(parsing: .unconditional, help: "Harmonics M (default: the study's, else \(Study.RBDFASTSettings().m)).") var m: Int?
    @Option(parsing: .unconditional, help: "Bootstrap resamples (default: the study's, else \(Study.RBDFASTSettings().bootstrap)).") var bootstrap: Int?
    @Option(parsing: .unconditional, help: "Confidence level (default: the study's, else \(Study.RBDFASTSettings().confidence)).") var conf: Double?

    func settings(_ base: Study.RBDFASTSettings) throws -> Study.RBDFASTSettings { try .init(base, n: n, m: m, bootstrap: bootstrap, confidence: conf) }
}

struct DeltaFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "delta", abstract: "Borgonovo's moment-independent δ (and S1) from a Latin hypercube, in one process.")
    @Option(parsing: .unconditional, help: "Points of the Latin hypercube (default: the study's, else 1000).") var n: Int?
    @Option(parsing: .unconditional, help: "Bootstrap resamples (default: the study's, else \(Study.DeltaSettings().bootstrap)).") var bootstrap: Int?
    @Option(parsing: .unconditional, help: "Confidence level (default: the study's, else \(Study.DeltaSettings().confidence)).") var conf: Double?

    func settings(_ base: Study.DeltaSettings) throws -> Study.DeltaSettings { try .init(base, n: n, bootstrap: bootstrap, confidence: conf) }
}

struct PAWNFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "pawn", abstract: "PAWN's KS statistics of conditional outputs from a Latin hypercube, in one process.")
    @Option(parsing: .unconditional, help: "Points of the Latin hypercube (default: the study's, else 1000).") var n: Int?
    @Option(parsing: .unconditional, help: "Slices of each input's range (default: the study's, else \(Study.PAWNSettings().slices)).") var slices: Int?

    func settings(_ base: Study.PAWNSettings) throws -> Study.PAWNSettings { try .init(base, n: n, slices: slices) }
}

struct DGSMFlags: MethodFlags {
    static let configuration = CommandConfiguration(commandName: "dgsm", abstract: "Derivative-based measures (DGSM) from finite differences, in one process.")
    @Option(parsing: .unconditional, help: "Base points, each with k moved copies (default: the study's, else \(Study.DGSMSettings().n)).") var n: Int?
    @Option(parsing: .unconditional, help: "Relative step δ (default: the study's, else \(Study.DGSMSettings().delta)).") var delta: Double?
    @Option(parsing: .unconditional, help: "Bootstrap resamples (default: the study's, else \(Study.DGSMSettings().bootstrap)).") var bootstrap: Int?
    @Option(parsing: .unconditional, help: "Confidence level (default: the study's, else \(Study.DGSMSettings().confidence)).") var conf: Double?

    func settings(_ base: Study.DGSMSettings) throws -> Study.DGSMSettings { try .init(base, n: n, delta: delta, bootstrap: bootstrap, confidence: conf) }
}

typealias EFASTCommand = MethodCommand<EFASTFlags>
typealias RBDFASTCommand = MethodCommand<RBDFASTFlags>
typealias DeltaCommand = MethodCommand<DeltaFlags>
typealias PAWNCommand = MethodCommand<PAWNFlags>
typealias DGSMCommand = MethodCommand<DGSMFlags>
