import Foundation
import SweepDiagnostics
import Testing
@testable import SweepModel

/// The XMILE front end. References: XMILE 1.0's syntax and the semantics the SD test-models
/// outputs show (hand-computed values); tolerance: exact unless an assertion says otherwise,
/// the values are small integers or single operations.
@Suite struct XMILEReaderTests {
    /// An XMILE document around `variables`, with `specs` as the `sim_specs` contents.
    static func document(_ variables: String, specs: String = "<start>0</start><stop>10</stop><dt>0.5</dt>",
                         specsAttributes: String = "method=\"Euler\"", extra: String = "") -> Data {
        Data("""
        <?xml version="1.0" encoding="utf-8"?>
        <xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0" xmlns:isee="http://iseesystems.com/XMILE">
        <header><name>test</name></header>
        <sim_specs \(specsAttributes)>\(specs)</sim_specs>
        \(extra)
        <model><variables>
        \(variables)
        </variables></model>
        </xmile>
        """.utf8)
    }

    static func load(_ variables: String, extra: String = "") throws -> Model {
        try Model.parseXMILE(document(variables, extra: extra), file: "t.xmile")
    }

    /// The value of an auxiliary or constant at the initial time (no stocks involved).
    static func value(_ name: String, in model: Model) -> Double? {
        func eval(_ e: SweepModel.Expression) -> Double? {
            e.evaluate(variable: { n in
                switch model.variable(named: n)?.kind {
                case .constant(let v)?: v
                case .auxiliary(let x)?, .flow(let x)?: eval(x)
                default: nil
                }
            }, lookup: { _ in nil }, time: { b in
                switch b {
                case .timeStep: model.time.step
                case .finalTime: model.time.final
                default: model.time.initial
                }
            })
        }
        switch model.variable(named: name)?.kind {
        case .constant(let v)?: return v
        case .auxiliary(let x)?, .flow(let x)?: return eval(x)
        default: return nil
        }
    }

    static func error(_ body: () throws -> Model) -> ModelError? {
        do { _ = try body(); return nil } catch { return error as? ModelError }
    }

    @Test(arguments: [
        ("-2^2", -4.0), ("2^3^2", 512), ("10 MOD 3 * 2", 2), ("-10 mod 3", -1), ("1 + 2 * 3 - 4 / 2", 5),
        ("IF 1 > 2 OR NOT 0 THEN 7 ELSE 8", 7), ("if 1 and 0 then 7 else 8", 8), ("(1 <> 2) + (2 = 2) + (3 >= 4)", 2),
        ("A_b * 2", 6), ("\"A b\" + 1", 4), ("{a comment} 4 {another}", 4), ("SAFEDIV(1, 0, 5) + SAFEDIV(1, 0)", 5),
        ("SAFEDIV(6, 3)", 2), ("INT(-2.5)", -2), ("MIN(3, 1, 2) + MAX(3, 1, 2)", 4), ("ABS(-3) + SQRT(16)", 7),
        ("LOG10(1000)", 3), ("dt + time + STARTTIME", 0.5), ("STOPTIME", 10), ("STEP(2, 0)", 2),
        ("PULSE(3, 0)", 6), ("RAMP(2, 0)", 0), ("IF_THEN_ELSE(0, 1, 2)", 2), ("PI - 3.141592653589793", 0),
        ("SINH(0) + COSH(0) + TANH(0)", 1), (".5e1", 5),
    ])
    func expressions(_ text: String, _ expected: Double) throws {
        let model = try Self.load("""
        <aux name="A b"><eqn>3</eqn></aux>
        <aux name="x"><eqn>\(text.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))</eqn></aux>
        """)
        // LOG10 is ln(x)/ln(10): within an ulp or two of 3.
        let v = try #require(Self.value("x", in: model))
        #expect(abs(v - expected) <= 1e-15 * max(1, abs(expected)), "\(text) = \(v)")
    }

