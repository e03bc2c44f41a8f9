import Foundation
import SweepDiagnostics
import SweepNumerics

/// A subscript range (Vensim: a "subscript", e.g. `Cluster: c1, c2, c3`): a named, ordered list
/// of elements over which variables are arrays.
///
/// A dimension whose elements are all elements of another is a *subrange* of it, and two
/// dimensions with the same elements are *equivalent* (Vensim's `Partner <-> Cluster`); neither
/// needs to be recorded: the expansion binds a dimension on the right-hand side through any
/// left-hand dimension whose elements it contains (Vensim DSS Reference Manual, "Subscripts",
/// "Subranges" and "Subscript equivalence").
///
/// ```swift
/// let d = try Dimension(name: "Cluster", elements: Dimension.range(from: "c1", to: "c30")!, location: loc)
/// ```
public struct Dimension: Equatable, Sendable {
    /// The name as the modeller wrote it.
    public var name: String
    /// The elements in declared order, spelled as declared; expanded variables use these
    /// spellings (`Capability[c1]`).
    public var elements: [String]
    public var location: SourceLocation
    /// Vensim's subscript mappings from this dimension (`Dim: a, b -> Other`): in an equation
    /// over a mapping's target on the left, a reference over this dimension on the right takes
    /// the element mapped to the target's current element (Vensim DSS Reference Manual,
    /// "Mapping of Subscript Ranges").
    public var mappings: [Mapping]

    /// One mapping of a dimension onto `target`.
    public struct Mapping: Equatable, Sendable {
        /// The dimension mapped onto.
        public var target: String
        /// For each element of `target`, in its order, the element of the mapped dimension that
        /// stands for it, or nil where none does.
        public var sources: [String?]

        public init(target: String, sources: [String?]) {
            self.target = target
            self.sources = sources
        }
    }

    public init(name: String, elements: [String], location: SourceLocation, mappings: [Mapping] = []) {
        self.name = name
        self.elements = elements
        self.location = location
        self.mappings = mappings
    }

    public var id: CanonicalName { CanonicalName(name) }

    /// The elements of a numbered range, `c1 … c30` (YAML `c1..c30`, Vensim `(c1-c30)`): the
    /// same prefix followed by increasing integers. A leading zero in the first number fixes
    /// the width (`a01 … a12`). Nil when the ends do not form such a range.
    public static func range(from first: String, to last: String) -> [String]? {
        func split(_ s: String) -> (String, String)? {
            let t = s.trimmingCharacters(in: .whitespaces)
            let digits = t.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return nil }
            return (String(t.dropLast(digits.count)), String(digits.reversed()))
        }
        guard let (p1, d1) = split(first), let (p2, d2) = split(last), p1 == p2,
              let lo = Int(d1), let hi = Int(d2), lo <= hi, hi - lo < 1_000_000 else { return nil }
        let width = d1.hasPrefix("0") && d1.count > 1 ? d1.count : 0
        return (lo...hi).map { n in
            let s = String(n)
            return p1 + String(repeating: "0", count: Swift.max(0, width - s.count)) + s
        }
    }
}

extension String {
    /// The text with surrounding blanks and newlines removed.
    var trimmingBlanks: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
