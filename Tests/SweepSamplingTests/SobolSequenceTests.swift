import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct SobolSequenceTests {
    @Test func matchesScipyUnscrambledBitForBit() throws {
        // Reference: scipy 1.17.1 `qmc.Sobol(10, scramble=False).random(64)` (Fixtures/README).
        // Tolerance: none. Sobol' points are dyadic rationals k/2^30 computed with integer
        // XORs, so an implementation with the same direction numbers must agree exactly.
        let reference = try Fixture.csv("sobol-scipy-10d-64.csv").matrix
        let points = try SobolSequence(dimensions: 10).points(64)
        #expect(Fixture.bitwiseEqual(points, reference))
    }

    @Test func skipContinuesTheSequence() throws {
        // Reference: the same fixture; points 16…63 must be rows 16…63 exactly (integer state).
        let reference = try Fixture.csv("sobol-scipy-10d-64.csv").matrix
        let tail = try SobolSequence(dimensions: 10).points(48, skip: 16)
        #expect(Fixture.bitwiseEqual(tail, reference.rows(16..<64)))
        // Scrambled: the skip closed form (Gray code of the index) must agree with stepping.
        let scrambled = try SobolSequence(dimensions: 10, scrambleSeed: 9)
        #expect(Fixture.bitwiseEqual(scrambled.points(37, skip: 27), scrambled.points(64).rows(27..<64)))
    }

    @Test(arguments: [nil, UInt64(77)])
    func allThousandDimensionsAreValid(scrambleSeed: UInt64?) throws {
        // Property: every coordinate lies in [0, 1) and each 1-D projection of the first 2^m
        // points is a permutation of the strata k/2^m (Joe–Kuo: every m_k odd, so each
        // dimension is a (0, m, 1)-net; LMS + shift keeps that).
        let sobol = try SobolSequence(dimensions: 1000, scrambleSeed: scrambleSeed)
        let points = sobol.points(256)
        for j in 0..<1000 {
            let strata = Set(points.column(j).map { Int($0 * 256) })
            #expect(strata.count == 256, "dimension \(j + 1)")
        }
    }

    /// Elementary intervals of [0,1)^2 with volume 2^-m: (2^-a × 2^-b boxes, a + b = m).
    static func fillsElementaryIntervals(_ x: [Double], _ y: [Double], m: Int) -> Bool {
        for a in 0...m {
            let b = m - a
            var counts = [Int](repeating: 0, count: 1 << m)
            for i in x.indices {
                let cx = Int(x[i] * Double(1 << a)), cy = Int(y[i] * Double(1 << b))
                counts[cx << b | cy] += 1
            }
            if counts.contains(where: { $0 != 1 }) { return false }
        }
        return true
    }

    @Test(arguments: [nil, UInt64(1), UInt64(20_260_101)])
    func firstPowerOfTwoPointsFillEveryElementaryInterval(scrambleSeed: UInt64?) throws {
        // Property (Sobol' 1967; t-value 0 for dimensions 1 and 2): the first 2^m points of
        // dimensions 1–2 put exactly one point in every elementary interval of volume 2^-m.
        // LMS scrambling + digital shift preserves this net property (Matoušek 1998).
        let sobol = try SobolSequence(dimensions: 2, scrambleSeed: scrambleSeed)
        for m in [4, 8, 10] {
            let p = sobol.points(1 << m)
            #expect(Self.fillsElementaryIntervals(p.column(0), p.column(1), m: m), "m = \(m)")
            // And each 1-D projection hits every stratum 1/2^m once, in every dimension.
            for j in 0..<2 { #expect(Set(p.column(j).map { Int($0 * Double(1 << m)) }).count == 1 << m) }
        }
    }

    @Test func scramblingIsSeededAndMovesPointZero() throws {
        // Determinism: same seed ⇒ same bits; different seeds ⇒ different points.
        let a = try SobolSequence(dimensions: 5, scrambleSeed: 3).points(128)
        let b = try SobolSequence(dimensions: 5, scrambleSeed: 3).points(128)
        let c = try SobolSequence(dimensions: 5, scrambleSeed: 4).points(128)
        #expect(Fixture.bitwiseEqual(a, b))
        #expect(!Fixture.bitwiseEqual(a, c))
        // The digital shift becomes point 0, so it is no longer the origin.
        #expect(a.row(0) != [0, 0, 0, 0, 0])
        // Scrambling one dimension does not depend on how many were asked for.
        let wide = try SobolSequence(dimensions: 9, scrambleSeed: 3).points(128)
        #expect(Fixture.bitwiseEqual(a, Matrix(rows: 128, columns: 5, storage: Array(wide.storage[0..<(128 * 5)]))))
    }

    @Test func rejectsTooManyDimensions() {
        #expect(throws: SamplingError.self) { try SobolSequence(dimensions: 1001) }
        do {
            _ = try SobolSequence(dimensions: 1001)
        } catch let error as SamplingError {
            #expect(error.kind == .tooManyDimensions)
            #expect(error.message.contains("1000"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
