import Foundation
import SweepDiagnostics
import SweepNumerics

extension XMILEInstance {
    /// The `eqn` of `holder` (a variable or one of its `element`s) as an expression.
    ///
    /// - Throws: `ModelError` naming the variable at the equation's line: no equation (none
    ///   written, `???` as some exporters leave it, or only a comment such as Stella's
    ///   `{Enter equation for use when not hooked up to other models}`), a syntax error, or an
    ///   unknown function.
    func equation(_ holder: XMILEElement, owner name: String, scope: XMILEExpressionParser.Scope) throws -> Expression {
        guard let eqn = holder.child("eqn") else {
            throw ModelError(.missingValue, "'\(name)' has no equation (no <eqn>)", at: reader.location(holder.line))
        }
        let text = eqn.text
        let trimmed = eqn.trimmedText
        if trimmed.contains("???") {
            throw ModelError(.missingValue, "'\(name)' has no equation: the file gives '\(trimmed)' (the exporter wrote none)", at: reader.location(eqn.line))
        }
        let uncommented = trimmed.replacingOccurrences(of: "\\{[^}]*\\}?", with: "", options: .regularExpression)
        if uncommented.trimmingBlanks.isEmpty {
            let given = trimmed.isEmpty ? "an empty <eqn>" : "only the comment '\(trimmed)'"
            throw ModelError(.missingValue, "'\(name)' has no equation: the file gives \(given) (a module input left unconnected?)", at: reader.location(eqn.line))
        }
        var parser = XMILEExpressionParser(text, scope: scope)
        do {
            return try parser.parse()
        } catch {
            let line = eqn.line + text.prefix(error.offset).filter { $0 == "\n" }.count
            if let f = error.unknownFunction {
                throw ModelError(.unsupported, "unsupported: function '\(f)' in '\(name)' at line \(line): neither an XMILE builtin nor a graphical function of the model (a macro whose definition the file does not contain?)", at: reader.location(line))
            }
            throw ModelError(.syntax, "in '\(name)': \(error.message)", at: reader.location(line))
        }
    }

    /// A `gf`: `xpts` and `ypts` (separated by `sep`, a comma by default), or `ypts` spread
    /// evenly over `xscale`; its `type` continuous (the default), extrapolate or discrete
    /// (also `discrete="true"`, as older files write it).
    ///
    /// - Throws: `ModelError` for an unknown type, points that are not numbers, or x not
    ///   increasing.
    func graphical(_ gf: XMILEElement, owner name: String) throws -> XMILEGraphical {
        let location = reader.location(gf.line)
        let typeName = gf.attributes["discrete"]?.lowercased() == "true" ? "discrete" : (gf.attributes["type"] ?? "continuous").lowercased()
        guard let type = XMILEGraphical.Kind(rawValue: typeName) else {
            throw ModelError(.unsupported, "unsupported: graphical function type '\(typeName)' in '\(name)' (XMILE's are continuous, extrapolate and discrete)", at: location)
        }
        func points(_ tag: String) throws -> [Double]? {
            guard let e = gf.child(tag) else { return nil }
            let sep = e.attributes["sep"].flatMap { $0.isEmpty ? nil : Character($0) } ?? ","
            return try e.text.split(separator: sep).map { field in
                let t = String(field).trimmingBlanks
                guard let v = Double(t), v.isFinite else {
                    throw ModelError(.invalidValue, "graphical function of '\(name)': '\(t)' in <\(tag)> is not a number", at: reader.location(e.line))
                }
                return v
            }
        }
        guard let ys = try points("ypts") else { throw ModelError(.missingValue, "graphical function of '\(name)' has no <ypts>", at: location) }
        var xs = try points("xpts") ?? []
        if xs.isEmpty {
            guard let scale = gf.child("xscale"), let lo = scale.attributes["min"].flatMap({ Double($0) }),
                  let hi = scale.attributes["max"].flatMap({ Double($0) }), ys.count >= 2 else {
                throw ModelError(.missingValue, "graphical function of '\(name)' has neither <xpts> nor an <xscale> with min and max", at: location)
            }
            xs = ys.indices.map { lo + (hi - lo) * Double($0) / Double(ys.count - 1) }
        }
        do {
            return XMILEGraphical(table: try Lookup(xs: xs, ys: ys), type: type)
        } catch {
            throw ModelError(.invalidValue, "graphical function of '\(name)': \(error.message)", at: location)
        }
    }
}
