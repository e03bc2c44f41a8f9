import Foundation
import SweepDiagnostics
import SweepNumerics

/// The variables of an XMILE model and of every module instance inside it, flattened into
/// one list: a module `m` contributes its model's variables named `m.x`, its connected inputs
/// become auxiliaries equal to their sources.
struct XMILEInstance {
    let reader: XMILEModelReader
    let time: TimeSpec
    let space: SubscriptSpace
    var variables: [Variable] = []
    /// Where each variable was defined, for duplicate-name messages.
    var seen: [CanonicalName: Int] = [:]

    init(reader: XMILEModelReader, time: TimeSpec) throws {
        self.reader = reader
        self.time = time
        space = try SubscriptSpace(reader.dimensions)
    }

    static let entityTags: Set<String> = ["stock", "flow", "aux", "gf", "module"]

    /// The stocks, flows, auxiliaries, graphical functions and modules of a `model`: inside
    /// its `variables` (XMILE 1.0), or directly in it (Stella 10's files), or in a `group`.
    static func entities(of model: XMILEElement) -> [XMILEElement] {
        var out: [XMILEElement] = []
        func walk(_ e: XMILEElement) {
            for c in e.children where c.prefix.isEmpty {
                if entityTags.contains(c.name) { out.append(c) } else if c.name == "variables" || c.name == "group" { walk(c) }
            }
        }
        walk(model)
        return out
    }

    /// Adds the variables of `model`, each named `prefix` + its name; `inputs` maps a local
    /// name (canonical) to the variable a module connection feeds it from.
    mutating func add(model: XMILEElement, prefix: String, inputs: [CanonicalName: String], path: [String]) throws {
        let entities = XMILEInstance.entities(of: model)
        var dims: [CanonicalName: [String]] = [:]
        var tables: [CanonicalName: XMILEGraphical] = [:]
        for e in entities {
            let name = prefix + XMILEModelReader.displayName(e.attributes["name"] ?? "")
            dims[CanonicalName(name)] = e.child("dimensions")?.children("dim").map { XMILEModelReader.displayName($0.attributes["name"] ?? "") } ?? []
            if let gf = e.name == "gf" ? e : e.child("gf") { tables[CanonicalName(name)] = try graphical(gf, owner: name) }
        }
        let dimensionIds = Set(reader.dimensions.map(\.id))
        let scope = XMILEExpressionParser.Scope(
            qualify: { prefix + XMILEModelReader.displayName($0) },
            graphical: { tables[CanonicalName($0)] },
            dimensions: { dims[CanonicalName($0)] ?? [] },
            isDimension: { dimensionIds.contains(CanonicalName($0)) },
            macro: { [macros = reader.macros] in macros[CanonicalName($0)] })
        for e in entities {
            let local = XMILEModelReader.displayName(e.attributes["name"] ?? "")
            guard !local.isEmpty else { throw ModelError(.missingValue, "a <\(e.name)> has no name", at: reader.location(e.line)) }
            if e.name == "module" {
                try addModule(e, named: local, prefix: prefix, scope: scope, path: path)
                continue
            }
            // A Vensim export declares the control values as variables; they are the time spec.
            if prefix.isEmpty, XMILEFunctions.controlNames.contains(CanonicalName(local).id) { continue }
            let name = prefix + local
            if let first = seen[CanonicalName(name)] {
                throw ModelError(.duplicateName, "duplicate variable '\(name)' (first defined at line \(first))", at: reader.location(e.line))
            }
            seen[CanonicalName(name)] = e.line
            if let source = inputs[CanonicalName(local)] {
                var v = Variable(name: name, kind: .auxiliary(scope.reference(source, qualified: true)), location: reader.location(e.line))
                v.subscripts = scope.dimensions(name)
                variables.append(v)
                continue
            }
            variables += try translate(e, named: name, scope: scope)
        }
    }

    /// A module instance: the model of the same name, with its connections as inputs.
    mutating func addModule(_ e: XMILEElement, named local: String, prefix: String, scope: XMILEExpressionParser.Scope, path: [String]) throws {
        let modelName = e.attributes["model"] ?? e.attributes["name"] ?? ""
        guard let sub = reader.models[CanonicalName(XMILEModelReader.displayName(modelName))] else {
            throw ModelError(.unknownName, "module '\(prefix + local)' uses model '\(modelName)', which the file does not define", at: reader.location(e.line))
        }
        guard !path.contains(CanonicalName(modelName).id) else {
            throw ModelError(.cycle, "module '\(prefix + local)' contains itself: \((path + [modelName]).joined(separator: " → "))", at: reader.location(e.line))
        }
        var inputs: [CanonicalName: String] = [:]
        for c in e.children("connect") {
            guard let to = c.attributes["to"], let from = c.attributes["from"], !to.hasPrefix(".") else {
                throw ModelError(.unsupported, "unsupported: a connection of module '\(prefix + local)' that is not from outside the module to one of its inputs", at: reader.location(c.line))
            }
            // `.x` is a variable of the enclosing model; `m.x` one of its module m.
            let source = from.hasPrefix(".") ? String(from.dropFirst()) : from
            // Stella writes the input as `module.input`, XMILE 1.0 as `input`.
            var input = XMILEModelReader.displayName(to)
            if CanonicalName(input).id.hasPrefix(CanonicalName(local).id + ".") { input = String(input.dropFirst(local.count + 1)) }
            inputs[CanonicalName(input)] = scope.qualify(source)
        }
        try add(model: sub, prefix: prefix + local + ".", inputs: inputs, path: path + [CanonicalName(modelName).id])
    }

