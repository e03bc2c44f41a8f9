import ArgumentParser
import SweepStudy

/// What `oat`, `sobol`, `morris` and `robustness` share: a study (or a model and a problem),
/// flags that change the settings of one method, and one run of that method alone.
///
/// The flags go through the method's settings initialiser — the rules a study file is read
/// with — as soon as they are parsed, so a bad one exits 2 before anything is read or run.
protocol MethodCommand: ParsableCommand {
    static var method: Study.Method { get }
    var input: StudyInput { get }
    /// Methods holding this command's method alone: its settings in `methods` (or the defaults)
    /// changed by the flags.
    /// - Throws: `Study.SettingError` for a flag outside its rule; `CLI.UsageError` for others.
    func methods(_ methods: Study.Methods) throws -> Study.Methods
}

extension MethodCommand {
    func validate() throws {
        try CLI.guarded { _ = try flagged(Study.Methods()) }
    }

    func run() throws {
        try CLI.guarded {
            var study = try input.study()
            study.methods = try flagged(study.methods)
            try input.run(study, method: Self.method)
        }
    }

    /// `methods(_:)`, with a setting outside its rule said as its flag's.
    private func flagged(_ methods: Study.Methods) throws -> Study.Methods {
        do {
            return try self.methods(methods)
        } catch let error as Study.SettingError {
            throw CLI.UsageError(error.setting.flagRule)
        }
    }
}
