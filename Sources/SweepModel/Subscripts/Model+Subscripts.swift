import SweepDiagnostics
import SweepNumerics

extension Model {
    /// The model with every subscripted variable unrolled into one scalar variable per element,
    /// exactly as if the modeller had written each element out by hand; the compiler and engine
    /// only ever see scalars.
    ///
    /// Semantics are Vensim's (Vensim DSS Reference Manual, "Subscripts", "Subranges",
    /// "Subscript equivalence", "SUM", "PROD", "VMIN", "VMAX"):
    /// - `X[D1, D2]` becomes scalars named `X[e1,e2]` (elements as declared, no blanks after
    ///   commas) for every element pair; an element on the left (`X[e3] = …`) defines that one
    ///   element, so a variable may be defined element by element across several equations.
    /// - On the right, a dimension takes the element the left-hand side binds it to: the same
    ///   dimension, or else the one left-hand position whose elements it contains (a subrange
    ///   or an equivalent dimension on the left binds its parent or alias on the right). An
    ///   element stays as written.
    /// - `SUM(e)`, `PROD(e)`, `VMIN(e)`, `VMAX(e)` range over every dimension marked `!` in `e`
    ///   (a subrange ranges over its own elements), in declared order, and fold the terms left
    ///   to right with `+`, `*`, MIN and MAX: `SUM(W[C, P!] * x[P!])` over P = p1, p2 becomes
    ///   `W[c,p1] * x[p1] + W[c,p2] * x[p2]`.
    ///
    /// Each scalar keeps its equation's source location. Running the pass on its own output
    /// changes nothing, so a model written out expanded (`sdsweep convert`) reads back the same.
    ///
    /// ```swift
    /// let scalar = try model.expandingSubscripts()
    /// scalar.variable(named: "Innovation Capability[c3]")
    /// ```
    /// - Throws: `ModelError` at the equation's location naming the variable and the element:
    ///   an unknown subscript, a dimension neither bound by the left-hand side nor reduced, a
    ///   subscripted variable used without subscripts, an element defined twice.
    /// - Complexity: O(total size of the unrolled equations).
    public func expandingSubscripts() throws -> Model {
        var expansion = try SubscriptExpansion(model: self)
        var out = self
        out.variables = try expansion.run()
        return out
    }

    /// True when some equation is written over subscripts or uses a reduction, so
    /// `expandingSubscripts` has work to do.
    public var needsSubscriptExpansion: Bool {
        variables.contains { v in
            if !v.subscripts.isEmpty { return true }
            var found = false
            for e in v.kind.expressions {
                e.visit { if case .call(let b, _) = $0, b.isReduction || b.isVector { found = true } }
            }
            return found
        }
    }
}

extension Variable.Kind {
    /// The equations of this kind (a stock's net flow and initial value).
    var expressions: [Expression] {
        switch self {
        case .auxiliary(let e), .flow(let e): [e]
        case .stock(let i, let n): [n, i]
        case .constant, .lookup: []
        }
    }
}

/// One pass of `Model.expandingSubscripts`.
struct SubscriptExpansion {
    let model: Model
    let space: SubscriptSpace
    /// Subscripted variables: base name → number of subscripts.
    var arity: [CanonicalName: Int] = [:]
    /// Every scalar the expansion defines (canonical names).
    var defined: Set<CanonicalName> = []

    /// One left-hand-side position, bound to one element.
    struct Position {
        /// The dimension written there; nil for an element.
        var dimension: CanonicalName?
        /// The elements the position ranges over (one, for an element).
        var elements: Set<CanonicalName>
        /// The current element, as declared.
        var element: String
    }

    /// What a right-hand side is expanded against.
    struct Context {
        var lhs: [Position]
        var reduced: [CanonicalName: String] = [:]
        /// The expanded variable's name, for messages.
        var owner: String
        var location: SourceLocation
    }

    /// `:EXCEPT:` lists by index into `model.variables`: each names, per subscript position,
    /// an element or a dimension, and the variable's equation leaves out every element tuple
    /// that one list matches in every position.
    let exceptions: [Int: [[String]]]

    init(model: Model, exceptions: [Int: [[String]]] = [:]) throws {
        self.model = model
        self.exceptions = exceptions
        space = try SubscriptSpace(model.dimensions)
    }

