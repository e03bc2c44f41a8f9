import SweepDiagnostics
import SweepNumerics
import Yams

extension Model {
    /// Reads a model file in SDSweep's YAML format.
    ///
    /// ```yaml
    /// name: Bass diffusion
    /// time: {initial: 0, final: 20, step: 0.0625, saveper: 0.25, method: euler, unit: Year}
    /// constants:
    ///   Market Size: 1000000
    /// lookups:
    ///   Effect Table: {points: [[0, 0], [1, 1]]}
    /// auxiliaries:
    ///   Adoption Fraction: Adopters / Market Size
    /// flows:
    ///   Adoption Rate: {equation: "Potential Adopters * 0.03", units: People/Year}
    /// stocks:
    ///   Adopters: {initial: 0, inflows: [Adoption Rate]}
    /// ```
    /// `saveper: step` (or no `saveper`) saves every step, as Vensim's `SAVEPER = TIME STEP`
    /// does, and stays linked to the step: `--dt` moves it too.
    ///
    /// A constant is any variable whose equation is a number; a stock has `initial` and either
    /// `inflows`/`outflows` or a `net` expression (or is written `INTEG(net, initial)`).
    ///
    /// Subscripts (Vensim's arrays) are declared under `dimensions:` and written after a name;
    /// the model comes back expanded into one scalar per element (`Model.expandingSubscripts`):
    /// ```yaml
    /// dimensions:
    ///   Cluster: c1..c30                        # a numbered range, or a list [a, b, c]
    ///   Partner: {same as: Cluster}             # an equivalent dimension (Vensim <->)
    ///   Early: {subrange of: Cluster, elements: [c1, c2, c3]}
    /// constants:
    ///   Peak Year[Cluster]: [8, 8.14, …]        # one value per element; a number broadcasts
    ///   Weight[Cluster, Partner]: {file: weights.csv}   # or a list of rows
    /// auxiliaries:
    ///   Inflow[Cluster]: SUM(Weight[Cluster, Partner!] * Capability[Partner!])
    ///   Bonus[c1]: 1                            # element by element
    ///   Bonus[c2]: 2
    /// stocks:
    ///   Capability[Cluster]: {initial: 0, inflows: [Inflow]}   # a bare flow takes the stock's subscripts
    /// ```
    /// Inside YAML's flow collections (`{…}`, `[…]`) a name with brackets must be quoted
    /// (`outflows: ["Loss[Cluster]"]`); block style needs no quotes.
    ///
    /// A constant's CSV file (relative to the model file) holds numbers only, one row per
    /// element of the first dimension and one column per element of the second, or the same
    /// with a header row naming the second dimension's elements and a first column naming the
    /// first's (a non-number in the first cell marks that form). A one-dimensional constant is
    /// one row or one column.
    public static func parseYAML(_ text: String, file: String) throws -> Model {
        let source = try YAMLSource(text: text, file: file)
        return try YAMLModelReader(source: source).read().expandingSubscripts()
    }
}

/// Turns a composed YAML document into a `Model`, keeping each variable's location.
struct YAMLModelReader {
    let source: YAMLSource
    static let sections = ["name", "time", "dimensions", "constants", "lookups", "auxiliaries", "flows", "stocks", "description"]

