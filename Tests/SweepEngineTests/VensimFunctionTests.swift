import Foundation
import SweepCompiler
import SweepModel
import Testing
import TestSupport

/// Vensim's builtin functions beyond the arithmetic ones, each on a small model of
/// `Tests/VensimFunctionModels` (TIME STEP 1, Euler, times 0…5) against values computed by
/// hand from the manual's definitions. Exact unless an assertion says otherwise.
@Suite("Vensim functions")
struct VensimFunctionTests {
    static func run(_ file: String) throws -> [String: [Double]] {
        try simulate(try Model.load(path: Repository.path("Tests/VensimFunctionModels/" + file)))
    }

    static func value(_ values: [String: [Double]], _ name: String, at t: Int = 0) -> Double {
        values[CanonicalName(name).id]?[t] ?? .nan
    }

    @Test func scalarFunctions() throws {
        let v = try Self.run("scalar_functions.mdl")
        #expect(Self.value(v, "c") == Foundation.cosh(0.5))   // 1.1276259652063807
        #expect(Self.value(v, "s") == Foundation.sinh(0.5))   // 0.5210953054937474
        #expect(Self.value(v, "t") == Foundation.tanh(0.5))   // 0.46211715726000974
        #expect(Self.value(v, "p") == 8)                       // 2^3
        #expect(Self.value(v, "pt", at: 3) == 0.125)           // 0.5^3
        #expect(Self.value(v, "q1") == 6)                      // 2·INTEGER(3.75)
        #expect(Self.value(v, "q2") == -6)                     // 2·INTEGER(-3.75), toward zero
        #expect(Self.value(v, "q3") == 7.5)                    // q ≤ 0: x itself
        #expect(Self.value(v, "qt", at: 1) == 2 && Self.value(v, "qt", at: 3) == 6)  // 2.5 → 2, 7.5 → 6
        #expect(Self.value(v, "g") == 4.5)                     // GAME(x) = x
        #expect(abs(Self.value(v, "gl") - Foundation.log(24)) < 1e-14)  // ln Γ(5) = ln 4!; lgamma within 1e-14
        #expect(Self.value(v, "gt", at: 3) == 5)               // Time + 2
        #expect(Self.value(v, "gi", at: 4) == 0.5)             // INITIAL TIME + 0.5
    }

    @Test func lookupModes() throws {
        // look: (0,1), (1,1), (2,2); level = 0.5·Time.
        let v = try Self.run("lookup_modes.mdl")
        #expect(Self.value(v, "forward") == 2)                 // next point's y after 1.5
        #expect(Self.value(v, "backward") == 1)                // previous point's y
        #expect(Self.value(v, "extrapolate up") == 2.5)        // 2 + 0.5·slope 1
        #expect(Self.value(v, "extrapolate down") == 1)        // first segment is flat
        #expect(Self.value(v, "invert") == 1.5)                // y 1.5 on the segment (1,1)–(2,2)
        #expect(Self.value(v, "area") == 2.5)                  // 1·1 + (1 + 2)/2
        #expect([1, 3, 5].map { Self.value(v, "forward in time", at: $0) } == [1, 2, 2])  // x 0.5, 1.5, 2.5
        #expect([3, 4].map { Self.value(v, "backward of stock", at: $0) } == [1, 2])      // level 1.5, 2
        #expect([2, 4].map { Self.value(v, "area of stock", at: $0) } == [1, 2.5])        // area to 1, to 2
    }

    @Test func statefulFunctions() throws {
        let v = try Self.run("stateful_functions.mdl")
        // Sampled while 2 ≤ Time ≤ 3, held after, the initial value before.
        #expect((0...5).map { Self.value(v, "sampled", at: $0) } == [-1, -1, 20, 30, 30, 30])
        // FORECAST: AV from 10, AV(2) = 10.5; 11·(1 + 1/20·3), 12·(1 + 1.5/21·3).
        #expect(Self.value(v, "forecast value") == 10)
        #expect(abs(Self.value(v, "forecast value", at: 1) - 12.65) < 1e-13)               // rounding of 1/20·3
        #expect(abs(Self.value(v, "forecast value", at: 2) - 12 * (1 + 1.5 / 21 * 3)) < 1e-13)
        // NPV(100, 0.1, 0, 1): df = 1, 1/1.1·…; value A + 100·df: 100, 100 + 100/1.1, …
        #expect(Self.value(v, "npv value") == 100)
        #expect(abs(Self.value(v, "npv value", at: 1) - (100 + 100 / 1.1)) < 1e-12)        // df via 1 − 0.1/1.1
        #expect(abs(Self.value(v, "npv value", at: 2) - (100 + 100 / 1.1 + 100 / 1.21)) < 1e-12)
        // NPVE: df from 1/1.1, so every term one step further discounted: 100/1.1, 100/1.1 + 100/1.21.
        #expect(abs(Self.value(v, "npve value") - 100 / 1.1) < 1e-12)
        #expect(abs(Self.value(v, "npve value", at: 1) - (100 / 1.1 + 100 / 1.21)) < 1e-12)
    }

