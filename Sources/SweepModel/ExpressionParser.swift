import SweepNumerics

/// Parses Vensim's expression syntax into an `Expression`.
///
/// Precedence, loosest first: `:OR:`, `:AND:`, `:NOT:`, comparisons (`= <> < <= > >=`),
/// `+ -`, `* /`, unary `-`/`+`, `^` (right-associative). Unary minus binds looser than `^`, so
/// `-2^2` is −4 as in Vensim, while `2^-1` is 0.5. Names may contain spaces (`Internal
/// Knowledge Restructuring`), may be quoted (`"a/b ratio"`), and function names are
/// case-insensitive. A name may carry subscripts, `Weight[Cluster, Partner!]`, kept in the
/// `.variable` name (see `SubscriptedName`). `:NA:` (Vensim's missing value) reads as NaN, as in PySD. Nesting deeper
/// than `maxDepth` is an error, not a stack overflow.
///
/// ```swift
/// let e = try ExpressionParser.parse("IF THEN ELSE(Time > 5, 1, 0)")
/// ```
public struct ExpressionParser {
    public static let maxDepth = 200
    /// The tallest expression tree accepted: nesting plus the links of operator chains
    /// (`a + b + … + z` is a tree as tall as it has terms). The compiler walks trees
    /// recursively, at several KB of stack a level in a debug build (a chain of 2000 terms
    /// overflowed an 8 MB stack), so a tree taller than this is refused here instead.
    public static let maxHeight = 500

    /// A syntax error at a character offset into the equation text.
    public struct SyntaxError: Error, Sendable {
        public let message: String
        public let offset: Int
        /// The name of a function the parser does not know, when that is the error, so a front
        /// end can tell an unsupported Vensim function from a typo.
        public var unknownFunction: String? = nil
    }

    public static func parse(_ text: String) throws(SyntaxError) -> Expression {
        var p = ExpressionParser(text)
        let e = try p.parseOr()
        p.skipBlanks()
        if p.pos < p.chars.count {
            throw SyntaxError(message: "unexpected '\(String(p.chars[p.pos]))' after a complete expression", offset: p.pos)
        }
        return e
    }

    /// Parses a lookup body: `([(xmin,ymin)-(xmax,ymax)], (x1,y1), (x2,y2), …)`, the range
    /// optional, or the `(x1, x2, …, y1, y2, …)` form. `text` starts at the opening parenthesis.
    public static func parseLookup(_ text: String) throws(SyntaxError) -> Lookup {
        try parseLookup(text, sortingPoints: false)
    }

    /// `parseLookup`, optionally taking the points in order of x whatever order they are
    /// written in, as Vensim does (a table written `(2,-3),(1,-7),(0,-1)` reads as
    /// `(0,-1),(1,-7),(2,-3)`); two points with one x stay an error.
    static func parseLookup(_ text: String, sortingPoints: Bool) throws(SyntaxError) -> Lookup {
        var p = ExpressionParser(text)
        p.sortsLookupPoints = sortingPoints
        let l = try p.parseLookupBody()
        p.skipBlanks()
        if p.pos < p.chars.count { throw SyntaxError(message: "unexpected text after the lookup", offset: p.pos) }
        return l
    }

    /// A call of a Vensim macro, `NAME(in1, in2 : out1, out2)`, left to the front end to expand:
    /// the tree holds `.variable(placeholder)` where the call stood.
    struct MacroCall {
        var name: String
        var inputs: [Expression]
        /// The model variables named after the ':' that receive the macro's other outputs.
        var outputs: [Expression]
        var placeholder: String
    }

