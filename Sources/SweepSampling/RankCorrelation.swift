import Foundation
import SweepNumerics

/// Rank correlations between inputs, induced by Iman & Conover's method (1982, Commun. Stat.
/// Simul. Comput. 11, 311–334): each column of a design is reordered so that the ranks follow
/// a target rank correlation matrix, while every column keeps exactly its values — so its
/// marginal distribution, and a Latin hypercube's strata, stay intact.
///
/// The method: van der Waerden scores Φ⁻¹(i/(n + 1)) in an independent random order per
/// column make a score matrix R; with the Cholesky factors C = P·Pᵀ of the target and
/// T = Q·Qᵀ of R's own correlation, R* = R·(P·Q⁻¹)ᵀ has correlation C; each design column is
/// then sorted into the rank order of R*'s column. The score orders come from the seed, one
/// stream per column, so the result is a function of the design, the matrix and the seed.
///
/// ```swift
/// let c = try RankCorrelation(names: ["a", "b"], matrix: [[1, 0.7], [0.7, 1]])
/// let correlated = try c.apply(to: lhs.samples, columns: lhs.names, seed: 5)
/// ```
public struct RankCorrelation: Sendable, Equatable {
    /// The correlated parameters, in the matrix's order.
    public let names: [String]
    public let matrix: [[Double]]

    /// - Throws: ``SamplingError`` unless the matrix is square over distinct names, symmetric,
    ///   has a unit diagonal and entries in [−1, 1], and is positive definite.
    public init(names: [String], matrix: [[Double]]) throws {
        let k = names.count
        guard Set(names).count == k, k >= 2 else {
            throw SamplingError(.invalidOption, "a correlation matrix needs two or more distinct parameters")
        }
        guard matrix.count == k, matrix.allSatisfy({ $0.count == k }) else {
            throw SamplingError(.invalidOption, "the correlation matrix must be \(k)×\(k), one row and column per parameter")
        }
        for i in 0..<k {
            guard matrix[i][i] == 1 else { throw SamplingError(.invalidOption, "the correlation of '\(names[i])' with itself must be 1, not \(matrix[i][i])") }
            for j in 0..<k where j != i {
                let r = matrix[i][j]
                guard r.isFinite, r >= -1, r <= 1 else {
                    throw SamplingError(.invalidOption, "the correlation of '\(names[i])' and '\(names[j])' must be in [−1, 1], not \(r)")
                }
                guard r == matrix[j][i] else {
                    throw SamplingError(.invalidOption, "the correlation matrix is not symmetric: '\(names[i])'–'\(names[j])' is \(r) one way and \(matrix[j][i]) the other")
                }
            }
        }
        guard Self.cholesky(matrix) != nil else {
            throw SamplingError(.invalidOption, "the correlation matrix of \(names.joined(separator: ", ")) is not positive definite: no joint distribution has these correlations")
        }
        self.names = names
        self.matrix = matrix
    }

    /// `design` with the columns named in ``names`` reordered to the target rank correlation;
    /// other columns untouched.
    /// - Throws: ``SamplingError`` for a name that is not a column, or fewer rows than columns + 1.
    public func apply(to design: Matrix, columns: [String], seed: UInt64) throws -> Matrix {
        let picked = try names.map { name in
            guard let c = columns.firstIndex(of: name) else { throw SamplingError(.invalidOption, "correlated parameter '\(name)' is not one of the design's columns") }
            return c
        }
        let n = design.rows, k = names.count
        guard n > k else { throw SamplingError(.invalidOption, "inducing correlations between \(k) parameters needs more than \(k) runs; there are \(n)") }
        let scores = (1...n).map { Normal.quantile(Double($0) / Double(n + 1)) }
        var r = Matrix(rows: n, columns: k)
        for j in 0..<k {
            var rng = SeededGenerator(seed: seed, stream: 0x1C0A_0000_0000 | UInt64(j))
            var column = scores
            column.shuffle(using: &rng)
            for i in 0..<n { r[i, j] = column[i] }
        }
        guard let p = Self.cholesky(matrix), let q = Self.cholesky(Self.correlation(r)) else {
            throw SamplingError(.invalidOption, "the random scores are collinear; use more runs")
        }
        // S = P·Q⁻¹ (Q lower triangular: solve Sᵀ = Q⁻ᵀ·Pᵀ column by column), R* = R·Sᵀ.
        let s = Self.multiply(p, Self.inverseLower(q))
        var out = design
        for j in 0..<k {
            var target = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var v = 0.0
                for l in 0..<k { v += r[i, l] * s[j][l] }
                target[i] = v
            }
            let values = design.column(picked[j]).sorted()
            let order = target.indices.sorted { target[$0] < target[$1] || (target[$0] == target[$1] && $0 < $1) }
            for (rank, row) in order.enumerated() { out[row, picked[j]] = values[rank] }
        }
        return out
    }

    /// Spearman's rank correlation of two columns (average ranks for ties).
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        Statistics.pearson(Statistics.averageRanks(x), Statistics.averageRanks(y))
    }

    static func correlation(_ m: Matrix) -> [[Double]] {
        let columns = (0..<m.columns).map { m.column($0) }
        return columns.indices.map { a in columns.indices.map { b in a == b ? 1 : Statistics.pearson(columns[a], columns[b]) } }
    }

    /// The lower Cholesky factor L with L·Lᵀ = a, or nil unless a is positive definite.
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let k = a.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in 0...i {
                var s = a[i][j]
                for p in 0..<j { s -= l[i][p] * l[j][p] }
                if i == j {
                    guard s > 1e-12 else { return nil }
                    l[i][i] = s.squareRoot()
                } else {
                    l[i][j] = s / l[j][j]
                }
            }
        }
        return l
    }

    static func inverseLower(_ l: [[Double]]) -> [[Double]] {
        let k = l.count
        var inv = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for c in 0..<k {
            for i in c..<k {
                var s = i == c ? 1.0 : 0.0
                for p in c..<i { s -= l[i][p] * inv[p][c] }
                inv[i][c] = s / l[i][i]
            }
        }
        return inv
    }

    static func multiply(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
        let k = a.count
        return (0..<k).map { i in (0..<k).map { j in (0..<k).reduce(0) { $0 + a[i][$1] * b[$1][j] } } }
    }
}