    @Test func vectorFunctions() throws {
        // x = 5, 3, 8, 4; y = level (5 − Time), 3, 8, 4.
        let v = try Self.run("vector_functions.mdl")
        func vec(_ name: String, at t: Int = 0) -> [Double] { (1...4).map { Self.value(v, "\(name)[d\($0)]", at: t) } }
        #expect(vec("ascending") == [1, 3, 0, 2])       // 3, 4, 5, 8
        #expect(vec("descending") == [2, 0, 3, 1])      // 8, 5, 4, 3
        #expect(vec("rank") == [3, 1, 4, 2])
        #expect(vec("rank y", at: 3) == [1, 2, 4, 3])   // y = 2, 3, 8, 4
        #expect(vec("sorted") == [3, 4, 5, 8])
        #expect(Self.value(v, "fourth") == 4)           // d2 + 2 = d4
        #expect((0...5).map { Self.value(v, "shifted[d1]", at: $0) } == [4, 8, 3, 2, 1, 0])  // y at d1 + 3 − min(t, 3)
        #expect(Self.value(v, "weighted sum") == 21)    // 1·5 + 2·8
        #expect(Self.value(v, "largest") == 8)          // max(y1, y3)
        #expect(Self.value(v, "mean") == 6.5)           // (5 + 8) / 2
        #expect(Self.value(v, "missing") == -1)         // no selection
        // VECTOR LOOKUP over y = 0, 10, 20, 40 at x = 0, 1, 2, 3.
        #expect(Self.value(v, "vl normal") == 15)       // halfway from 10 to 20
        #expect(Self.value(v, "vl area") == 11.25)      // 5 + (10 + 15)/2 · 0.5
        #expect(Self.value(v, "vl backward") == 10)
        #expect(Self.value(v, "vl extrapolate") == 60)  // 40 + 1 · slope 20
        #expect(Self.value(v, "vl forward") == 20)
        #expect(Self.value(v, "vl invert") == 2.5)      // y 30 between (2, 20) and (3, 40)
        #expect(Self.value(v, "vl in time", at: 3) == 30)  // from d2: y 10, 20, 40 at 0, 1, 2; x 1.5: 20 + 0.5·20
    }

    @Test func invertMatrix() throws {
        // [[4, 7], [2, 6]]⁻¹ = [[0.6, −0.7], [−0.2, 0.4]]; elimination rounds, so within 1e-15.
        let v = try Self.run("vector_functions.mdl")
        let inverse = ["r1,c1", "r1,c2", "r2,c1", "r2,c2"].map { Self.value(v, "inverse[\($0)]") }
        #expect(zip(inverse, [0.6, -0.7, -0.2, 0.4]).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    @Test func allocations() throws {
        // Requests 10, 6, 3 at priorities 2, 4, 3, width 3, supply 12: the level x where
        // Σ r·clamp((p + 1.5 − x)/3, 0, 1) = 12 is 61/26, giving 50/13, 6, 28/13. Bisected
        // to the last bit of x, so within 1e-12.
        let v = try Self.run("vector_functions.mdl")
        for name in ["by priority", "available"] {
            let shares = (1...3).map { Self.value(v, "\(name)[t\($0)]") }
            #expect(zip(shares, [50.0 / 13, 6, 28.0 / 13]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(name): \(shares)")
        }
        // Normal profiles: the shares add up to the supply 4 + Time (within 1e-12), the
        // highest priority gets the largest share of its request.
        for t in 0...5 {
            let shares = (1...3).map { Self.value(v, "normal shares[t\($0)]", at: t) }
            #expect(abs(shares.reduce(0, +) - Double(4 + t)) < 1e-12)
            #expect(shares[1] / 6 > shares[2] / 3 && shares[2] / 3 > shares[0] / 10)
        }
    }

    /// `sdsweep convert`'s YAML of each function model reads back to the same bits (reference:
    /// the `.mdl` run; tolerance: exact, the expanded trees are equal).
    @Test(arguments: ["scalar_functions.mdl", "lookup_modes.mdl", "stateful_functions.mdl", "vector_functions.mdl", "data_functions.mdl",
                       "depreciation.mdl"])
    func yamlRoundTrip(_ file: String) throws {
        let mdl = try Model.load(path: Repository.path("Tests/VensimFunctionModels/" + file))
        let yaml = try Model.parseYAML(mdl.yamlText(), file: file + ".yaml")
        let a = try simulate(mdl), b = try simulate(yaml)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, xs) in a {
            #expect(xs.map(\.bitPattern) == (b[name] ?? []).map(\.bitPattern), "\(file): '\(name)' differs after the round trip")
        }
    }
}
