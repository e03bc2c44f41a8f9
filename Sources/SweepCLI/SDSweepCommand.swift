import ArgumentParser
import SweepStudy

/// The `sdsweep` command: one subcommand per file in this folder.
public struct SDSweepCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sdsweep",
        abstract: "Run system-dynamics models for many parameter sets and analyse their sensitivity.",
        version: SDSweepVersion.string,
        subcommands: [
            RunCommand.self, SimulateCommand.self, EvaluateCommand.self, SampleCommand.self, AnalyzeCommand.self,
            OATCommand.self, SobolCommand.self, MorrisCommand.self, RobustnessCommand.self,
            EFASTCommand.self, RBDFASTCommand.self, DeltaCommand.self, PAWNCommand.self, DGSMCommand.self, ConvertCommand.self,
            MergeShardsCommand.self, CheckCommand.self,
        ]
    )
    public init() {}
}