    @Test func simSpecs() throws {
        let spec = try Model.parseXMILE(Self.document("<aux name=\"a\"><eqn>1</eqn></aux>",
                                                      specs: "<start>1</start><stop>5</stop><dt reciprocal=\"true\">4</dt>",
                                                      specsAttributes: "method=\"RK4\" time_units=\"Day\" isee:save_interval=\"0.5\""),
                                       file: "t.stmx").time
        #expect(spec == TimeSpec(initial: 1, final: 5, step: 0.25, saveper: 0.5, method: .rk4, unit: "Day"))
        let e = Self.error { try Model.parseXMILE(Self.document("", specsAttributes: "method=\"Gear\""), file: "t.xmile") }
        #expect(e?.message == "unsupported: integration method 'Gear' (SDSweep integrates with Euler, RK2 or RK4)")
        #expect(e?.kind == .unsupported)
    }

    @Test func stocksFlowsAndNonNegativity() throws {
        let model = try Self.load("""
        <stock name="Tank"><eqn>10</eqn><inflow>fill</inflow><outflow>drain</outflow><outflow>"leak rate"</outflow></stock>
        <stock name="Free"><eqn>0</eqn><outflow>drain</outflow><non_negative>false</non_negative></stock>
        <flow name="fill"><eqn>1</eqn></flow>
        <flow name="drain"><eqn>Tank / 2</eqn><non_negative/></flow>
        <flow name="leak rate"><eqn>-1</eqn></flow>
        """, extra: "<behavior><stock><non_negative/></stock></behavior>")
        guard case .stock(let initial, let net)? = model.variable(named: "Tank")?.kind else { Issue.record("Tank is not a stock"); return }
        #expect(initial == .number(10))
        let flows = SweepModel.Expression.binary(.subtract, .binary(.subtract, .variable("fill", offset: 0), .variable("drain", offset: 0)), .variable("leak rate", offset: 0))
        let floor = SweepModel.Expression.unary(.negate, .binary(.divide, .variable("Tank", offset: 0), .call(.timeStep, [])))
        #expect(net == .call(.max, [flows, floor]))
        guard case .stock(_, let free)? = model.variable(named: "Free")?.kind else { Issue.record("Free is not a stock"); return }
        #expect(free == .unary(.negate, .variable("drain", offset: 0)))
        guard case .flow(let drain)? = model.variable(named: "drain")?.kind else { Issue.record("drain is not a flow"); return }
        #expect(drain == .call(.max, [.binary(.divide, .variable("Tank", offset: 0), .number(2)), .number(0)]))
        #expect(Self.value("leak rate", in: model) == -1)
    }

    @Test func graphicalFunctions() throws {
        let model = try Self.load("""
        <aux name="spread"><eqn>Time</eqn><gf><xscale min="0" max="10"/><yscale min="0" max="1"/><ypts>0,1,0.5</ypts></gf></aux>
        <gf name="table"><xpts sep=";">0;1</xpts><ypts sep=";">2;4</ypts></gf>
        <aux name="called"><eqn>table(0.5) + LOOKUP(spread, 7.5)</eqn></aux>
        """)
        guard case .auxiliary(.withLookup(.call(.time, []), let spread))? = model.variable(named: "spread")?.kind else {
            Issue.record("spread is not its table applied to its equation"); return
        }
        #expect(spread.xs == [0, 5, 10] && spread.ys == [0, 1, 0.5])
        guard case .lookup(let table)? = model.variable(named: "table")?.kind else { Issue.record("table is not a lookup"); return }
        #expect(table.xs == [0, 1] && table.ys == [2, 4])
        #expect(Self.value("called", in: model) == 3 + 0.75)
        let e = Self.error { try Self.load("<aux name=\"d\"><eqn>1</eqn><gf type=\"spline\"><xpts>0,1</xpts><ypts>0,1</ypts></gf></aux>") }
        #expect(e?.message == "unsupported: graphical function type 'spline' in 'd' (XMILE's are continuous, extrapolate and discrete)")
    }

