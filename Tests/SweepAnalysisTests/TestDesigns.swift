import Foundation
import SweepNumerics
import TestSupport
import SweepSampling

/// Designs and test functions for the analysis tests. The Sobol'-sequence and Morris samplers
/// live in another stage; these Monte Carlo versions follow the same layouts.
enum TestDesigns {
    /// A Monte Carlo Saltelli design in SALib's row layout from two independent uniform
    /// matrices A and B on [0, 1)^k — a valid Saltelli design (Saltelli 2002), only with slower
    /// convergence than one built on a Sobol' sequence.
    static func saltelli(k: Int, n: Int, secondOrder: Bool, seed: UInt64) -> (layout: SaltelliLayout, x: Matrix) {
        let layout = SaltelliLayout(factors: k, baseRows: n, secondOrder: secondOrder)
        var rngA = SeededGenerator(seed: seed, stream: 1), rngB = SeededGenerator(seed: seed, stream: 2)
        var x = Matrix(rows: layout.rows, columns: k)
        for i in 0..<n {
            let a = (0..<k).map { _ in rngA.nextUnit() }, b = (0..<k).map { _ in rngB.nextUnit() }
            for c in 0..<k {
                x[layout.rowA(i), c] = a[c]
                x[layout.rowB(i), c] = b[c]
                for j in 0..<k {
                    x[layout.rowAB(i, j), c] = c == j ? b[c] : a[c]
                    if secondOrder { x[layout.rowBA(i, j), c] = c == j ? a[c] : b[c] }
                }
            }
        }
        return (layout, x)
    }

    /// Random Morris trajectories on a p-level grid: each factor starts at a random level in
    /// {0, …, 1 − Δ} going up by Δ, or Δ above it going down, and the factors move one at a time
    /// in a random order (Morris 1991).
    static func morris(k: Int, trajectories: Int, levels: Int = 4, seed: UInt64) -> (layout: MorrisLayout, x: Matrix) {
        let layout = MorrisLayout(factors: k, trajectories: trajectories, levels: levels)
        let delta = layout.delta, step = 1 / Double(levels - 1)
        var rng = SeededGenerator(seed: seed)
        var x = Matrix(rows: layout.rows, columns: k)
        for t in 0..<trajectories {
            var point = [Double](), target = [Double]()
            for _ in 0..<k {
                let low = Double(rng.nextIndex(below: levels / 2)) * step
                let up = rng.nextIndex(below: 2) == 0
                point.append(up ? low : low + delta)
                target.append(up ? low + delta : low)
            }
            var order = Array(0..<k)
            order.shuffle(using: &rng)
            for c in 0..<k { x[t * (k + 1), c] = point[c] }
            for (s, factor) in order.enumerated() {
                point[factor] = target[factor]
                for c in 0..<k { x[t * (k + 1) + s + 1, c] = point[c] }
            }
        }
        return (layout, x)
    }

    static func evaluate(_ x: Matrix, _ f: ([Double]) -> Double) -> [Double] {
        (0..<x.rows).map { f(x.row($0)) }
    }

    /// Ishigami (a = 7, b = 0.1) of unit-cube inputs mapped to [−π, π].
    static func ishigami(_ u: [Double]) -> Double {
        let x = u.map { -Double.pi + 2 * Double.pi * $0 }
        return sin(x[0]) + 7 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0])
    }

    /// Sobol' G function ∏ (|4x − 2| + a)/(1 + a).
    static func sobolG(_ a: [Double]) -> ([Double]) -> Double {
        { x in zip(x, a).reduce(1) { $0 * (abs(4 * $1.0 - 2) + $1.1) / (1 + $1.1) } }
    }
}

/// Reference files in `Fixtures/`, found from this source file's path.
enum Fixture {
    static let folder = Repository.rootURL.appendingPathComponent("Tests/SweepAnalysisTests/Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func matrix(_ name: String) throws -> Matrix { try CSVRowReader.table(path: path(name), allowNonFinite: true).values }

    static func json(_ name: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent(name))) as! [String: Any]
    }

    /// A JSON array of numbers or nulls (null → NaN).
    static func doubles(_ value: Any?) -> [Double] {
        (value as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }
}
