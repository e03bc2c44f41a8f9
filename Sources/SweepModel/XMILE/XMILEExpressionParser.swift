import SweepNumerics

/// Reads XMILE's expression language (XMILE 1.0, section 3.3) into the same `Expression` the
/// Vensim parser builds, so everything after the front end is shared.
///
/// Where XMILE differs from Vensim: `IF c THEN a ELSE b` without parentheses; the keywords
/// `AND`, `OR`, `NOT` and the operator `MOD`, any case; names without blanks (an underscore
/// stands for a space, `"quoted names"` may hold anything); `a[Dim, elem]` and `a[*]` for
/// arrays; `{comments}`. Precedence, loosest first: `OR`, `AND`, comparisons (`= <> < <= > >=`),
/// `+ -`, `* / MOD`, unary `- + NOT`, `^` (right-associative, binding tighter than unary minus:
/// `-2^2` is −4 as in Stella). Function names map onto SDSweep's builtins with XMILE's argument
/// orders (`XMILEFunctions`).
///
/// ```swift
/// var p = XMILEExpressionParser("IF Time > 5 THEN SMTH1(x, 2) ELSE 0", scope: scope)
/// let e = try p.parse()
/// ```
struct XMILEExpressionParser {
    typealias SyntaxError = ExpressionParser.SyntaxError

    /// What names in an equation mean: how a name is spelled in the flattened model (a module
    /// prefixes its own names), which names are graphical functions, which are arrays.
    struct Scope {
        /// The model-wide name of a reference written in this module.
        var qualify: (String) -> String
        /// The graphical function of a (qualified) variable, for `LOOKUP(f, x)` and `f(x)`.
        var graphical: (String) -> XMILEGraphical?
        /// The dimensions of a (qualified) array variable; empty for a scalar or an unknown name.
        var dimensions: (String) -> [String]
        /// True for a dimension's name.
        var isDimension: (String) -> Bool
        /// The macro a call names, if the file defines one.
        var macro: (String) -> XMILEMacro?
    }

    enum Token: Equatable {
        case number(Double)
        case name(String)
        case symbol(String)
        case end
    }

    let chars: [Character]
    let scope: Scope
    var pos = 0
    var depth = 0
    /// Nesting plus the links of operator chains, bounded by `ExpressionParser.maxHeight` as
    /// in the Vensim parser (the compiler walks trees recursively).
    var height = 0
    /// The token at `pos`, read ahead, and where it starts.
    var token: Token = .end
    var tokenStart = 0

    init(_ text: String, scope: Scope) {
        chars = Array(text)
        self.scope = scope
    }

    /// The whole text as one expression.
    mutating func parse() throws(SyntaxError) -> Expression {
        try advance()
        let e = try parseOr()
        guard token == .end else { throw SyntaxError(message: "unexpected \(describe(token)) after a complete expression", offset: tokenStart) }
        return e
    }

    // MARK: Grammar

    mutating func parseOr() throws(SyntaxError) -> Expression {
        try enter(); defer { depth -= 1; height -= 1 }
        return try chain(["OR": { .binary(.or, $0, $1) }]) { p throws(SyntaxError) in try p.parseAnd() }
    }

    mutating func parseAnd() throws(SyntaxError) -> Expression {
        try chain(["AND": { .binary(.and, $0, $1) }]) { p throws(SyntaxError) in try p.parseComparison() }
    }

    mutating func parseComparison() throws(SyntaxError) -> Expression {
        try chain(XMILEExpressionParser.comparisons) { p throws(SyntaxError) in try p.parseAdditive() }
    }

    mutating func parseAdditive() throws(SyntaxError) -> Expression {
        try chain(["+": { .binary(.add, $0, $1) }, "-": { .binary(.subtract, $0, $1) }]) { p throws(SyntaxError) in try p.parseMultiplicative() }
    }

    mutating func parseMultiplicative() throws(SyntaxError) -> Expression {
        try chain(["*": { .binary(.multiply, $0, $1) }, "/": { .binary(.divide, $0, $1) }, "MOD": { .call(.modulo, [$0, $1]) }]) {
            p throws(SyntaxError) in try p.parseUnary()
        }
    }

    typealias Combine = @Sendable (Expression, Expression) -> Expression

