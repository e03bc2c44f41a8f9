import Foundation
import Testing
import SweepNumerics
import SweepSampling

struct RankCorrelationTests {
    static let space = try! ParameterSpace([
        Parameter(name: "a", distribution: .uniform(lower: 0, upper: 1)),
        Parameter(name: "b", distribution: .triangular(lower: 1, mode: 2, upper: 5)),
        Parameter(name: "c", distribution: .normal(mean: 10, sd: 2)),
    ])

    @Test func inducesTheRankCorrelationsAndKeepsTheMarginals() throws {
        let lhs = try LatinHypercube().sample(Self.space, n: 10_000, seed: 3)
        let target = [[1, 0.7, -0.3], [0.7, 1, 0.1], [-0.3, 0.1, 1]]
        let c = try RankCorrelation(names: ["a", "b", "c"], matrix: target)
        let x = try c.apply(to: lhs.samples, columns: lhs.names, seed: 4)
        // The tolerance: 0.02 at n = 10⁴ (Iman & Conover's scores give the target up to
        // the scores' own sampling error, ~1/√n = 0.01, and the rank transform's small bias).
        for i in 0..<3 {
            for j in (i + 1)..<3 {
                let r = RankCorrelation.spearman(x.column(i), x.column(j))
                #expect(abs(r - target[i][j]) < 0.02, "ρ(\(i), \(j)) = \(r), target \(target[i][j])")
            }
            // Each column holds exactly its values: the marginal and the LHS strata are intact.
            #expect(x.column(i).sorted() == lhs.samples.column(i).sorted())
        }
        #expect(try c.apply(to: lhs.samples, columns: lhs.names, seed: 4) == x)
    }

    @Test(arguments: [
        ([[1, 0.5], [0.4, 1]], "not symmetric"),
        ([[1, 1.5], [1.5, 1]], "must be in [−1, 1]"),
        ([[0.9, 0.5], [0.5, 1]], "with itself must be 1"),
        ([[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]], "not positive definite"),
    ])
    func badMatricesAreRefused(matrix: [[Double]], message: String) {
        let names = ["a", "b", "c"].prefix(matrix.count).map { $0 }
        #expect {
            _ = try RankCorrelation(names: names, matrix: matrix)
        } throws: { error in "\(error)".contains(message) }
    }
}
