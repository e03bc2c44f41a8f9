import SweepDiagnostics

/// Reality checks from their records to `RealityCheck`s: parsed, the RC functions written out
/// (`RCFunction`), and expanded per element with the model's own subscript expansion.
extension VensimModelReader {
    /// The model's variables expanded (`SubscriptExpansion`) together with the reality checks
    /// of `state`: a check is expanded as an auxiliary of its name and subscripts (a test input
    /// as `variable = expr`, a constraint as `condition :AND: consequence`) and taken apart
    /// again. A check that cannot be read comes back `.unsupported` with the reason; it never
    /// stops the model from loading.
    func expandingWithRealityChecks(_ variables: [Variable], exceptions: [Int: [[String]]], name: String,
                                    dimensions: [Dimension]) throws -> ([Variable], [RealityCheck]) {
        let hasStartTime = variables.contains { $0.id == CanonicalName("RC START TIME") }
        var unsupported: [RealityCheck] = []
        var pseudo: [Variable] = []
        for check in state.realityChecks {
            do {
                var v = Variable(name: check.name, kind: .auxiliary(try encoded(check, hasStartTime: hasStartTime)), location: location(check.line))
                v.subscripts = check.subscripts
                pseudo.append(v)
            } catch {
                unsupported.append(RealityCheck(name: check.name, element: check.subscripts, body: .unsupported(error.message, testInput: check.kind == .testInput),
                                               location: location(check.line)))
            }
        }
        func expand(_ extra: [Variable]) throws -> [Variable] {
            var expansion = try SubscriptExpansion(model: Model(name: name, time: TimeSpec(initial: 0, final: 1, step: 1),
                                                                variables: variables + extra, file: file, dimensions: dimensions),
                                                   exceptions: exceptions)
            return try expansion.run()
        }
        let ids = Set(pseudo.map(\.id))
        func split(_ all: [Variable]) -> ([Variable], [Variable]) {
            let isCheck = { (v: Variable) in ids.contains(CanonicalName(VensimModelReader.baseName(v.name))) }
            return (all.filter { !isCheck($0) }, all.filter(isCheck))
        }
        var model: [Variable], checks: [Variable] = []
        do {
            (model, checks) = split(try expand(pseudo))
        } catch {
            // One check the expansion refuses must not hide the others, nor the model.
            model = try expand([])
            for v in pseudo {
                do {
                    checks += split(try expand([v])).1
                } catch {
                    let message = (error as? any InputError)?.message ?? "\(error)"
                    unsupported.append(RealityCheck(name: v.name, element: v.subscripts, body: .unsupported(message, testInput: VensimModelReader.isTestInput(v)),
                                                   location: v.location))
                }
            }
        }
        let decoded = checks.map(VensimModelReader.decoded)
        return (model, (decoded + unsupported).sorted { ($0.location.line ?? 0, $0.fullName) < ($1.location.line ?? 0, $1.fullName) })
    }

    /// True for the auxiliary of a test input (`variable = expr`).
    static func isTestInput(_ v: Variable) -> Bool {
        if case .auxiliary(.binary(.equal, _, _)) = v.kind { true } else { false }
    }

    /// `x` of `x[a,b]`.
    static func baseName(_ name: String) -> String {
        if case .success(let s)? = SubscriptedName.parse(name) { return s.base }
        return name
    }

    /// A check as the auxiliary the expansion takes: `variable = expr` for a test input,
    /// `condition :AND: consequence` for a constraint.
    func encoded(_ check: VensimRealityCheck, hasStartTime: Bool) throws(RealityCheckTextError) -> Expression {
        let start: Expression = hasStartTime ? .variable("RC START TIME", offset: 0)
            : .binary(.add, .call(.initialTime, []), .call(.timeStep, []))
        let at = "in reality check '\(check.name)' at line \(check.line)"
        switch check.kind {
        case .testInput:
            guard !check.premise.isEmpty else { throw RealityCheckTextError(message: "a test input is written 'variable = expression' \(at)") }
            let target = try RCFunction.parse(check.premise, start: start, consequence: false, at: at)
            guard case .variable = target else {
                throw RealityCheckTextError(message: "a test input sets one variable, not '\(check.premise)', \(at)")
            }
            return .binary(.equal, target, try RCFunction.parse(check.conclusion, start: start, consequence: false, at: at))
        case .condition:
            let words = check.conclusion.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" }).joined(separator: " ")
            for keyword in [":CROSSING:", ":AT LEAST ONCE:"] where words.contains(keyword) {
                throw RealityCheckTextError(message: "unsupported: \(keyword) in a consequence \(at)")
            }
            let condition = check.premise.isEmpty ? .number(1) : try RCFunction.parse(check.premise, start: start, consequence: false, at: at)
            return .binary(.and, condition, try RCFunction.parse(check.conclusion, start: start, consequence: true, at: at))
        }
    }

