import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct LatinHypercubeTests {
    static let variants: [LatinHypercube.Variant] = [.plain, .centered, .maximin(candidates: 5)]

    @Test(arguments: variants, [1, 2, 7, 64, 1000])
    func everyColumnHitsEachStratumOnce(variant: LatinHypercube.Variant, n: Int) throws {
        // Property (McKay et al. 1979; docs/gsa-notes.md §5): sort(⌊N·u⌋) = 0…N−1 in every column.
        let design = try LatinHypercube(variant: variant).sample(.unitCube(6), n: n, seed: 17)
        for j in 0..<6 {
            let strata = design.unit.column(j).map { Int((Double(n) * $0).rounded(.down)) }.sorted()
            #expect(strata == Array(0..<n), "column \(j)")
            #expect(design.unit.column(j).allSatisfy { $0 >= 0 && $0 < 1 })
        }
    }

    @Test func strataHoldEvenWhenTheOffsetRoundsUp() {
        // The rounding guard: an offset one ulp below 1 would carry (π + U)/N into the next
        // stratum without it. Drive many large-N columns through and check the property.
        let design = LatinHypercube.hypercube(n: 1_000_003, k: 2, seed: 99, candidate: 0, centered: false)
        for j in 0..<2 {
            var seen = [Bool](repeating: false, count: design.rows)
            for u in design.column(j) { seen[Int((Double(design.rows) * u).rounded(.down))] = true }
            #expect(seen.allSatisfy { $0 })
        }
    }

    @Test func centredPointsSitMidStratum() throws {
        // u = (s + ½)/N exactly for N a power of two (the division is exact), tolerance none.
        let design = try LatinHypercube(variant: .centered).sample(.unitCube(3), n: 16, seed: 2)
        for j in 0..<3 {
            #expect(design.unit.column(j).sorted() == (0..<16).map { (Double($0) + 0.5) / 16 })
        }
    }

    @Test func maximinKeepsTheMostSpreadCandidate() throws {
        // Candidate 0 of maximin is the plain design of the same seed; the chosen one is at
        // least as spread, and equals the best of the candidates' own minimum distances.
        let plain = try LatinHypercube().sample(.unitCube(4), n: 50, seed: 8)
        let best = try LatinHypercube(variant: .maximin(candidates: 20)).sample(.unitCube(4), n: 50, seed: 8)
        let plainMin = LatinHypercube.minimumSquaredDistance(plain.unit).squareRoot()
        #expect(best.minimumDistance! >= plainMin)
        let all = (0..<20).map {
            LatinHypercube.minimumSquaredDistance(LatinHypercube.hypercube(n: 50, k: 4, seed: 8, candidate: $0, centered: false))
        }
        #expect(best.minimumDistance! == all.max()!.squareRoot())
        #expect(throws: SamplingError.self) { try LatinHypercube(variant: .maximin(candidates: 0)).sample(.unitCube(2), n: 5) }
    }

    @Test(arguments: variants)
    func sameSeedSameBitsDifferentSeedDifferent(variant: LatinHypercube.Variant) throws {
        let a = try LatinHypercube(variant: variant).sample(.unitCube(3), n: 100, seed: 1)
        let b = try LatinHypercube(variant: variant).sample(.unitCube(3), n: 100, seed: 1)
        let c = try LatinHypercube(variant: variant).sample(.unitCube(3), n: 100, seed: 2)
        #expect(Fixture.bitwiseEqual(a.samples, b.samples))
        #expect(!Fixture.bitwiseEqual(a.samples, c.samples))
    }

    @Test func rejectsZeroRuns() {
        #expect(throws: SamplingError.self) { try LatinHypercube().sample(.unitCube(2), n: 0) }
    }
}

@Suite struct RandomDesignTests {
    @Test func seededAndInTheUnitCube() throws {
        let a = try RandomSampling().sample(.unitCube(4), n: 1000, seed: 7)
        let b = try RandomSampling().sample(.unitCube(4), n: 1000, seed: 7)
        let c = try RandomSampling().sample(.unitCube(4), n: 1000, seed: 8)
        #expect(Fixture.bitwiseEqual(a.unit, b.unit))
        #expect(!Fixture.bitwiseEqual(a.unit, c.unit))
        #expect(a.unit.storage.allSatisfy { $0 >= 0 && $0 < 1 })
        // Per-column streams: adding a parameter leaves the other columns' bits alone.
        let wider = try RandomSampling().sample(.unitCube(5), n: 1000, seed: 7)
        #expect(Array(wider.unit.storage[0..<4000]) == a.unit.storage)
        #expect(throws: SamplingError.self) { try RandomSampling().sample(.unitCube(2), n: 0) }
    }

    @Test func columnMeansAreNearOneHalf() throws {
        // Reference: E[U] = 1/2, sd of the mean √(1/12/n) = 0.00289 for n = 10 000; bound 4 sd
        // (fixed seed, so deterministic).
        let design = try RandomSampling().sample(.unitCube(3), n: 10_000, seed: 3)
        for j in 0..<3 {
            #expect(abs(Statistics.mean(design.unit.column(j)) - 0.5) < 4 * 0.00289)
        }
    }
}
