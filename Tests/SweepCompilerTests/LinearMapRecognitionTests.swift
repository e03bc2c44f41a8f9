@testable import SweepCompiler
import SweepModel
import Testing

/// The BLAS recogniser: which parts of the net flows are a batch-shared linear map of the
/// stocks, and how wide and dense it is.
@Suite struct LinearMapRecognitionTests {
    func recognise(_ m: Model, parameters: [String]) throws -> LinearMapRecognition {
        let (resolved, classes) = try classified(m, parameters: parameters)
        let stocks = resolved.indices.filter(resolved.isStock)
        let liveness = Liveness(resolved, classes: classes, stocks: stocks)
        return LinearMapRecognition(stocks: stocks, model: resolved, liveness: liveness,
                                    factoring: Factoring(model: resolved, classes: classes))
    }

    /// M stocks `C1…CM` with the net flow `rate_i + s · (Σ_j coefficient(i, j) · C_j)`.
    func network(_ m: Int, coefficient: (Int, Int) -> Double) throws -> Model {
        var variables: [(String, Spec)] = [("s", .constant(0.05)), ("rate", .constant(0.01))]
        for i in 1...m {
            let sum = (1...m).filter { coefficient(i, $0) != 0 }.map { "\(coefficient(i, $0)) * C\($0)" }.joined(separator: " + ")
            variables.append(("C\(i)", .stock(initial: "1", net: "rate * \(i) + s * (\(sum))")))
        }
        return try model(variables)
    }

    @Test func aDenseMapIsFoundAndPreferred() throws {
        let r = try recognise(try network(8) { i, j in Double(i + j) / 10 }, parameters: ["s"])
        #expect(r.width == 8 && r.density == 1)
        guard case .linear(let remainders, let maps) = r.shape else {
            Issue.record("no linear map found")
            return
        }
        #expect(remainders.map(\.count) == Array(repeating: 1, count: 8))
        #expect(maps.count == 1)
        #expect(maps[0].scale == LinearMapRecognition.Scale(run: .variable("s", offset: 0)))
        #expect(maps[0].rows == Array(0..<8) && maps[0].width == 8)
        #expect(maps[0].matrix[1 + 2 * 8] == 0.5)  // C2 in the net flow of C3
        #expect(maps[0].label == "8 stocks × 8 net flows, 8 rows linear in 8 stocks, scaled per run after")

        let compiled = try Compiler.compile(try network(8) { i, j in Double(i + j) / 10 }, parameters: ["s"])
        #expect(compiled.stockUpdate.prefersBLAS)
        #expect(compiled.stockUpdate.blas.maps.count == 1 && compiled.stockUpdate.blas.post.count == 8)
    }

    /// A ring: each stock reads itself and its neighbour, 20 of 100 coefficients.
    @Test func aSparseMapIsFoundButNotPreferred() throws {
        let ring = try network(10) { i, j in j == i ? -1 : j == i % 10 + 1 ? 1 : 0 }
        let r = try recognise(ring, parameters: ["s"])
        #expect(r.width == 10 && r.density == 0.2)
        let compiled = try Compiler.compile(ring, parameters: ["s"])
        #expect(compiled.stockUpdate.linearMapWidth == 10 && compiled.stockUpdate.linearMapDensity == 0.2)
        #expect(!compiled.stockUpdate.prefersBLAS)
    }

    /// No net flow linear in a stock: the flows go through the stock–flow incidence.
    @Test func flowsGoThroughTheIncidence() throws {
        let m = try model([
            ("infection", .flow("S * I * 0.001")), ("recovery", .flow("I * I * 0.01")),
            ("S", .stock(initial: "990", net: "-infection")), ("I", .stock(initial: "10", net: "infection - recovery")),
            ("R", .stock(initial: "0", net: "recovery")),
        ])
        let r = try recognise(m, parameters: [])
        #expect(r.width == 0 && r.density == 0)
        guard case .incidence(let flows, let matrix) = r.shape else {
            Issue.record("expected the incidence")
            return
        }
        #expect(flows == [.unary(.negate, .variable("infection", offset: 0)), .variable("infection", offset: 0), .variable("recovery", offset: 0)])
        // matrix[f + s · flows]: S ← −infection, I ← infection − recovery, R ← recovery.
        #expect(matrix == [1, 0, 0, 0, 1, -1, 0, 0, 1])
    }
}
