import Testing
@testable import SweepModel
import SweepNumerics

/// The `.mdl` front end. References: Vensim's file format as the SD test-models files use it
/// (hand-checked trees and lines); tolerance: exact, nothing here is computed.
@Suite struct ModelVensimTests {
    static let control = """
    FINAL TIME = 10 ~ Month ~ |
    INITIAL TIME = 0 ~ Month ~ |
    SAVEPER = TIME STEP * 2 ~ Month [0,?] ~ |
    TIME STEP = 0.5 ~ Month [0,?] ~ |
    """

    @Test func readsRecordsKindsUnitsAndLines() throws {
        let text = """
        {UTF-8}
        "a/b ratio"= 3 ~ widgets [0,?] ~ a quoted name \\
        \t\tcontinued |
        Stock= INTEG (
        \tInflow - "a/b ratio" {an inline comment},
        \t\t10) ~ widgets ~ |
        Inflow=
        \tlong name with\\
        \t\t spaces * 2 ~~|
        long name with spaces == 4 ~~|
        Table(
        \t[(0,0)-(10,10)],(0,1),(10,3)) ~~|
        Table2(0, 10, 1, 3) ~~|
        Looked up = Table(Time) + Table2(Time) + WITH LOOKUP(Time, ((0,0),(1,1))) ~~|
        ********************************************************
        \t.Control
        ********************************************************~
        \t\tSimulation Control Parameters
        \t|
        \(Self.control)
        \\\\\\---/// Sketch information - do not modify anything except names
        V300  Do not put anything below this section - it will be ignored
        *View 1
        """
        let m = try Model.parseVensim(text, file: "m.mdl")
        #expect(m.time == TimeSpec(initial: 0, final: 10, step: 0.5, saveper: 1, unit: "Month"))
        #expect(m.variables.map(\.name) == ["\"a/b ratio\"", "Stock", "Inflow", "long name with spaces", "Table", "Table2", "Looked up"])
        #expect(m.variables.map { $0.location.line } == [2, 4, 7, 10, 11, 13, 14])
        #expect(m.variables[0].units == "widgets")
        #expect(m.variables[0].documentation == "a quoted name continued")
        guard case .stock(let initial, let net) = m.variables[1].kind else { Issue.record("Stock is not a stock"); return }
        #expect(initial == .number(10))
        #expect(net.references == ["Inflow", "\"a/b ratio\""])
        guard case .binary(.subtract, _, _) = net else { Issue.record("net is not a difference"); return }
        // A stock's net adds it by name: a flow; the continuation joins the name's words.
        guard case .flow(let f) = m.variables[2].kind else { Issue.record("Inflow is not a flow"); return }
        #expect(f.references.map(CanonicalName.init) == [CanonicalName("long name with spaces")])
        guard case .lookup(let t) = m.variables[4].kind, case .lookup(let t2) = m.variables[5].kind else { Issue.record("not lookups"); return }
        #expect(t.xs == [0, 10] && t.ys == [1, 3] && t2.xs == [0, 10] && t2.ys == [1, 3])
        guard case .constant(4) = m.variables[3].kind else { Issue.record("== is a constant"); return }
    }

    @Test func naIsNaNAndLineEndingsAreAnyKind() throws {
        let text = "{UTF-8}\r\nx = :NA: ~~|\ry = 1 ~~|\r\n" + Self.control
        let m = try Model.parseVensim(text, file: "m.mdl")
        guard case .constant(let v) = m.variables[0].kind else { Issue.record("x is not a constant"); return }
        #expect(v.isNaN)
        #expect(m.variables[1].location.line == 3)
    }

