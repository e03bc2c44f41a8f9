import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct SaltelliDesignTests {
    static let problem3 = """
        x1 -3.141592653589793 3.141592653589793
        "Second Factor" 0 1
        x3 10 30
        """

    @Test(arguments: [
        ("saltelli-salib-second-order-n16.csv", true, 0),
        ("saltelli-salib-first-order-n16.csv", false, 0),
        ("saltelli-salib-first-order-n16-skip16.csv", false, 16),
    ])
    func matchesSALibBitForBit(fixture: String, secondOrder: Bool, skip: Int) throws {
        // Reference: SALib 1.6.0 `sobol.sample(problem, 16, calc_second_order=…, scramble=False,
        // skip_values=…)` (Fixtures/README). Tolerance: none — the unit points are exact
        // dyadic rationals and uniform scaling is u·(ub−lb)+lb in SALib's order of operations,
        // two correctly rounded IEEE operations that numpy and Swift perform identically.
        let (header, reference) = try Fixture.csv(fixture)
        let space = try ParameterSpace.load(path: Fixture.url("problem-3.txt").path)
        #expect(header == space.names)
        let design = try Saltelli(secondOrder: secondOrder, scramble: false, skip: skip).sample(space, n: 16)
        #expect(design.samples.rows == (secondOrder ? 16 * 8 : 16 * 5))
        #expect(Fixture.bitwiseEqual(design.samples, reference))
    }

    @Test func groupsMatchSALibBitForBit() throws {
        // Reference: SALib 1.6.0 with groups g1, g2, g1, g3 (Fixtures/README), N = 8, second
        // order: 8·(2·3+2) = 64 rows. Tolerance: none (as above).
        let (_, reference) = try Fixture.csv("saltelli-salib-groups-second-order-n8.csv")
        let space = try ParameterSpace([
            Parameter(name: "a", distribution: .uniform(lower: 0, upper: 1), group: "g1"),
            Parameter(name: "b", distribution: .uniform(lower: 1, upper: 2), group: "g2"),
            Parameter(name: "c", distribution: .uniform(lower: -1, upper: 1), group: "g1"),
            Parameter(name: "d", distribution: .uniform(lower: 5, upper: 7.5), group: "g3"),
        ])
        let design = try Saltelli(secondOrder: true, scramble: false).sample(space, n: 8)
        #expect(design.layout == SaltelliLayout(factors: 3, baseRows: 8, secondOrder: true))
        #expect(design.factorNames == ["g1", "g2", "g3"])
        #expect(Fixture.bitwiseEqual(design.samples, reference))
    }

    @Test(arguments: [false, true])
    func blocksBuiltIndependentlyAgree(secondOrder: Bool) throws {
        // Reference: A, B, AB^(j), BA^(j) assembled here from the bare 2k-dimensional sequence
        // (docs/gsa-notes.md §2) and compared with the design row by row through SaltelliLayout.
        // Tolerance: none — both copy the same doubles.
        let k = 4, n = 32
        let space = ParameterSpace.unitCube(k)
        let design = try Saltelli(secondOrder: secondOrder, scramble: true).sample(space, n: n, seed: 11)
        let base = try SobolSequence(dimensions: 2 * k, scrambleSeed: 11).points(n)
        let layout = design.layout
        #expect(layout.rows == n * (secondOrder ? 2 * k + 2 : k + 2))
        for i in 0..<n {
            let a = (0..<k).map { base[i, $0] }, b = (0..<k).map { base[i, k + $0] }
            #expect(design.unit.row(layout.rowA(i)) == a)
            #expect(design.unit.row(layout.rowB(i)) == b)
            for j in 0..<k {
                var ab = a; ab[j] = b[j]
                #expect(design.unit.row(layout.rowAB(i, j)) == ab)
                if secondOrder {
                    var ba = b; ba[j] = a[j]
                    #expect(design.unit.row(layout.rowBA(i, j)) == ba)
                }
            }
        }
    }

    @Test func warnsWhenNIsNotAPowerOfTwo() throws {
        let space = ParameterSpace.unitCube(2)
        #expect(try Saltelli().sample(space, n: 64).warnings.isEmpty)
        let design = try Saltelli().sample(space, n: 100)
        #expect(design.warnings.contains { $0.contains("power of 2") })
        #expect(design.samples.rows == 100 * 4)
    }

    @Test func rejectsBadRequests() throws {
        let space = ParameterSpace.unitCube(2)
        #expect(throws: SamplingError.self) { try Saltelli().sample(space, n: 0) }
        #expect(throws: SamplingError.self) { try Saltelli(skip: -1).sample(space, n: 8) }
        // 501 parameters need 1002 Sobol' dimensions; 1000 are shipped.
        let wide = ParameterSpace.unitCube(501)
        #expect(throws: SamplingError.self) { try Saltelli().sample(wide, n: 8) }
    }
}