    /// Parses one Vensim equation in which `macros` (canonical names) are called like
    /// functions: each call comes back in order of its closing parenthesis (an inner call
    /// before the call whose argument it is), standing in the tree as `.variable` of its
    /// `placeholder`, a name no model can spell. Lookup points are sorted by x, as Vensim does.
    static func parseVensim(_ text: String, macros: Set<CanonicalName>) throws(SyntaxError) -> (Expression, [MacroCall]) {
        var p = ExpressionParser(text)
        p.macroNames = macros
        p.sortsLookupPoints = true
        let e = try p.parseOr()
        p.skipBlanks()
        if p.pos < p.chars.count {
            throw SyntaxError(message: "unexpected '\(String(p.chars[p.pos]))' after a complete expression", offset: p.pos)
        }
        return (e, p.macroCalls)
    }

    /// The placeholder of the `k`th macro call of one equation.
    static func macroPlaceholder(_ k: Int) -> String { "\u{1}macro call \(k)" }

    let chars: [Character]
    var pos = 0
    var depth = 0
    var height = 0
    var macroNames: Set<CanonicalName> = []
    var macroCalls: [MacroCall] = []
    var sortsLookupPoints = false

    init(_ text: String) { chars = Array(text) }

    // MARK: Grammar

    mutating func parseOr() throws(SyntaxError) -> Expression {
        try enter(); defer { leave() }
        var lhs = try parseAnd()
        var links = 0
        defer { height -= links }
        while accept(keyword: ":OR:") { try extend(); links += 1; lhs = .binary(.or, lhs, try parseAnd()) }
        return lhs
    }

    mutating func parseAnd() throws(SyntaxError) -> Expression {
        var lhs = try parseNot()
        var links = 0
        defer { height -= links }
        while accept(keyword: ":AND:") { try extend(); links += 1; lhs = .binary(.and, lhs, try parseNot()) }
        return lhs
    }

    mutating func parseNot() throws(SyntaxError) -> Expression {
        if accept(keyword: ":NOT:") {
            try enter(); defer { leave() }
            return .unary(.not, try parseNot())
        }
        return try parseComparison()
    }

    mutating func parseComparison() throws(SyntaxError) -> Expression {
        let lhs = try parseAdditive()
        skipBlanks()
        let ops: [(String, BinaryOperator)] = [("<=", .lessEqual), (">=", .greaterEqual), ("<>", .notEqual),
                                               ("<", .less), (">", .greater), ("=", .equal)]
        for (symbol, op) in ops where accept(symbol) {
            return .binary(op, lhs, try parseAdditive())
        }
        return lhs
    }

    mutating func parseAdditive() throws(SyntaxError) -> Expression {
        var lhs = try parseMultiplicative()
        var links = 0
        defer { height -= links }
        while true {
            let op: BinaryOperator
            if accept("+") { op = .add } else if accept("-") { op = .subtract } else { return lhs }
            try extend(); links += 1
            lhs = .binary(op, lhs, try parseMultiplicative())
        }
    }

    mutating func parseMultiplicative() throws(SyntaxError) -> Expression {
        var lhs = try parseUnary()
        var links = 0
        defer { height -= links }
        while true {
            let op: BinaryOperator
            if accept("*") { op = .multiply } else if accept("/") { op = .divide } else { return lhs }
            try extend(); links += 1
            lhs = .binary(op, lhs, try parseUnary())
        }
    }

    mutating func parseUnary() throws(SyntaxError) -> Expression {
        try enter(); defer { leave() }
        if accept("-") {
            let operand = try parseUnary()
            if case .number(let v) = operand { return .number(-v) }
            return .unary(.negate, operand)
        }
        if accept("+") { return try parseUnary() }
        return try parsePower()
    }

    mutating func parsePower() throws(SyntaxError) -> Expression {
        let base = try parsePrimary()
        if accept("^") { return .binary(.power, base, try parseUnary()) }
        return base
    }

