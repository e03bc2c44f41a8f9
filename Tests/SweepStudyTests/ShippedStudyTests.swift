import Foundation
import Testing
import TestSupport
import SweepModel
import SweepStudy

let expectedRoot = Repository.root + "/Tests/SweepStudyTests/Expected"

/// Every shipped study runs, and its CSV and JSON results equal the stored expectations.
///
/// The engine and the analyses are deterministic for a seed, so on one machine the files agree
/// to the bit; the comparison allows 1e-9 relative (1e-12 absolute near zero) so that a libm
/// that rounds `exp` or `pow` differently in the last bit elsewhere does not fail the suite,
/// while any real change in a result does. Run with SDSWEEP_UPDATE_EXPECTATIONS=1 to rewrite
/// the expectations after a deliberate change, and review the diff.
@Suite(.serialized) struct ShippedStudyTests {
    static let studies = ["cluster-innovation-study", "cluster-innovation-lockin-study", "sir-study", "cluster-network-study"]
    /// Figures and files each study's report must have beyond the baseline.
    static let figures = [
        "sir-study": ["fig-morris.svg", "fig-scatter.svg", "fig-sobol-convergence.svg", "fig-sobol-over-time-infected.svg",
                      "fig-sobol-s1-over-time-infected.svg", "sobol-convergence.csv"],
        "cluster-innovation-study": ["fig-morris.svg", "fig-scatter.svg", "fig-sobol-convergence.svg",
                                     "fig-sobol-over-time-innovation-capability.svg", "fig-sobol-s1-over-time-innovation-capability.svg",
                                     "sobol-convergence.csv"],
    ]
    static let compared = ["baseline.csv", "oat.csv", "sobol.json", "sobol-over-time.csv", "morris.json", "prcc.json",
                           "src.json", "robustness.csv", "robustness.json", "runs-summary.csv"]

    @Test(arguments: ShippedStudyTests.studies)
    func studyMatchesExpectations(name: String) throws {
        let study = try Study.load(path: "\(Repository.root)/configs/\(name).yaml")
        let results = try StudyRunner(study: study, threads: 2).run()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("study-\(UUID().uuidString)").path
        let files = try results.write(to: dir, commandLine: ["test"])
        for f in ["report.html", "provenance.json", "fig-baseline.svg"] + (Self.figures[name] ?? []) { #expect(files.contains(f), "\(name): no \(f)") }
        try checkInBrowser(report: "\(dir)/report.html", study: name)
        let update = ProcessInfo.processInfo.environment["SDSWEEP_UPDATE_EXPECTATIONS"] == "1"
        let produced = Self.compared.filter { files.contains($0) }
        if !update {
            // A result the run lost, or one it wrote that nothing checks, fails as a mismatch would.
            let stored = try FileManager.default.contentsOfDirectory(atPath: "\(expectedRoot)/\(name)").filter { !$0.hasPrefix(".") }.sorted()
            #expect(produced.sorted() == stored, "\(name): wrote \(produced.sorted()), expected \(stored)")
        }
        for file in produced {
            let actual = try String(contentsOfFile: "\(dir)/\(file)", encoding: .utf8)
            let expectedPath = "\(expectedRoot)/\(name)/\(file)"
            if update {
                try FileManager.default.createDirectory(atPath: "\(expectedRoot)/\(name)", withIntermediateDirectories: true)
                try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
            let mismatch = firstNumericMismatch(actual, expected, rtol: 1e-9, atol: 1e-12)
            #expect(mismatch == nil, "\(name)/\(file): \(mismatch ?? "")")
        }
    }

    /// The same seed gives the same bytes at any thread count and chunk size.
    @Test func resultsDoNotDependOnThreadsOrChunks() throws {
        let study = try Study.load(path: "\(Repository.root)/configs/sir-study.yaml")
        let a = try StudyRunner(study: study, threads: 1, chunkSize: 1024).run()
        let b = try StudyRunner(study: study, threads: 2, chunkSize: 37).run()
        let da = FileManager.default.temporaryDirectory.appendingPathComponent("a-\(UUID().uuidString)").path
        let db = FileManager.default.temporaryDirectory.appendingPathComponent("b-\(UUID().uuidString)").path
        try a.write(to: da, commandLine: ["test"])
        try b.write(to: db, commandLine: ["test"])
        for file in Self.compared where FileManager.default.fileExists(atPath: "\(da)/\(file)") {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(da)/\(file)")) == (try Data(contentsOf: URL(fileURLWithPath: "\(db)/\(file)"))), "\(file)")
        }
    }

    /// The report as a reader gets it: opened in headless Chromium, with no console error, every
    /// figure drawn at a non-zero size, and every section reachable from the contents. The
    /// report opens with the study's answer. Set SDSWEEP_SCREENSHOTS=DIR to keep a screenshot.
    func checkInBrowser(report: String, study name: String) throws {
        let findings = try HeadlessBrowser.check(page: report)
        #expect(findings.problems.isEmpty, "\(name)/report.html: \(findings.problems)")
        let figures = try String(contentsOfFile: report, encoding: .utf8).components(separatedBy: "<figure>").count - 1
        #expect(findings.figureSizes.count == figures && figures > 0, "\(name): \(findings.figureSizes.count) of \(figures) figures measured")
        #expect(findings.reachableSections.last == "Provenance", "\(name): \(findings.reachableSections)")
        let first = findings.reachableSections.first ?? ""
        #expect(first == "Does the ranking survive uncertainty?" || first == "Which parameter matters most?", "\(name) opens with '\(first)'")
        // What the answers say, for the two studies whose answers are known: the paper's
        // elements lead their groups clearly and tie overall; SIR's contact rate and
        // infectivity enter only as a product, so their +20% effects tie at every point.
        let page = try String(contentsOfFile: report, encoding: .utf8)
        let phrases = [
            "cluster-innovation-study": ["Internal Knowledge Restructuring Coefficient ranks first among internal elements at",
                                         "External Resource Utilization Coefficient ranks first among external elements at",
                                         "so the numbers do not support a single first element"],
            "sir-study": ["Contact Rate and Infectivity share first place at every one of the 300 points"],
        ]
        for phrase in phrases[name] ?? [] { #expect(page.contains(phrase), "\(name): no '\(phrase)'") }
        #expect(!page.contains("the paper") || name.hasPrefix("cluster"), "\(name) mentions the paper")
        #expect(page.range(of: #"(/tmp|/work|/home|/root|/var)/"#, options: .regularExpression) == nil, "\(name): an absolute path in the report")
        if let dir = ProcessInfo.processInfo.environment["SDSWEEP_SCREENSHOTS"] {
            try HeadlessBrowser.screenshot(page: report, to: "\(dir)/\(name).png")
        }
    }
}