    mutating func run() throws -> [Variable] {
        // Pass 1: which names are arrays, and every scalar they unroll into.
        var firstDefinition: [CanonicalName: Variable] = [:]
        var scalarAt: [CanonicalName: Variable] = [:]
        var plan: [(Variable, [[String]])] = []
        for (index, v) in model.variables.enumerated() {
            if space.isDimension(v.id) {
                throw ModelError(.invalidValue, "'\(v.name)' names both a dimension and a variable", at: v.location)
            }
            if let first = firstDefinition[v.id], first.subscripts.isEmpty != v.subscripts.isEmpty {
                let which = v.subscripts.isEmpty ? first : v
                throw ModelError(.invalidValue, "'\(v.name)' is defined both with and without subscripts (subscripted at \(which.location))", at: v.location)
            }
            if firstDefinition[v.id] == nil { firstDefinition[v.id] = v }
            if v.subscripts.isEmpty {
                if let first = scalarAt[v.id] {
                    throw ModelError(.duplicateName, "duplicate variable '\(v.name)' (first defined at \(first.location))", at: v.location)
                }
                scalarAt[v.id] = v
                defined.insert(v.id)
                plan.append((v, [[]]))
                continue
            }
            if let n = arity[v.id], n != v.subscripts.count {
                throw ModelError(.invalidValue, "'\(v.name)' has \(n) subscripts in one equation and \(v.subscripts.count) in another", at: v.location)
            }
            arity[v.id] = v.subscripts.count
            var tuples: [[String]] = [[]]
            for s in v.subscripts {
                let id = CanonicalName(s)
                let elements: [String]
                if let d = space.dimensions[id] {
                    elements = d.elements
                } else if let e = space.spelling[id] {
                    elements = [e]
                } else {
                    throw ModelError(.unknownName, "unknown subscript '\(s)' on the left of '\(v.name)': not a dimension or an element\(suggestion(s))", at: v.location)
                }
                tuples = tuples.flatMap { t in elements.map { t + [$0] } }
            }
            if let lists = exceptions[index] { tuples = try excluding(lists, from: tuples, of: v) }
            for t in tuples {
                let id = CanonicalName(SubscriptedName.elementName(v.name, t))
                if let first = scalarAt[id] {
                    throw ModelError(.duplicateName, "'\(SubscriptedName.elementName(v.name, t))' is defined twice (first at \(first.location))", at: v.location)
                }
                scalarAt[id] = v
                defined.insert(id)
            }
            plan.append((v, tuples))
        }
        // Pass 2: each scalar's equation, with the left-hand side's dimensions bound.
        var out: [Variable] = []
        for (v, tuples) in plan {
            for t in tuples {
                var lhs: [Position] = []
                for (s, e) in zip(v.subscripts, t) {
                    let id = CanonicalName(s)
                    lhs.append(Position(dimension: space.isDimension(id) ? id : nil,
                                        elements: space.elementSets[id] ?? [CanonicalName(e)], element: e))
                }
                let name = v.subscripts.isEmpty ? v.name : SubscriptedName.elementName(v.name, t)
                let context = Context(lhs: lhs, owner: name, location: v.location)
                var scalar = v
                scalar.name = name
                scalar.id = CanonicalName(name)
                scalar.subscripts = []
                switch v.kind {
                case .constant, .lookup: break
                case .auxiliary(let e): scalar.kind = .auxiliary(try rewrite(e, context))
                case .flow(let e): scalar.kind = .flow(try rewrite(e, context))
                case .stock(let i, let n): scalar.kind = .stock(initial: try rewrite(i, context), net: try rewrite(n, context))
                }
                out.append(scalar)
            }
        }
        return out
    }

    /// `tuples` without those an `:EXCEPT:` list matches in every position.
    func excluding(_ lists: [[String]], from tuples: [[String]], of v: Variable) throws -> [[String]] {
        let sets: [[Set<CanonicalName>]] = try lists.map { list in
            try list.map { s in
                let id = CanonicalName(s)
                if let set = space.elementSets[id] { return set }
                guard space.spelling[id] != nil else {
                    throw ModelError(.unknownName, "unknown subscript '\(s)' after :EXCEPT: in '\(v.name)': not a dimension or an element\(suggestion(s))", at: v.location)
                }
                return [id]
            }
        }
        return tuples.filter { t in
            !sets.contains { list in zip(list, t).allSatisfy { $0.contains(CanonicalName($1)) } }
        }
    }

    // MARK: Equations