    func diagnostic(_ body: String) -> String {
        do {
            _ = try Model.parseVensim("{UTF-8}\n" + body + "\n" + Self.control, file: "bad.mdl")
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// Hostile input: each is refused with the file, the line and what is wrong; none loads as
    /// a different model.
    @Test(arguments: [
        ("x = 1 ~~|\ny = x + 1 ~ ~", "bad.mdl:3: error: malformed record: a third '~' at line 4"),
        ("x = 1 ~~|\ny = x + 1", "bad.mdl:4: error: in 'y': unexpected 'F' after a complete expression"),
        ("x = 1 ~~|\ny = (x + 1 ~~|", "bad.mdl:3: error: in 'y': expected ')' but found the end of the equation"),
        ("y = FOO BAR(1, 2) ~~|", "bad.mdl:2: error: unknown function 'FOO BAR' in 'y'"),
        ("y = foo(1) ~~|", "bad.mdl:2: error: unknown function 'foo' in 'y'"),
        ("y = RANDOM UNIFORM(0, 1, 0) ~~|", "bad.mdl:2: error: unsupported: RANDOM UNIFORM at line 2 (in 'y')"),
        (":MACRO: EXPRESSION MACRO(input, parameter)\nEXPRESSION MACRO = input * parameter ~~|",
         "bad.mdl:2: error: the macro opened here has no :END OF MACRO:"),
        ("x := GET DIRECT DATA('nowhere.xlsx', 'S', '1', 'B2') ~~|", "bad.mdl:2: error: in 'x': data file 'nowhere.xlsx' does not exist"),
        ("\nimported ~ widgets ~ from a .vdf |", "bad.mdl:3: error: unsupported: data variable 'imported' (a record without an equation) at line 3"),
        ("y = A FUNCTION OF(x) ~~|", "bad.mdl:2: error: unsupported: A FUNCTION OF (an unfinished Vensim placeholder) in 'y' at line 2"),
        ("x = 1 ~~|\na = b = x ~~|\nb = 2 ~~|", "bad.mdl:3: error: 'a' has more than one '='"),
        ("Dim: e1, e2 -> Other ~~|\nOther: f1, f2, f3 ~~|", "bad.mdl:2: error: in the mapping of dimension 'Dim' to 'Other': 'Dim' has 2 elements but the mapping lists 3"),
        ("Dim: e1, e2 ~~|\nx[Dim] :EXCEPT: e1 = 1 ~~|", "bad.mdl:3: error: in 'x': :EXCEPT: must be followed by subscript lists like [e1, e2]"),
        ("Dim: e1, e2 ~~|\nx[Dim] = 1, 2, 3 ~~|", "bad.mdl:3: error: 'x[Dim]' has 2 elements ('Dim'), but the values are 1 row of 3 values"),
        ("Dim: e1, e2 ~~|\nx[Dim] = 1 ~~|\ny = x + 1 ~~|", "bad.mdl:4: error: in 'y': 'x' is subscripted (1 subscript): refer to it as 'x[…]'"),
        ("Dim: e1, e2 ~~|\nx[e1] = 1 ~~|\ny = x[e3] ~~|", "bad.mdl:4: error: in 'y': unknown subscript 'e3' in 'x[…]': not a dimension or an element"),
        ("Dim: e1, e2 ~~|\nx[e1] = 1 ~~|\ny[Dim] = x[Dim] ~~|", "bad.mdl:4: error: in 'y[e2]': no equation defines 'x[e2]' (used as 'x[Dim]')"),
        ("Dim: e1, e2 ~~|\nx[Dim] = 1 ~~|\nx[e2] = 2 ~~|", "bad.mdl:4: error: 'x[e2]' is defined twice (first at bad.mdl:3)"),
        ("A: a1, a2 ~~|\nB: b1, b2 ~~|\nx[A] = 1 ~~|\ny[B] = x[A] ~~|", "bad.mdl:5: error: in 'y[b1]': dimension 'A' in 'x[…]' is not bound by the left-hand side"),
        ("A: B ~~|\nB: A ~~|", "bad.mdl:2: error: circular subscript definitions: A → B → A"),
        ("\"a/b = 1 ~~|", "bad.mdl:2: error: unterminated quoted name"),
        ("x = 1 ~~|\nX = 2 ~~|", "bad.mdl:3: error: duplicate variable 'X' (first defined at line 2)"),
        ("x = 1 {never closed ~~|", "bad.mdl:2: error: unterminated '{' comment"),
        ("t(\n(0,1),(0,2)) ~~|", "bad.mdl:2: error: in lookup 't': lookup x values must increase"),
        ("Time = 3 ~~|", "bad.mdl:2: error: 'Time' is the name of a Vensim builtin"),
        ("x = 1 + ~~|", "bad.mdl:2: error: in 'x': expression ends where a value was expected"),
        ("= 1 ~~|", "bad.mdl:2: error: malformed record: expected 'name = expression'"),
    ])
    func hostile(_ body: String, _ expected: String) {
        let message = diagnostic(body)
        #expect(message.hasPrefix(expected), "got: \(message)")
    }

    @Test func unterminatedLastRecord() {
        let text = "{UTF-8}\n" + Self.control + "\nx = 1 ~ widgets\n"
        #expect(throws: ModelError.self) { try Model.parseVensim(text, file: "u.mdl") }
        do { _ = try Model.parseVensim(text, file: "u.mdl") } catch {
            #expect("\(error)" == "u.mdl:6: error: malformed record: it does not end with '|' (each record is 'name = expression ~ units ~ comment |')")
        }
    }

    @Test func controlValuesMustBeComputable() {
        let circular = "{UTF-8}\nFINAL TIME = 10 ~~|\nINITIAL TIME = 0 ~~|\nSAVEPER = TIME STEP ~~|\nTIME STEP = SAVEPER ~~|\n"
        #expect(throws: ModelError.self) { try Model.parseVensim(circular, file: "c.mdl") }
        let missing = "{UTF-8}\nINITIAL TIME = 0 ~~|\nTIME STEP = 1 ~~|\n"
        #expect(throws: ModelError.self) { try Model.parseVensim(missing, file: "c.mdl") }
        let stateful = "{UTF-8}\nFINAL TIME = Time * 2 ~~|\nINITIAL TIME = 0 ~~|\nTIME STEP = 1 ~~|\n"
        #expect(throws: ModelError.self) { try Model.parseVensim(stateful, file: "c.mdl") }
    }

    /// The printer's output parses back to the same tree (reference: the parsed tree itself).
    @Test(arguments: [
        "-2 ^ 2", "(-2) ^ 2", "2 ^ -1", "a - (b - c)", "a - b - c", "a / (b * c)", "(a + b) * -c ^ 2",
        "IF THEN ELSE(a > b :AND: :NOT: c, 1, :NA:)", "(a = b) = c", "x :OR: y :AND: z", "(x :OR: y) :AND: z",
        "Table(Time / 2) + WITH LOOKUP(Time, ((0,0),(1.5,1e-05)))", "\"a/b\" * TIME STEP", "SMOOTH3I(x, 2, 0.1)",
        "a - -1", "-(a + b)", "1e+20 * 0.1",
    ])
    func printerRoundTrip(_ text: String) throws {
        let e = try ExpressionParser.parse(text)
        let printed = e.vensimText
        let back = try ExpressionParser.parse(printed)
        // NaN is never == itself: compare the printed forms.
        #expect(back.vensimText == printed, "\(text) → \(printed)")
        if !printed.contains(":NA:") { #expect(back == e, "\(text) → \(printed)") }
    }
}
