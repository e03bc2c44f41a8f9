import Foundation
import SweepNumerics
import Testing
@testable import SweepSampling

/// `SaltelliLayout` is the one place that knows where A, AB, BA and B sit: it must accept the
/// row count of every design the sampler writes, refuse the others with the words `analyze`
/// prints, and tell a design's rows from another layout's.
@Suite struct DesignLayoutsTests {
    @Test(arguments: [false, true])
    func acceptsTheRowCountOfEverySampledDesign(secondOrder: Bool) throws {
        for k in [1, 2, 3, 7] {
            let space = ParameterSpace.unitCube(k)
            let design = try Saltelli(secondOrder: secondOrder, scramble: false).sample(space, n: 8)
            let layout = try SaltelliLayout(factors: k, rows: design.runs, secondOrder: secondOrder)
            #expect(layout == design.layout)
            try layout.check(design: design.unit, factorOf: space.groupIndex)
        }
    }

    @Test func infersTheBlocksWhenOnlyOneBlockSizeFits() throws {
        // k = 3: blocks of 5 or 8 rows; 40 rows fit both, 16 only 8, 15 only 5, 7 neither.
        #expect(try SaltelliLayout(factors: 3, rows: 16, secondOrder: nil) == SaltelliLayout(factors: 3, baseRows: 2, secondOrder: true))
        #expect(try SaltelliLayout(factors: 3, rows: 15, secondOrder: nil) == SaltelliLayout(factors: 3, baseRows: 3, secondOrder: false))
        for rows in [40, 7, 0] {
            #expect { try SaltelliLayout(factors: 3, rows: rows, secondOrder: nil) } throws: { error in
                (error as? SamplingError)?.kind == .layoutMismatch && "\(error)".contains("say whether it was sampled with --second-order")
            }
        }
    }

    @Test func aRowCountThatDoesNotFitSaysWhy() {
        func message(_ rows: Int, _ secondOrder: Bool) -> String {
            do {
                _ = try SaltelliLayout(factors: 3, rows: rows, secondOrder: secondOrder)
                return "no error"
            } catch {
                return (error as? SamplingError)?.message ?? "\(error)"
            }
        }
        #expect(message(2047, true)
            == "the outputs have 2047 rows, but a Saltelli design for k = 3 with --second-order has N·8 rows (2k+2 per base row)")
        #expect(message(2048, false)
            == "the outputs have 2048 rows, but a Saltelli design for k = 3 has N·5 rows (k+2 per base row); was it sampled with --second-order?")
        #expect(message(0, false).hasPrefix("the outputs have 0 rows"))
    }

    @Test func theDesignCheckNamesTheFirstRowOutOfPlace() throws {
        let space = ParameterSpace.unitCube(3)
        let design = try Saltelli(secondOrder: true, scramble: false).sample(space, n: 4)
        // One AB row moved off its A in a column of another factor.
        var disturbed = design.unit
        disturbed[design.layout.rowAB(2, 1), 0] += 0.25
        do {
            try design.layout.check(design: disturbed, factorOf: [0, 1, 2])
            Issue.record("a disturbed AB row passed")
        } catch let error as SamplingError {
            #expect(error.message == "the samples do not follow the Saltelli layout for k = 3 with second order (8 rows per base row): data row \(design.layout.rowAB(2, 1) + 1) is not A with column 2 from B; was it sampled without --second-order?")
        }
    }

    @Test func rowsOfABaseBlockAreContiguousFromAToB() {
        let layout = SaltelliLayout(factors: 4, baseRows: 3, secondOrder: true)
        for i in 0..<3 {
            let block = layout.rows(ofBaseRow: i)
            #expect(block.first == layout.rowA(i) && block.last == layout.rowB(i) && block.count == layout.blockSize)
            #expect((0..<4).allSatisfy { block.contains(layout.rowAB(i, $0)) && block.contains(layout.rowBA(i, $0)) })
            #expect(block.allSatisfy { layout.baseRow(of: $0) == i })
        }
        #expect(layout.keeping(baseRows: 2) == SaltelliLayout(factors: 4, baseRows: 2, secondOrder: true))
    }
}