    mutating func parsePrimary() throws(SyntaxError) -> Expression {
        skipBlanks()
        guard pos < chars.count else { throw SyntaxError(message: "expression ends where a value was expected", offset: pos) }
        let c = chars[pos]
        if c == "(" {
            pos += 1
            try enter(); defer { leave() }
            let e = try parseOr()
            try expect(")")
            return e
        }
        if c.isNumber || c == "." { return .number(try parseNumber()) }
        // Vensim's missing value; PySD reads it as NaN, and so do we.
        if accept(keyword: ":NA:") { return .number(.nan) }
        if c == "\"" || isNameStart(c) {
            let start = pos
            var name = try parseName()
            skipBlanks()
            if pos < chars.count && chars[pos] == "[" {
                if Builtin.named(name) != nil {
                    throw SyntaxError(message: "'\(name)' is a builtin and takes no subscripts", offset: start)
                }
                name = try parseSubscripts(of: name).text
                skipBlanks()
            }
            if pos < chars.count && chars[pos] == "(" {
                // A macro of the model shadows a builtin of the same name, as in Vensim.
                if macroNames.contains(CanonicalName(name)) { return try parseMacroCall(name, at: start) }
                return try parseCall(name, at: start)
            }
            if let b = Builtin.named(name), b.arity == nil { return .call(b, []) }
            return .variable(name, offset: start)
        }
        throw SyntaxError(message: "unexpected '\(String(c))' where a value was expected", offset: pos)
    }