    static let comparisons: [String: Combine] = [
        "<": { .binary(.less, $0, $1) }, "<=": { .binary(.lessEqual, $0, $1) }, ">": { .binary(.greater, $0, $1) },
        ">=": { .binary(.greaterEqual, $0, $1) }, "=": { .binary(.equal, $0, $1) }, "<>": { .binary(.notEqual, $0, $1) },
    ]

    /// A left-associative chain `a op b op c …` of the operators in `ops` (symbols, or
    /// keywords in capitals), each operand read by `operand`.
    mutating func chain(_ ops: [String: Combine], _ operand: (inout XMILEExpressionParser) throws(SyntaxError) -> Expression) throws(SyntaxError) -> Expression {
        var lhs = try operand(&self)
        var links = 0
        defer { height -= links }
        while true {
            let key: String
            switch token {
            case .symbol(let s): key = s
            case .name(let n): key = n.uppercased()
            default: return lhs
            }
            guard let combine = ops[key] else { return lhs }
            try advance()
            links += 1
            height += 1
            if let error = ExpressionParser.nestingError(depth: 0, height: height, at: tokenStart) { throw error }
            lhs = combine(lhs, try operand(&self))
        }
    }

    mutating func parseUnary() throws(SyntaxError) -> Expression {
        try enter(); defer { depth -= 1; height -= 1 }
        if token == .symbol("-") {
            try advance()
            let operand = try parseUnary()
            if case .number(let v) = operand { return .number(-v) }
            return .unary(.negate, operand)
        }
        if token == .symbol("+") { try advance(); return try parseUnary() }
        if isKeyword("NOT") { try advance(); return .unary(.not, try parseUnary()) }
        let base = try parsePrimary()
        if token == .symbol("^") {
            try advance()
            return .binary(.power, base, try parseUnary())
        }
        return base
    }

    mutating func parsePrimary() throws(SyntaxError) -> Expression {
        let start = tokenStart
        switch token {
        case .number(let v):
            try advance()
            return .number(v)
        case .symbol("("):
            try advance()
            let e = try parseOr()
            try expect(")")
            return e
        case .name(let n) where n.uppercased() == "IF":
            try advance()
            let condition = try parseOr()
            try expectKeyword("THEN")
            let then = try parseOr()
            try expectKeyword("ELSE")
            return .call(.ifThenElse, [condition, then, try parseOr()])
        case .name(var name):
            let quoted = chars[start] == "\""
            try advance()
            // `EXPRESSION MACRO(…)`: words run together only in a call to a function this
            // file does not define (a macro whose definition an exporter dropped).
            var words = 1
            while !quoted, case .name(let more) = token, chars[tokenStart] != "\"", !XMILEExpressionParser.keywords.contains(more.uppercased()) {
                name += " " + more
                words += 1
                try advance()
            }
            if token == .symbol("(") { return try parseCall(name, at: start) }
            if words > 1 { throw SyntaxError(message: "unexpected name after '\(name.split(separator: " ")[0])'", offset: start) }
            if token == .symbol("[") { return .variable(try parseSubscripts(of: name), offset: start) }
            return try reference(name, at: start)
        default:
            throw SyntaxError(message: "unexpected \(describe(token)) where a value was expected", offset: start)
        }
    }

    /// A name on its own: a time value, a constant of the language, or a variable (an array
    /// named without subscripts means the element the equation is computing).
    func reference(_ name: String, at start: Int) throws(SyntaxError) -> Expression {
        if let value = XMILEFunctions.value(named: name) { return value }
        return scope.reference(name, offset: start)
    }

    mutating func parseCall(_ name: String, at start: Int) throws(SyntaxError) -> Expression {
        try advance()  // "("
        var args: [Expression] = []
        if token != .symbol(")") {
            args.append(try parseOr())
            while token == .symbol(",") { try advance(); args.append(try parseOr()) }
        }
        try expect(")")
        return try XMILEFunctions.call(name, args, scope: scope, at: start)
    }