    /// An expanded check auxiliary back as a `RealityCheck`.
    static func decoded(_ v: Variable) -> RealityCheck {
        var element: [String] = []
        if case .success(let s)? = SubscriptedName.parse(v.name) { element = s.subscripts.map(\.name) }
        let base = baseName(v.name)
        guard case .auxiliary(.binary(let op, let a, let b)) = v.kind else {
            return RealityCheck(name: base, element: element, body: .unsupported("malformed reality check", testInput: false), location: v.location)
        }
        if op == .equal, case .variable(let target, _) = a {
            return RealityCheck(name: base, element: element, body: .testInput(variable: target, equation: b), location: v.location)
        }
        return RealityCheck(name: base, element: element, body: .constraint(condition: a, consequence: b), location: v.location)
    }
}

/// Why a reality check's text cannot become a test.
struct RealityCheckTextError: Error {
    var message: String
}

/// Vensim's RC functions (Vensim Help, Reference Guide "Reality Check Functions",
/// fn_rc.html): each keeps `basis` at its normal value until `start`, then follows a new
/// trajectory from B, the value `basis` had at `start`, for `duration` (to the end when it is
/// omitted), after which `basis` is itself again; `mult` and the other arguments are read as
/// they go. `start` defaults to the model's `RC START TIME`, else INITIAL TIME + TIME STEP.
/// - `RC STEP(basis, mult)`: B·mult.
/// - `RC RAMP(basis, mult, ramptime)`: from B to B·mult in a line over `ramptime`, then B·mult.
/// - `RC DECAY(basis, decaytime)`: B·exp(−(Time − start)/decaytime).
/// - `RC GROW(basis, growrate)`: B·exp(growrate·(Time − start)).
///
/// A CHECK form (`RC STEP CHECK(grace, basis, mult, …)`) is the same trajectory, for the
/// consequence of a constraint: a comparison holding one is tested only from `start + grace`
/// on, and holds before. B is `SAMPLE IF TRUE(Time <= start, basis, basis)`; the change starts
/// at the first step with Time ≥ start, as STEP does. RC COMPARE, which reads another run, is
/// not supported.
enum RCFunction: String, CaseIterable {
    case step = "rc step", ramp = "rc ramp", decay = "rc decay", grow = "rc grow", compare = "rc compare"

    /// Arguments after `grace`: required and at most.
    var arity: ClosedRange<Int> {
        switch self {
        case .ramp: 3...5
        default: 2...4
        }
    }

    /// One call written out.
    struct Written {
        var value: Expression
        /// For a CHECK form, the time from which a comparison holding it is tested.
        var testedFrom: Expression?
    }

    /// `text` parsed, each RC call written out; in a consequence, each comparison holding a
    /// CHECK form tested only from its `start + grace`.
    static func parse(_ text: String, start: Expression, consequence: Bool, at: String) throws(RealityCheckTextError) -> Expression {
        var calls: [String: Written] = [:]
        let rewritten = try extractCalls(Array(text), start: start, into: &calls, at: at)
        let e: Expression
        do {
            e = try ExpressionParser.parse(rewritten)
        } catch {
            throw RealityCheckTextError(message: "\(error.message) \(at)")
        }
        let comparisons: Set<BinaryOperator> = [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual]
        func written(_ node: Expression) -> Written? {
            if case .variable(let n, _) = node { return calls[CanonicalName(n).id] }
            return nil
        }
        func substitute(_ x: Expression) -> Expression {
            x.replacing { node in written(node).map(\.value) }
        }
        return e.replacing { node in
            if let w = written(node) { return w.value }
            guard case .binary(let op, let a, let b) = node, comparisons.contains(op) else { return nil }
            var froms: [Expression] = []
            for side in [a, b] { side.visit { if let f = written($0)?.testedFrom { froms.append(f) } } }
            let compared = Expression.binary(op, substitute(a), substitute(b))
            return froms.reduce(compared) { acc, from in .binary(.or, .binary(.less, .call(.time, []), from), acc) }
        }
    }