    /// One stock, flow, auxiliary or graphical function, as one variable, or one per element
    /// when it is an array defined element by element.
    func translate(_ e: XMILEElement, named name: String, scope: XMILEExpressionParser.Scope) throws -> [Variable] {
        let dims = scope.dimensions(name)
        let location = reader.location(e.line)
        if e.name == "gf" {
            // Only a continuous table is a Vensim lookup; calls of the others are written out
            // where they are made (`XMILEGraphical.applied`).
            guard let gf = scope.graphical(name), gf.type == .continuous else { return [] }
            let table = gf.table
            var v = Variable(name: name, kind: .lookup(table), units: units(e), documentation: doc(e), location: location)
            v.subscripts = dims
            return [v]
        }
        // Per-element definitions, else one apply-to-all equation.
        let elements = e.children("element")
        var parts: [(XMILEElement, [String])] = elements.isEmpty ? [(e, dims)]
            : elements.map { ($0, ($0.attributes["subscript"] ?? "").split(separator: ",").map { XMILEModelReader.displayName(String($0)) }) }
        let equations = e.children("eqn")
        if elements.isEmpty, !dims.isEmpty, equations.count > 1 {
            // Some exporters write an array's element equations as one <eqn> after another,
            // in element order (the last dimension varying fastest).
            let tuples = try elementTuples(dims, of: name, at: e.line)
            guard tuples.count == equations.count else {
                throw ModelError(.invalidValue, "'\(name)' has \(equations.count) equations for its \(tuples.count) elements", at: location)
            }
            parts = zip(equations, tuples).map { eqn, tuple in
                (XMILEElement(name: "element", prefix: "", attributes: [:], children: [eqn], line: eqn.line), tuple)
            }
        }
        var out: [Variable] = []
        for (holder, subscripts) in parts {
            if !elements.isEmpty && subscripts.count != dims.count {
                throw ModelError(.invalidValue, "'\(name)': element '\(holder.attributes["subscript"] ?? "")' has \(subscripts.count) subscripts, but the variable has \(dims.count) dimensions", at: reader.location(holder.line))
            }
            for (kind, subs) in try kinds(e, holder, named: name, subscripts: subscripts, dims: dims, scope: scope) {
                var v = Variable(name: name, kind: kind, units: units(e), documentation: doc(e), location: reader.location(holder.line))
                v.subscripts = subs
                out.append(v)
            }
        }
        return out
    }

    /// The definitions one equation holder gives: a constant, a list of constants over the
    /// array, a stock, a flow or an auxiliary, each with its left-hand subscripts.
    func kinds(_ e: XMILEElement, _ holder: XMILEElement, named name: String, subscripts: [String], dims: [String],
               scope: XMILEExpressionParser.Scope) throws -> [(Variable.Kind, [String])] {
        let text = holder.child("eqn")?.text ?? ""
        if e.name == "aux", !dims.isEmpty, subscripts == dims, let rows = VensimModelReader.numberTable(text) {
            do {
                return try ConstantTable(rows: rows).definitions(of: name, subscripts: subscripts, space: space).map { (.constant($0.1), $0.0) }
            } catch {
                throw ModelError(.invalidValue, error.message, at: reader.location(holder.line))
            }
        }
        var value = try equation(holder, owner: name, scope: scope)
        if subscripts != dims { value = XMILEInstance.binding(value, dims: dims, to: subscripts) }
        if let gf = holder.child("gf") {
            value = try graphical(gf, owner: name).applied(to: value)
        } else if let gf = scope.graphical(name) {
            value = gf.applied(to: value)
        }
        switch e.name {
        case "stock":
            var net = XMILEInstance.sum(e.children("inflow").map { scope.reference($0.trimmedText) }, minus: e.children("outflow").map { scope.reference($0.trimmedText) })
            if subscripts != dims { net = XMILEInstance.binding(net, dims: dims, to: subscripts) }
            if e.child("non_negative").map(XMILEModelReader.flag) ?? reader.nonNegativeStocks {
                // Never below zero: the step that would cross zero ends at zero.
                let level = XMILEInstance.reference(name, subscripts: subscripts)
                net = .call(.max, [net, .unary(.negate, .binary(.divide, level, .call(.timeStep, [])))])
            }
            return [(.stock(initial: value, net: net), subscripts)]
        case "flow":
            if e.child("non_negative").map(XMILEModelReader.flag) ?? reader.nonNegativeFlows { value = .call(.max, [value, .number(0)]) }
            return [(.flow(value), subscripts)]
        default:
            if case .number(let v) = value { return [(.constant(v), subscripts)] }
            return [(.auxiliary(value), subscripts)]
        }
    }

