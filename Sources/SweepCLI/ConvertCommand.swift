import ArgumentParser
import Foundation
import SweepModel

/// `sdsweep convert MODEL.mdl [--out FILE.yaml]`: a Vensim model as SDSweep YAML.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert", abstract: "Write a model (a Vensim .mdl, or YAML) as SDSweep YAML.",
        discussion: "Equations keep Vensim's syntax; reading the YAML back gives the same simulation. A subscripted model is written expanded, one scalar X[e1,e2] per element, with its dimensions. Unsupported Vensim features (subscript mappings, macros, data variables) are refused with their line, exit 2.")

    @Argument(help: "Model file (.mdl, .yaml or .yml).") var model: String
    @Option(help: "Output YAML file; stdout without it.") var out: String?

    func run() throws {
        try CLI.guarded {
            try CLI.input(self.model, "model")
            try CLI.output(out)
            let model = try Model.load(path: self.model)
            try CLI.emit(model.yamlText(), to: out)
        }
    }
}
