import Foundation
import SweepDiagnostics
import SweepNumerics

extension Model {
    /// Reads a Vensim `.mdl` model into the same IR as the YAML front end.
    ///
    /// Each record `name = expression ~ units ~ comment |` becomes one variable located at the
    /// record's first line: a number is a constant, `INTEG(rate, initial)` a stock,
    /// `name( [(x,y)-(x,y)], (x1,y1), … )` or `name(x1, …, y1, …)` a lookup, anything else an
    /// auxiliary (a flow when a stock's net flow adds or subtracts it). The control records
    /// INITIAL TIME, FINAL TIME, TIME STEP and SAVEPER may be expressions of each other and of
    /// constants (`SAVEPER = TIME STEP`); they are evaluated into the `TimeSpec`. Names follow
    /// Vensim's equivalence (`CanonicalName`).
    ///
    /// Subscripts follow Vensim (DSS Reference Manual, "Subscripts"): range records
    /// `Dim: a, b, c`, numbered ranges `(a1-a30)`, subranges (a range whose elements belong to
    /// another, or listed by another range's name), equivalences `Partner <-> Cluster` (a primed
    /// copy `Dim' <-> Dim` is one) and mappings `Dim: a, b -> Other, (Third: t2, SubT)`;
    /// equations over dimensions or single elements, several equations per variable,
    /// `:EXCEPT: [e1, e2], …`, constant tables `1, 2; 3, 4;` and `TABBED ARRAY(…)`, subscripted
    /// lookups, SUM/PROD/VMIN/VMAX over `Dim!`, a dimension or element used as a number (its
    /// 1-based position, `IF THEN ELSE(DimA = DimB, 1, 0)`) and `ELMCOUNT(Dim)`, replaced by the
    /// count when the model loads. The model comes back expanded into one scalar per element,
    /// named `X[e1,e2]` (`Model.expandingSubscripts`).
    ///
    /// Macros (`:MACRO:` … `:END OF MACRO:`) are expanded at every call into fresh variables of
    /// the model (`MacroExpansion`), so what comes back has no macros left. Reality checks
    /// (`:THE CONDITION:`, `:TEST INPUT:`) come back in `Model.realityChecks`, expanded per
    /// element; the model runs without them, as an ordinary Vensim simulation does. Lookup
    /// points written out of order of x are sorted, as Vensim does. Control values that depend on model variables or `Time` are taken
    /// at the initial time: SDSweep fixes one time grid per model, where Vensim and PySD
    /// re-evaluate TIME STEP, SAVEPER and FINAL TIME during the run.
    ///
    /// Data come from files as `VensimModelReader`'s data extension describes: the GET
    /// functions read `.xlsx`, `.xls`, `.csv` and `.tab` files beside the model; data variables
    /// without an equation read the series of their name from `dataFiles` (another model's
    /// `.tab` or `.csv` output).
    ///
    /// What this front end does not model is refused with an `unsupported: …` message at the
    /// record's line, never read as something else: `A FUNCTION OF` placeholders and Vensim
    /// functions SDSweep does not implement.
    ///
    /// ```swift
    /// let model = try Model.parseVensim(try String(contentsOfFile: "teacup.mdl"), file: "teacup.mdl")
    /// ```
    /// - Throws: `ModelError` with the file and line of the offending record.
    public static func parseVensim(_ text: String, file: String, dataFiles: [String] = []) throws -> Model {
        try VensimModelReader(file: file, dataFiles: dataFiles).read(try VensimRecord.split(text, file: file))
    }
}

/// Turns `.mdl` records into a `Model`.
struct VensimModelReader {
    let file: String
    /// The data files GET calls and data variables read, each opened once.
    let data: DataFiles

    init(file: String, dataFiles: [String] = []) {
        self.file = file
        data = DataFiles(modelFile: file, external: dataFiles)
    }

    /// The macros of the file, by canonical name; calls of them parse as macro calls.
    var macroNames: Set<CanonicalName> = []
    let state = VensimReadState()

    static let controlNames: [String: String] = [
        "initial time": "INITIAL TIME", "final time": "FINAL TIME", "time step": "TIME STEP", "saveper": "SAVEPER",
    ]

