import ArgumentParser
import SweepStudy

/// `sdsweep oat|sobol|morris|robustness`: a study (or a model and a problem), the flags of one
/// method, and one run of that method alone.
///
/// The flags go through the method's settings initialiser — the rules a study file is read
/// with — as soon as they are parsed, so a bad one exits 2 before anything is read or run.
struct MethodCommand<Flags: MethodFlags>: ParsableCommand {
    static var configuration: CommandConfiguration { Flags.configuration }

    @OptionGroup var input: StudyInput
    @OptionGroup var flags: Flags

    func validate() throws {
        try CLI.guarded { _ = try flagged(Study.Methods()) }
    }

    func run() throws {
        try CLI.guarded {
            var study = try input.study()
            study.methods = try flagged(study.methods)
            try input.run(study, method: Flags.Settings.method)
        }
    }

    /// Methods holding this command's method alone, its settings changed by the flags; a
    /// setting outside its rule said as its flag's.
    private func flagged(_ methods: Study.Methods) throws -> Study.Methods {
        let slot = Flags.Settings.slot
        var only = Study.Methods()
        do {
            only[keyPath: slot] = try flags.settings(methods[keyPath: slot] ?? Flags.Settings())
        } catch let error as Study.SettingError {
            throw CLI.UsageError(error.setting.flagRule)
        }
        return only
    }
}

typealias OATCommand = MethodCommand<OATFlags>
typealias SobolCommand = MethodCommand<SobolFlags>
typealias MorrisCommand = MethodCommand<MorrisFlags>
typealias RobustnessCommand = MethodCommand<RobustnessFlags>

/// One method's command: its name and summary, and the flags that change its settings.
protocol MethodFlags: ParsableArguments {
    associatedtype Settings: MethodSettings
    static var configuration: CommandConfiguration { get }
    /// `base` (the study's settings of the method, or the defaults) changed by the flags.
    /// - Throws: `Study.SettingError` for a flag outside its rule; `CLI.UsageError` for others.
    func settings(_ base: Settings) throws -> Settings
}