    /// Every element of an array over `dims`, the last dimension varying fastest.
    func elementTuples(_ dims: [String], of name: String, at line: Int) throws -> [[String]] {
        var tuples: [[String]] = [[]]
        for d in dims {
            guard let dim = space.dimensions[CanonicalName(d)] else {
                throw ModelError(.unknownName, "'\(name)' is an array over '\(d)', which is not a dimension of the model", at: reader.location(line))
            }
            tuples = tuples.flatMap { t in dim.elements.map { t + [$0] } }
        }
        return tuples
    }

    /// `in1 + in2 − out1 − out2`, 0 for a stock without flows.
    static func sum(_ plus: [Expression], minus: [Expression]) -> Expression {
        var net: Expression? = plus.first
        for p in plus.dropFirst() { net = .binary(.add, net!, p) }
        for m in minus { net = net.map { .binary(.subtract, $0, m) } ?? .unary(.negate, m) }
        return net ?? .number(0)
    }

    /// `e` with each of the variable's dimensions, where it appears as a subscript, replaced
    /// by the element a per-element equation defines.
    static func binding(_ e: Expression, dims: [String], to elements: [String]) -> Expression {
        let map = Dictionary(zip(dims.map(CanonicalName.init), elements), uniquingKeysWith: { a, _ in a })
        return e.mappingSubscripts { s in
            for i in s.subscripts.indices where !s.subscripts[i].reduced {
                if let el = map[CanonicalName(s.subscripts[i].name)] { s.subscripts[i].name = el }
            }
        }
    }

    func units(_ e: XMILEElement) -> String? { e.child("units").map(\.trimmedText).flatMap { $0.isEmpty ? nil : $0 } }
    func doc(_ e: XMILEElement) -> String? { e.child("doc").map(\.trimmedText).flatMap { $0.isEmpty ? nil : $0 } }
}

extension XMILEExpressionParser.Scope {
    /// A reference to a variable by its local (or, `qualified`, model-wide) name; an array
    /// carries its dimensions as subscripts.
    func reference(_ name: String, qualified: Bool = false, offset: Int = 0) -> Expression {
        let q = qualified ? name : qualify(name)
        return XMILEInstance.reference(q, subscripts: dimensions(q), offset: offset)
    }
}

extension XMILEInstance {
    /// A reference to `name[subscripts]`, the name quoted when Vensim's syntax (which
    /// `sdsweep convert` writes) could not read it bare: `"Flow w/ division"`.
    static func reference(_ name: String, subscripts: [String], offset: Int = 0) -> Expression {
        let bare = name.allSatisfy { $0.isLetter || $0.isNumber || " _$'&%.".contains($0) || (!$0.isASCII && !$0.isWhitespace) }
            && name.first.map { !$0.isNumber } ?? false
        let base = bare || name.contains("\"") ? name : "\"\(name)\""
        if subscripts.isEmpty { return .variable(base, offset: offset) }
        return .variable(SubscriptedName(base: base, subscripts: subscripts.map { .init(name: $0) }).text, offset: offset)
    }
}

extension Expression {
    /// The expression with every variable reference replaced by `replace(name, offset)`.
    func mappingVariables(_ replace: (String, Int) -> Expression) -> Expression {
        func map(_ e: Expression) -> Expression {
            switch e {
            case .variable(let n, let off): return replace(n, off)
            case .number: return e
            case .unary(let op, let a): return .unary(op, map(a))
            case .binary(let op, let a, let b): return .binary(op, map(a), map(b))
            case .call(let b, let args): return .call(b, args.map(map))
            case .lookupCall(let n, let a, let off): return .lookupCall(n, map(a), offset: off)
            case .withLookup(let a, let l): return .withLookup(map(a), l)
            }
        }
        return map(self)
    }

    /// The expression with `edit` applied to the subscripts of every subscripted reference.
    func mappingSubscripts(_ edit: (inout SubscriptedName) -> Void) -> Expression {
        mappingVariables { n, off in
            guard var s = SubscriptedName(parsing: n) else { return .variable(n, offset: off) }
            edit(&s)
            return .variable(s.text, offset: off)
        }
    }
}