    /// Vensim functions SDSweep does not implement (Vensim DSS Reference Manual, "Functions"),
    /// by canonical name: calling one is an `unsupported` error rather than an unknown lookup.
    static let unsupportedFunctions: Set<String> = [
        "a function of", "random uniform", "random normal", "random exponential", "random poisson", "random pink noise",
        "random lognormal", "random beta", "random binomial", "random gamma", "random triangular", "random weibull",
        "random negative binomial", "random 0 1",
        "get xls data", "get xls constants", "get xls lookups", "get direct data", "get direct constants",
        "get direct lookups", "get 123 data",
        "get data mean", "get data max", "get data min", "get data first time", "get data last time",
        "delay conveyor", "delay profile", "queue fifo", "queue lifo",
        "find zero", "elmcount", "tabbed array",
        "time base", "psccurve", "shift if true",
        "ramp from to", "delay", "delay batch", "delay material", "smooth delay", "dynamic",
        "find market price", "demand at price", "supply at price", "depreciate by schedule",
    ]

    /// Why some of `unsupportedFunctions` are refused, where Vensim documents them.
    static let unsupportedReasons: [String: String] = [
        "shift if true": "it shifts, in place, the elements of the level passed as its first argument, and a level here changes only through its integrated flows",
        "delay conveyor": "the Vensim Help does not pin down how leakage is taken from the material in transit or how a changing conveyance time moves it, and no implementation was found to check against",
        "delay material": "its semantics are not documented in the Vensim Help pages at hand",
        "find market price": "the supply and demand curves of Vensim's allocation functions are not built for it yet",
        "demand at price": "the demand curves of Vensim's allocation functions are not built for it yet",
        "supply at price": "the supply curves of Vensim's allocation functions are not built for it yet",
        "depreciate by schedule": "not built yet (DEPRECIATE STRAIGHTLINE is)",
    ]

    func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    func read(_ records: [VensimRecord]) throws -> Model {
        let (macros, modelRecords) = try VensimMacro.extract(records, file: file)
        var reader = self
        reader.macroNames = Set(macros.keys)
        return try reader.read(modelRecords, macros: macros)
    }

    private func read(_ records: [VensimRecord], macros: [CanonicalName: VensimMacro]) throws -> Model {
        var variables: [Variable] = []
        var exceptions: [Int: [[String]]] = [:]
        var control: [String: (Expression, Int)] = [:]
        var timeUnit: String?
        var seen: [CanonicalName: Int] = [:]
        let (dimensions, equations) = try readDimensions(records)
        let space = try SubscriptSpace(dimensions)
        let templates = try macroTemplates(macros, space: space)
        for record in equations {
          for (name, subscripts, kind, line) in try parse(record, space: space) {
            let id = CanonicalName(name)
            if let key = VensimModelReader.controlNames[id.id] {
                let e: Expression
                switch kind {
                case .constant(let v): e = .number(v)
                case .auxiliary(let x): e = x
                default: throw ModelError(.invalidValue, "\(key) must be a number or an expression of the other control values", at: location(line))
                }
                if control[key] != nil { throw ModelError(.duplicateName, "\(key) is defined twice", at: location(line)) }
                control[key] = (e, line)
                if key == "TIME STEP" || timeUnit == nil { timeUnit = VensimModelReader.unitsText(record.units) }
                continue
            }
            // Element-by-element equations share a name; the expansion checks they do not overlap.
            if subscripts.isEmpty {
                if let first = seen[id] {
                    throw ModelError(.duplicateName, "duplicate variable '\(name)' (first defined at line \(first))", at: location(line))
                }
                seen[id] = line
            }
            if Builtin.named(name) != nil {
                throw ModelError(.invalidValue, "'\(name)' is the name of a Vensim builtin and cannot name a variable", at: location(line))
            }
            let units = VensimModelReader.unitsText(record.units)
            let doc = VensimModelReader.commentText(record.comment)
            var v = Variable(name: name, kind: kind, units: units, documentation: doc.isEmpty ? nil : doc, location: location(line))
            v.subscripts = subscripts
            if let x = state.exceptions[.init(name: id, line: line)] { exceptions[variables.count] = x }
            variables.append(v)
          }
        }
        var macroExpansion = MacroExpansion(state: state, macros: macros, templates: templates, taken: Set(variables.map(\.id)))
        try macroExpansion.run(&variables, exceptions: &exceptions)
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let checks: [RealityCheck]
        (variables, checks) = try expandingWithRealityChecks(variables, exceptions: exceptions, name: name, dimensions: dimensions)
        try checkCalls(variables)
        variables = VensimModelReader.markingFlows(variables)
        let time = try timeSpec(control, constants: variables, unit: timeUnit)
        return Model(name: name, time: time, variables: variables, file: file, dimensions: dimensions, realityChecks: checks)
    }

