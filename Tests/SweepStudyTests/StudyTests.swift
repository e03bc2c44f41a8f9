import Foundation
import Testing
import TestSupport
import SweepAnalysis
import SweepModel
import SweepNumerics
import SweepStudy

@Suite struct StudyTests {
    static let coefficients = ["Internal Resource Mining", "Internal Process Improvement", "Internal Knowledge Restructuring",
                               "Internal Technology Upgrading", "External Resource Utilization", "External Process Integration",
                               "External Knowledge Internalization", "External Technology Acquisition"].map { "\($0) Coefficient" }
    static let nominal: [Double] = [10, 4, 20, 1, 20, 1, 10, 4]

    func study(_ methods: String, parameters: [String] = StudyTests.coefficients) throws -> Study {
        let yaml = """
        model: \(Repository.root)/configs/cluster-innovation.yaml
        seed: 3
        parameters:
        \(parameters.map { "  - {name: \($0), relative: 0.5}" }.joined(separator: "\n"))
        outputs:
          - Innovation Capability
        methods:
        \(methods)
        """
        return try Study.parse(yaml, file: "inline-study.yaml")
    }

    /// shared/paper-model.md: with the 8 coefficients independent and uniform on ±50%, C(20)
    /// is additive and linear, so S1 = ST = c_j² / Σ c_k² (Σ c² = 1034). Each estimate must lie
    /// within twice its own 95% bootstrap half-width of the closed form: the bootstrap of QMC
    /// rows is conservative (docs/gsa-notes.md §3), and 2× keeps the chance of a spurious failure over
    /// 16 checks far below 1e-6 while a wrong estimator (or a mislaid design column) misses by
    /// many half-widths.
    @Test func sobolOnThePaperCoefficientsMatchesTheClosedForm() throws {
        let results = try StudyRunner(study: try study("  sobol: {n: 4096, bootstrap: 200}")).run()
        let idx = try #require(results.sobol?.indices.first?.indices)
        for j in 0..<8 {
            let exact = Self.nominal[j] * Self.nominal[j] / 1034
            #expect(abs(idx.s1[j] - exact) <= 2 * idx.s1Conf[j] + 1e-12, "S1 \(idx.names[j])")
            #expect(abs(idx.st[j] - exact) <= 2 * idx.stConf[j] + 1e-12, "ST \(idx.names[j])")
        }
    }

    /// The paper's Figures 5 and 6: +50% one at a time gives its C(20) table (1e-9 relative)
    /// and its rankings within the internal and the external elements.
    @Test func oneAtATimeReproducesThePaper() throws {
        let groups = """
            groups:
              internal: [\(Self.coefficients[0..<4].joined(separator: ", "))]
              external: [\(Self.coefficients[4..<8].joined(separator: ", "))]
        """
        let results = try StudyRunner(study: try study("  oat:\n    change: 0.5\n    direction: up\n" + groups)).run()
        let e = try #require(results.oat?.effects.first?.effects)
        let table = [5.175, 4.968, 5.52, 4.8645, 5.52, 4.8645, 5.175, 4.968]
        for j in 0..<8 { #expect(abs(e.outputs[j][0] - table[j]) <= 1e-9 * table[j]) }
        // Internal: knowledge > resource > process > technology; external: resource > knowledge > technology > process.
        #expect(e.groupRank!.map { $0[0] } == [2, 3, 1, 4, 1, 4, 2, 3])
    }

    func error(_ yaml: String) -> String {
        do {
            _ = try Study.parse(yaml, file: "s.yaml")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func badStudiesGetLocatedMessages() {
        let model = "model: \(Repository.root)/configs/cluster-innovation.yaml\n"
        let p = "parameters:\n  - {name: Peak Year, lower: 8, upper: 12}\n"
        #expect(error(model + p + "outputs: [Innovation Capabilty]\n") == "s.yaml:4:11: error: unknown output variable 'Innovation Capabilty'; did you mean 'Innovation Capability'?")
        #expect(error(model + "parameters:\n  - {name: Peak Yaer, lower: 8, upper: 12}\noutputs: [Innovation Capability]\n")
            == "s.yaml:3:12: error: parameter 'Peak Yaer' is not a constant of \(Repository.root)/configs/cluster-innovation.yaml; did you mean 'Peak Year'?")
        #expect(error(model + p + "outputs: [Innovation Capability]\nmethods:\n  sobol: {n: 0}\n") == "s.yaml:6:14: error: sobol n must be a whole number ≥ 1")
        #expect(error(model + p + "outputs: [Innovation Capability]\nmethods:\n  sobl: {n: 4}\n") == "s.yaml:6:3: error: unknown method 'sobl'; use oat, sobol, morris, prcc, robustness, efast, rbd_fast, delta, pawn, dgsm")
        #expect(error(model + p + "outputs: [Innovation Capability]\nmethods:\n  oat: {parameters: [Peak Height]}\n") == "s.yaml:6:22: error: 'Peak Height' is not a parameter of the study")
        #expect(error(model + p + "outputs: [Innovation Capability]\nmetods: {}\n") == "s.yaml:5:1: error: unknown section 'metods' (did you mean 'methods'?); a study has study, model, seed, threads, engine, parameters, correlations, outputs, methods, description")
        #expect(error(p + "outputs: [Innovation Capability]\n") == "s.yaml:1: error: the study names no 'model' file")
    }
}
