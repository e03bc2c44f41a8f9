import ArgumentParser
import Foundation
import SweepModel

/// `sdsweep convert MODEL.mdl [--out FILE.yaml]`: a Vensim model as SDSweep YAML.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Write a model (a Vensim .mdl, or YAML) as SDSweep YAML.",
        discussion: "Equations keep Vensim's syntax; reading the YAML back gives the same simulation. A subscripted model is written expanded, one scalar X[e1,e2] per element, with its dimensions. Data read from files (GET functions, data variables) are written as the constants, lookups and lookups of Time they are. Unsupported Vensim features are refused with their line, exit 2.")

    @Argument(help: "Model file (.mdl, .yaml or .yml).") var model: String
    @Option(help: "Output YAML file; stdout without it.") var out: String?
    @Option(name: .customLong("data"), help: ArgumentHelp("A data file (.tab, .csv) a Vensim data variable without an equation is read from (repeatable).", valueName: "FILE")) var dataFiles: [String] = []

    func run() throws {
        try CLI.guarded {
            try CLI.input(self.model, "model")
            try CLI.output(out)
            let model = try Model.load(path: self.model, dataFiles: dataFiles)
            let checks = Set(model.realityChecks.map(\.name)).count
            if checks > 0 {
                CLI.printError("warning: the YAML does not carry the model's \(checks) reality check\(checks == 1 ? "" : "s") (:TEST INPUT:, :THE CONDITION:); test them with `sdsweep check` on the .mdl")
            }
            try CLI.emit(model.yamlText(), to: out)
        }
    }
}