    func read() throws -> Model {
        var name = "model"
        var time: TimeSpec?
        var variables: [Variable] = []
        let pairs = try source.pairs(source.root, what: "the model file")
        // Dimensions first: constant tables need their sizes wherever the section is written.
        let dimensions = try pairs.first { $0.key.lowercased() == "dimensions" }.map { try readDimensions($0.value) } ?? []
        let space = try SubscriptSpace(dimensions)
        for (key, keyNode, value) in pairs {
            switch key.lowercased() {
            case "name": name = try source.string(value, what: "name")
            case "description", "dimensions": break
            case "time": time = try readTime(value)
            case "constants": variables += try readSection(value, section: "constants") { n, s, node in try constants(n, s, node, space: space) }
            case "lookups": variables += try readSection(value, section: "lookups") { n, s, node in [(s, try lookup(n, node))] }
            case "auxiliaries": variables += try readSection(value, section: "auxiliaries") { n, s, node in [(s, try auxiliary(n, node, flow: false))] }
            case "flows": variables += try readSection(value, section: "flows") { n, s, node in [(s, try auxiliary(n, node, flow: true))] }
            case "stocks": variables += try readSection(value, section: "stocks") { n, s, node in [(s, try stock(n, node, subscripts: s))] }
            default:
                let hint = Suggestion.aside(for: key, among: YAMLModelReader.sections)
                throw ModelError(.unknownName, "unknown section '\(key)'\(hint); a model has \(YAMLModelReader.sections.joined(separator: ", "))", at: source.location(keyNode))
            }
        }
        guard let time else {
            throw ModelError(.missingValue, "the model has no 'time' section (initial, final, step)", at: SourceLocation(file: source.file, line: 1))
        }
        var seen: [CanonicalName: Variable] = [:]
        // Element-by-element definitions share a name; the expansion checks they do not overlap.
        for v in variables {
            if v.subscripts.isEmpty, let first = seen[v.id], first.subscripts.isEmpty {
                throw ModelError(.duplicateName, "duplicate variable '\(v.name)' (first defined at \(first.location))", at: v.location)
            }
            if Builtin.named(v.name) != nil {
                throw ModelError(.invalidValue, "'\(v.name)' is the name of a builtin and cannot name a variable", at: v.location)
            }
            seen[v.id] = v
        }
        return Model(name: name, time: time, variables: variables, file: source.file, dimensions: dimensions)
    }

    /// The variables of one section. `make` gets the name and left-hand subscripts of a key
    /// (`Weight[Cluster, Partner]`) and returns one kind per definition it makes (a constant
    /// table makes one per element).
    func readSection(_ node: Node, section: String, _ make: (String, [String], Node) throws -> [([String], Variable.Kind)]) throws -> [Variable] {
        if case .scalar(let s) = node, s.string.isEmpty { return [] }
        return try source.pairs(node, what: "'\(section)'").flatMap { key, keyNode, value in
            let (name, subscripts) = try leftHandSide(key, keyNode)
            let kinds = try make(name, subscripts, value)
            var units: String?, doc: String?
            if case .mapping = value {
                for (k, _, v) in try source.pairs(value, what: "'\(key)'") {
                    if k == "units" { units = try source.string(v, what: "units") }
                    if k == "doc" { doc = try source.string(v, what: "doc") }
                }
            }
            return kinds.map { subscripts, kind in
                var v = Variable(name: name, kind: kind, units: units, documentation: doc, location: source.location(keyNode))
                v.subscripts = subscripts
                return v
            }
        }
    }

    func readTime(_ node: Node) throws -> TimeSpec {
        var values: [String: Double] = [:]
        var method = IntegrationMethod.euler
        var unit = "Time"
        var saveEveryStep = false
        for (key, keyNode, value) in try source.pairs(node, what: "'time'") {
            switch key {
            case "saveper" where value.scalar?.string == "step": saveEveryStep = true
            case "initial", "final", "step", "saveper": values[key] = try source.number(value, what: "time.\(key)")
            case "method":
                let text = try source.string(value, what: "time.method")
                guard let m = IntegrationMethod(rawValue: text.lowercased()) else {
                    throw ModelError(.unknownName, "unknown integration method '\(text)'; use euler, rk2 or rk4", at: source.location(value))
                }
                method = m
            case "unit": unit = try source.string(value, what: "time.unit")
            default:
                throw ModelError(.unknownName, "unknown time setting '\(key)'; use initial, final, step, saveper, method, unit", at: source.location(keyNode))
            }
        }
        for required in ["initial", "final", "step"] where values[required] == nil {
            throw ModelError(.missingValue, "time.\(required) is missing", at: source.location(node))
        }
        let spec = TimeSpec(initial: values["initial"]!, final: values["final"]!, step: values["step"]!,
                            saveper: saveEveryStep ? nil : values["saveper"], method: method, unit: unit)
        if let problem = spec.problem() { throw ModelError(.invalidValue, problem, at: source.location(node)) }
        return spec
    }

    /// The equation's node: the value itself, or its `equation` key.
    func field(_ node: Node, _ key: String, of name: String, allowed: Set<String>) throws -> Node? {
        guard case .mapping = node else { return nil }
        var found: Node?
        for (k, kn, v) in try source.pairs(node, what: "'\(name)'") {
            guard allowed.contains(k) || k == "units" || k == "doc" else {
                throw ModelError(.unknownName, "unknown key '\(k)' for '\(name)'; expected \(allowed.sorted().joined(separator: ", ")), units or doc", at: source.location(kn))
            }
            if k == key { found = v }
        }
        return found
    }

