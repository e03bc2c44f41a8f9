import SweepDiagnostics

/// An XMILE macro (XMILE 1.0, "Macros"): a function the file defines, `<macro name="f">` with
/// `<parm>`s (each with an optional `default`) and an `<eqn>` over them. A call `f(a, b)` is
/// the equation with each parameter replaced by its argument, read in the caller's scope.
///
/// Macros that keep state of their own (a `<variables>` block of stocks and flows) are refused.
///
/// ```swift
/// // <macro name="double"><parm>x</parm><eqn>2 * x</eqn></macro>
/// // double(rate + 1) reads as 2 * (rate + 1)
/// ```
struct XMILEMacro {
    var name: String
    var parameters: [(name: String, defaultText: String?)]
    var body: String
    var line: Int

    /// The macros of a document, by canonical name.
    static func read(_ root: XMILEElement, file: String) throws -> [CanonicalName: XMILEMacro] {
        var out: [CanonicalName: XMILEMacro] = [:]
        for m in root.children("macro") {
            let name = XMILEModelReader.displayName(m.attributes["name"] ?? "")
            let at = SourceLocation(file: file, line: m.line)
            guard !name.isEmpty else { throw ModelError(.missingValue, "a <macro> has no name", at: at) }
            if m.child("variables") != nil {
                throw ModelError(.unsupported, "unsupported: macro '\(name)' with variables of its own (only macros written as one equation of their parameters are read)", at: at)
            }
            guard let eqn = m.child("eqn") else { throw ModelError(.missingValue, "macro '\(name)' has no <eqn>", at: at) }
            let parms = m.children("parm").map { (name: XMILEModelReader.displayName($0.trimmedText), defaultText: $0.attributes["default"]) }
            out[CanonicalName(name)] = XMILEMacro(name: name, parameters: parms, body: eqn.text, line: eqn.line)
        }
        return out
    }

    /// The call `name(args)` expanded: the body with each parameter bound to its argument, or
    /// its default when the call leaves it out.
    func expand(_ args: [Expression], scope: XMILEExpressionParser.Scope, at start: Int) throws(ExpressionParser.SyntaxError) -> Expression {
        let required = parameters.prefix { $0.defaultText == nil }.count
        guard (required...parameters.count).contains(args.count) else {
            throw .init(message: "macro \(name) takes \(required == parameters.count ? "\(required)" : "\(required) to \(parameters.count)") argument\(parameters.count == 1 ? "" : "s"), got \(args.count)", offset: start)
        }
        // The body is read with the macro's own name hidden, so a macro cannot call itself.
        var inner = scope
        inner.macro = { CanonicalName($0) == CanonicalName(name) ? nil : scope.macro($0) }
        var bound: [CanonicalName: Expression] = [:]
        for (i, p) in parameters.enumerated() {
            if i < args.count {
                bound[CanonicalName(scope.qualify(p.name))] = args[i]
            } else {
                var parser = XMILEExpressionParser(p.defaultText ?? "0", scope: inner)
                bound[CanonicalName(scope.qualify(p.name))] = try parser.parse()
            }
        }
        var parser = XMILEExpressionParser(body, scope: inner)
        let e: Expression
        do {
            e = try parser.parse()
        } catch {
            throw .init(message: "in macro \(name) (line \(line)): \(error.message)", offset: start, unknownFunction: error.unknownFunction)
        }
        return e.mappingVariables { n, off in bound[CanonicalName(n)] ?? .variable(n, offset: off) }
    }
}
