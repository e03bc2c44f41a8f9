import Foundation
import Testing
import TestSupport
import SweepStudy

/// eFAST, RBD-FAST, delta, PAWN and DGSM in a study: read with file:line rules, run with the
/// given-data methods on the PRCC stage's runs, written as files, compared side by side in the
/// report, and the same bytes at any thread count and chunk size.
@Suite(.serialized) struct MoreMethodsStudyTests {
    func error(_ methods: String) -> String {
        let yaml = """
        model: \(Repository.root)/configs/sir.yaml
        parameters:
          - {name: Contact Rate, lower: 4, upper: 8}
        outputs: [Recovered]
        methods:
        \(methods)
        """
        do { _ = try Study.parse(yaml, file: "s.yaml"); return "no error" } catch { return "\(error)" }
    }

    @Test func settingsAreCheckedWhereTheyAreWritten() {
        #expect(error("  efast: {n: 10}") == "s.yaml:6:14: error: efast n must be a whole number ≥ 65")
        #expect(error("  pawn: {slices: 1}") == "s.yaml:6:18: error: slices must be a whole number ≥ 2")
        #expect(error("  dgsm: {delta: 2}") == "s.yaml:6:17: error: delta must be in (0, 1)")
        #expect(error("  rbd_fast: {mm: 3}") == "s.yaml:6:14: error: unknown setting 'mm' for rbd_fast; use n, m, bootstrap, conf")
        #expect(error("  sobol: {estimator: jansn}").contains("estimator 'jansn' (did you mean 'jansen'?)"))
        #expect(error("  rbd_fast: {}\n  delta: {n: 200}") == "no error")
    }

    @Test func everyMethodRunsAndTheRanksAreSideBySide() throws {
        var study = try Study.load(path: "\(Repository.root)/configs/sir-methods-study.yaml")
        // Fewer resamples than the shipped study's: the bootstrap at every saved time is what a
        // debug build spends its time on, and the point values do not depend on it.
        let m = study.methods
        study.methods.sobol = try Study.SobolSettings(m.sobol!, bootstrap: 20)
        study.methods.efast = try Study.EFASTSettings(m.efast!, bootstrap: 5)
        study.methods.rbdFast = try Study.RBDFASTSettings(m.rbdFast!, bootstrap: 5)
        study.methods.delta = try Study.DeltaSettings(m.delta!, bootstrap: 5)
        study.methods.dgsm = try Study.DGSMSettings(m.dgsm!, bootstrap: 5)
        let a = try StudyRunner(study: study, threads: 1, chunkSize: 1024).run()
        let b = try StudyRunner(study: study, threads: 2, chunkSize: 37).run()
        #expect(a.moreMethods.map(\.method) == [.efast, .rbdFast, .delta, .pawn, .dgsm])
        // The given-data methods analysed the PRCC stage's 1000 runs and made none.
        for stage in a.moreMethods where [.rbdFast, .delta, .pawn].contains(stage.method) {
            #expect(stage.reusedPRCCRuns && stage.runs == 0 && stage.design.runs == 1000, "\(stage.method)")
        }
        #expect(a.moreMethods.first { $0.method == .efast }?.runs == 3000)
        let da = try scratchDirectory("methods-a").path, db = try scratchDirectory("methods-b").path
        let files = try a.write(to: da, commandLine: ["test"])
        try b.write(to: db, commandLine: ["test"])
        for name in ["efast", "rbd-fast", "delta", "pawn", "dgsm"] {
            // Every method also at every saved time of Infected.
            for ext in ["json", "csv", "over-time.csv"] {
                let file = ext == "over-time.csv" ? "\(name)-over-time.csv" : "\(name).\(ext)"
                #expect(files.contains(file), "no \(file)")
                // Same seed: the same bytes at 1 and 2 threads, chunks of 1024 and 37.
                #expect(FileManager.default.contents(atPath: "\(da)/\(file)") == FileManager.default.contents(atPath: "\(db)/\(file)"), "\(file)")
            }
            #expect(files.contains("fig-\(name).svg"))
        }
        let sobol = try String(contentsOfFile: "\(da)/sobol.json", encoding: .utf8)
        #expect(sobol.contains("\"estimator\" : \"janon\""))
        let page = try String(contentsOfFile: "\(da)/report.html", encoding: .utf8)
        // Infectivity's range (0.03–0.07) is the widest relative to its value: every method
        // puts it first, which the table and its sentence say.
        #expect(page.contains("Every method ranks Infectivity first."))
        // The Sobol' stage says whether it converged (N = 1024: the last halvings are 256…1024).
        #expect(page.contains("Convergence of ST of Recovered at t = 100"))
        #expect(page.contains("S1 and ST by Janon et al. (2014)"))
        for column in ["Sobol&#39; ST", "Morris μ*", "|PRCC|", "eFAST", "RBD-FAST", "Borgonovo δ", "PAWN", "DGSM"] {
            #expect(page.contains("<th scope=\"col\"") && page.contains(column), "no column \(column)")
        }
        let findings = try HeadlessBrowser.check(page: "\(da)/report.html")
        #expect(findings.problems.isEmpty, "\(findings.problems)")
    }
}