    func constant(_ name: String, _ node: Node) throws -> Variable.Kind {
        let valueNode = try field(node, "value", of: name, allowed: ["value"]) ?? node
        return .constant(try source.number(valueNode, what: "constant '\(name)'"))
    }

    /// A constant's definitions: one for a scalar or a number broadcast over subscripts, one
    /// per element for a list, a list of rows or a CSV file.
    func constants(_ name: String, _ subscripts: [String], _ node: Node, space: SubscriptSpace) throws -> [([String], Variable.Kind)] {
        if subscripts.isEmpty { return [([], try constant(name, node))] }
        let lhs = SubscriptedName(base: name, subscripts: subscripts.map { .init(name: $0) }).text
        var valueNode = node
        if case .mapping = node {
            let allowed: Set<String> = ["value", "file"]
            let file = try field(node, "file", of: lhs, allowed: allowed)
            let value = try field(node, "value", of: lhs, allowed: allowed)
            if let file {
                guard value == nil else { throw ModelError(.invalidValue, "'\(lhs)': give either 'value' or 'file', not both", at: source.location(node)) }
                return try tableDefinitions(try csvTable(file, for: lhs, subscripts: subscripts, space: space), lhs: lhs, name: name,
                                            subscripts: subscripts, space: space, at: file)
            }
            guard let value else { throw ModelError(.missingValue, "constant '\(lhs)' needs 'value' or 'file'", at: source.location(node)) }
            valueNode = value
        }
        guard case .sequence(let items) = valueNode else {
            return [(subscripts, .constant(try source.number(valueNode, what: "constant '\(lhs)'")))]
        }
        var rows: [[Double]] = []
        if items.allSatisfy({ if case .sequence = $0 { true } else { false } }) {
            for item in items {
                guard case .sequence(let row) = item else { continue }
                rows.append(try row.map { try source.number($0, what: "a value of '\(lhs)'") })
            }
        } else {
            rows = [try items.map { try source.number($0, what: "a value of '\(lhs)'") }]
        }
        return try tableDefinitions(ConstantTable(rows: rows), lhs: lhs, name: name, subscripts: subscripts, space: space, at: valueNode)
    }

    func tableDefinitions(_ table: ConstantTable, lhs: String, name: String, subscripts: [String], space: SubscriptSpace,
                          at node: Node) throws -> [([String], Variable.Kind)] {
        do {
            return try table.definitions(of: name, subscripts: subscripts, space: space).map { ($0.0, .constant($0.1)) }
        } catch {
            throw ModelError(.invalidValue, error.message, at: source.location(node))
        }
    }

    func lookup(_ name: String, _ node: Node) throws -> Variable.Kind {
        if case .scalar(let s) = node {
            return .lookup(try parseLookupText(s.string, node: node, name: name))
        }
        guard let points = try field(node, "points", of: name, allowed: ["points"]) else {
            throw ModelError(.missingValue, "lookup '\(name)' needs 'points: [[x, y], …]'", at: source.location(node))
        }
        guard case .sequence(let seq) = points else {
            throw ModelError(.invalidValue, "lookup '\(name)': points must be a list of [x, y] pairs", at: source.location(points))
        }
        var xs: [Double] = [], ys: [Double] = []
        for p in seq {
            guard case .sequence(let pair) = p, pair.count == 2 else {
                throw ModelError(.invalidValue, "lookup '\(name)': each point must be [x, y]", at: source.location(p))
            }
            xs.append(try source.number(pair[0], what: "lookup '\(name)' x"))
            ys.append(try source.number(pair[1], what: "lookup '\(name)' y"))
        }
        do {
            return .lookup(try Lookup(xs: xs, ys: ys))
        } catch {
            throw ModelError(.invalidValue, "lookup '\(name)': \(error.message)", at: source.location(points))
        }
    }

    func parseLookupText(_ text: String, node: Node, name: String) throws -> Lookup {
        do {
            return try ExpressionParser.parseLookup(text)
        } catch {
            throw ModelError(.invalidValue, "lookup '\(name)': \(error.message)", at: location(in: node, offset: error.offset))
        }
    }

