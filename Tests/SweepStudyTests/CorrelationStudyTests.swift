import Foundation
import Testing
import TestSupport
import SweepSampling
import SweepStudy

/// A study's `correlations:`: read with located errors, refused beside methods that assume
/// independent inputs, and imposed on the Latin-hypercube designs with every marginal kept.
struct CorrelationStudyTests {
    func study(_ correlations: String, methods: String = "  prcc: {n: 1000}") throws -> Study {
        try Study.parse("""
        model: \(Repository.root)/configs/sir.yaml
        parameters:
          - {name: Contact Rate, lower: 4, upper: 8}
          - {name: Infectivity, lower: 0.03, upper: 0.07}
          - {name: Recovery Time, lower: 5, upper: 10}
        correlations:
        \(correlations)
        outputs: [Recovered]
        methods:
        \(methods)
        """, file: "s.yaml")
    }

    func error(_ correlations: String, methods: String = "  prcc: {n: 1000}") -> String {
        do { _ = try study(correlations, methods: methods); return "no error" } catch { return "\(error)" }
    }

    @Test func badSectionsGetLocatedMessages() {
        #expect(error("  - {between: [Contact Rat, Infectivity], rank: 0.5}") == "s.yaml:7:16: error: 'Contact Rat' is not a parameter of the study; did you mean 'Contact Rate'?")
        #expect(error("  - {between: [Contact Rate, Infectivity], rank: 1.5}").contains("must be in [−1, 1]"))
        #expect(error("  - {between: [Contact Rate, Infectivity], rank: 0.5}", methods: "  sobol: {n: 64}")
            == "s.yaml:7:3: error: sobol assumes independent inputs; a study with correlations runs PRCC, SRC, robustness, rbd_fast, delta and pawn (remove sobol or the correlations)")
        #expect(error("""
          - {between: [Contact Rate, Infectivity], rank: 0.9}
          - {between: [Contact Rate, Recovery Time], rank: 0.9}
          - {between: [Infectivity, Recovery Time], rank: -0.9}
        """).contains("not positive definite"))
        #expect(error("  - {between: [Contact Rate, Contact Rate], rank: 0.5}").contains("cannot be correlated with itself"))
    }

    @Test func theHypercubeCarriesTheCorrelationAndKeepsItsMarginals() throws {
        let correlated = try study("  - {between: [Contact Rate, Infectivity], rank: -0.6}")
        var independent = correlated
        independent.correlations = nil
        let a = try StudyRunner(study: correlated, threads: 2, engine: .interpreter).run(includeBaseline: false)
        let b = try StudyRunner(study: independent, threads: 2, engine: .interpreter).run(includeBaseline: false)
        let x = try #require(a.prcc?.samples), y = try #require(b.prcc?.samples)
        // Tolerance 0.05 at n = 1000: Iman–Conover's error ~1/√n plus the scores' own noise.
        let rho = RankCorrelation.spearman(x.column(0), x.column(1))
        #expect(abs(rho + 0.6) < 0.05, "ρ = \(rho)")
        // The pair left uncorrelated stays so: the reference is 0, and 0.1 is about three
        // standard errors of a rank correlation at n = 1000 (1/√(n − 1) ≈ 0.032).
        #expect(abs(RankCorrelation.spearman(x.column(0), x.column(2))) < 0.1)
        for j in 0..<3 { #expect(x.column(j).sorted() == y.column(j).sorted(), "column \(j) lost its values") }
        // The correlation moves the PRCC of Contact Rate and Infectivity, which now act together.
        #expect(a.prcc!.results[0].prcc.prcc != b.prcc!.results[0].prcc.prcc)
    }
}
