extension Model {
    /// The model in SDSweep's YAML format (the one `Model.parseYAML` reads), equations in
    /// Vensim's syntax: what `sdsweep convert` writes for a `.mdl`.
    ///
    /// Every name and equation is a double-quoted YAML string, so names with any characters
    /// and equations with `:` or `#` survive. Stocks keep their net flow as one expression
    /// (`net:`), which reads back to the same tree; flows stay in `flows:`. Reading the text
    /// back gives a model that simulates to the same bits. A subscripted model is written
    /// expanded, one scalar `X[e1,e2]` per element, with its `dimensions:` so the names read
    /// back as the same elements. A SAVEPER equal to TIME STEP is written `saveper: step`.
    ///
    /// ```swift
    /// let yaml = try Model.load(path: "teacup.mdl").yamlText()
    /// ```
    public func yamlText() -> String {
        var out = "# Converted by sdsweep from \(Model.yamlQuoted(file)).\n"
        out += "name: \(Model.yamlQuoted(name))\n"
        out += "time: {initial: \(Expression.numberText(time.initial)), final: \(Expression.numberText(time.final)), "
        // A SAVEPER equal to the step (Vensim's `SAVEPER = TIME STEP`) is written as the link
        // it is, so `--dt` on the YAML moves it as on the .mdl.
        let saveper = time.saveper == time.step ? "step" : Expression.numberText(time.saveper)
        out += "step: \(Expression.numberText(time.step)), saveper: \(saveper), "
        out += "method: \(time.method.rawValue), unit: \(Model.yamlQuoted(time.unit))}\n"
        if !dimensions.isEmpty {
            // Expanded variables are named `X[e1,e2]`; reading them back needs the elements.
            out += "dimensions:\n"
            for d in dimensions {
                out += "  \(Model.yamlQuoted(d.name)): [" + d.elements.map(Model.yamlQuoted).joined(separator: ", ") + "]\n"
            }
        }
        var constants: [String] = [], lookups: [String] = [], auxiliaries: [String] = [], flows: [String] = [], stocks: [String] = []
        for v in variables where !v.isHidden {
            var fields: [String] = []
            switch v.kind {
            case .constant(let x) where x.isNaN:
                // YAML constants must be finite; `:NA:` as an equation reads back as a NaN constant.
                fields.append("equation: \(Model.yamlQuoted(":NA:"))")
            case .constant(let x): fields.append("value: \(Expression.numberText(x))")
            case .lookup(let l): fields.append("points: [" + zip(l.xs, l.ys).map { "[\(Expression.numberText($0)), \(Expression.numberText($1))]" }.joined(separator: ", ") + "]")
            case .auxiliary(let e), .flow(let e): fields.append("equation: \(Model.yamlQuoted(e.vensimText))")
            case .stock(let initial, let net):
                fields.append("initial: \(Model.yamlQuoted(initial.vensimText))")
                fields.append("net: \(Model.yamlQuoted(net.vensimText))")
            }
            if let u = v.units { fields.append("units: \(Model.yamlQuoted(u))") }
            if let d = v.documentation { fields.append("doc: \(Model.yamlQuoted(d))") }
            let line = "  \(Model.yamlQuoted(v.name)): {\(fields.joined(separator: ", "))}"
            switch v.kind {
            case .constant(let x) where x.isNaN: auxiliaries.append(line)
            case .constant: constants.append(line)
            case .lookup: lookups.append(line)
            case .auxiliary: auxiliaries.append(line)
            case .flow: flows.append(line)
            case .stock: stocks.append(line)
            }
        }
        for (section, lines) in [("constants", constants), ("lookups", lookups), ("auxiliaries", auxiliaries),
                                 ("flows", flows), ("stocks", stocks)] where !lines.isEmpty {
            out += "\(section):\n" + lines.joined(separator: "\n") + "\n"
        }
        return out
    }

    /// `s` as a double-quoted YAML scalar.
    static func yamlQuoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x7F {
                    out += "\\x" + String(u.value, radix: 16).leftPadded(to: 2)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { String(repeating: "0", count: Swift.max(0, n - count)) + self }
}
