import Testing
@testable import SweepModel
import SweepNumerics

/// Small hand-written `.mdl` models for the Vensim tests, and their values when the run starts.
enum VensimFixture {
    static let control = "FINAL TIME = 10 ~~|\nINITIAL TIME = 0 ~~|\nTIME STEP = 1 ~~|\n"

    static func model(_ body: String, control: String = VensimFixture.control) throws -> Model {
        try Model.parseVensim("{UTF-8}\n" + body + "\n" + control, file: "m.mdl")
    }

    /// The error loading `body` gives, or "no error".
    static func diagnostic(_ body: String, control: String = VensimFixture.control) -> String {
        do {
            _ = try model(body, control: control)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// The value of `name` at the initial time: constants, auxiliaries and stocks' initial values
    /// evaluated through the tree, as a hand calculation would.
    static func start(_ m: Model, _ name: String) -> Double? {
        guard let v = m.variable(named: name) else { return nil }
        func eval(_ e: SweepModel.Expression) -> Double? {
            e.evaluate(variable: { start(m, $0) },
                       lookup: { n in if case .lookup(let l)? = m.variable(named: n)?.kind { l } else { nil } },
                       time: { b in
                           switch b {
                           case .time, .initialTime: m.time.initial
                           case .timeStep: m.time.step
                           case .finalTime: m.time.final
                           case .saveper: m.time.saveper
                           default: nil
                           }
                       })
        }
        switch v.kind {
        case .constant(let x): return x
        case .auxiliary(let e), .flow(let e): return eval(e)
        case .stock(let initial, _): return eval(initial)
        case .lookup: return nil
        }
    }

    /// The equation of `name` as Vensim text.
    static func equation(_ m: Model, _ name: String) -> String? {
        switch m.variable(named: name)?.kind {
        case .auxiliary(let e)?, .flow(let e)?: e.vensimText
        case .stock(let i, let n)?: "INTEG(\(n.vensimText), \(i.vensimText))"
        case .constant(let x)?: Expression.numberText(x)
        case .lookup(let l)?: l.vensimText
        case nil: nil
        }
    }
}

/// The `.mdl` file format beyond single equations: sketch markers, quoted names with escapes,
/// comments, record flags, reality checks, lookup point order and control values. References:
/// Vensim DSS Reference Manual ("Model file format", "Reality Check") and the SD test-models
/// cases that show each form; values are hand-computed; tolerance: exact (no arithmetic that
/// rounds differently is involved).
@Suite struct VensimParsingTests {
    @Test(arguments: ["\\\\\\---///", "\\\\---///"])
    func sketchMarkerWithTwoOrThreeBackslashes(_ marker: String) throws {
        let m = try VensimFixture.model("x = 1 ~~|\n" + VensimFixture.control + marker + " Sketch information\nV300\n*View 1\ny = |", control: "")
        #expect(m.variables.map(\.name) == ["x"])
    }

    @Test func escapedQuotesInQuotedNames() throws {
        let m = try VensimFixture.model("""
            "say \\"hi\\" | ~ now" = 4 ~~|
            "twice \\ backslash"= "say \\"hi\\" | ~ now" * 2 ~~|
            y = "twice \\ backslash" + 1 ~~|
            """)
        #expect(m.variables.map(\.name) == ["\"say \\\"hi\\\" | ~ now\"", "\"twice \\ backslash\"", "y"])
        #expect(VensimFixture.start(m, "y") == 9)
        // The name reads back from its printed form, as `sdsweep convert` writes it.
        #expect(VensimFixture.equation(m, "\"twice \\ backslash\"") == "\"say \\\"hi\\\" | ~ now\" * 2")
    }

    @Test func commentsAnywhereAndNested() throws {
        let m = try VensimFixture.model("""
            {a comment {with a nested one} before a record}
            x = 2 {inside} * {a {nested} one} 3 ~ widgets {not a comment here} ~ doc |
            y {between name and =} = x + 1 ~~|
            """)
        #expect(VensimFixture.start(m, "x") == 6)
        #expect(VensimFixture.start(m, "y") == 7)
        #expect(m.variables[0].units == "widgets {not a comment here}")
    }

    @Test func flagsAfterAThirdTilde() throws {
        let m = try VensimFixture.model("x = 1 ~ widgets [0, 10, 1] ~ a comment ~ :SUPPLEMENTARY |\ny = x ~~ ~ :SUPPLEMENTARY |")
        #expect(m.variables.map(\.units) == ["widgets", nil])
        #expect(m.variables[0].documentation == "a comment")
    }

    @Test func realityChecksAreParsedAndSetAside() throws {
        let text = """
            {UTF-8}
            sectors: a, b ~~|
            output[sectors] = 2 ~~|
            no workers no output[sectors] :THE CONDITION:
            \tzero workers[sectors] :IMPLIES: output[sectors] <= RC STEP CHECK(0.5, output[sectors], 0.0001) ~~|
            zero workers[sectors] :TEST INPUT: workers[sectors] = RC STEP(workers[sectors], 0) ~~|
            always :THE CONDITION: :IMPLIES: output[a] >= 0 ~~|
            """ + VensimFixture.control
        let reader = VensimModelReader(file: "rc.mdl")
        let m = try reader.read(try VensimRecord.split(text, file: "rc.mdl"))
        #expect(m.variables.map(\.name) == ["output[a]", "output[b]"])
        #expect(reader.state.realityChecks == [
            VensimRealityCheck(name: "no workers no output", subscripts: ["sectors"], kind: .condition, premise: "zero workers[sectors]",
                               conclusion: "output[sectors] <= RC STEP CHECK(0.5, output[sectors], 0.0001)", line: 4),
            VensimRealityCheck(name: "zero workers", subscripts: ["sectors"], kind: .testInput, premise: "workers[sectors]",
                               conclusion: "RC STEP(workers[sectors], 0)", line: 6),
            VensimRealityCheck(name: "always", subscripts: [], kind: .condition, premise: "", conclusion: "output[a] >= 0", line: 7),
        ])
    }

