import Testing
import SweepCompiler
import SweepModel

@Suite struct CompileErrorTests {
    func compileError(_ yaml: String, parameters: [String] = [], overrides: [String: Double] = [:]) -> String {
        do {
            _ = try Compiler.compile(try Model.parseYAML(yaml, file: "m.yaml"), parameters: parameters, overrides: overrides)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static let header = "time: {initial: 0, final: 1, step: 1}\n"

    @Test func unknownVariableSuggestsTheNearestName() {
        let msg = compileError(Self.header + "constants:\n  Knowledge Coefficient: 1\nauxiliaries:\n  A: Knowlege Coefficient * 2\n")
        #expect(msg == "m.yaml:5:3: error: unknown variable 'Knowlege Coefficient' in the equation of 'A'; did you mean 'Knowledge Coefficient'?")
    }

    @Test func cycleNamesItsVariables() {
        let msg = compileError(Self.header + "auxiliaries:\n  A: B + 1\n  B: C * 2\n  C: A\n  D: 1 + A\n")
        #expect(msg == "m.yaml:3:3: error: circular definition among auxiliaries: A → B → C → A")
    }

    @Test func initialisationCycleIsReported() {
        let msg = compileError(Self.header + "stocks:\n  S: {initial: T, net: 0}\n  T: {initial: S, net: 0}\n")
        #expect(msg == "m.yaml:3:3: error: circular definition among initial values: S → T → S")
    }

    @Test func integOutsideAStockIsRejected() {
        let msg = compileError(Self.header + "auxiliaries:\n  A: 1 + INTEG(1, 0)\n")
        #expect(msg == "m.yaml:3:3: error: INTEG may only be the whole equation of a stock (in 'A')")
    }

    @Test func settingAnUnknownOrNonConstantVariable() {
        let yaml = Self.header + "constants:\n  Contact Rate: 1\nauxiliaries:\n  A: Contact Rate\n"
        #expect(compileError(yaml, overrides: ["Contact Rat": 2]) == "m.yaml: error: --set 'Contact Rat' is not a variable of the model; did you mean 'Contact Rate'?")
        #expect(compileError(yaml, overrides: ["A": 2]) == "m.yaml:5:3: error: --set 'A' is not a constant (it has an equation), so it cannot be set")
        #expect(compileError(yaml, parameters: ["Nope"]) == "m.yaml: error: parameter 'Nope' is not a variable of the model")
    }

    @Test func lookupsMustBeCalled() {
        let msg = compileError(Self.header + "lookups:\n  L: {points: [[0, 0], [1, 1]]}\nauxiliaries:\n  A: L + 1\n  B: Nope(2)\n")
        #expect(msg == "m.yaml:5:3: error: 'L' is a lookup: call it with an argument, as in 'L(Time)'")
    }
}
