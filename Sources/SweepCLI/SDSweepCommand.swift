import ArgumentParser

/// The `sdsweep` command: one subcommand per file in this folder.
public struct SDSweepCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sdsweep",
        abstract: "Run system-dynamics models for many parameter sets and analyse their sensitivity.",
        version: SDSweepVersion.string,
        subcommands: [SimulateCommand.self, EvaluateCommand.self, ConvertCommand.self]
    )
    public init() {}
}

public enum SDSweepVersion {
    public static let string = "0.1.0"
}