    func rewrite(_ e: Expression, _ c: Context) throws -> Expression {
        switch e {
        case .number: return e
        case .variable(let name, _) where isValue(name):
            // A dimension or element used as a number: the bound element's position.
            let element = space.isDimension(CanonicalName(name)) ? try self.element(for: .init(name: name), of: name, c) : name
            return .number(Double(space.position(of: element)!))
        case .variable(let name, let offset): return .variable(try reference(name, c), offset: offset)
        case .lookupCall(let name, let arg, let offset):
            return .lookupCall(try reference(name, c), try rewrite(arg, c), offset: offset)
        case .unary(let op, let a): return .unary(op, try rewrite(a, c))
        case .binary(let op, let a, let b): return .binary(op, try rewrite(a, c), try rewrite(b, c))
        case .withLookup(let a, let l): return .withLookup(try rewrite(a, c), l)
        case .call(let b, let args) where b.isReduction: return try reduce(b, args[0], c)
        case .call(let b, let args) where b.isVector: return try vector(b, args, c)
        case .call(let b, let args): return .call(b, try args.map { try rewrite($0, c) })
        }
    }

    /// True when `name` is a dimension or an element, not a variable: Vensim then reads it as
    /// a number (`SubscriptSpace.position(of:)`).
    func isValue(_ name: String) -> Bool {
        let id = CanonicalName(name)
        guard !defined.contains(id), arity[id] == nil, !name.contains("[") else { return false }
        return space.isDimension(id) || space.spelling[id] != nil
    }

    /// `SUM`/`PROD`/`VMIN`/`VMAX` of `arg` over the dimensions marked `!` in it.
    func reduce(_ b: Builtin, _ arg: Expression, _ c: Context) throws -> Expression {
        var dims: [CanonicalName] = []
        try collectReduced(arg, into: &dims, c)
        guard !dims.isEmpty else { return try rewrite(arg, c) }
        var combos: [[(CanonicalName, String)]] = [[]]
        for d in dims {
            let elements = space.dimensions[d]!.elements
            combos = combos.flatMap { combo in elements.map { combo + [(d, $0)] } }
        }
        let terms = try combos.map { combo in
            var inner = c
            for (d, e) in combo { inner.reduced[d] = e }
            return try rewrite(arg, inner)
        }
        return SubscriptExpansion.fold(terms) { acc, term in
            switch b {
            case .sum: .binary(.add, acc, term)
            case .prod: .binary(.multiply, acc, term)
            case .vmin: .call(.min, [acc, term])
            case .vmax: .call(.max, [acc, term])
            default: preconditionFailure("\(b) is not a reduction")
            }
        }
    }

    /// Terms combined left to right, `((t1 + t2) + t3) + …`, the tree a hand-written sum parses
    /// to, so an unrolled SUM gives the same bits as the sum written out. Past `foldBlock`
    /// terms, blocks of that many are folded and the block results folded in turn, so that a
    /// reduction over thousands of elements stays a shallow tree for the compiler's recursion.
    static func fold(_ terms: [Expression], _ combine: (Expression, Expression) -> Expression) -> Expression {
        precondition(!terms.isEmpty)
        if terms.count <= foldBlock { return terms.dropFirst().reduce(terms[0], combine) }
        let blocks = stride(from: 0, to: terms.count, by: foldBlock).map { start in
            fold(Array(terms[start..<Swift.min(start + foldBlock, terms.count)]), combine)
        }
        return fold(blocks, combine)
    }

    static let foldBlock = 256

    /// The dimensions marked `!` in `e`, in order of appearance, outside nested reductions.
    func collectReduced(_ e: Expression, into dims: inout [CanonicalName], _ c: Context) throws {
        func names(_ name: String) throws {
            guard let s = try parsed(name, c) else { return }
            for r in s.subscripts where r.reduced {
                let id = CanonicalName(r.name)
                guard space.isDimension(id) else {
                    throw error("'\(r.name)!': only a dimension can be reduced with '!', and '\(r.name)' is \(space.spelling[id] != nil ? "an element" : "not a dimension")", c)
                }
                if !dims.contains(id) { dims.append(id) }
            }
        }
        switch e {
        case .number: break
        case .variable(let n, _): try names(n)
        case .lookupCall(let n, let a, _): try names(n); try collectReduced(a, into: &dims, c)
        case .unary(_, let a), .withLookup(let a, _): try collectReduced(a, into: &dims, c)
        case .binary(_, let a, let b): try collectReduced(a, into: &dims, c); try collectReduced(b, into: &dims, c)
        case .call(let b, _) where b.isReduction: break
        case .call(_, let args): for a in args { try collectReduced(a, into: &dims, c) }
        }
    }

