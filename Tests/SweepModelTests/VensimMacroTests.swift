import Testing
@testable import SweepModel
import SweepNumerics

/// Vensim macros (Vensim DSS Reference Manual, "Macros", "Defining Macros", "Using Macros"),
/// expanded into plain variables when the model loads. References: the manual's semantics
/// (inputs by position, outputs after ':', locals per call, `name$` for the model's variables)
/// and hand-computed values at the initial time; tolerance: exact (small integers and halves).
@Suite struct VensimMacroTests {
    static let scaled = """
        :MACRO: SCALED(x, f)
        SCALED = x * f ~ x ~ |
        :END OF MACRO:
        """

    @Test func eachCallIsAnInstanceWithItsOwnNames() throws {
        let m = try VensimFixture.model(Self.scaled + """

            a = 5 ~~|
            y = SCALED(a + 1, 2) + SCALED(a, 3) ~~|
            """)
        // An expression argument becomes a variable of its own, computed once; a variable or a
        // number is substituted.
        #expect(m.variables.map(\.name) == ["a", "y", "SCALED.1.x", "SCALED.1", "SCALED.2"])
        #expect(VensimFixture.equation(m, "y") == "SCALED.1 + SCALED.2")
        #expect(VensimFixture.equation(m, "SCALED.1") == "SCALED.1.x * 2")
        #expect(VensimFixture.equation(m, "SCALED.2") == "a * 3")
        #expect(VensimFixture.start(m, "y") == 27)  // (5 + 1) * 2 + 5 * 3
        // Units written as an input's name stand for the caller's units: unknown here.
        #expect(m.variable(named: "SCALED.2")?.units == nil)
    }

    @Test func stocksInsideAMacroAreOnePerCall() throws {
        let m = try VensimFixture.model("""
            :MACRO: ACCUMULATE(inflow, start)
            ACCUMULATE = INTEG(inflow, start) ~ inflow ~ |
            :END OF MACRO:
            p = ACCUMULATE(1, 10) ~~|
            q = ACCUMULATE(2, 20) ~~|
            """)
        #expect(VensimFixture.equation(m, "ACCUMULATE.1") == "INTEG(1, 10)")
        #expect(VensimFixture.equation(m, "ACCUMULATE.2") == "INTEG(2, 20)")
        #expect(VensimFixture.start(m, "p") == 10)
        #expect(VensimFixture.start(m, "q") == 20)
    }

    @Test func outputsAfterAColonLocalsAndModelVariables() throws {
        // The manual's add3, with a local and the model's TIME STEP reached as TIME STEP$.
        let m = try VensimFixture.model("""
            :MACRO: add3(val1, val2, val3 : minval, maxval)
            add3 = val1 + val2 + val3 ~ val1 ~ |
            minval = MIN(val1, MIN(val2, val3)) ~ val1 ~ |
            maxval = MAX(val1, MAX(val2, val3)) + zero ~ val1 ~ |
            zero = 0 * TIME STEP$ + limit$ - limit$ ~~|
            :END OF MACRO:
            limit = 100 ~~|
            total reserve = add3(lakes, rivers, 7 : min reserve, max reserve) ~ m3 ~ |
            lakes = 4 ~~|
            rivers = 9 ~~|
            low = IF THEN ELSE(min reserve < 5, 1, 0) ~~|
            """)
        #expect(VensimFixture.start(m, "total reserve") == 20)
        #expect(VensimFixture.start(m, "min reserve") == 4)
        #expect(VensimFixture.start(m, "max reserve") == 9)
        #expect(VensimFixture.start(m, "low") == 1)
        #expect(VensimFixture.equation(m, "add3.1.zero") == "0 * TIME STEP + limit - limit")
    }

    @Test func macrosCallMacrosDefinedLater() throws {
        let m = try VensimFixture.model("""
            out = OUTER(3) ~~|
            :MACRO: OUTER(v)
            OUTER = INNER(v) + INNER(v + 1) ~ v ~ |
            :END OF MACRO:
            :MACRO: INNER(w)
            INNER = w * 10 + half ~ w ~ |
            half = 0.5 ~~|
            :END OF MACRO:
            """)
        // INNER(3) = 30.5 and INNER(4) = 40.5: two instances, each with its own local 'half'.
        #expect(VensimFixture.start(m, "out") == 71)
        #expect(m.variable(named: "INNER.1.half") != nil && m.variable(named: "INNER.2.half") != nil)
        #expect(VensimFixture.equation(m, "INNER.2") == "INNER.2.w * 10 + INNER.2.half")
    }

    @Test func aCallOverSubscriptsGivesSubscriptedInstances() throws {
        let m = try VensimFixture.model(Self.scaled + """

            D: d1, d2 ~~|
            x[D] = 1, 2 ~~|
            y[D] = SCALED(x[D], 3) ~~|
            z[d1] = SCALED(x[d1] * 2, 1) ~~|
            z[d2] = 0 ~~|
            """)
        #expect(VensimFixture.equation(m, "y[d2]") == "SCALED.1[d2]")
        #expect(VensimFixture.equation(m, "SCALED.1[d2]") == "x[d2] * 3")
        #expect(VensimFixture.start(m, "y[d2]") == 6)
        #expect(VensimFixture.start(m, "z[d1]") == 2)
        #expect(m.variable(named: "SCALED.2[d2]") == nil)
    }

    @Test func expandedModelsWriteToYAMLAndReadBack() throws {
        let m = try VensimFixture.model(Self.scaled + "\na = 5 ~~|\ny = SCALED(a + 1, 2) ~~|")
        let yaml = try Model.parseYAML(m.yamlText(), file: "m.yaml")
        #expect(yaml.variables.map(\.id).sorted() == m.variables.map(\.id).sorted())
        #expect(VensimFixture.start(yaml, "y") == 12)
    }

    @Test(arguments: [
        (Self.scaled + "\ny = SCALED(1) ~~|", "m.mdl:5: error: in 'y': macro 'SCALED' takes 2 inputs, got 1"),
        (":MACRO: M(x)\nM = x + other ~~|\n:END OF MACRO:\ny = M(1) ~~|",
         "m.mdl:3: error: in macro 'M': 'other' is neither an input of the macro nor defined in it (write 'other$' for the model's variable)"),
        (":MACRO: M(x)\nM = M(x) ~~|\n:END OF MACRO:\ny = M(1) ~~|", "error: macro 'M' expands more than 64 levels deep"),
        (":MACRO: M(x)\nM = M(x) + M(x + 1) ~~|\n:END OF MACRO:\ny = M(1) ~~|", "error: macro 'M' expands more than 64 levels deep or into more than 10000 calls"),
        (":MACRO: M(x)\nM = x ~~|\ny = M(1) ~~|", "m.mdl:2: error: the macro opened here has no :END OF MACRO:"),
        (":MACRO: M(x : extra)\nM = x ~~|\n:END OF MACRO:\ny = M(1) ~~|", "m.mdl:2: error: macro 'M' does not define its output 'extra'"),
        (":MACRO: M(x)\nM[D] = x ~~|\n:END OF MACRO:\nD: d1 ~~|\ny = M(1) ~~|", "m.mdl:3: error: unsupported: subscripts inside a macro's body ('M[…]' in macro 'M') at line 3"),
        (":END OF MACRO:\ny = 1 ~~|", "m.mdl:2: error: :END OF MACRO: without a :MACRO: before it"),
    ])
    func errors(_ body: String, _ expected: String) {
        let message = VensimFixture.diagnostic(body)
        #expect(message.hasPrefix(expected) || message.contains(expected), "got: \(message)")
    }
}
