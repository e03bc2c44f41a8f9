import ArgumentParser
import Foundation
import SweepDiagnostics
import SweepModel
import SweepNumerics
import SweepSampling
import SweepStudy

/// What the one-process method commands run on: a study file, or a model file with a problem.
struct StudyInput: ParsableArguments {
    @Argument(help: "A study file, or a model file (.yaml, .mdl) together with --problem.") var source: String
    @Option(help: "Problem: a study file's parameters or SALib's text ('name lower upper [group] [distribution]' per line).") var problem: String?
    @Option(name: .customLong("output"), help: ArgumentHelp("Output NAME (final time), NAME@TIME, or NAME@all (every saved time); repeatable. Default: the study's, else the model's first stock.", valueName: "NAME[@TIME]")) var outputs: [String] = []
    @Option(parsing: .unconditional, help: "Seed of every random stream (default: the study's, else 0).") var seed: UInt64?
    @Option(help: "Write <method>.json and <method>.csv into this folder instead of JSON to stdout.") var out: String?
    @OptionGroup var options: StudyRunOptions

    func study() throws -> Study {
        var study: Study
        try CLI.input(source, problem == nil ? "study" : "model")
        if let problem {
            try CLI.input(problem, "problem")
            let model = try Model.load(path: source)
            let space = try Study.resolve(try ParameterSpace.load(path: problem), against: model, modelPath: source, file: problem)
            let stock = model.variables.first { if case .stock = $0.kind { true } else { false } }
            guard let first = stock ?? model.variables.first else { throw CLI.UsageError("the model has no variables", file: source) }
            study = Study(title: URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent, file: source,
                          modelPath: source, model: model, space: space, outputs: [.init(variable: first.name, times: .final)])
        } else {
            do { study = try Study.load(path: source) } catch {
                // A model given where a study was expected: say what is missing, not which
                // of the model's sections a study lacks.
                guard (try? Model.load(path: source)) != nil else { throw error }
                throw CLI.UsageError("this is a model, not a study: give --problem P, the parameters to vary (a study file, or SALib-style text with 'name lower upper' per line)",
                                     file: source)
            }
        }
        if !outputs.isEmpty { study.outputs = try outputs.map { try parse($0, model: study.model) } }
        if let seed { study.seed = seed }
        return study
    }

    func parse(_ spec: String, model: Model) throws -> Study.OutputSpec {
        var name = spec, times = Study.OutputSpec.Times.final
        if let at = spec.lastIndex(of: "@") {
            name = spec[..<at].trimmingCharacters(in: .whitespaces)
            let t = spec[spec.index(after: at)...].trimmingCharacters(in: .whitespaces)
            if t == "all" { times = .saved } else if let v = Double(t) { times = .at([v]) } else {
                throw CLI.UsageError("--output '\(spec)': '\(t)' is not a time or 'all'")
            }
        }
        guard let v = model.variable(named: name) else {
            let hint = Suggestion.hint(for: name, among: model.variables.map(\.name))
            throw CLI.UsageError("--output: unknown variable '\(name)'\(hint)")
        }
        return .init(variable: v.name, times: times)
    }

    /// Runs the one method the study now holds and writes or prints its results.
    func run(_ study: Study, method: Study.Method) throws {
        let writes = SweepHost.current.writesResults
        if let out, writes { try CLI.outputFolder(out, flag: "--out", holds: "the results") }
        if problem != nil && outputs.isEmpty && !options.quiet && writes {
            // Not a warning (nothing is wrong), so --quiet hides it; said so the reader knows what the indices are of.
            let output = study.outputs[0].variable
            let isStock = study.model.variable(named: output).map { if case .stock = $0.kind { true } else { false } } ?? false
            CLI.printError("output: \(output) at the final time \(String(format: "%g", study.model.time.final)) (the model's first \(isStock ? "stock" : "variable"); choose with --output NAME[@TIME])")
        }
        // The convergence of the Sobol' indices is a file of its own: computed only when written.
        let written = out != nil
        guard let results = try options.run(study, checkpointIn: out, { runner in
            var runner = runner
            runner.computesConvergence = written
            return try runner.run(includeBaseline: false)
        }) else { return }
        if let out {
            let names = try results.write(method, to: out)
            CLI.removeCheckpoint(in: out)
            if !options.quiet { CLI.printError("wrote \(names.joined(separator: ", ")) to \(out)/") }
        } else {
            print(try results.methodFiles(method)[0].text, terminator: "")
        }
        if method == .robustness, !options.quiet { for line in results.robustness?.frequencies.summary ?? [] { CLI.printError(line) } }
    }
}
