import SweepDiagnostics
import SweepNumerics

/// The model's dimensions, looked up by canonical name.
struct SubscriptSpace {
    let dimensions: [CanonicalName: Dimension]
    let elementSets: [CanonicalName: Set<CanonicalName>]
    /// Each element's declared spelling (the first dimension that lists it).
    let spelling: [CanonicalName: String]
    /// Each dimension's mappings: target dimension → (target element → source element).
    let mappings: [CanonicalName: [(target: CanonicalName, sources: [CanonicalName: String])]]
    /// Each element's 1-based position in its family (see `position(of:)`).
    let positions: [CanonicalName: Int]

    init(_ list: [Dimension]) throws {
        var dims: [CanonicalName: Dimension] = [:]
        var sets: [CanonicalName: Set<CanonicalName>] = [:]
        var spelling: [CanonicalName: String] = [:]
        for d in list {
            if let first = dims[d.id] {
                throw ModelError(.duplicateName, "dimension '\(d.name)' is defined twice (first at \(first.location))", at: d.location)
            }
            guard !d.elements.isEmpty else { throw ModelError(.missingValue, "dimension '\(d.name)' has no elements", at: d.location) }
            var set = Set<CanonicalName>()
            for e in d.elements {
                let id = CanonicalName(e)
                guard !id.id.isEmpty, !e.contains(where: { "[],!".contains($0) }) else {
                    throw ModelError(.invalidValue, "dimension '\(d.name)': '\(e)' is not a valid element name", at: d.location)
                }
                guard set.insert(id).inserted else {
                    throw ModelError(.duplicateName, "dimension '\(d.name)' lists element '\(e)' twice", at: d.location)
                }
                if spelling[id] == nil { spelling[id] = e }
            }
            dims[d.id] = d
            sets[d.id] = set
        }
        for d in list {
            for e in d.elements where dims[CanonicalName(e)] != nil {
                throw ModelError(.invalidValue, "'\(e)' is both a dimension and an element of '\(d.name)'", at: d.location)
            }
        }
        dimensions = dims
        elementSets = sets
        self.spelling = spelling
        mappings = try SubscriptSpace.mappings(list, dims)
        positions = SubscriptSpace.positions(list)
    }

    /// The mappings of `list` as lookup tables, their targets checked.
    static func mappings(_ list: [Dimension], _ dims: [CanonicalName: Dimension]) throws -> [CanonicalName: [(target: CanonicalName, sources: [CanonicalName: String])]] {
        var out: [CanonicalName: [(target: CanonicalName, sources: [CanonicalName: String])]] = [:]
        for d in list where !d.mappings.isEmpty {
            out[d.id] = try d.mappings.map { m in
                guard let target = dims[CanonicalName(m.target)], target.elements.count == m.sources.count else {
                    throw ModelError(.invalidValue, "dimension '\(d.name)' maps to '\(m.target)', which is not a subscript range of \(m.sources.count) elements", at: d.location)
                }
                var table: [CanonicalName: String] = [:]
                for (t, source) in zip(target.elements, m.sources) { if let source { table[CanonicalName(t)] = source } }
                return (target.id, table)
            }
        }
        return out
    }

    /// Each element's position in its family: the widest range holding it (in a valid Vensim
    /// model the ranges holding an element nest, so the one with most elements; among equal
    /// ones, the first by name, as PySD reads Vensim).
    static func positions(_ list: [Dimension]) -> [CanonicalName: Int] {
        let widestFirst = list.sorted { a, b in
            a.elements.count != b.elements.count ? a.elements.count > b.elements.count : a.id < b.id
        }
        var out: [CanonicalName: Int] = [:]
        for d in widestFirst {
            for (k, e) in d.elements.enumerated() where out[CanonicalName(e)] == nil { out[CanonicalName(e)] = k + 1 }
        }
        return out
    }

    /// The value of element `element` used as a number (Vensim: a subscript in an expression):
    /// its 1-based position in its family, so `IF THEN ELSE(DimA = DimB, …)` compares positions.
    func position(of element: String) -> Int? { positions[CanonicalName(element)] }

    func isDimension(_ id: CanonicalName) -> Bool { dimensions[id] != nil }
}
