import Testing
@testable import SweepModel

/// Reality checks as the Vensim reader hands them to the model, and the test models built
/// from them.
@Suite struct RealityCheckModelTests {
    static let text = """
        {UTF-8}
        sectors: a, b ~~|
        workers[sectors] = 4, 5 ~~|
        output[sectors] = workers[sectors] * 2 ~~|
        zero workers[sectors] :TEST INPUT: workers[sectors] = RC STEP(workers[sectors], 0) ~~|
        no workers no output[sectors] :THE CONDITION: zero workers[sectors] :IMPLIES: output[sectors] = 0 ~~|
        compared :THE CONDITION: :IMPLIES: output[a] > 0 ~~|
        other run :THE CONDITION: :IMPLIES: output[a] = RC COMPARE('base', output[a], 1) ~~|
        nowhere :THE CONDITION: :IMPLIES: missing > 0 ~~|
        crossing :THE CONDITION: zero workers[a] :IMPLIES: output[a] > :CROSSING: 1 ~~|
        """ + VensimFixture.control

    /// One check per element, subscripts bound as in the model's equations; a check that
    /// cannot be read is kept with its reason and does not stop the model from loading.
    @Test func checksAreExpandedPerElement() throws {
        let m = try Model.parseVensim(Self.text, file: "rc.mdl")
        #expect(m.variables.map(\.name) == ["workers[a]", "workers[b]", "output[a]", "output[b]"])
        #expect(m.realityChecks.map(\.fullName) == [
            "zero workers[a]", "zero workers[b]", "no workers no output[a]", "no workers no output[b]", "compared", "other run", "nowhere", "crossing",
        ])
        guard case .testInput(let target, _) = m.realityChecks[1].body else { Issue.record("not a test input"); return }
        #expect(target == "workers[b]")
        guard case .constraint(let condition, let consequence) = m.realityChecks[3].body else { Issue.record("not a constraint"); return }
        #expect(condition == .variable("zero workers[b]", offset: 0))
        #expect(consequence == .binary(.equal, .variable("output[b]", offset: 0), .number(0)))
        #expect(m.realityChecks[5].unsupportedReason?.contains("unsupported: RC COMPARE") == true)
        // A name the model lacks is found when the tests are built (`realityCheckTests`).
        #expect(m.realityChecks[6].unsupportedReason == nil)
        #expect(m.realityChecks[7].unsupportedReason == "unsupported: :CROSSING: in a consequence in reality check 'crossing' at line 10")
        #expect(!m.realityChecks[6].isTestInput && m.realityChecks[0].isTestInput)
    }

    /// A test sets one element (its own equation unchanged, every use redirected), and the
    /// constraints that force nothing share the unchanged model.
    @Test func testModelsRedirectTheSetVariable() throws {
        let m = try Model.parseVensim(Self.text, file: "rc.mdl")
        let (tests, problems) = m.realityCheckTests()
        #expect(problems.keys.sorted() == [5, 6, 7])
        #expect(problems[6]?.hasPrefix("unknown variable 'missing' (in reality check 'nowhere' at line 9)") == true, "\(problems)")
        #expect(tests.map { $0.probes.map(\.check) } == [[2], [3], [4]])
        let a = tests[0].model
        #expect(a.constantValue(named: "workers[a]") == 4)
        guard case .auxiliary(let output)? = a.variable(named: "output[a]")?.kind else { Issue.record("output[a]"); return }
        #expect(output.references == ["\u{1}rc set workers[a]"])
        guard case .auxiliary(let b)? = a.variable(named: "output[b]")?.kind else { Issue.record("output[b]"); return }
        #expect(b.references == ["workers[b]"])
        #expect(tests[2].model.variables.count == m.variables.count + 2)
    }

    /// An equality on a variable is forced; an inequality keeps the variable where it holds.
    @Test func comparisonsInTheConditionAreForced() throws {
        let m = try Model.parseVensim("""
            x = 1 ~~|
            y = x * 2 ~~|
            eq :THE CONDITION: x = 0 :IMPLIES: y = 0 ~~|
            ineq :THE CONDITION: x > 5 :AND: Time > 1 :IMPLIES: y > 10 ~~|
            """ + VensimFixture.control, file: "f.mdl")
        let (tests, _) = m.realityCheckTests()
        #expect(tests.count == 2)
        guard case .auxiliary(let eq)? = tests[0].model.variable(named: "\u{1}rc set x")?.kind,
              case .auxiliary(let ineq)? = tests[1].model.variable(named: "\u{1}rc set x")?.kind else { Issue.record("not set"); return }
        #expect(eq == .number(0))
        let x = Expression.variable("x", offset: 0)
        #expect(ineq == .call(.ifThenElse, [.binary(.greater, x, .number(5)), x, .number(5)]))
        guard case .auxiliary(let premise)? = tests[1].model.variable(named: "\u{1}rc condition 1")?.kind else { Issue.record("no probe"); return }
        #expect(premise == .binary(.and, .number(1), .binary(.greater, .call(.time, []), .number(1))))
    }
}
