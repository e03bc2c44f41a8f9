import Foundation
import SweepDiagnostics
import SweepNumerics

extension VensimModelReader {
    /// Parses one equation's right-hand side: macro calls are registered with `state` under
    /// file-wide placeholders (expanded later by `MacroExpansion`), and `ELMCOUNT(Dim)` becomes
    /// the number of elements of `Dim`, a number known when the model loads.
    ///
    /// - Throws: the parser's error, or one at an `ELMCOUNT` whose argument is not a range.
    func parseEquation(_ text: String, space: SubscriptSpace) throws(ExpressionParser.SyntaxError) -> Expression {
        let (parsed, calls) = try ExpressionParser.parseVensim(text, macros: macroNames)
        var global: [String: String] = [:]
        func resolve(_ e: Expression) throws(ExpressionParser.SyntaxError) -> Expression {
            try VensimModelReader.countingElements(e, space: space).replacing { node in
                if case .variable(let n, let offset) = node, let g = global[n] { return .variable(g, offset: offset) }
                return nil
            }
        }
        for var call in calls {
            var inputs: [Expression] = []
            for a in call.inputs { inputs.append(try resolve(a)) }
            call.inputs = inputs
            global[call.placeholder] = state.register(call)
        }
        return try resolve(parsed)
    }

    /// `e` with each `ELMCOUNT(Dim)` replaced by the number of elements of `Dim` (Vensim DSS
    /// Reference Manual, "ELMCOUNT").
    static func countingElements(_ e: Expression, space: SubscriptSpace) throws(ExpressionParser.SyntaxError) -> Expression {
        var bad: Int?
        let out = e.replacing { node in
            guard case .lookupCall(let n, let arg, let offset) = node, CanonicalName(n).id == "elmcount" else { return nil }
            if case .variable(let d, _) = arg, let dim = space.dimensions[CanonicalName(d)] { return .number(Double(dim.elements.count)) }
            bad = bad ?? offset
            return nil
        }
        if let bad { throw ExpressionParser.SyntaxError(message: "ELMCOUNT takes the name of a subscript range", offset: bad) }
        return out
    }

    /// The `:EXCEPT: [e1, e2], [e3, e4]` lists after a left-hand side's subscripts, with `i`
    /// moved past them; nil (and `i` unmoved) when the text at `i` is not `:EXCEPT:`.
    ///
    /// Each list names, per subscript position, an element or a range; the equation leaves out
    /// every element tuple that one list matches in every position (Vensim DSS Reference
    /// Manual, ":EXCEPT:").
    func exceptLists(_ chars: [Character], at i: inout Int, name: String, arity: Int, line: Int) throws -> [[String]]? {
        let keyword = Array(":EXCEPT:")
        guard i + keyword.count <= chars.count, String(chars[i..<(i + keyword.count)]).uppercased() == ":EXCEPT:" else { return nil }
        i += keyword.count
        var lists: [[String]] = []
        while true {
            while i < chars.count && chars[i].isWhitespace { i += 1 }
            guard i < chars.count, chars[i] == "[", let close = chars[i...].firstIndex(of: "]") else {
                throw ModelError(.invalidValue, "in '\(name)': :EXCEPT: must be followed by subscript lists like [e1, e2]", at: location(line))
            }
            let list = String(chars[(i + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                .map { String($0).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            guard list.count == arity, !list.contains(where: \.isEmpty) else {
                throw ModelError(.invalidValue, "in '\(name)': each :EXCEPT: list needs \(arity) subscript\(arity == 1 ? "" : "s"), as the left-hand side has", at: location(line))
            }
            lists.append(list)
            i = close + 1
            var j = i
            while j < chars.count && chars[j].isWhitespace { j += 1 }
            guard j < chars.count, chars[j] == "," else { return lists }
            i = j + 1
        }
    }

    /// A reality check record, `name[subs] :THE CONDITION: test :IMPLIES: claim` or
    /// `name[subs] :TEST INPUT: variable = value`, when the text at `i` starts one.
    func realityCheck(_ chars: [Character], at i: Int, name: String, subscripts: [String], line: Int) -> VensimRealityCheck? {
        let rest = String(chars[i...])
        let upper = rest.uppercased()
        for (keyword, kind) in [(":THE CONDITION:", VensimRealityCheck.Kind.condition), (":TEST INPUT:", .testInput)] where upper.hasPrefix(keyword) {
            let body = String(rest.dropFirst(keyword.count))
            let separator = kind == .condition ? ":IMPLIES:" : "="
            let (premise, conclusion): (String, String)
            if let r = body.range(of: separator, options: .caseInsensitive) {
                (premise, conclusion) = (String(body[..<r.lowerBound]), String(body[r.upperBound...]))
            } else {
                (premise, conclusion) = ("", body)
            }
            return VensimRealityCheck(name: name, subscripts: subscripts, kind: kind, premise: premise.trimmingBlanks,
                                      conclusion: conclusion.trimmingBlanks, line: line)
        }
        return nil
    }

    /// The rows of `TABBED ARRAY(…)`, Vensim's table pasted from a spreadsheet: values
    /// separated by blanks or tabs, rows by line breaks; nil when `text` is not one.
    func tabbedArray(_ text: String, name: String, line: Int) throws -> [[Double]]? {
        let t = text.trimmingBlanks
        let words = t.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" || $0 == "(" }).prefix(2)
        guard words == ["TABBED", "ARRAY"], let open = t.firstIndex(of: "("), t.hasSuffix(")") else { return nil }
        let body = t[t.index(after: open)..<t.index(before: t.endIndex)]
        var rows: [[Double]] = []
        for row in body.split(separator: "\n") {
            let fields = row.split(whereSeparator: \.isWhitespace)
            if fields.isEmpty { continue }
            rows.append(try fields.map { f in
                guard let v = Double(f), v.isFinite else {
                    throw ModelError(.invalidValue, "in '\(name)': TABBED ARRAY holds '\(f)', which is not a number", at: location(line))
                }
                return v
            })
        }
        return rows.isEmpty ? nil : rows
    }

    /// Each macro's body as variables without subscripts: the records parsed like the model's
    /// own, calls of other macros left as placeholders.
    func macroTemplates(_ macros: [CanonicalName: VensimMacro], space: SubscriptSpace) throws -> [CanonicalName: [Variable]] {
        var templates: [CanonicalName: [Variable]] = [:]
        for (id, macro) in macros {
            var body: [Variable] = []
            for record in macro.body {
                for (name, subscripts, kind, line) in try parse(record, space: space) {
                    guard subscripts.isEmpty else {
                        throw ModelError(.unsupported, "unsupported: subscripts inside a macro's body ('\(name)[…]' in macro '\(macro.name)') at line \(line)", at: location(line))
                    }
                    if body.contains(where: { $0.id == CanonicalName(name) }) {
                        throw ModelError(.duplicateName, "macro '\(macro.name)' defines '\(name)' twice", at: location(line))
                    }
                    let doc = VensimModelReader.commentText(record.comment)
                    body.append(Variable(name: name, kind: kind, units: VensimModelReader.unitsText(record.units),
                                         documentation: doc.isEmpty ? nil : doc, location: location(line)))
                }
            }
            templates[id] = body
        }
        return templates
    }
}