    @Test func lookupPointsAreSortedByX() throws {
        // Vensim reads (2,-3),(1,-7),(0,-1) as the table through (0,-1),(1,-7),(2,-3)
        // (subscripted_lookups' lookup2dim[B,E]); the values below are its interpolations.
        let m = try VensimFixture.model("""
            t((2,-3),(1,-7),(0,-1)) ~~|
            a = t(0.5) ~~|
            b = t(1.5) ~~|
            c = WITH LOOKUP(0.5, ((1,10),(0,0))) ~~|
            """)
        #expect(VensimFixture.equation(m, "t") == "((0,-1),(1,-7),(2,-3))")
        #expect(VensimFixture.start(m, "a") == -4)
        #expect(VensimFixture.start(m, "b") == -5)
        #expect(VensimFixture.start(m, "c") == 5)
        #expect(VensimFixture.diagnostic("t((1,1),(0,2),(1,3)) ~~|").contains("lookup x values must increase"))
    }

    @Test func controlValuesAreTakenAtTheInitialTime() throws {
        let control = """
            FINAL TIME = IF THEN ELSE(twice > 50, Time, horizon) ~~|
            INITIAL TIME = 2 ~~|
            TIME STEP = step table(Time) ~~|
            SAVEPER = TIME STEP * 2 ~~|
            """
        let m = try VensimFixture.model("horizon = 20 ~~|\ntwice = Time * 2 ~~|\nstep table((0,1),(2,0.5),(10,0.25)) ~~|", control: control)
        // At Time = INITIAL TIME = 2: twice = 4 (so FINAL TIME = horizon), TIME STEP = 0.5.
        #expect(m.time == TimeSpec(initial: 2, final: 20, step: 0.5, saveper: 1, unit: "Time"))
        // INITIAL TIME is read with the clock at 0 and must agree with itself (control_vars).
        let settles = "FINAL TIME = 10 ~~|\nINITIAL TIME = IF THEN ELSE(Time < 3, 0, 0.2) ~~|\nTIME STEP = 1 ~~|\n"
        #expect(try VensimFixture.model("x = 1 ~~|", control: settles).time.initial == 0)
        let drifts = "FINAL TIME = 10 ~~|\nINITIAL TIME = Time + 1 ~~|\nTIME STEP = 1 ~~|\n"
        #expect(VensimFixture.diagnostic("x = 1 ~~|", control: drifts)
            == "m.mdl:4: error: unsupported: INITIAL TIME that depends on Time and does not settle (1.0 at Time 0, 2.0 at Time 1.0) at line 4")
    }
}