    func auxiliary(_ name: String, _ node: Node, flow: Bool) throws -> Variable.Kind {
        let eqNode = try field(node, "equation", of: name, allowed: ["equation"]) ?? node
        let e = try equation(eqNode, of: name)
        if case .number(let v) = e { return .constant(v) }
        if case .call(.integ, let args) = e { return .stock(initial: args[1], net: args[0]) }
        return flow ? .flow(e) : .auxiliary(e)
    }

    func stock(_ name: String, _ node: Node, subscripts: [String] = []) throws -> Variable.Kind {
        if case .scalar = node {
            let e = try equation(node, of: name)
            guard case .call(.integ, let args) = e else {
                throw ModelError(.invalidValue, "stock '\(name)' must be INTEG(net flow, initial value) or a mapping with initial and inflows/outflows/net", at: source.location(node))
            }
            return .stock(initial: args[1], net: args[0])
        }
        let allowed: Set<String> = ["initial", "inflows", "outflows", "net"]
        guard let initialNode = try field(node, "initial", of: name, allowed: allowed) else {
            throw ModelError(.missingValue, "stock '\(name)' needs an 'initial' value", at: source.location(node))
        }
        let initial = try equation(initialNode, of: name)
        let inflows = try names(try field(node, "inflows", of: name, allowed: allowed), of: name)
        let outflows = try names(try field(node, "outflows", of: name, allowed: allowed), of: name)
        let netNode = try field(node, "net", of: name, allowed: allowed)
        if netNode != nil && !(inflows.isEmpty && outflows.isEmpty) {
            throw ModelError(.invalidValue, "stock '\(name)': give either 'net' or 'inflows'/'outflows', not both", at: source.location(node))
        }
        if let netNode { return .stock(initial: initial, net: try equation(netNode, of: name)) }
        // Σ inflows − Σ outflows, kept as a plain expression; the compiler recovers the
        // stock–flow incidence from its shape.
        var net: Expression?
        // A bare flow name on a subscripted stock means the flow with the stock's subscripts.
        func flow(_ n: String) -> String {
            subscripts.isEmpty || n.contains("[") ? n : SubscriptedName(base: n, subscripts: subscripts.map { .init(name: $0) }).text
        }
        for (n, off) in inflows { net = net.map { .binary(.add, $0, .variable(flow(n), offset: off)) } ?? .variable(flow(n), offset: off) }
        for (n, off) in outflows {
            net = .binary(.subtract, net ?? .number(0), .variable(flow(n), offset: off))
        }
        return .stock(initial: initial, net: net ?? .number(0))
    }

    func names(_ node: Node?, of name: String) throws -> [(String, Int)] {
        guard let node else { return [] }
        if case .scalar(let s) = node { return [(s.string, 0)] }
        guard case .sequence(let seq) = node else {
            throw ModelError(.invalidValue, "stock '\(name)': flows must be a list of names", at: source.location(node))
        }
        return try seq.map { (try source.string($0, what: "a flow name"), 0) }
    }

    func equation(_ node: Node, of name: String) throws -> Expression {
        let text: String
        switch node {
        case .scalar(let s): text = s.string
        default: throw ModelError(.invalidValue, "'\(name)' must have an equation (text or a number), got \(source.describe(node))", at: source.location(node))
        }
        if text.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ModelError(.invalidValue, "'\(name)' has an empty equation", at: source.location(node))
        }
        do {
            return try ExpressionParser.parse(text)
        } catch {
            throw ModelError(.invalidValue, "in '\(name)': \(error.message)", at: location(in: node, offset: error.offset))
        }
    }

    /// The location of a character offset inside a scalar: exact for plain one-line scalars,
    /// the scalar's start otherwise.
    func location(in node: Node, offset: Int) -> SourceLocation {
        var loc = source.location(node)
        if case .scalar(let s) = node, s.style == .plain || s.style == .any, !s.string.contains("\n"), let c = loc.column {
            loc.column = c + offset
        } else if case .scalar(let s) = node, (s.style == .doubleQuoted || s.style == .singleQuoted), !s.string.contains("\n"), let c = loc.column {
            loc.column = c + 1 + offset
        }
        return loc
    }
}
