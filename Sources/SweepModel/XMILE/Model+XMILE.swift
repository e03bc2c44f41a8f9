import Foundation
import SweepDiagnostics
import SweepNumerics

extension Model {
    /// Reads an XMILE model (Stella/iThink `.stmx`, `.itmx`, `.xmile`; OASIS XMILE 1.0) into
    /// the same IR as the Vensim and YAML front ends.
    ///
    /// - `sim_specs`: `start`, `stop`, `dt` (`reciprocal="true"` gives 1/dt), `method` Euler,
    ///   RK4 or RK2; results are saved every dt, or every `isee:save_interval` (Stella's
    ///   attribute for it) when given. A Vensim export's `INITIAL TIME`, `FINAL TIME`,
    ///   `TIME STEP` and `SAVEPER` variables are read as the time values they name.
    /// - Stocks (initial value, `inflow`s and `outflow`s), flows and auxiliaries; a number is a
    ///   constant, a candidate per-run parameter. Stella's non-negative stocks never fall
    ///   below zero (an Euler step that would take one below zero stops at zero, as PySD does),
    ///   and non-negative flows (uniflows) never go below zero; `behavior` sets the default for
    ///   every stock or flow, `<non_negative>false</non_negative>` turns it off for one.
    /// - Graphical functions (`gf`, standalone or inside a variable, applied to its equation):
    ///   `xpts`/`ypts` (with `sep`), or `xscale` with evenly spaced `ypts`; continuous (Vensim's
    ///   lookups: linear, held at the ends), extrapolate or discrete (`XMILEGraphical`).
    /// - Arrays: `dimensions` with named elements or a `size`, apply-to-all equations, a list
    ///   of numbers for a whole array, per-`element` equations; an array named without
    ///   subscripts means the element being computed, and `MIN`/`MAX`/`SUM`/`MEAN`/`PROD` of an
    ///   array reduce over it. The model comes back expanded into scalars `X[e1,e2]`.
    /// - Modules: each `module` instance of a `model` becomes that model's variables named
    ///   `module.variable`; `connect` replaces an input's equation (written `{Enter equation…}`
    ///   in Stella when nothing is hooked up) with the source variable.
    /// - Macros written as one equation of their parameters (`XMILEMacro`), expanded at each call.
    ///
    /// Names compare the XMILE way (`CanonicalName`: case-insensitive, `_` and `\n` as spaces).
    /// What is not modelled is refused, never guessed: an equation the exporter left as `???`
    /// or empty, a function neither builtin nor defined (macros whose definitions are missing),
    /// macros with stocks of their own, other integration methods.
    ///
    /// ```swift
    /// let model = try Model.parseXMILE(try Data(contentsOf: url), file: "sir.stmx")
    /// ```
    /// - Throws: `ModelError` with the file and line, naming the variable.
    public static func parseXMILE(_ data: Data, file: String) throws -> Model {
        let root = try XMILEElement.parse(data, file: file)
        guard root.name == "xmile" else {
            throw ModelError(.invalidValue, "not an XMILE file: the root element is <\(root.name)>, not <xmile>", at: SourceLocation(file: file, line: root.line))
        }
        var reader = XMILEModelReader(file: file, root: root)
        return try reader.read()
    }
}

/// Turns an XMILE document into a `Model`.
struct XMILEModelReader {
    let file: String
    let root: XMILEElement
    /// The submodels a module may instantiate, by canonical name.
    var models: [CanonicalName: XMILEElement] = [:]
    var dimensions: [Dimension] = []
    /// The file's macros, by canonical name.
    var macros: [CanonicalName: XMILEMacro] = [:]
    /// Whether stocks and flows are non-negative unless they say otherwise (`behavior`).
    var nonNegativeStocks = false
    var nonNegativeFlows = false

    init(file: String, root: XMILEElement) {
        self.file = file
        self.root = root
    }

    func location(_ line: Int) -> SourceLocation { SourceLocation(file: file, line: line) }

    mutating func read() throws -> Model {
        let all = root.children("model")
        guard let main = all.first(where: { ($0.attributes["name"] ?? "").isEmpty }) ?? (all.count == 1 ? all.first : nil) else {
            throw ModelError(.missingValue, all.isEmpty ? "the file has no <model>" : "the file has several named <model>s and no main (unnamed) one", at: location(root.line))
        }
        for m in all where !(m.attributes["name"] ?? "").isEmpty { models[CanonicalName(m.attributes["name"]!)] = m }
        dimensions = try readDimensions()
        macros = try XMILEMacro.read(root, file: file)
        readBehavior()
        let time = try timeSpec()
        var instance = try XMILEInstance(reader: self, time: time)
        try instance.add(model: main, prefix: "", inputs: [:], path: [])
        let name = root.child("header")?.child("name")?.trimmedText ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let raw = Model(name: name.isEmpty ? "model" : name, time: time, variables: instance.variables, file: file, dimensions: dimensions)
        return Model(name: raw.name, time: time, variables: try raw.expandingSubscripts().variables, file: file, dimensions: dimensions)
    }

