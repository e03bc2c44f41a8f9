extension Expression {
    /// The expression in Vensim's syntax, parenthesised just enough that `ExpressionParser`
    /// reads back the same tree.
    ///
    /// Precedence follows `ExpressionParser` (loosest first: `:OR:`, `:AND:`, `:NOT:`,
    /// comparisons, `+ -`, `* /`, unary minus, `^`). Operators are left-associative except `^`,
    /// whose base is a primary and whose exponent may carry a sign; comparisons do not chain.
    /// Numbers print in the shortest form that reads back to the same `Double`.
    ///
    /// ```swift
    /// let e = try ExpressionParser.parse("(a + b) * -c ^ 2")
    /// e.vensimText  // "(a + b) * -c ^ 2"
    /// ```
    public var vensimText: String { printed.text }

    /// Binding strength of the printed form: 1 `:OR:` … 8 `^`, 9 a primary.
    private var printed: (text: String, level: Int) {
        func at(_ e: Expression, least: Int) -> String {
            let p = e.printed
            return p.level >= least ? p.text : "(\(p.text))"
        }
        switch self {
        case .number(let v):
            let text = Expression.numberText(v)
            return (text, v < 0 ? 7 : 9)
        case .variable(let name, _):
            return (name, 9)
        case .unary(.negate, let a):
            return ("-" + at(a, least: 7), 7)
        case .unary(.not, let a):
            return (":NOT: " + at(a, least: 3), 3)
        case .binary(let op, let a, let b):
            let (level, left, right): (Int, Int, Int)
            switch op {
            case .or: (level, left, right) = (1, 1, 2)
            case .and: (level, left, right) = (2, 2, 3)
            case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: (level, left, right) = (4, 5, 5)
            case .add, .subtract: (level, left, right) = (5, 5, 6)
            case .multiply, .divide: (level, left, right) = (6, 6, 7)
            case .power: (level, left, right) = (8, 9, 7)
            }
            return ("\(at(a, least: left)) \(op.rawValue) \(at(b, least: right))", level)
        case .call(let b, let args):
            if b.arity == nil { return (b.rawValue, 9) }
            return ("\(b.rawValue)(\(args.map(\.vensimText).joined(separator: ", ")))", 9)
        case .lookupCall(let name, let arg, _):
            return ("\(name)(\(arg.vensimText))", 9)
        case .withLookup(let arg, let table):
            return ("WITH LOOKUP(\(arg.vensimText), \(table.vensimText))", 9)
        }
    }

    /// The shortest text that reads back to `v`: integers without a fraction, `:NA:` for NaN.
    static func numberText(_ v: Double) -> String {
        if v.isNaN { return ":NA:" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

extension Lookup {
    /// The table in Vensim's `((x1,y1), (x2,y2), …)` form, as `ExpressionParser.parseLookup`
    /// reads it.
    public var vensimText: String {
        "(" + zip(xs, ys).map { "(\(Expression.numberText($0)),\(Expression.numberText($1)))" }.joined(separator: ",") + ")"
    }
}