    func parsed(_ name: String, _ c: Context) throws -> SubscriptedName? {
        switch SubscriptedName.parse(name) {
        case nil: return nil
        case .success(let s)?: return s
        case .failure(let f)?: throw error(f.message, c)
        }
    }

    /// The scalar a reference names once its subscripts are bound.
    func reference(_ name: String, _ c: Context) throws -> String {
        guard let s = try parsed(name, c) else {
            if let n = arity[CanonicalName(name)] {
                throw error("'\(name)' is subscripted (\(n) subscript\(n == 1 ? "" : "s")): refer to it as '\(name)[…]'", c)
            }
            return name
        }
        let elements = try s.subscripts.map { try element(for: $0, of: s.base, c) }
        let scalar = SubscriptedName.elementName(s.base, elements)
        if defined.contains(CanonicalName(scalar)) { return scalar }
        let base = CanonicalName(s.base)
        guard let n = arity[base] else {
            if defined.contains(base) { throw error("'\(s.base)' has no subscripts, but is used as '\(s.text)'", c) }
            throw error("unknown variable '\(s.base)' (used as '\(s.text)')", c)
        }
        guard n == elements.count else {
            throw error("'\(s.base)' has \(n) subscript\(n == 1 ? "" : "s"), but is used with \(elements.count) as '\(s.text)'", c)
        }
        throw error("no equation defines '\(scalar)' (used as '\(s.text)')", c)
    }

    /// The element a subscript of a right-hand reference stands for.
    func element(for r: SubscriptedName.SubscriptRef, of base: String, _ c: Context) throws -> String {
        let id = CanonicalName(r.name)
        if r.reduced {
            guard let e = c.reduced[id] else {
                throw error("'\(base)[…\(r.name)!…]': a dimension marked '!' must be inside SUM, PROD, VMIN or VMAX", c)
            }
            return e
        }
        if let d = space.dimensions[id] {
            if let p = c.lhs.first(where: { $0.dimension == id }) { return p.element }
            let maps = space.mappings[id] ?? []
            // A mapping onto a dimension of the left picks the element mapped to its element.
            for m in maps { if let p = c.lhs.first(where: { $0.dimension == m.target }) { return try mapped(p, m, d, c) } }
            // A subrange or equivalent dimension on the left binds its parent or alias here.
            let set = space.elementSets[id]!
            let candidates = c.lhs.filter { $0.elements.isSubset(of: set) }
            if candidates.count == 1 { return candidates[0].element }
            // …and a mapping onto a range holding a subrange or an element of the left, through it.
            for m in maps {
                if let p = c.lhs.first(where: { $0.elements.isSubset(of: space.elementSets[m.target]!) }) {
                    return try mapped(p, m, d, c)
                }
            }
            if candidates.isEmpty {
                throw error("dimension '\(d.name)' in '\(base)[…]' is not bound by the left-hand side; subscript the variable by '\(d.name)', or reduce over it with '\(d.name)!' inside SUM, PROD, VMIN or VMAX", c)
            }
            throw error("dimension '\(d.name)' in '\(base)[…]' could bind to more than one left-hand subscript (\(candidates.map(\.element).joined(separator: ", "))); name the dimension on the left", c)
        }
        if let e = space.spelling[id] { return e }
        throw error("unknown subscript '\(r.name)' in '\(base)[…]': not a dimension or an element\(suggestion(r.name))", c)
    }

    /// The element of `d` that mapping `m` maps to `p`'s element.
    func mapped(_ p: Position, _ m: (target: CanonicalName, sources: [CanonicalName: String]), _ d: Dimension, _ c: Context) throws -> String {
        guard let e = m.sources[CanonicalName(p.element)] else {
            throw error("no element of '\(d.name)' is mapped to '\(p.element)' of '\(space.dimensions[m.target]!.name)'", c)
        }
        return e
    }

    func suggestion(_ name: String) -> String {
        // One- and two-letter names are all within a typo of each other: no useful guess.
        guard name.count > 2 else { return "" }
        let candidates = (space.dimensions.values.map(\.name) + Array(space.spelling.values)).sorted()
        return Suggestion.aside(for: name, among: candidates)
    }

    func error(_ message: String, _ c: Context) -> ModelError {
        ModelError(.invalidValue, "in '\(c.owner)': \(message)", at: c.location)
    }
}
