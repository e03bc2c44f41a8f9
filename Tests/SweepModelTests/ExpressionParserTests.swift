import Testing
@testable import SweepModel

@Suite struct ExpressionParserTests {
    func parse(_ s: String) throws -> Expression { try ExpressionParser.parse(s) }

    @Test func unaryMinusBindsLooserThanPower() throws {
        // Vensim: -2^2 = -4, and the exponent may carry its own sign.
        #expect(try parse("-2^2") == .unary(.negate, .binary(.power, .number(2), .number(2))))
        #expect(try parse("2^-1") == .binary(.power, .number(2), .number(-1)))
        #expect(try parse("2^3^2") == .binary(.power, .number(2), .binary(.power, .number(3), .number(2))))
    }

    @Test func precedenceOfArithmeticComparisonAndLogic() throws {
        let e = try parse("a + b * c > d :AND: :NOT: e :OR: f")
        let v = { (n: String, o: Int) in Expression.variable(n, offset: o) }
        let expected: Expression = .binary(.or,
            .binary(.and,
                .binary(.greater, .binary(.add, v("a", 0), .binary(.multiply, v("b", 4), v("c", 8))), v("d", 12)),
                .unary(.not, v("e", 26))),
            v("f", 33))
        #expect(e == expected)
    }

    @Test func namesWithSpacesQuotesAndCaseInsensitiveFunctions() throws {
        #expect(try parse("Internal Knowledge Restructuring * 2") == .binary(.multiply, .variable("Internal Knowledge Restructuring", offset: 0), .number(2)))
        #expect(try parse("\"a/b ratio\" + 1") == .binary(.add, .variable("\"a/b ratio\"", offset: 0), .number(1)))
        #expect(try parse("if then else(x, 1, 0)") == .call(.ifThenElse, [.variable("x", offset: 13), .number(1), .number(0)]))
        #expect(try parse("Pulse  Train(1, 2, 3, 4)") == .call(.pulseTrain, [.number(1), .number(2), .number(3), .number(4)]))
        #expect(try parse("TIME STEP * Time") == .binary(.multiply, .call(.timeStep, []), .call(.time, [])))
    }

    @Test func numberForms() throws {
        #expect(try parse(".5") == .number(0.5))
        #expect(try parse("+.72") == .number(0.72))
        #expect(try parse("3e-05") == .number(3e-05))
        #expect(try parse("1E+3") == .number(1000))
    }

    @Test func lookupsInBothForms() throws {
        let a = try ExpressionParser.parseLookup("([(0,0)-(10,10)],(0,0),(5,3),(10,5))")
        #expect(a.xs == [0, 5, 10] && a.ys == [0, 3, 5])
        let b = try ExpressionParser.parseLookup("(0, 5, 10, 0, 3, 5)")
        #expect(b.xs == [0, 5, 10] && b.ys == [0, 3, 5])
        #expect(try parse("WITH LOOKUP(Time, ((0,1),(1,2)))") == .withLookup(.call(.time, []), try Lookup(xs: [0, 1], ys: [1, 2])))
    }

    @Test(arguments: [
        ("(1 + 2", "expected ')' but found the end of the equation"),
        ("MIN(1)", "MIN takes 2 arguments, got 1"),
        ("1 +", "expression ends where a value was expected"),
        ("a b ) c", "unexpected ')' after a complete expression"),
        ("WITH LOOKUP(Time, ((0,1)))", "lookup needs at least two points, got 1"),
        ("WITH LOOKUP(Time, ((1,1),(0,2)))", "lookup x values must increase: x[1] = 0.0 follows 1.0"),
        ("1e999", "'1e999' is not a finite number"),
    ])
    func syntaxErrorsSayWhat(text: String, message: String) {
        #expect {
            try ExpressionParser.parse(text)
        } throws: { error in
            (error as? ExpressionParser.SyntaxError)?.message == message
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect {
            try ExpressionParser.parse(deep)
        } throws: { error in
            (error as? ExpressionParser.SyntaxError)?.message.contains("nested deeper than 200") == true
        }
    }

    @Test func canonicalNamesFollowVensim() {
        #expect(CanonicalName("Internal_Knowledge  restructuring") == CanonicalName(" internal knowledge Restructuring "))
        #expect(CanonicalName("\"Quoted Name\"") == CanonicalName("quoted name"))
        #expect(CanonicalName("a b") != CanonicalName("ab"))
    }

    @Test func lookupInterpolatesAndHoldsEnds() throws {
        let l = try Lookup(xs: [0, 10, 20], ys: [0, 4.6, 0])
        #expect(l(-5) == 0)
        #expect(l(25) == 0)
        #expect(l(10) == 4.6)
        // 4.6 · 5/10 = 2.3; one rounding in the interpolation formula at most.
        #expect(abs(l(5) - 2.3) <= 4.4e-16)
    }
}