    /// `chars` with every RC call replaced by a quoted placeholder name (kept in `calls`).
    static func extractCalls(_ chars: [Character], start: Expression, into calls: inout [String: Written], at: String) throws(RealityCheckTextError) -> String {
        var out = "", i = 0
        func isNameChar(_ c: Character) -> Bool { c.isLetter || c.isNumber || " \t_$'&%.".contains(c) || (!c.isASCII && !c.isWhitespace) }
        while i < chars.count {
            let c = chars[i]
            if c == "\"" || c == "{" {
                let close: Character = c == "\"" ? "\"" : "}"
                var j = i + 1
                while j < chars.count && chars[j] != close { j += chars[j] == "\\" && c == "\"" ? 2 : 1 }
                j = min(j + 1, chars.count)
                out += String(chars[i..<j]); i = j; continue
            }
            guard c.isLetter || c == "_" else { out.append(c); i += 1; continue }
            var j = i
            while j < chars.count && isNameChar(chars[j]) { j += 1 }
            var k = j
            while k < chars.count && (chars[k].isWhitespace || chars[k] == "\\") { k += 1 }
            let words = CanonicalName(String(chars[i..<j])).id
            let check = words.hasSuffix(" check")
            guard k < chars.count, chars[k] == "(", let f = RCFunction(rawValue: check ? String(words.dropLast(6)) : words) else {
                out += String(chars[i..<j]); i = j; continue
            }
            if f == .compare {
                throw RealityCheckTextError(message: "unsupported: RC COMPARE\(check ? " CHECK" : "") (it compares with another run) \(at)")
            }
            let (args, close) = try arguments(chars, open: k, at: at)
            var parsed: [Expression] = []
            for a in args { parsed.append(try parse(a, start: start, consequence: false, at: at)) }
            let placeholder = "\u{1}rc \(calls.count)"
            calls[CanonicalName(placeholder).id] = try f.written(parsed, check: check, start: start, at: at)
            out += "\"\(placeholder)\""
            i = close + 1
        }
        return out
    }

    /// The argument texts of the call whose `(` is at `open`, and the index of its `)`.
    static func arguments(_ chars: [Character], open: Int, at: String) throws(RealityCheckTextError) -> ([String], Int) {
        var depth = 0, args: [String] = [], current = "", i = open + 1
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "(", "[": depth += 1
            case ")" where depth == 0:
                args.append(current)
                return (args, i)
            case ")", "]": depth -= 1
            case "," where depth == 0:
                args.append(current); current = ""; i += 1; continue
            default: break
            }
            current.append(c)
            i += 1
        }
        throw RealityCheckTextError(message: "an RC function's '(' is not closed \(at)")
    }

    /// This function of `args` (grace first for a CHECK form) as an expression.
    func written(_ args: [Expression], check: Bool, start defaultStart: Expression, at: String) throws(RealityCheckTextError) -> Written {
        let name = rawValue.uppercased() + (check ? " CHECK" : "")
        let rest = check ? Array(args.dropFirst()) : args
        guard (check ? !args.isEmpty : true), arity.contains(rest.count) else {
            throw RealityCheckTextError(message: "\(name) takes \(arity.lowerBound + (check ? 1 : 0))…\(arity.upperBound + (check ? 1 : 0)) arguments, got \(args.count), \(at)")
        }
        let time = Expression.call(.time, [])
        let fixed = self == .ramp ? 3 : 2
        let start = rest.count > fixed ? rest[fixed] : defaultStart
        let basis = rest[0]
        let frozen = Expression.call(.sampleIfTrue, [.binary(.lessEqual, time, start), basis, basis])
        let elapsed = Expression.binary(.subtract, time, start)
        let changed: Expression
        switch self {
        case .step: changed = .binary(.multiply, frozen, rest[1])
        case .ramp:
            let fraction = Expression.call(.min, [.number(1), .binary(.divide, elapsed, rest[2])])
            changed = .binary(.multiply, frozen, .binary(.add, .number(1), .binary(.multiply, .binary(.subtract, rest[1], .number(1)), fraction)))
        case .decay: changed = .binary(.multiply, frozen, .call(.exp, [.unary(.negate, .binary(.divide, elapsed, rest[1]))]))
        case .grow: changed = .binary(.multiply, frozen, .call(.exp, [.binary(.multiply, rest[1], elapsed)]))
        case .compare: preconditionFailure("refused by extractCalls")
        }
        var active = Expression.binary(.greaterEqual, time, start)
        if rest.count > fixed + 1 { active = .binary(.and, active, .binary(.less, time, .binary(.add, start, rest[fixed + 1]))) }
        return Written(value: .call(.ifThenElse, [active, changed, basis]), testedFrom: check ? .binary(.add, start, args[0]) : nil)
    }
}
