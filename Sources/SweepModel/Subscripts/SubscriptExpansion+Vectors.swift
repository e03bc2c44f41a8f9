/// The vector functions, rewritten by `Model.expandingSubscripts` into their `…ELEMENT` forms
/// over the expanded elements (Vensim DSS Reference Manual, "Arrays, Vectors, and
/// Subscripts"): a function works along the last subscript of its vector argument (INVERT
/// MATRIX along the last two), and the left-hand side's element along that dimension says
/// which element of the result an equation takes. VECTOR SELECT ranges over the dimensions
/// marked `!`, as SUM does. `VensimVectors` lists the layouts.
///
/// A vector argument's last subscript may also be an element: the vector then runs over that
/// element's dimension from it (`VECTOR ELM MAP(x[s1], sub - 1)`, a priority profile
/// `pp[branch, ptype]`).
extension SubscriptExpansion {
    /// A vector argument's axis: the dimension it runs along, the subscript as written, and
    /// the element it starts at when that subscript is an element.
    struct Axis {
        var dimension: Dimension
        var written: CanonicalName
        var start: Int?
    }

    func vector(_ b: Builtin, _ args: [Expression], _ c: Context) throws -> Expression {
        func k(_ axis: Axis) throws -> Expression { .number(Double(try outputIndex(axis, c))) }
        switch b {
        case .vectorSelect:
            return try vectorSelect(args, c)
        case .vectorElmMap:
            let axis = try self.axis(args[0], c)
            let base = try axis.start ?? outputIndex(axis, c)
            let index = Expression.binary(.add, .number(Double(base)), try rewrite(args[1], c))
            return .call(.vectorElmMapElement, [index] + (try along(args[0], axis, c)))
        case .vectorSortOrder, .vectorRank:
            let axis = try self.axis(args[0], c)
            return .call(b == .vectorRank ? .vectorRankElement : .vectorSortOrderElement,
                         [try k(axis), try rewrite(args[1], c)] + (try along(args[0], axis, c)))
        case .vectorReorder:
            let axis = try self.axis(args[0], c), order = try self.axis(args[1], c)
            return .call(.vectorReorderElement, [try k(axis)] + (try along(args[0], axis, c)) + (try along(args[1], order, c)))
        case .invertMatrix:
            let columns = try self.axis(args[0], c), rows = try self.axis(args[0], c, fromEnd: 1)
            var values: [Expression] = []
            for r in rows.dimension.elements {
                values += try along(substituting(args[0], [rows.written: r]), columns, c)
            }
            return .call(.invertMatrixElement, [try k(rows), try k(columns)] + values)
        case .allocateByPriority:
            let axis = try self.axis(args[0], c)
            return .call(.allocateByPriorityElement, [try k(axis), try rewrite(args[3], c), try rewrite(args[4], c)]
                         + (try along(args[0], axis, c)) + (try along(args[1], axis, c)))
        case .allocateAvailable:
            let axis = try self.axis(args[0], c), profile = try self.axis(args[1], c)
            var profiles: [Expression] = []
            let first = profile.start ?? 0
            guard profile.dimension.elements.count - first >= 4 else {
                throw error("ALLOCATE AVAILABLE: the priority profile '\(profile.dimension.name)' needs 4 elements (ptype, ppriority, pwidth, pextra) from '\(profile.dimension.elements[first])'", c)
            }
            for e in axis.dimension.elements {
                let row = substituting(args[1], [axis.written: e])
                for p in profile.dimension.elements[first..<(first + 4)] {
                    profiles.append(try rewrite(substituting(row, [profile.written: p]), c))
                }
            }
            return .call(.allocateAvailableElement, [try k(axis), try rewrite(args[2], c)] + (try along(args[0], axis, c)) + profiles)
        case .vectorLookup:
            // The y values from the element written (the manual: "the first element of vec").
            let axis = try self.axis(args[0], c)
            let ys = try along(args[0], axis, c).dropFirst(axis.start ?? 0)
            return .call(.vectorLookupElement, try args[1...4].map { try rewrite($0, c) } + ys)
        default:
            preconditionFailure("\(b) is not a vector function")
        }
    }