    /// Extrapolating tables continue their end segments; discrete ones are step functions
    /// (values hand-computed from the points).
    @Test(arguments: [
        ("extrapolate", -1.0, -2.0), ("extrapolate", 0.5, 1), ("extrapolate", 3, 6), ("continuous", 3, 4), ("continuous", -1, 0),
        ("discrete", -1, 0), ("discrete", 0.5, 0), ("discrete", 1, 2), ("discrete", 1.9, 2), ("discrete", 2, 4), ("discrete", 9, 4),
    ])
    func graphicalFunctionTypes(_ type: String, _ x: Double, _ expected: Double) throws {
        let model = try Self.load("""
        <gf name="g" type="\(type)"><xpts>0,1,2</xpts><ypts>0,2,4</ypts></gf>
        <aux name="y"><eqn>g(\(x)) + LOOKUP(g, \(x)) - g(\(x))</eqn></aux>
        <aux name="z"><eqn>\(x)</eqn><gf type="\(type)"><xpts>0,1,2</xpts><ypts>0,2,4</ypts></gf></aux>
        """)
        #expect(Self.value("y", in: model) == expected)
        #expect(Self.value("z", in: model) == expected)
        #expect((model.variable(named: "g") != nil) == (type == "continuous"), "only a continuous table is a lookup variable")
    }

    @Test func arrays() throws {
        let model = try Self.load("""
        <aux name="list"><dimensions><dim name="Region"/></dimensions><eqn>1, 2, 3</eqn></aux>
        <aux name="each"><dimensions><dim name="Region"/></dimensions>
            <element subscript="north"><eqn>10</eqn></element><element subscript="south"><eqn>list[south] * 2</eqn></element>
            <element subscript="east"><eqn>list * 3</eqn></element></aux>
        <aux name="all"><dimensions><dim name="Region"/></dimensions><eqn>list + each[Region]</eqn></aux>
        <aux name="low"><eqn>MIN(all)</eqn></aux>
        <aux name="total"><eqn>SUM(all[*])</eqn></aux>
        <aux name="mean"><eqn>MEAN(list[*])</eqn></aux>
        """, extra: "<dimensions><dim name=\"Region\"><elem name=\"north\"/><elem name=\"south\"/><elem name=\"east\"/></dim></dimensions>")
        let values = ["all[north]": 11.0, "all[south]": 6, "all[east]": 12, "low": 6, "total": 29, "mean": 2]
        for (name, v) in values { #expect(Self.value(name, in: model) == v, "\(name)") }
    }

    @Test func modulesFlattenWithTheirConnections() throws {
        let data = Data("""
        <xmile version="1.0" xmlns="http://docs.oasis-open.org/xmile/ns/XMILE/v1.0">
        <sim_specs><start>0</start><stop>1</stop><dt>1</dt></sim_specs>
        <model><variables>
          <module name="farm"><connect to="farm.rain" from=".weather"/></module>
          <module name="shop"><connect to="supply" from="farm.crop"/></module>
          <aux name="weather"><eqn>4</eqn></aux>
        </variables></model>
        <model name="farm"><variables>
          <aux name="rain" access="input"><eqn>{Enter equation for use when not hooked up to other models}</eqn></aux>
          <aux name="crop" access="output"><eqn>rain * 2</eqn></aux>
        </variables></model>
        <model name="shop"><variables>
          <stock name="supply" access="input"><eqn>{Enter equation for use when not hooked up to other models}</eqn></stock>
          <aux name="price"><eqn>100 / supply</eqn></aux>
        </variables></model>
        </xmile>
        """.utf8)
        let model = try Model.parseXMILE(data, file: "m.stmx")
        #expect(model.variables.map(\.name).sorted() == ["farm.crop", "farm.rain", "shop.price", "shop.supply", "weather"])
        #expect(Self.value("shop.price", in: model) == 12.5)
        let unhooked = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "<connect to=\"supply\" from=\"farm.crop\"/>", with: "")
        let e = Self.error { try Model.parseXMILE(Data(unhooked.utf8), file: "m.stmx") }
        #expect(e?.message == "'shop.supply' has no equation: the file gives only the comment '{Enter equation for use when not hooked up to other models}' (a module input left unconnected?)")
        #expect(e?.location?.file == "m.stmx" && e?.location?.line == 13)
    }

