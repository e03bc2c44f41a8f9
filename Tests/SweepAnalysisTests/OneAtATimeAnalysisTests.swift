import Foundation
import Testing
import SweepAnalysis
import SweepNumerics

/// The paper's eight elements in its order: internal (resources, processes, knowledge,
/// technology), then external (resources, processes, knowledge, technology).
enum PaperElements {
    static let names = [
        "Internal Resource Mining", "Internal Process Improvement", "Internal Knowledge Restructuring",
        "Internal Technology Upgrading", "External Resource Utilization", "External Process Integration",
        "External Knowledge Internalization", "External Technology Acquisition",
    ]
    static let coefficients: [Double] = [10, 4, 20, 1, 20, 1, 10, 4]
    static let groups = Array(repeating: "internal elements", count: 4) + Array(repeating: "external elements", count: 4)
}

struct OneAtATimeAnalysisTests {
    @Test func reproducesThePapersRankings() throws {
        // Reference: paper-model.md, C(20) with one coefficient raised by 50% (baseline 4.83).
        let c20 = [5.175, 4.968, 5.52, 4.8645, 5.52, 4.8645, 5.175, 4.968]
        let oat = try OneAtATimeAnalysis(groups: PaperElements.groups)
            .analyze(baseline: 4.83, names: PaperElements.names, outputs: c20, step: 0.5)
        // The paper: internal knowledge > resource > process > technology; external resource >
        // knowledge > technology > process.
        #expect(oat.groupRank!.map { $0[0] } == [2, 3, 1, 4, 1, 4, 2, 3])
        // Overall, equal effects share the best rank (competition ranking).
        #expect(oat.rank.map { $0[0] } == [3, 5, 1, 7, 1, 7, 3, 5])
        for j in 0..<8 {
            // Reference: closed form, ΔC/C = 0.5·c_j/70. Tolerance 1e-12: the table's decimals
            // are exact to ~1e-16 and the subtraction loses at most 3 digits.
            #expect(abs(oat.relativeChange[j][0] - 0.5 * PaperElements.coefficients[j] / 70) < 1e-12)
            #expect(abs(oat.change[j][0] - 4.83 * 0.5 * PaperElements.coefficients[j] / 70) < 1e-12)
        }
    }

    @Test func severalStepsAndAZeroBaseline() throws {
        let out = Matrix(rowArrays: [[-1, 2], [3, -0.5]])
        let oat = try OneAtATimeAnalysis().analyze(baseline: 0, names: ["a", "b"], outputs: out, steps: [-0.1, 0.1])
        #expect(oat.rank == [[2, 1], [1, 2]])
        #expect(oat.relativeChange.allSatisfy { $0.allSatisfy(\.isNaN) })   // undefined at baseline 0
        #expect(oat.groupRank == nil)
        #expect(throws: AnalysisError.self) {
            try OneAtATimeAnalysis().analyze(baseline: 1, names: ["a", "b"], outputs: [1, .nan], step: 0.5)
        }
    }
}