    /// `sim_specs` as a `TimeSpec`.
    func timeSpec() throws -> TimeSpec {
        guard let specs = root.child("sim_specs") else { throw ModelError(.missingValue, "the file has no <sim_specs>", at: location(root.line)) }
        func number(_ tag: String) throws -> Double {
            guard let e = specs.child(tag) else { throw ModelError(.missingValue, "<sim_specs> has no <\(tag)>", at: location(specs.line)) }
            guard let v = Double(e.trimmedText), v.isFinite else {
                throw ModelError(.invalidValue, "<\(tag)> must be a number, got '\(e.trimmedText)'", at: location(e.line))
            }
            return v
        }
        var dt = try number("dt")
        if specs.child("dt")?.attributes["reciprocal"]?.lowercased() == "true" { dt = 1 / dt }
        let methodName = (specs.attributes["method"] ?? "euler").lowercased()
        guard let method = IntegrationMethod(rawValue: methodName) else {
            throw ModelError(.unsupported, "unsupported: integration method '\(specs.attributes["method"] ?? "")' (SDSweep integrates with Euler, RK2 or RK4)", at: location(specs.line))
        }
        // XMILE 1.0 has no save interval; Stella writes the vendor attribute isee:save_interval.
        var saveper: Double?
        if let text = specs.attributes["isee:save_interval"] {
            guard let v = Double(text.trimmingBlanks), v.isFinite else {
                throw ModelError(.invalidValue, "isee:save_interval must be a number, got '\(text)'", at: location(specs.line))
            }
            saveper = v
        }
        let spec = TimeSpec(initial: try number("start"), final: try number("stop"), step: dt, saveper: saveper, method: method,
                            unit: specs.attributes["time_units"].flatMap { $0.isEmpty ? nil : $0 } ?? "Time")
        if let problem = spec.problem() { throw ModelError(.invalidValue, problem, at: location(specs.line)) }
        return spec
    }

    /// The top-level `dimensions`: each `dim` with its `elem`s, or `size` elements named 1…n.
    func readDimensions() throws -> [Dimension] {
        guard let list = root.child("dimensions") else { return [] }
        return try list.children("dim").map { d in
            let name = XMILEModelReader.displayName(d.attributes["name"] ?? "")
            guard !name.isEmpty else { throw ModelError(.missingValue, "a <dim> has no name", at: location(d.line)) }
            var elements = d.children("elem").map { XMILEModelReader.displayName($0.attributes["name"] ?? "") }
            if elements.isEmpty, let size = d.attributes["size"].flatMap({ Int($0.trimmingBlanks) }), size > 0 {
                elements = (1...size).map(String.init)
            }
            return Dimension(name: name, elements: elements, location: location(d.line))
        }
    }

    /// The `behavior` defaults: `<non_negative/>` for stocks and flows, or inside `<stock>`
    /// or `<flow>` for one kind.
    mutating func readBehavior() {
        guard let b = root.child("behavior") else { return }
        if let n = b.child("non_negative") { nonNegativeStocks = XMILEModelReader.flag(n); nonNegativeFlows = nonNegativeStocks }
        if let n = b.child("stock")?.child("non_negative") { nonNegativeStocks = XMILEModelReader.flag(n) }
        if let n = b.child("flow")?.child("non_negative") { nonNegativeFlows = XMILEModelReader.flag(n) }
    }

    /// `<non_negative/>` or `<non_negative>true</non_negative>` is on; `false` is off.
    static func flag(_ e: XMILEElement) -> Bool { e.trimmedText.lowercased() != "false" }

    /// A name as SDSweep shows it: the `\n` escapes Stella writes for line breaks, real line
    /// breaks and underscores become spaces, runs of blanks one space, quotes around it go.
    static func displayName(_ raw: String) -> String {
        var raw = raw.trimmingBlanks
        if raw.count >= 2, raw.first == "\"", raw.last == "\"" { raw = String(raw.dropFirst().dropLast()) }
        return raw.replacingOccurrences(of: "\\n", with: " ").replacingOccurrences(of: "_", with: " ")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
