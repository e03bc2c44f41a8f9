import Foundation
import Testing
import SweepStudy
import TestSupport

/// Method settings are checked once, by one set of rules, as the study file is read: a bad
/// value fails there with its file, line and column, before anything runs.
@Suite struct StudyMethodsTests {
    func error(_ methods: String) -> String {
        let yaml = """
        model: \(Repository.root)/configs/cluster-innovation.yaml
        parameters:
          - {name: Peak Year, lower: 8, upper: 12}
        outputs: [Innovation Capability]
        methods:
        \(methods)
        """
        do {
            _ = try Study.parse(yaml, file: "s.yaml")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func oneBootstrapResampleFailsWhenTheStudyIsRead() {
        // A half-width is a standard deviation of the resamples: two at least, as on the
        // command line and in the analysis.
        #expect(error("  sobol: {n: 64, bootstrap: 1}") == "s.yaml:6:29: error: bootstrap must be a whole number ≥ 2")
        #expect(error("  sobol: {n: 64, bootstrap: 2}") == "no error")
    }

    @Test(arguments: [
        ("  sobol: {conf: 1}", "s.yaml:6:17: error: conf must be in (0, 1)"),
        ("  sobol: {n: 2.5}", "s.yaml:6:14: error: sobol n must be a whole number ≥ 1"),
        ("  morris: {levels: 1}", "s.yaml:6:20: error: levels must be a whole number ≥ 2"),
        ("  morris: {candidates: 0}", "s.yaml:6:24: error: candidates must be a whole number ≥ 1"),
        ("  prcc: {n: 2}", "s.yaml:6:13: error: prcc n must be a whole number ≥ 3"),
        ("  robustness: {n: 10, change: 0}", "s.yaml:6:31: error: robustness change must be positive"),
        ("  robustness: {tie_tolerance: 1}", "s.yaml:6:31: error: robustness tie_tolerance must be in [0, 1)"),
        ("  robustness: {tie_tolerance: -0.01}", "s.yaml:6:31: error: robustness tie_tolerance must be in [0, 1)"),
        ("  oat: {change: -0.5}", "s.yaml:6:17: error: oat change must be positive"),
        ("  sobol: {bootstrp: 10}", "s.yaml:6:11: error: unknown setting 'bootstrp' for sobol; use n, bootstrap, conf, second_order, estimator"),
    ])
    func eachRuleIsReportedAtItsValue(methods: String, message: String) {
        #expect(error(methods) == message)
    }

    @Test func theFileAndTheFlagsSayOneRule() {
        let rule = Study.Setting.bootstrap
        #expect(!rule.admits(1) && rule.admits(2))
        #expect(rule.fileRule == "bootstrap must be a whole number ≥ 2")
        #expect(rule.flagRule == "--bootstrap must be at least 2")
        #expect(Study.Setting.confidence.flagRule == "--conf must be strictly between 0 and 1")
        #expect(throws: Study.SettingError.self) { try Study.SobolSettings(bootstrap: 1) }
        #expect(throws: Study.SettingError.self) { try Study.MorrisSettings(levels: 1) }
    }

    @Test func settingsChangeOnlyWhatIsGiven() throws {
        let base = try Study.SobolSettings(n: 256, bootstrap: 50, confidence: 0.9, secondOrder: true)
        let changed = try Study.SobolSettings(base, bootstrap: 500)
        #expect(changed.n == 256 && changed.bootstrap == 500 && changed.confidence == 0.9 && changed.secondOrder)
    }

    @Test func aTieToleranceOfZeroAndADescriptionAreRead() throws {
        let yaml = """
        description: Which element leads?
        model: \(Repository.root)/configs/cluster-innovation.yaml
        parameters:
          - {name: Peak Year, lower: 8, upper: 12}
        outputs: [Innovation Capability]
        methods:
          robustness: {n: 10, tie_tolerance: 0}
        """
        let study = try Study.parse(yaml, file: "s.yaml")
        #expect(study.methods.robustness?.tieTolerance == 0)
        #expect(study.description == "Which element leads?")
        #expect(try Study.RobustnessSettings().tieTolerance == 0.01)
    }

    @Test func methodNamesAreTheEnumsRawValues() {
        #expect(Study.Method.allCases.map(\.rawValue) == ["oat", "sobol", "morris", "prcc", "robustness", "efast", "rbd_fast", "delta", "pawn", "dgsm"])
        #expect(Study.Method.oat.stageName == "one-at-a-time" && Study.Method.sobol.stageName == "sobol")
        #expect(error("  sobl: {n: 4}") == "s.yaml:6:3: error: unknown method 'sobl'; use oat, sobol, morris, prcc, robustness, efast, rbd_fast, delta, pawn, dgsm")
    }
}
