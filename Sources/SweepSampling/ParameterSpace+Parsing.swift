import Foundation
import SweepDiagnostics
import SweepModel
import SweepNumerics
import Yams

extension ParameterSpace {
    /// Reads a problem file: a study (YAML with a `parameters:` section) or a SALib-style text
    /// file (`name lower upper` per line).
    ///
    /// `.yaml`/`.yml` files are studies and `.txt` files are SALib text; any other extension is
    /// decided by content (a line starting with `parameters:` makes it a study).
    /// - Throws: `SamplingError` naming the file (and line and column) for anything unreadable
    ///   or invalid.
    public static func load(path: String) throws -> ParameterSpace {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SamplingError(.syntax, "cannot read problem file", at: SourceLocation(file: path))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SamplingError(.syntax, "problem file is not UTF-8 text", at: SourceLocation(file: path))
        }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "yaml", "yml": return try parse(yaml: text, file: path)
        case "txt": return try parse(salibText: text, file: path)
        default:
            let isStudy = text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("parameters:") }
            return isStudy ? try parse(yaml: text, file: path) : try parse(salibText: text, file: path)
        }
    }

    // MARK: - SALib text

    /// Parses SALib's problem text format: one parameter per line, `name lower upper`, with
    /// an optional fourth and fifth column.
    ///
    /// A name containing spaces is written in double quotes; `#` starts a comment. An extra
    /// column that is a number is the parameter's nominal value (used by one-at-a-time
    /// designs; the midpoint when absent); an extra column that is not a number is its group,
    /// as in SALib's `read_param_file`.
    ///
    /// ```
    /// "Internal Knowledge Restructuring Coefficient" 10 30 20
    /// x2 0 1 groupA
    /// ```
    public static func parse(salibText text: String, file: String) throws -> ParameterSpace {
        var parameters: [Parameter] = []
        for (lineIndex, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = lineIndex + 1
            let tokens = try tokenize(String(rawLine), file: file, line: line)
            if tokens.isEmpty { continue }
            let at = { (t: Int) in SourceLocation(file: file, line: line, column: tokens[t].column) }
            guard tokens.count >= 3 else {
                throw SamplingError(.syntax, "expected 'name lower upper', found \(tokens.count) field\(tokens.count == 1 ? "" : "s")", at: at(0))
            }
            let name = tokens[0].text
            func number(_ t: Int, _ what: String) throws -> Double {
                guard let v = Double(tokens[t].text), v.isFinite else {
                    throw SamplingError(.syntax, "parameter '\(name)': \(what) '\(tokens[t].text)' is not a number", at: at(t))
                }
                return v
            }
            let lower = try number(1, "lower bound"), upper = try number(2, "upper bound")
            let d = Distribution.uniform(lower: lower, upper: upper)
            if let problem = d.problem {
                throw SamplingError(.invalidDistribution, "parameter '\(name)': \(problem)", at: at(1))
            }
            var nominal: Double?
            var group: String?
            for t in tokens.indices.dropFirst(3) {
                if let v = Double(tokens[t].text) {
                    guard nominal == nil, v.isFinite else {
                        throw SamplingError(.syntax, "parameter '\(name)': unexpected extra number '\(tokens[t].text)'", at: at(t))
                    }
                    nominal = v
                } else {
                    guard group == nil else {
                        throw SamplingError(.syntax, "parameter '\(name)': unexpected extra field '\(tokens[t].text)'", at: at(t))
                    }
                    group = tokens[t].text
                }
            }
            parameters.append(Parameter(
                name: name, distribution: d, nominal: nominal ?? (lower + upper) / 2, group: group, location: at(0)))
        }
        guard !parameters.isEmpty else {
            throw SamplingError(.syntax, "no parameters: expected lines of 'name lower upper'", at: SourceLocation(file: file))
        }
        return try ParameterSpace(parameters)
    }

    /// Splits a line on whitespace, honouring double quotes and dropping a `#` comment.
    /// Columns are 1-based and counted in characters.
    static func tokenize(_ line: String, file: String, line number: Int) throws -> [(text: String, column: Int)] {
        var tokens: [(text: String, column: Int)] = []
        var current = ""
        var start = 0
        var inQuotes = false
        var inToken = false
        var column = 0
        for ch in line {
            column += 1
            if inQuotes {
                if ch == "\"" { inQuotes = false } else { current.append(ch) }
                continue
            }
            if ch == "#" { break }
            if ch.isWhitespace {
                if inToken { tokens.append((current, start)); current = ""; inToken = false }
                continue
            }
            if !inToken { inToken = true; start = column }
            if ch == "\"" { inQuotes = true } else { current.append(ch) }
        }
        if inQuotes {
            throw SamplingError(.syntax, "unterminated quoted name", at: SourceLocation(file: file, line: number, column: start))
        }
        if inToken { tokens.append((current, start)) }
        return tokens
    }

    // MARK: - Study YAML

    /// Parses the `parameters:` section of a study document; every other key belongs to other
    /// stages and is ignored here.
    ///
    /// ```yaml
    /// parameters:
    ///   - name: Internal Knowledge Restructuring Coefficient
    ///     lower: 10
    ///     upper: 30            # uniform by default
    ///     group: internal      # optional
    ///   - name: Internal Resource Mining Coefficient
    ///     relative: 0.5        # uniform on nominal·(1 ± 0.5)
    ///   - {name: Peak Height, distribution: triangular, lower: 3, mode: 4.6, upper: 6}
    ///   - {name: A, distribution: normal, mean: 1, sd: 0.1}
    ///   - {name: B, distribution: truncnormal, mean: 1, sd: 0.5, lower: 0, upper: 2}
    ///   - {name: C, distribution: lognormal, mu: 0, sigma: 0.25}
    ///   - {name: D, distribution: discrete, values: [1, 2, 5], weights: [1, 1, 2]}
    /// ```
    /// Every entry may also carry `nominal:` (its baseline for one-at-a-time designs and
    /// relative ranges) and `group:`. Keys that do not belong to the entry's distribution are
    /// errors, so a typo cannot silently fall back to a default.
    /// - Throws: `SamplingError` with `file:line:column` of the offending node.
    public static func parse(yaml text: String, file: String) throws -> ParameterSpace {
        if let excess = YAMLNesting.firstExcess(in: text) {
            throw SamplingError(.syntax, "YAML nested deeper than \(YAMLNesting.maxDepth) levels",
                                at: SourceLocation(file: file, line: excess.line, column: excess.column))
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlSyntaxError(error, file: file)
        }
        func at(_ node: Node?) -> SourceLocation {
            guard let mark = node?.mark else { return SourceLocation(file: file) }
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        guard let root, case .mapping(let top) = root else {
            throw SamplingError(.syntax, "a study must be a mapping with a 'parameters:' section", at: at(root))
        }
        try rejectDuplicateKeys(top, in: "the study", at: at)
        guard let section = top["parameters"] else {
            throw SamplingError(.syntax, "no 'parameters:' section", at: at(root))
        }
        guard case .sequence(let entries) = section, !entries.isEmpty else {
            throw SamplingError(.syntax, "'parameters:' must be a non-empty list of parameters", at: at(section))
        }
        var parameters: [Parameter] = []
        for entry in entries {
            parameters.append(try parseEntry(entry, at: at))
        }
        return try ParameterSpace(parameters)
    }

    private static let commonKeys: Set<String> = ["name", "distribution", "nominal", "group"]
    private static let keysByDistribution: [String: Set<String>] = [
        "uniform": ["lower", "upper", "relative"],
        "triangular": ["lower", "mode", "upper"],
        "normal": ["mean", "sd"],
        "truncnormal": ["mean", "sd", "lower", "upper"],
        "lognormal": ["mu", "sigma"],
        "discrete": ["values", "weights"],
    ]
    private static let distributionAliases: [String: String] = [
        "uniform": "uniform", "unif": "uniform",
        "triangular": "triangular", "triang": "triangular",
        "normal": "normal", "norm": "normal",
        "truncnormal": "truncnormal", "truncnorm": "truncnormal", "truncated-normal": "truncnormal",
        "truncated_normal": "truncnormal", "truncatednormal": "truncnormal",
        "lognormal": "lognormal", "lognorm": "lognormal",
        "discrete": "discrete",
    ]

    private static func parseEntry(_ entry: Node, at: (Node?) -> SourceLocation) throws -> Parameter {
        guard case .mapping(let map) = entry else {
            throw SamplingError(.syntax, "a parameter must be a mapping with at least 'name:'", at: at(entry))
        }
        guard let nameNode = map["name"], let name = nameNode.scalar?.string, !name.isEmpty else {
            throw SamplingError(.syntax, "a parameter needs a 'name:'", at: at(map["name"] ?? entry))
        }
        let location = at(nameNode)
        try rejectDuplicateKeys(map, in: "parameter '\(name)'", at: at)
        let kind: String
        if let dn = map["distribution"] {
            let written = dn.scalar?.string ?? ""
            guard let k = distributionAliases[written.lowercased()] else {
                throw SamplingError(.unknownDistribution,
                    "parameter '\(name)': unknown distribution '\(written)' (expected uniform, triangular, normal, truncnormal, lognormal or discrete)",
                    at: at(dn))
            }
            kind = k
        } else {
            kind = "uniform"
        }
        let allowed = commonKeys.union(keysByDistribution[kind]!)
        for (keyNode, _) in map {
            let key = keyNode.scalar?.string ?? ""
            if !allowed.contains(key) {
                let hint = commonKeys.contains(key) || keysByDistribution.values.contains { $0.contains(key) }
                    ? "'\(key)' does not apply to a \(kind) distribution" : "unknown key '\(key)'"
                throw SamplingError(.syntax, "parameter '\(name)': \(hint)", at: at(keyNode))
            }
        }
        func number(_ key: String, required: Bool = true) throws -> Double? {
            guard let node = map[key] else {
                if required {
                    throw SamplingError(.syntax, "parameter '\(name)': a \(kind) distribution needs '\(key):'", at: location)
                }
                return nil
            }
            return try numberValue(node, name: name, key: key, at: at)
        }
        func numbers(_ key: String) throws -> [Double]? {
            guard let node = map[key] else { return nil }
            guard case .sequence(let seq) = node, !seq.isEmpty else {
                throw SamplingError(.syntax, "parameter '\(name)': '\(key)' must be a non-empty list of numbers", at: at(node))
            }
            return try seq.map { try numberValue($0, name: name, key: key, at: at) }
        }
        let nominal = try number("nominal", required: false)
        let group = map["group"].map { $0.scalar?.string ?? "" }
        if let g = map["group"], group?.isEmpty ?? true {
            throw SamplingError(.syntax, "parameter '\(name)': 'group' must be a name", at: at(g))
        }

        let range: Parameter.Range
        switch kind {
        case "uniform":
            if let relNode = map["relative"] {
                if map["lower"] != nil || map["upper"] != nil {
                    throw SamplingError(.syntax, "parameter '\(name)': give either 'relative:' or 'lower:'/'upper:', not both", at: at(relNode))
                }
                let fraction = try numberValue(relNode, name: name, key: "relative", at: at)
                guard fraction > 0 else {
                    throw SamplingError(.invalidDistribution, "parameter '\(name)': relative must be a positive fraction, not \(fraction)", at: at(relNode))
                }
                range = .relative(fraction)
            } else {
                range = .distribution(.uniform(lower: try number("lower")!, upper: try number("upper")!))
            }
        case "triangular":
            range = .distribution(.triangular(lower: try number("lower")!, mode: try number("mode")!, upper: try number("upper")!))
        case "normal":
            range = .distribution(.normal(mean: try number("mean")!, sd: try number("sd")!))
        case "truncnormal":
            range = .distribution(.truncatedNormal(
                mean: try number("mean")!, sd: try number("sd")!, lower: try number("lower")!, upper: try number("upper")!))
        case "lognormal":
            range = .distribution(.lognormal(mu: try number("mu")!, sigma: try number("sigma")!))
        default: // discrete
            guard let values = try numbers("values") else {
                throw SamplingError(.syntax, "parameter '\(name)': a discrete distribution needs 'values:'", at: location)
            }
            let weights = try numbers("weights") ?? [Double](repeating: 1, count: values.count)
            // Sorted ascending so the inverse CDF is monotone and stratified designs stay
            // stratified on the values.
            let order = values.indices.sorted { values[$0] < values[$1] }
            range = .distribution(.discrete(values: order.map { values[$0] },
                                            weights: weights.count == values.count ? order.map { weights[$0] } : weights))
        }
        if case .distribution(let d) = range, let issue = d.issue {
            throw SamplingError(.invalidDistribution, "parameter '\(name)': \(issue.message)", at: at(map[issue.key] ?? nameNode))
        }
        return Parameter(name: name, range: range, nominal: nominal, group: group, location: location)
    }

    /// YAML lets a parser keep either of two equal keys; a modeller who wrote `lower:` twice
    /// meant one of them, so say so instead of guessing.
    private static func rejectDuplicateKeys(_ map: Node.Mapping, in what: String, at: (Node?) -> SourceLocation) throws {
        var seen: [String: Node] = [:]
        for (keyNode, _) in map {
            guard let key = keyNode.scalar?.string else { continue }
            if let first = seen[key] {
                throw SamplingError(.syntax, "\(what): duplicate key '\(key)' (first at line \(first.mark?.line ?? 0))", at: at(keyNode))
            }
            seen[key] = keyNode
        }
    }

    private static func numberValue(_ node: Node, name: String, key: String, at: (Node?) -> SourceLocation) throws -> Double {
        guard let text = node.scalar?.string, let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            let shown = node.scalar?.string ?? "a \(node.isMapping ? "mapping" : "list")"
            throw SamplingError(.syntax, "parameter '\(name)': \(key) '\(shown)' is not a finite number", at: at(node))
        }
        return v
    }

    private static func yamlSyntaxError(_ error: YamlError, file: String) -> SamplingError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return SamplingError(.syntax, "YAML: \(problem)", at: SourceLocation(file: file, line: mark.line, column: mark.column))
        default:
            return SamplingError(.syntax, "YAML: \(error)", at: SourceLocation(file: file))
        }
    }
}

private extension Node {
    var isMapping: Bool { if case .mapping = self { return true } else { return false } }
}