    /// `name[a, Dim, *]`: each subscript an element, a dimension, or `*` (every element of the
    /// array's dimension at that position, reduced by the enclosing SUM, MIN, …).
    mutating func parseSubscripts(of name: String) throws(SyntaxError) -> String {
        let qualified = scope.qualify(name)
        let dims = scope.dimensions(qualified)
        var refs: [SubscriptedName.SubscriptRef] = []
        repeat {
            try advance()  // "[" or ","
            let at = tokenStart
            switch token {
            case .symbol("*"):
                guard refs.count < dims.count else {
                    throw SyntaxError(message: "'\(name)[…]': '*' at position \(refs.count + 1), but '\(name)' has \(dims.count) dimension\(dims.count == 1 ? "" : "s")", offset: at)
                }
                refs.append(.init(name: dims[refs.count], reduced: true))
            case .name(let n): refs.append(.init(name: n.replacingOccurrences(of: "_", with: " ")))
            case .number(let v) where v == v.rounded() && v >= 1: refs.append(.init(name: Expression.numberText(v)))
            default: throw SyntaxError(message: "expected a subscript (a dimension or an element) in '\(name)[…]'", offset: at)
            }
            try advance()
        } while token == .symbol(",")
        try expect("]")
        return SubscriptedName(base: qualified, subscripts: refs).text
    }

    // MARK: Tokens

    static let keywords: Set<String> = ["IF", "THEN", "ELSE", "AND", "OR", "NOT", "MOD"]

    func isKeyword(_ k: String) -> Bool {
        if case .name(let n) = token { n.uppercased() == k } else { false }
    }

    mutating func expect(_ symbol: String) throws(SyntaxError) {
        guard token == .symbol(symbol) else {
            throw SyntaxError(message: "expected '\(symbol)' but found \(describe(token))", offset: tokenStart)
        }
        try advance()
    }

    mutating func expectKeyword(_ k: String) throws(SyntaxError) {
        guard isKeyword(k) else { throw SyntaxError(message: "expected \(k) but found \(describe(token))", offset: tokenStart) }
        try advance()
    }

    func describe(_ t: Token) -> String {
        switch t {
        case .number(let v): "the number \(Expression.numberText(v))"
        case .name(let n): "'\(n)'"
        case .symbol(let s): "'\(s)'"
        case .end: "the end of the equation"
        }
    }

    /// Reads the next token into `token`, skipping blanks and `{comments}`.
    mutating func advance() throws(SyntaxError) {
        while pos < chars.count {
            if chars[pos].isWhitespace { pos += 1; continue }
            if chars[pos] == "{" {
                while pos < chars.count && chars[pos] != "}" { pos += 1 }
                pos = Swift.min(pos + 1, chars.count)
                continue
            }
            break
        }
        tokenStart = pos
        guard pos < chars.count else { token = .end; return }
        let c = chars[pos]
        if c.isASCII && c.isNumber || (c == "." && pos + 1 < chars.count && chars[pos + 1].isASCII && chars[pos + 1].isNumber) {
            token = .number(try number())
        } else if c == "\"" {
            pos += 1
            while pos < chars.count && chars[pos] != "\"" { pos += 1 }
            guard pos < chars.count else { throw SyntaxError(message: "unterminated quoted name", offset: tokenStart) }
            pos += 1
            token = .name(String(chars[(tokenStart + 1)..<(pos - 1)]))
        } else if XMILEExpressionParser.isNameCharacter(c) {
            while pos < chars.count && XMILEExpressionParser.isNameCharacter(chars[pos]) { pos += 1 }
            token = .name(String(chars[tokenStart..<pos]))
        } else {
            let two = pos + 1 < chars.count ? String(chars[pos...(pos + 1)]) : ""
            let symbol = ["<=", ">=", "<>"].contains(two) ? two : String(c)
            guard "+-*/^()[],<>=".contains(symbol.first!) else {
                throw SyntaxError(message: "unexpected '\(symbol)' in the equation", offset: pos)
            }
            pos += symbol.count
            token = .symbol(symbol)
        }
    }

    static func isNameCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "." || c == "$" || (!c.isASCII && !c.isWhitespace)
    }

    mutating func number() throws(SyntaxError) -> Double {
        let (v, end) = try ExpressionParser.scanNumber(chars, at: pos)
        pos = end
        return v
    }

    mutating func enter() throws(SyntaxError) {
        depth += 1
        height += 1
        if let error = ExpressionParser.nestingError(depth: depth, height: height, at: tokenStart) { throw error }
    }
}
