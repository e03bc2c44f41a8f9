import SweepDiagnostics
import Testing
@testable import SweepModel
import SweepNumerics

@Suite struct ModelYAMLTests {
    static let minimal = """
    name: m
    time: {initial: 0, final: 1, step: 0.5}
    constants:
      K: 2
    auxiliaries:
      A: K * Time
    stocks:
      S: {initial: 1, inflows: [F], outflows: [G]}
    flows:
      F: A
      G: 0.5
    """

    @Test func readsSectionsInOrderWithLocations() throws {
        let m = try Model.parseYAML(Self.minimal, file: "m.yaml")
        #expect(m.variables.map(\.name) == ["K", "A", "S", "F", "G"])
        #expect(m.variables[1].location == SweepDiagnostics.SourceLocation(file: "m.yaml", line: 6, column: 3))
        guard case .stock(_, let net) = m.variables[2].kind else { Issue.record("S is not a stock"); return }
        #expect(net == .binary(.subtract, .variable("F", offset: 0), .variable("G", offset: 0)))
        // A flow whose equation is a number is a constant: it can be swept.
        guard case .constant(0.5) = m.variables[4].kind else { Issue.record("G is not a constant"); return }
        #expect(m.time.saveper == 0.5)
    }

    func diagnostic(_ yaml: String) -> String {
        do {
            _ = try Model.parseYAML(yaml, file: "bad.yaml")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: [
        ("time: {initial: 0, final: 1, step: 1}\nconstants:\n  a: [1\n", "bad.yaml:4:1: error: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"),
        ("time: {initial: 0, final: 1, step: 1}\nconstants:\n  a: 1\n  A: 2\n", "bad.yaml:4:3: error: duplicate variable 'A' (first defined at bad.yaml:3:3)"),
        ("time: {initial: 0, final: 1, step: 0}\n", "bad.yaml:1:7: error: TIME STEP must be positive, got 0.0"),
        ("time: {initial: 0, final: 1, step: 0.25, saveper: 0.3}\n", "bad.yaml:1:7: error: SAVEPER 0.3 is not a positive multiple of TIME STEP 0.25"),
        ("time: {initial: 0, final: 1, step: 1}\nlookups:\n  L: {points: [[0, 1]]}\n", "bad.yaml:3:15: error: lookup 'L': lookup needs at least two points, got 1"),
        ("time: {initial: 0, final: 1, step: 1}\nlookups:\n  L: {points: [[1, 1], [0, 2]]}\n", "bad.yaml:3:15: error: lookup 'L': lookup x values must increase: x[1] = 0.0 follows 1.0"),
        ("time: {initial: 0, final: 1, step: 1}\nauxiliaries:\n  A: 1 + * 2\n", "bad.yaml:3:10: error: in 'A': unexpected '*' where a value was expected"),
        ("time: {initial: 0, final: 1, step: 1}\nauxilaries:\n  A: 1\n", "bad.yaml:2:1: error: unknown section 'auxilaries' (did you mean 'auxiliaries'?); a model has name, time, dimensions, constants, lookups, auxiliaries, flows, stocks, description"),
        ("constants:\n  a: 1\n", "bad.yaml:1: error: the model has no 'time' section (initial, final, step)"),
        ("time: {initial: 0, final: 1, step: 1}\nconstants:\n  a: .nan\n", "bad.yaml:3:6: error: constant 'a' must be a finite number, got '.nan'"),
        ("time: {initial: 0, final: 1, step: 1}\nstocks:\n  S: {initial: 0, inflow: [F]}\n", "bad.yaml:3:19: error: unknown key 'inflow' for 'S'; expected inflows, initial, net, outflows, units or doc"),
        ("", "bad.yaml: error: empty file: expected a YAML mapping"),
        ("- 1\n- 2\n", "bad.yaml:1:1: error: expected a YAML mapping at the top level"),
    ])
    func badFilesGetOneLocatedMessage(yaml: String, expected: String) {
        #expect(diagnostic(yaml) == expected)
    }

    /// `saveper: step` saves every step (and is what `convert` writes for SAVEPER = TIME STEP).
    @Test func saveperStepSavesEveryStep() throws {
        let m = try Model.parseYAML("time: {initial: 0, final: 1, step: 0.25, saveper: step}\nconstants:\n  a: 1\n", file: "m.yaml")
        #expect(m.time.saveper == 0.25)
        #expect(m.yamlText().contains("step: 0.25, saveper: step,"))
    }

    @Test func timeSpecListsSaveTimes() {
        let t = TimeSpec(initial: 0, final: 1, step: 0.125, saveper: 0.25)
        #expect(t.saveTimes == [0, 0.25, 0.5, 0.75, 1])
        #expect(t.stepCount == 8)
    }
}