    /// A record's comment as documentation: `\` continuations joined, indentation and the
    /// `:SUPPLEMENTARY` flag dropped.
    static func commentText(_ raw: String) -> String {
        var out = ""
        for line in raw.replacingOccurrences(of: ":SUPPLEMENTARY", with: "").split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if out.hasSuffix("\\") {
                out.removeLast()
                out += (out.hasSuffix(" ") ? "" : " ") + t
            } else {
                out += (out.isEmpty ? "" : "\n") + t
            }
        }
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The units text without Vensim's `[min,max]` range, or nil when empty.
    static func unitsText(_ raw: String) -> String? {
        var u = raw
        if let bracket = u.firstIndex(of: "[") { u = String(u[..<bracket]) }
        u = u.trimmingCharacters(in: .whitespacesAndNewlines)
        return u.isEmpty ? nil : u
    }

    // MARK: Records

    /// One record as its definitions (name, left-hand subscripts, kind, line): none for group
    /// headers and blank records, one per element for a constant table.
    func parse(_ record: VensimRecord, space: SubscriptSpace) throws -> [(String, [String], Variable.Kind, Int)] {
        let chars = Array(record.equation)
        var i = 0
        func skipBlanks() { while i < chars.count && chars[i].isWhitespace { i += 1 } }
        skipBlanks()
        // Group headers (`****` lines around `.Group name`) and empty records carry no equation.
        guard i < chars.count, chars[i] != "*" else { return [] }
        let line = record.line(atOffset: i)
        // The left-hand side: a quoted name, or text up to '=', '(', '[' or ':'.
        let nameStart = i
        if chars[i] == "\"" {
            i += 1
            while i < chars.count && chars[i] != "\"" { i += chars[i] == "\\" ? 2 : 1 }
            i = Swift.min(i + 1, chars.count)
        } else {
            while i < chars.count && !"=([:".contains(chars[i]) { i += 1 }
        }
        let name = String(chars[nameStart..<i]).trimmingCharacters(in: .whitespacesAndNewlines)
        skipBlanks()
        guard !name.isEmpty else {
            throw ModelError(.invalidValue, "malformed record: expected 'name = expression' but found '\(VensimModelReader.excerpt(record.equation))'", at: location(line))
        }
        guard i < chars.count else { return try dataVariable(name, subscripts: [], mode: nil, line: line, space: space) }
        var subscripts: [String] = []
        if chars[i] == "[" {
            let open = i
            while i < chars.count && chars[i] != "]" { i += 1 }
            guard i < chars.count else {
                throw ModelError(.invalidValue, "in '\(name)': the subscripts opened by '[' are not closed", at: location(line))
            }
            subscripts = String(chars[(open + 1)..<i]).split(separator: ",", omittingEmptySubsequences: false)
                .map { String($0.map { $0 == "\\" ? " " : $0 }).split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            if subscripts.contains(where: { $0.isEmpty || $0.contains("!") }) {
                throw ModelError(.invalidValue, "in '\(name)': malformed subscripts on the left-hand side", at: location(line))
            }
            i += 1
            skipBlanks()
            if let lists = try exceptLists(chars, at: &i, name: name, arity: subscripts.count, line: line) {
                state.exceptions[.init(name: CanonicalName(name), line: line)] = lists
                skipBlanks()
            }
            guard i < chars.count else { return try dataVariable(name, subscripts: subscripts, mode: nil, line: line, space: space) }
        }
        if let check = realityCheck(chars, at: i, name: name, subscripts: subscripts, line: line) {
            state.realityChecks.append(check)
            return []
        }
        switch chars[i] {
        case "[":
            throw ModelError(.invalidValue, "in '\(name)': a second subscript list on the left-hand side", at: location(line))
        case ":":
            if let defs = try dataRecord(record, chars, at: i, name: name, subscripts: subscripts, line: line, space: space) { return defs }
            throw ModelError(.invalidValue, "malformed record: '\(name):' is neither a subscript range nor an equation", at: location(line))
        case "(":
            let body = String(chars[i...])
            if let defs = try getDefinitions(String(body.trimmingBlanks.dropFirst().dropLast()), name: name, subscripts: subscripts, line: line, space: space) {
                return defs
            }
            do {
                return [(name, subscripts, .lookup(try ExpressionParser.parseLookup(body, sortingPoints: true)), line)]
            } catch {
                throw ModelError(.invalidValue, "in lookup '\(name)': \(error.message)", at: location(record.line(atOffset: i + error.offset)))
            }
        default:  // "="
            return try equation(record, chars, after: i, name: name, subscripts: subscripts, line: line, space: space)
        }
    }

    /// The definitions of a record whose left-hand side ends at the '=' at `chars[equals]`: a
    /// constant table, a number, a stock (`INTEG`) or an auxiliary.
    func equation(_ record: VensimRecord, _ chars: [Character], after equals: Int, name: String, subscripts: [String],
                  line: Int, space: SubscriptSpace) throws -> [(String, [String], Variable.Kind, Int)] {
        var i = equals + 1
        if i < chars.count && chars[i] == "=" { i += 1 }  // `==`: a constant that stays put
        let text = String(chars[i...])
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ModelError(.invalidValue, "'\(name)' has an empty equation", at: location(line))
        }
        let collapsed = text.uppercased().split(whereSeparator: { $0.isWhitespace || $0 == "_" }).joined(separator: " ")
        if collapsed.hasPrefix("A FUNCTION OF") {
            throw ModelError(.unsupported, "unsupported: A FUNCTION OF (an unfinished Vensim placeholder) in '\(name)' at line \(line)", at: location(line))
        }
        if let defs = try getDefinitions(text, name: name, subscripts: subscripts, line: line, space: space) { return defs }
        if !subscripts.isEmpty, let rows = try VensimModelReader.numberTable(text) ?? tabbedArray(text, name: name, line: line) {
            do {
                return try ConstantTable(rows: rows).definitions(of: name, subscripts: subscripts, space: space)
                    .map { (name, $0.0, .constant($0.1), line) }
            } catch {
                throw ModelError(.invalidValue, error.message, at: location(line))
            }
        }
        let e: Expression
        do {
            e = try parseEquation(text, space: space)
        } catch {
            let at = record.line(atOffset: i + error.offset)
            if let f = error.unknownFunction {
                throw unknownFunction(f, in: name, line: at)
            }
            throw ModelError(.invalidValue, "in '\(name)': \(error.message)", at: location(at))
        }
        if case .binary(.equal, _, _) = e {
            throw ModelError(.invalidValue, "'\(name)' has more than one '=': a record defines one variable (for a comparison write IF THEN ELSE(a = b, 1, 0))", at: location(line))
        }
        switch e {
        case .number(let v): return [(name, subscripts, .constant(v), line)]
        case .call(.integ, let args): return [(name, subscripts, .stock(initial: args[1], net: args[0]), line)]
        default: return [(name, subscripts, .auxiliary(e), line)]
        }
    }

