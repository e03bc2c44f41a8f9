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

    /// Parses SALib's problem text format: one parameter per line, `name lower upper`, then
    /// SALib's optional group and distribution columns, as `SALib.util.read_param_file` reads
    /// them.
    ///
    /// Fields are separated by whitespace, or by commas on a line that has one (SALib sniffs
    /// the delimiter; a comma-separated name may then hold spaces). A name containing spaces
    /// is written in double quotes in a whitespace-separated line; `#` starts a comment.
    ///
    /// After the numbers come the group (SALib's fourth column; `NA` or empty: none) and the
    /// distribution (the fifth; `unif` when absent), whose numbers mean what SALib's bounds
    /// mean for it:
    /// - `unif`: lower, upper;
    /// - `triang`: end, peak — SALib's file form, starting at 0 — or start, end, peak, the
    ///   peak a fraction of the width in [0, 1) (`1 3 0.5` peaks at 2);
    /// - `norm`: mean, sd; `lognorm`: mean and sd of ln X; `truncnorm`: lower, upper, mean, sd.
    ///
    /// One number more is the parameter's nominal value (SDSweep's addition, for one-at-a-time
    /// designs; the midpoint of a uniform range or the median of another distribution when
    /// absent).
    ///
    /// ```
    /// "Internal Knowledge Restructuring Coefficient" 10 30 20
    /// x2 0 1 groupA
    /// x3 1 0.25 NA norm
    /// Contact Rate,2,8,0.5,NA,triang
    /// ```
    public static func parse(salibText text: String, file: String) throws -> ParameterSpace {
        var parameters: [Parameter] = []
        for (lineIndex, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let tokens = try tokenize(String(rawLine), file: file, line: lineIndex + 1)
            if tokens.isEmpty { continue }
            parameters.append(try SALibLine(tokens: tokens, file: file, line: lineIndex + 1).parameter())
        }
        guard !parameters.isEmpty else {
            throw SamplingError(.syntax, "no parameters: expected lines of 'name lower upper'", at: SourceLocation(file: file))
        }
        return try ParameterSpace(parameters)
    }

    /// SALib's distribution names for the fifth column, with the numbers each takes.
    static let salibDistributions: [(name: String, numbers: [Int])] = [
        ("unif", [2]), ("triang", [2, 3]), ("norm", [2]), ("truncnorm", [4]), ("lognorm", [2]),
    ]

    /// One line of a SALib problem file, split into fields.
    private struct SALibLine {
        let tokens: [(text: String, column: Int)]
        let file: String
        let line: Int
        var name: String { tokens[0].text }

        func at(_ t: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: tokens[t].column) }

        func number(_ t: Int, _ what: String) throws -> Double {
            guard let v = Double(tokens[t].text), v.isFinite else {
                throw SamplingError(.syntax, "parameter '\(name)': \(what) '\(tokens[t].text)' is not a number", at: at(t))
            }
            return v
        }

        func parameter() throws -> Parameter {
            guard tokens.count >= 3 else {
                throw SamplingError(.syntax, "expected 'name lower upper', found \(tokens.count) field\(tokens.count == 1 ? "" : "s")", at: at(0))
            }
            var numbers = [try number(1, "lower bound"), try number(2, "upper bound")], numberTokens = [1, 2]
            var words: [Int] = []
            for t in tokens.indices.dropFirst(3) {
                if Double(tokens[t].text) != nil {
                    numbers.append(try number(t, "value"))
                    numberTokens.append(t)
                } else {
                    guard words.count < 2 else { throw SamplingError(.syntax, "parameter '\(name)': unexpected extra field '\(tokens[t].text)'", at: at(t)) }
                    words.append(t)
                }
            }
            let kind = try distributionName(words)
            let counts = salibDistributions.first { $0.name == kind }!.numbers
            let used = counts.last { $0 <= numbers.count } ?? counts[0]
            guard numbers.count >= used else {
                throw SamplingError(.syntax, "parameter '\(name)': a \(kind) distribution needs \(used) numbers, found \(numbers.count)", at: at(1))
            }
            guard numbers.count <= used + 1 else {
                let t = numberTokens[used + 1]
                throw SamplingError(.syntax, "parameter '\(name)': unexpected extra number '\(tokens[t].text)'", at: at(t))
            }
            let d = try distribution(kind, Array(numbers.prefix(used)))
            if let problem = d.problem { throw SamplingError(.invalidDistribution, "parameter '\(name)': \(problem)", at: at(1)) }
            let group = words.first.map { tokens[$0].text }.flatMap { $0.isEmpty || $0 == "NA" ? nil : $0 }
            let nominal: Double
            if numbers.count > used { nominal = numbers[used] } else if case .uniform(let a, let b) = d { nominal = (a + b) / 2 } else { nominal = d.quantile(0.5) }
            return Parameter(name: name, distribution: d, nominal: nominal, group: group, location: at(0))
        }

        /// The fifth column's distribution, `unif` when absent.
        /// - Throws: for an unknown name (with the closest known one), or a distribution
        ///   written in the group column.
        func distributionName(_ words: [Int]) throws -> String {
            let known = salibDistributions.map(\.name)
            if words.count == 1, known.contains(tokens[words[0]].text.lowercased()) {
                let written = tokens[words[0]].text
                throw SamplingError(.syntax, "parameter '\(name)': '\(written)' stands in the group column (the fourth); a distribution goes in the fifth, after the group or NA: '\(name) \(tokens[1].text) \(tokens[2].text) NA \(written)'", at: at(words[0]))
            }
            guard words.count == 2 else { return "unif" }
            let written = tokens[words[1]].text
            guard known.contains(written.lowercased()) else {
                let hint = Suggestion.closest(to: written.lowercased(), among: known + ["uniform", "triangular", "normal", "lognormal"])
                    .map { " (did you mean '\(salibName($0))'?)" } ?? ""
                throw SamplingError(.unknownDistribution, "parameter '\(name)': unknown distribution '\(written)'\(hint); SALib's are \(known.joined(separator: ", "))", at: at(words[1]))
            }
            return written.lowercased()
        }

        /// SDSweep's spelling of a distribution mapped to SALib's, for a did-you-mean.
        func salibName(_ name: String) -> String {
            ["uniform": "unif", "triangular": "triang", "normal": "norm", "lognormal": "lognorm"][name] ?? name
        }

        /// SALib's bounds for `kind` as SDSweep's distribution.
        func distribution(_ kind: String, _ b: [Double]) throws -> Distribution {
            switch kind {
            case "triang":
                // SALib: scipy's triang(c, loc, scale); the file's two numbers start at 0.
                let (start, end, peak) = b.count == 2 ? (0, b[0], b[1]) : (b[0], b[1], b[2])
                guard peak >= 0, peak < 1 else {
                    throw SamplingError(.invalidDistribution, "parameter '\(name)': a triang peak is a fraction of the width in [0, 1), not \(CSVFormat.number(peak)) (SALib's bounds: end, peak; or start, end, peak)", at: at(b.count))
                }
                return .triangular(lower: start, mode: start + peak * (end - start), upper: end)
            case "norm": return .normal(mean: b[0], sd: b[1])
            case "lognorm": return .lognormal(mu: b[0], sigma: b[1])
            case "truncnorm": return .truncatedNormal(mean: b[2], sd: b[3], lower: b[0], upper: b[1])
            default: return .uniform(lower: b[0], upper: b[1])
            }
        }
    }

    /// Splits a line into fields, honouring double quotes and dropping a `#` comment: on
    /// commas when the line has one outside quotes (each field trimmed; an empty field is
    /// kept), else on whitespace. Columns are 1-based and counted in characters.
    static func tokenize(_ line: String, file: String, line number: Int) throws -> [(text: String, column: Int)] {
        let commas = hasUnquotedComma(line)
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
            if commas ? ch == "," : ch.isWhitespace {
                if inToken || commas { tokens.append((current.trimmingCharacters(in: .whitespaces), inToken ? start : column)) }
                current = ""; inToken = false
                continue
            }
            if commas && ch.isWhitespace && !inToken { continue }
            if !inToken { inToken = true; start = column }
            if ch == "\"" { inQuotes = true } else { current.append(ch) }
        }
        if inQuotes {
            throw SamplingError(.syntax, "unterminated quoted name", at: SourceLocation(file: file, line: number, column: start))
        }
        if inToken { tokens.append((current.trimmingCharacters(in: .whitespaces), start)) }
        // A trailing comma leaves no field.
        while commas, let last = tokens.last, last.text.isEmpty { tokens.removeLast() }
        return tokens
    }

    /// True when `line` has a comma outside double quotes and before any `#` comment.
    static func hasUnquotedComma(_ line: String) -> Bool {
        var inQuotes = false
        for ch in line {
            if ch == "\"" { inQuotes.toggle() } else if !inQuotes && ch == "#" { return false } else if !inQuotes && ch == "," { return true }
        }
        return false
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
        let source = try YAMLSource(composing: text, file: file) { failure in
            switch failure {
            case .nestedTooDeep(let line, let column):
                SamplingError(.syntax, "YAML nested deeper than \(YAMLNesting.maxDepth) levels", at: SourceLocation(file: file, line: line, column: column))
            case .yaml(let error):
                yamlSyntaxError(error, file: file)
            case .empty:
                SamplingError(.syntax, "a study must be a mapping with a 'parameters:' section", at: SourceLocation(file: file))
            case .notMapping(let root):
                SamplingError(.syntax, "a study must be a mapping with a 'parameters:' section", at: SourceLocation(file: file, line: root.mark?.line, column: root.mark?.column))
            }
        }
        return try parse(study: source)
    }

    /// The `parameters:` section of a study already composed (a study file is read once, by
    /// `Study`, and its parameters from the same nodes).
    /// - Throws: `SamplingError` with `file:line:column` of the offending node.
    public static func parse(study source: YAMLSource) throws -> ParameterSpace {
        guard case .mapping(let top) = source.root else {
            throw SamplingError(.syntax, "a study must be a mapping with a 'parameters:' section", at: source.location(source.root))
        }
        try rejectDuplicateKeys(top, in: "the study", source: source)
        guard let section = top["parameters"] else {
            throw SamplingError(.syntax, "no 'parameters:' section", at: source.location(source.root))
        }
        guard case .sequence(let entries) = section, !entries.isEmpty else {
            throw SamplingError(.syntax, "'parameters:' must be a non-empty list of parameters", at: source.location(section))
        }
        return try ParameterSpace(entries.map { try parseEntry($0, source: source) })
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

    private static func parseEntry(_ entry: Node, source: YAMLSource) throws -> Parameter {
        guard case .mapping(let map) = entry else {
            throw SamplingError(.syntax, "a parameter must be a mapping with at least 'name:'", at: source.location(entry))
        }
        guard let nameNode = map["name"], let name = nameNode.scalar?.string, !name.isEmpty else {
            throw SamplingError(.syntax, "a parameter needs a 'name:'", at: source.location(map["name"] ?? entry))
        }
        try rejectDuplicateKeys(map, in: "parameter '\(name)'", source: source)
        let reader = EntryReader(map: map, name: name, nameNode: nameNode, kind: try distributionKind(map, name: name, source: source), source: source)
        let nominal = try reader.number("nominal", required: false)
        let group = map["group"].map { $0.scalar?.string ?? "" }
        if let g = map["group"], group?.isEmpty ?? true {
            throw SamplingError(.syntax, "parameter '\(name)': 'group' must be a name", at: source.location(g))
        }
        let range = try reader.range()
        if case .distribution(let d) = range, let issue = d.issue {
            throw SamplingError(.invalidDistribution, "parameter '\(name)': \(issue.message)", at: source.location(map[issue.key] ?? nameNode))
        }
        return Parameter(name: name, range: range, nominal: nominal, group: group, location: reader.location)
    }

    /// The entry's distribution (`uniform` when none is named), once every key of the entry
    /// is known to belong to it.
    private static func distributionKind(_ map: Node.Mapping, name: String, source: YAMLSource) throws -> String {
        let kind: String
        if let dn = map["distribution"] {
            let written = dn.scalar?.string ?? ""
            guard let k = distributionAliases[written.lowercased()] else {
                throw SamplingError(.unknownDistribution,
                    "parameter '\(name)': unknown distribution '\(written)' (expected uniform, triangular, normal, truncnormal, lognormal or discrete)",
                    at: source.location(dn))
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
                    ? "'\(key)' does not apply to a \(kind) distribution"
                    : "unknown key '\(key)'\(Suggestion.aside(for: key, among: allowed.sorted()))"
                throw SamplingError(.syntax, "parameter '\(name)': \(hint)", at: source.location(keyNode))
            }
        }
        return kind
    }

    /// One `parameters:` entry whose keys are known to fit its distribution: reads its numbers
    /// and builds its range.
    private struct EntryReader {
        let map: Node.Mapping
        let name: String
        let nameNode: Node
        let kind: String
        let source: YAMLSource
        var location: SourceLocation { source.location(nameNode) }

        func number(_ key: String, required: Bool = true) throws -> Double? {
            guard let node = map[key] else {
                if required {
                    throw SamplingError(.syntax, "parameter '\(name)': a \(kind) distribution needs '\(key):'", at: location)
                }
                return nil
            }
            return try value(node, key: key)
        }

        func numbers(_ key: String) throws -> [Double]? {
            guard let node = map[key] else { return nil }
            guard case .sequence(let seq) = node, !seq.isEmpty else {
                throw SamplingError(.syntax, "parameter '\(name)': '\(key)' must be a non-empty list of numbers", at: source.location(node))
            }
            return try seq.map { try value($0, key: key) }
        }

        func value(_ node: Node, key: String) throws -> Double {
            guard let text = node.scalar?.string, let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                let shown = node.scalar?.string ?? "a \(node.isMapping ? "mapping" : "list")"
                throw SamplingError(.syntax, "parameter '\(name)': \(key) '\(shown)' is not a finite number", at: source.location(node))
            }
            return v
        }

        func range() throws -> Parameter.Range {
            switch kind {
            case "uniform":
                guard let relNode = map["relative"] else {
                    return .distribution(.uniform(lower: try number("lower")!, upper: try number("upper")!))
                }
                if map["lower"] != nil || map["upper"] != nil {
                    throw SamplingError(.syntax, "parameter '\(name)': give either 'relative:' or 'lower:'/'upper:', not both", at: source.location(relNode))
                }
                // `50%` is 0.5; a bare 50 is refused rather than read as nominal·(1 ± 50).
                let text = relNode.scalar?.string.trimmingCharacters(in: .whitespaces) ?? ""
                let percent = text.hasSuffix("%") ? Double(text.dropLast().trimmingCharacters(in: .whitespaces)) : nil
                let fraction = try percent.map { $0 / 100 } ?? value(relNode, key: "relative")
                guard fraction > 0, fraction < 1 else {
                    let hint = fraction > 1 && percent == nil ? " (for ±\(text)% write \(CSVFormat.number(fraction / 100)) or \(text)%)" : ""
                    throw SamplingError(.invalidDistribution, "parameter '\(name)': relative must be a fraction in (0, 1), e.g. 0.5 for nominal·(1 ± 50%), not \(text)\(hint)",
                                        at: source.location(relNode))
                }
                return .relative(fraction)
            case "triangular":
                return .distribution(.triangular(lower: try number("lower")!, mode: try number("mode")!, upper: try number("upper")!))
            case "normal":
                return .distribution(.normal(mean: try number("mean")!, sd: try number("sd")!))
            case "truncnormal":
                return .distribution(.truncatedNormal(
                    mean: try number("mean")!, sd: try number("sd")!, lower: try number("lower")!, upper: try number("upper")!))
            case "lognormal":
                return .distribution(.lognormal(mu: try number("mu")!, sigma: try number("sigma")!))
            default: // discrete
                guard let values = try numbers("values") else {
                    throw SamplingError(.syntax, "parameter '\(name)': a discrete distribution needs 'values:'", at: location)
                }
                let weights = try numbers("weights") ?? [Double](repeating: 1, count: values.count)
                // Sorted ascending so the inverse CDF is monotone and stratified designs stay
                // stratified on the values.
                let order = values.indices.sorted { values[$0] < values[$1] }
                return .distribution(.discrete(values: order.map { values[$0] },
                                               weights: weights.count == values.count ? order.map { weights[$0] } : weights))
            }
        }
    }

    /// YAML lets a parser keep either of two equal keys; a modeller who wrote `lower:` twice
    /// meant one of them, so say so instead of guessing.
    private static func rejectDuplicateKeys(_ map: Node.Mapping, in what: String, source: YAMLSource) throws {
        if case .repeated(let key, let first, let again) = YAMLSource.firstBadKey(in: map, skippingComplexKeys: true) {
            throw SamplingError(.syntax, "\(what): duplicate key '\(key)' (first at line \(first.mark?.line ?? 0))", at: source.location(again))
        }
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
