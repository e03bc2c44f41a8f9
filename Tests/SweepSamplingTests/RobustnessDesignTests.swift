import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct RobustnessDesignTests {
    /// Every block is its point, then the point with one moved factor scaled by 1 + change, and
    /// the effects read back are exactly the differences the rows were built for.
    @Test func blocksHoldThePointThenEachMoveAndEffectsReadThemBack() throws {
        let space = ParameterSpace.unitCube(4)
        let points = try LatinHypercube().sample(space, n: 6, seed: 9).samples
        let design = try RobustnessDesign(space: space, points: points, factors: [3, 1], change: 0.5)
        #expect(design.runs == 6 * 3 && design.blockSize == 3)
        for p in 0..<6 {
            #expect(design.samples.row(design.row(point: p)) == points.row(p))
            for (j, column) in [3, 1].enumerated() {
                var moved = points.row(p)
                moved[column] *= 1.5
                #expect(design.samples.row(design.row(point: p, factor: j)) == moved)
            }
        }
        // A linear output y = Σ (c + 1)·x_c: moving column c by 50% adds (c + 1)·0.5·x_c.
        let y = (0..<design.runs).map { r in (0..<4).reduce(0.0) { $0 + Double($1 + 1) * design.samples[r, $1] } }
        let effects = design.effects(outputs: y)
        #expect(effects.rows == 6 && effects.columns == 2)
        for p in 0..<6 {
            // Tolerance: two sums of four terms of order 1, a few ulps each.
            #expect(abs(effects[p, 0] - 4 * 0.5 * points[p, 3]) < 1e-12)
            #expect(abs(effects[p, 1] - 2 * 0.5 * points[p, 1]) < 1e-12)
        }
    }

    @Test func aChangeThatIsNotPositiveIsRefused() {
        let space = ParameterSpace.unitCube(2)
        for change in [0, -0.5, .nan] {
            #expect(throws: SamplingError.self) {
                try RobustnessDesign(space: space, points: Matrix(rows: 1, columns: 2), factors: [0], change: change)
            }
        }
    }
}