    /// VECTOR SELECT over every combination of the dimensions marked `!` in its selection and
    /// expression arguments (PySD broadcasts the two the same way).
    func vectorSelect(_ args: [Expression], _ c: Context) throws -> Expression {
        var dims: [CanonicalName] = []
        try collectReduced(args[0], into: &dims, c)
        try collectReduced(args[1], into: &dims, c)
        var combos: [[(CanonicalName, String)]] = [[]]
        for d in dims {
            combos = combos.flatMap { combo in space.dimensions[d]!.elements.map { combo + [(d, $0)] } }
        }
        var selection: [Expression] = [], values: [Expression] = []
        for combo in combos {
            var inner = c
            for (d, e) in combo { inner.reduced[d] = e }
            selection.append(try rewrite(args[0], inner))
            values.append(try rewrite(args[1], inner))
        }
        return .call(.vectorSelectElement, [try rewrite(args[2], c), try rewrite(args[3], c), try rewrite(args[4], c)] + selection + values)
    }

    /// The axis of `e`: the last subscript (`fromEnd` 1: the one before) of its first
    /// subscripted reference.
    func axis(_ e: Expression, _ c: Context, fromEnd: Int = 0) throws -> Axis {
        var found: SubscriptedName?
        e.visit { node in
            guard found == nil else { return }
            switch node {
            case .variable(let n, _), .lookupCall(let n, _, _): found = SubscriptedName(parsing: n)
            default: break
            }
        }
        guard let s = found, s.subscripts.count > fromEnd else {
            throw error("a vector function needs a subscripted argument, got '\(e.vensimText)'", c)
        }
        let written = CanonicalName(s.subscripts[s.subscripts.count - 1 - fromEnd].name)
        if let d = space.dimensions[written] { return Axis(dimension: d, written: written, start: nil) }
        // An element: the largest dimension listing it, from it on.
        let holders = model.dimensions.filter { space.elementSets[$0.id]?.contains(written) == true }
        guard let d = holders.max(by: { $0.elements.count < $1.elements.count }) else {
            throw error("unknown subscript '\(written.id)' in the vector argument '\(e.vensimText)'", c)
        }
        return Axis(dimension: d, written: written, start: d.elements.firstIndex { CanonicalName($0) == written })
    }

    /// The element index along `axis` that the left-hand side binds: its position of that
    /// dimension (or of one inside it), else its last position when that has as many elements
    /// (a mapped or equivalent range).
    func outputIndex(_ axis: Axis, _ c: Context) throws -> Int {
        let elements = axis.dimension.elements
        let ids = elements.map(CanonicalName.init)
        if let p = c.lhs.first(where: { $0.dimension == axis.dimension.id }) ?? c.lhs.first(where: { $0.elements.isSubset(of: Set(ids)) }),
           let i = ids.firstIndex(of: CanonicalName(p.element)) {
            return i
        }
        if let p = c.lhs.last, let d = p.dimension, let own = space.dimensions[d]?.elements, own.count == elements.count,
           let i = own.firstIndex(of: p.element) {
            return i
        }
        throw error("a vector function along '\(axis.dimension.name)' needs the left-hand side subscripted by it", c)
    }

    /// `e` once per element of `axis`'s dimension, each rewritten for the left-hand side.
    func along(_ e: Expression, _ axis: Axis, _ c: Context) throws -> [Expression] {
        try axis.dimension.elements.map { try rewrite(substituting(e, [axis.written: $0]), c) }
    }

    /// `e` with every subscript named in `map` (not marked `!`) replaced by its element.
    func substituting(_ e: Expression, _ map: [CanonicalName: String]) -> Expression {
        func name(_ n: String) -> String {
            guard var s = SubscriptedName(parsing: n) else { return n }
            for i in s.subscripts.indices where !s.subscripts[i].reduced {
                if let r = map[CanonicalName(s.subscripts[i].name)] { s.subscripts[i].name = r }
            }
            return s.text
        }
        switch e {
        case .number: return e
        case .variable(let n, let o): return .variable(name(n), offset: o)
        case .lookupCall(let n, let a, let o): return .lookupCall(name(n), substituting(a, map), offset: o)
        case .unary(let op, let a): return .unary(op, substituting(a, map))
        case .binary(let op, let a, let b): return .binary(op, substituting(a, map), substituting(b, map))
        case .withLookup(let a, let l): return .withLookup(substituting(a, map), l)
        case .call(let b, let args): return .call(b, args.map { substituting($0, map) })
        }
    }
}