    @Test func refusalsNameTheVariableAndTheLine() {
        let missing = Self.error { try Self.load("<aux name=\"a\"><eqn>1</eqn></aux>\n<aux name=\"Rate A\">\n<eqn>???</eqn></aux>") }
        #expect(missing?.message == "'Rate A' has no equation: the file gives '???' (the exporter wrote none)")
        #expect(missing?.description.hasPrefix("t.xmile:9: error:") == true, "\(String(describing: missing))")
        let macro = Self.error { try Self.load("<aux name=\"out\"><eqn>EXPRESSION MACRO(1, 2)</eqn></aux>") }
        #expect(macro?.kind == .unsupported)
        #expect(macro?.message.hasPrefix("unsupported: function 'EXPRESSION MACRO' in 'out' at line 7") == true, "\(String(describing: macro))")
        let syntax = Self.error { try Self.load("<aux name=\"s\"><eqn>IF 1 THEN 2</eqn></aux>") }
        #expect(syntax?.message == "in 's': expected ELSE but found the end of the equation")
        let twice = Self.error { try Self.load("<aux name=\"a b\"><eqn>1</eqn></aux><aux name=\"A_B\"><eqn>2</eqn></aux>") }
        #expect(twice?.kind == .duplicateName)
        let xml = Self.error { try Model.parseXMILE(Data("<xmile>\n<model>\n</xmile>".utf8), file: "bad.xmile") }
        #expect(xml?.kind == .syntax && xml?.message.hasPrefix("malformed XML:") == true, "\(String(describing: xml))")
    }

    @Test func macrosExpandAtEachCall() throws {
        let macros = """
        <macro name="scaled"><parm>x</parm><parm default="10">factor</parm><eqn>x * factor + offset</eqn></macro>
        <macro name="twice"><parm>y</parm><eqn>scaled(y, 2)</eqn></macro>
        """
        let model = try Self.load("""
        <aux name="offset"><eqn>1</eqn></aux>
        <aux name="a"><eqn>scaled(3)</eqn></aux>
        <aux name="b"><eqn>twice(offset + 1)</eqn></aux>
        """, extra: macros)
        #expect(Self.value("a", in: model) == 31)
        #expect(Self.value("b", in: model) == 5)
        let loop = Self.error { try Self.load("<aux name=\"c\"><eqn>self(1)</eqn></aux>", extra: "<macro name=\"self\"><parm>x</parm><eqn>self(x)</eqn></macro>") }
        #expect(loop?.message.hasPrefix("unsupported: function 'self' in 'c'") == true, "\(String(describing: loop))")
        let stateful = Self.error {
            try Self.load("<aux name=\"c\"><eqn>1</eqn></aux>", extra: "<macro name=\"m\"><parm>x</parm><eqn>s</eqn><variables><stock name=\"s\"><eqn>0</eqn></stock></variables></macro>")
        }
        #expect(stateful?.message == "unsupported: macro 'm' with variables of its own (only macros written as one equation of their parameters are read)")
    }

    @Test func loaderChoosesTheFrontEndByExtension() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xmile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for ext in ["xmile", "stmx", "itmx", "STMX"] {
            let path = dir.appendingPathComponent("m.\(ext)").path
            try Self.document("<aux name=\"a\"><eqn>2</eqn></aux>").write(to: URL(fileURLWithPath: path))
            #expect(try Model.load(path: path).constantValue(named: "a") == 2)
        }
    }
}