    mutating func parseCall(_ name: String, at start: Int) throws(SyntaxError) -> Expression {
        let canonical = CanonicalName(name).id
        pos += 1  // "("
        if canonical == "with lookup" {
            let arg = try parseOr()
            try expect(",")
            skipBlanks()
            let table = try parseLookupBody()
            try expect(")")
            return .withLookup(arg, table)
        }
        guard let builtin = Builtin.named(name) else {
            // Not a builtin: a lookup table called like a function (checked at compile time).
            // More than one argument cannot be a lookup: say which function is unknown.
            let arg = try parseOr()
            if accept(",") {
                throw SyntaxError(message: "unknown function '\(name)'", offset: start, unknownFunction: name)
            }
            try expect(")")
            return .lookupCall(name, arg, offset: start)
        }
        guard let arity = builtin.arity else {
            throw SyntaxError(message: "'\(builtin.rawValue)' is a value, not a function", offset: start)
        }
        var args: [Expression] = []
        skipBlanks()
        if !(pos < chars.count && chars[pos] == ")") {
            repeat { args.append(try parseOr()) } while accept(",")
        }
        try expect(")")
        guard arity.contains(args.count) else {
            let want = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound)…\(arity.upperBound)"
            throw SyntaxError(message: "\(builtin.rawValue) takes \(want) argument\(arity.upperBound == 1 ? "" : "s"), got \(args.count)", offset: start)
        }
        return .call(builtin, args)
    }

    /// `NAME(in1, in2 : out1, out2)` for a macro: inputs are expressions, outputs names.
    mutating func parseMacroCall(_ name: String, at start: Int) throws(SyntaxError) -> Expression {
        pos += 1  // "("
        var inputs: [Expression] = [], outputs: [Expression] = []
        skipBlanks()
        if !(pos < chars.count && (chars[pos] == ")" || chars[pos] == ":")) {
            repeat { inputs.append(try parseOr()) } while accept(",")
        }
        if accept(":") {
            repeat {
                let at = pos
                let output = try parsePrimary()
                guard case .variable = output else {
                    throw SyntaxError(message: "the outputs of macro '\(name)' after ':' must be variable names", offset: at)
                }
                outputs.append(output)
            } while accept(",")
        }
        try expect(")")
        let placeholder = ExpressionParser.macroPlaceholder(macroCalls.count)
        macroCalls.append(MacroCall(name: name, inputs: inputs, outputs: outputs, placeholder: placeholder))
        return .variable(placeholder, offset: start)
    }

    /// `[a, Dim!, …]` after a name: each subscript a dimension or element name, `!` marking a
    /// dimension to reduce (Vensim DSS Reference Manual, "Subscripts" and "SUM").
    mutating func parseSubscripts(of name: String) throws(SyntaxError) -> SubscriptedName {
        pos += 1  // "["
        var refs: [SubscriptedName.SubscriptRef] = []
        while true {
            skipBlanks()
            let start = pos
            while pos < chars.count && !",]![()".contains(chars[pos]) { pos += 1 }
            // Continuation backslashes and blanks inside a long subscript name read as blanks.
            let element = String(chars[start..<pos].map { $0 == "\\" ? " " : $0 })
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard !element.isEmpty else { throw SyntaxError(message: "expected a subscript (a dimension or an element) in '\(name)[…]'", offset: start) }
            let reduced = accept("!")
            refs.append(.init(name: element, reduced: reduced))
            if accept(",") { continue }
            try expect("]")
            return SubscriptedName(base: name, subscripts: refs)
        }
    }

    mutating func parseLookupBody() throws(SyntaxError) -> Lookup {
        let start = pos
        try expect("(")
        skipBlanks()
        var xs: [Double] = [], ys: [Double] = []
        if accept("[") {
            // The range [(xmin,ymin)-(xmax,ymax)] only sets the editor's axes: read and ignored.
            try expect("("); _ = try parseSignedNumber(); try expect(","); _ = try parseSignedNumber(); try expect(")")
            try expect("-")
            try expect("("); _ = try parseSignedNumber(); try expect(","); _ = try parseSignedNumber(); try expect(")")
            // Vensim may also list reference lines here: skip to the closing bracket.
            while pos < chars.count && chars[pos] != "]" { pos += 1 }
            try expect("]")
            _ = accept(",")
        }
        skipBlanks()
        if pos < chars.count && chars[pos] == "(" {
            repeat {
                try expect("(")
                xs.append(try parseSignedNumber()); try expect(","); ys.append(try parseSignedNumber())
                try expect(")")
            } while accept(",")
        } else {
            var values: [Double] = []
            repeat { values.append(try parseSignedNumber()) } while accept(",")
            guard values.count % 2 == 0 else {
                throw SyntaxError(message: "lookup in x…,y… form needs as many y values as x values", offset: start)
            }
            xs = Array(values[..<(values.count / 2)])
            ys = Array(values[(values.count / 2)...])
        }
        try expect(")")
        if sortsLookupPoints && zip(xs, xs.dropFirst()).contains(where: { $0 > $1 }) {
            let order = xs.indices.sorted { xs[$0] < xs[$1] || (xs[$0] == xs[$1] && $0 < $1) }
            (xs, ys) = (order.map { xs[$0] }, order.map { ys[$0] })
        }
        do {
            return try Lookup(xs: xs, ys: ys)
        } catch {
            throw SyntaxError(message: error.message, offset: start)
        }
    }

    // MARK: Tokens

    mutating func parseSignedNumber() throws(SyntaxError) -> Double {
        skipBlanks()
        if accept("-") { return -(try parseNumber()) }
        _ = accept("+")
        skipBlanks()
        return try parseNumber()
    }

    mutating func parseNumber() throws(SyntaxError) -> Double {
        skipBlanks()
        let (v, end) = try ExpressionParser.scanNumber(chars, at: pos)
        pos = end
        return v
    }

    /// The unsigned number starting at `chars[start]` (digits, a point, an exponent) and
    /// the offset after it; shared with the XMILE parser.
    static func scanNumber(_ chars: [Character], at start: Int) throws(SyntaxError) -> (Double, Int) {
        var pos = start
        while pos < chars.count && (chars[pos].isASCII && (chars[pos].isNumber || chars[pos] == ".")) { pos += 1 }
        if pos < chars.count && (chars[pos] == "e" || chars[pos] == "E") {
            var look = pos + 1
            if look < chars.count && (chars[look] == "+" || chars[look] == "-") { look += 1 }
            if look < chars.count && chars[look].isASCII && chars[look].isNumber {
                pos = look
                while pos < chars.count && chars[pos].isASCII && chars[pos].isNumber { pos += 1 }
            }
        }
        let text = String(chars[start..<pos])
        guard let v = Double(text), v.isFinite else {
            throw SyntaxError(message: text.isEmpty ? "expected a number" : "'\(text)' is not a finite number", offset: start)
        }
        return (v, pos)
    }

    mutating func parseName() throws(SyntaxError) -> String {
        let start = pos
        if chars[pos] == "\"" {
            pos += 1
            // `\"` is a quote inside the name (Vensim's escape), not its end.
            while pos < chars.count && chars[pos] != "\"" { pos += chars[pos] == "\\" && pos + 1 < chars.count ? 2 : 1 }
            guard pos < chars.count else { throw SyntaxError(message: "unterminated quoted name", offset: start) }
            pos += 1
            return String(chars[start..<pos])
        }
        while pos < chars.count && (isNameStart(chars[pos]) || chars[pos].isNumber || chars[pos] == " " || chars[pos] == "\t"
            || chars[pos] == "$" || chars[pos] == "'" || chars[pos] == "&" || chars[pos] == "%" || chars[pos] == "." || chars[pos] == "\n" || chars[pos] == "\r") {
            pos += 1
        }
        var end = pos
        while end > start && chars[end - 1].isWhitespace { end -= 1 }
        return String(chars[start..<end])
    }

    func isNameStart(_ c: Character) -> Bool {
        c.isLetter || c == "_" || (!c.isASCII && !c.isWhitespace)
    }

    mutating func skipBlanks() {
        while pos < chars.count {
            if chars[pos].isWhitespace || chars[pos] == "\\" { pos += 1; continue }
            // Vensim's inline comments: {…}
            if chars[pos] == "{" {
                // An unterminated comment runs to the end, and no further: the position must
                // never pass the end of the text.
                while pos < chars.count && chars[pos] != "}" { pos += 1 }
                pos = Swift.min(pos + 1, chars.count)
                continue
            }
            break
        }
    }

    mutating func accept(_ s: String) -> Bool {
        skipBlanks()
        let sc = Array(s)
        guard pos + sc.count <= chars.count, Array(chars[pos..<(pos + sc.count)]) == sc else { return false }
        pos += sc.count
        return true
    }

    mutating func accept(keyword: String) -> Bool {
        skipBlanks()
        let sc = Array(keyword)
        guard pos + sc.count <= chars.count,
              String(chars[pos..<(pos + sc.count)]).uppercased() == keyword else { return false }
        pos += sc.count
        return true
    }

    mutating func expect(_ s: String) throws(SyntaxError) {
        guard accept(s) else {
            let found = pos < chars.count ? "'\(String(chars[pos]))'" : "the end of the equation"
            throw SyntaxError(message: "expected '\(s)' but found \(found)", offset: pos)
        }
    }

    mutating func enter() throws(SyntaxError) {
        depth += 1
        height += 1
        if let error = ExpressionParser.nestingError(depth: depth, height: height, at: pos) { throw error }
    }

    /// The error for a tree `depth` levels deep and `height` tall, at `offset`, or nil within
    /// `maxDepth` and `maxHeight`; shared with the XMILE parser.
    static func nestingError(depth: Int, height: Int, at offset: Int) -> SyntaxError? {
        if depth > maxDepth { return SyntaxError(message: "expression nested deeper than \(maxDepth) levels", offset: offset) }
        if height > maxHeight {
            return SyntaxError(message: "expression too long: more than \(maxHeight) operators chained or nested; split it into auxiliaries", offset: offset)
        }
        return nil
    }

    mutating func leave() {
        depth -= 1
        height -= 1
    }

    /// One more link in an operator chain.
    mutating func extend() throws(SyntaxError) {
        height += 1
        if height > ExpressionParser.maxHeight { throw tooTall() }
    }

    func tooTall() -> SyntaxError {
        ExpressionParser.nestingError(depth: 0, height: ExpressionParser.maxHeight + 1, at: pos)!
    }
}