    /// The rows of a constant table, `1, 2; 3, 4;` (rows end with `;`, values separated by
    /// `,`), or nil when `text` is not one (a single number is an ordinary equation).
    static func numberTable(_ text: String) -> [[Double]]? {
        guard text.contains(",") || text.contains(";") else { return nil }
        var rows = text.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingBlanks }
        while rows.last?.isEmpty == true { rows.removeLast() }
        var out: [[Double]] = []
        for row in rows {
            var values: [Double] = []
            for field in row.split(separator: ",", omittingEmptySubsequences: false) {
                guard let v = Double(String(field).trimmingBlanks), v.isFinite else { return nil }
                values.append(v)
            }
            out.append(values)
        }
        return out.isEmpty ? nil : out
    }

    func unknownFunction(_ f: String, in name: String, line: Int) -> ModelError {
        let id = CanonicalName(f).id
        if VensimModelReader.unsupportedFunctions.contains(id) {
            let why = VensimModelReader.unsupportedReasons[id].map { ": \($0)" } ?? ""
            return ModelError(.unsupported, "unsupported: \(f.uppercased()) at line \(line) (in '\(name)')\(why)", at: location(line))
        }
        return ModelError(.unknownName, "unknown function '\(f)' in '\(name)'", at: location(line))
    }

    /// Calls of names that are neither builtins nor lookups of the model: an unsupported Vensim
    /// function or an unknown one, reported at the caller's line.
    func checkCalls(_ variables: [Variable]) throws {
        var lookups = Set<CanonicalName>()
        var defined = Set<CanonicalName>()
        for v in variables {
            defined.insert(v.id)
            if case .lookup = v.kind { lookups.insert(v.id) }
        }
        for v in variables {
            let exprs: [Expression]
            switch v.kind {
            case .auxiliary(let e), .flow(let e): exprs = [e]
            case .stock(let i, let n): exprs = [n, i]
            default: exprs = []
            }
            for e in exprs {
                var bad: String?
                e.visit { node in
                    if bad == nil, case .lookupCall(let n, _, _) = node, !lookups.contains(CanonicalName(n)), !defined.contains(CanonicalName(n)) {
                        bad = n
                    }
                }
                if let bad { throw unknownFunction(bad, in: v.name, line: v.location.line ?? 0) }
            }
        }
    }

    static func excerpt(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines).split(whereSeparator: \.isNewline).joined(separator: " ")
        return t.count > 40 ? String(t.prefix(40)) + "…" : t
    }

    /// Auxiliaries that a stock's net flow adds or subtracts by name are its flows (Vensim
    /// keeps that only in the sketch; the IR keeps it for reports and YAML).
    static func markingFlows(_ variables: [Variable]) -> [Variable] {
        var flows = Set<CanonicalName>()
        func collect(_ e: Expression) {
            switch e {
            case .variable(let n, _): flows.insert(CanonicalName(n))
            case .binary(.add, let a, let b), .binary(.subtract, let a, let b): collect(a); collect(b)
            case .unary(.negate, let a): collect(a)
            default: break
            }
        }
        for v in variables { if case .stock(_, let net) = v.kind { collect(net) } }
        return variables.map { v in
            var v = v
            if case .auxiliary(let e) = v.kind, flows.contains(v.id) { v.kind = .flow(e) }
            return v
        }
    }

    // MARK: Time

    /// Evaluates the control records into a `TimeSpec`.
    ///
    /// A control value may be an expression of the others, of constants and of any variable
    /// computable when the run starts (auxiliaries of `Time`, lookups, stocks' initial values);
    /// each is taken once, at the initial time, and fixes the time grid for the whole run.
    /// Vensim and PySD re-evaluate TIME STEP, SAVEPER and FINAL TIME as the run goes; a model
    /// whose control values change during the run (Vensim's "dynamic" control) runs here with
    /// their initial values. INITIAL TIME is read with `Time` at 0, as Vensim starts the clock,
    /// and must then agree with itself (`IF THEN ELSE(Time < 3, 0, 0.2)` is 0).
    func timeSpec(_ control: [String: (Expression, Int)], constants: [Variable], unit: String?) throws -> TimeSpec {
        var values: [String: Double] = [:]
        let byName = Dictionary(constants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func value(_ key: String, path: [String]) throws -> Double {
            if let v = values[key] { return v }
            guard let (e, line) = control[key] else {
                if key == "SAVEPER" { return try value("TIME STEP", path: path) }
                throw ModelError(.invalidValue, "the model does not define \(key)", at: SourceLocation(file: file, line: 1))
            }
            if path.contains(key) {
                throw ModelError(.cycle, "circular definition among control values: \((path + [key]).joined(separator: " → "))", at: location(line))
            }
            var clock: Double?  // Time while INITIAL TIME is being found
            func timeValue(_ b: Builtin) throws -> Double? {
                switch b {
                case .time where key == "INITIAL TIME": clock ?? 0
                case .time, .initialTime: try value("INITIAL TIME", path: path + [key])
                case .timeStep: try value("TIME STEP", path: path + [key])
                case .finalTime: try value("FINAL TIME", path: path + [key])
                case .saveper: try value("SAVEPER", path: path + [key])
                default: nil
                }
            }
            var visiting: Set<CanonicalName> = []
            func variable(_ name: String) throws -> Double? {
                let id = CanonicalName(name)
                guard let v = byName[id], !visiting.contains(id) else { return nil }
                visiting.insert(id)
                defer { visiting.remove(id) }
                switch v.kind {
                case .constant(let x): return x
                case .auxiliary(let e), .flow(let e): return try eval(e)
                case .stock(let initial, _): return try eval(initial)
                case .lookup: return nil
                }
            }
            func eval(_ e: Expression) throws -> Double? {
                try e.evaluate(variable: variable, lookup: { n in
                    if case .lookup(let l)? = byName[CanonicalName(n)]?.kind { l } else { nil }
                }, time: timeValue)
            }
            guard let v = try eval(e) else {
                throw ModelError(.invalidValue, "\(key) must be computable when the run starts: a number, or arithmetic of constants, the other control values and variables known at the initial time", at: location(line))
            }
            if key == "INITIAL TIME" {
                clock = v
                if let again = try eval(e), again != v {
                    throw ModelError(.unsupported, "unsupported: INITIAL TIME that depends on Time and does not settle (\(v) at Time 0, \(again) at Time \(v)) at line \(line)", at: location(line))
                }
            }
            values[key] = v
            return v
        }
        let spec = TimeSpec(initial: try value("INITIAL TIME", path: []), final: try value("FINAL TIME", path: []),
                            step: try value("TIME STEP", path: []), saveper: try value("SAVEPER", path: []),
                            method: .euler, unit: unit ?? "Time")
        if let problem = spec.problem() {
            throw ModelError(.invalidValue, problem, at: location(control["TIME STEP"]?.1 ?? 1))
        }
        return spec
    }
}
