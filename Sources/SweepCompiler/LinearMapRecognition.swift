import SweepModel

/// BLAS recognition: in the stocks' net flows, the parts a matrix product over the chunk can
/// compute, and how wide and dense the widest such map is (where BLAS pays).
///
/// Where net flows are linear in the stocks with batch-shared coefficients (a network's
/// `s · Σ_j W_ij C_j`), the stocks' columns times the coefficient matrix is one `dgemm` per
/// scale (`s`, applied afterwards per run); the rest of each net flow is computed element-wise.
/// Where no net flow has a term linear in a stock, the flows are gathered into a block and
/// multiplied by the stock–flow incidence (+1 inflow, −1 outflow).
struct LinearMapRecognition {
    /// The run-only and time-only parts of the coefficient a map is scaled by, nil being 1.
    struct Scale: Equatable {
        var run: Expression?
        var factor: Expression?
        var isOne: Bool { run == nil && factor == nil }
    }

    /// A map of the stocks into the net flows, for one scale: `matrix[j + i · stocks]` is the
    /// coefficient of stock j in the net flow of stock i.
    struct StockMap {
        let scale: Scale
        let matrix: [Double]
        /// The net flows (stock indices) with at least one term in the map, ascending.
        let rows: [Int]
        /// How many stocks the map reads.
        let width: Int
        let label: String
    }

    enum Shape {
        /// Every net flow a sum of ± flows: `flows` in order of first use, and the incidence,
        /// `matrix[f + s · flows.count]` being the sign of flow f in the net flow of stock s.
        case incidence(flows: [Expression], matrix: [Double])
        /// Per stock, the terms of its net flow not linear in a stock; then one map per scale.
        case linear(remainders: [[LinearTerm]], maps: [StockMap])
    }

    let shape: Shape
    /// The widest map's stock count (0: no map of stocks) and the share of its rows × columns
    /// that are not zero.
    let width: Int
    let density: Double

    /// - Parameter stocks: the stocks' variable indices, in column order.
    init(stocks: [Int], model: ResolvedModel, liveness: Liveness, factoring: Factoring) {
        var position = [Int: Int]()
        for (k, i) in stocks.enumerated() { position[i] = k }
        func stockIndex(_ e: Expression?) -> Int? {
            if case .variable(let n, _)? = e { return position[model.names[n]] }
            return nil
        }
        let terms = stocks.map { factoring.linearTerms(of: liveness.substituted(model.stock($0)!.net)) }
        var scales: [Scale] = []
        for list in terms {
            for t in list where stockIndex(t.rest) != nil && !scales.contains(Scale(run: t.run, factor: t.factor)) {
                scales.append(Scale(run: t.run, factor: t.factor))
            }
        }
        if scales.isEmpty {
            shape = LinearMapRecognition.incidence(stocks.map { model.stock($0)!.net })
            (width, density) = (0, 0)
            return
        }
        let count = stocks.count
        var maps: [StockMap] = []
        var (width, density) = (0, 0.0)
        for scale in scales {
            var matrix = [Double](repeating: 0, count: count * count)
            var rows: [Int] = []
            var columns = Set<Int>()
            for (i, list) in terms.enumerated() {
                for t in list where Scale(run: t.run, factor: t.factor) == scale {
                    guard let j = stockIndex(t.rest) else { continue }
                    matrix[j + i * count] += t.constant
                    if rows.last != i { rows.append(i) }
                    columns.insert(j)
                }
            }
            if columns.count > width {
                width = columns.count
                density = Double(matrix.filter { $0 != 0 }.count) / Double(rows.count * columns.count)
            }
            let label = "\(count) stocks × \(count) net flows, \(rows.count) rows linear in \(columns.count) stocks"
            maps.append(StockMap(scale: scale, matrix: matrix, rows: rows, width: columns.count,
                                 label: scale.isOne ? label : label + ", scaled per run after"))
        }
        shape = .linear(remainders: terms.map { $0.filter { stockIndex($0.rest) == nil } }, maps: maps)
        (self.width, self.density) = (width, density)
    }

    /// The net flows as ± flows and their incidence matrix.
    private static func incidence(_ nets: [Expression]) -> Shape {
        var flows: [Expression] = []
        var entries: [(flow: Int, stock: Int, sign: Double)] = []
        for (s, net) in nets.enumerated() {
            for (term, sign) in signedTerms(net) {
                let f = flows.firstIndex(of: term) ?? { flows.append(term); return flows.count - 1 }()
                entries.append((f, s, sign))
            }
        }
        var matrix = [Double](repeating: 0, count: flows.count * nets.count)
        for (f, s, sign) in entries { matrix[f + s * flows.count] += sign }
        return .incidence(flows: flows, matrix: matrix)
    }

    /// The ± terms of a net-flow expression written as a sum of flows, or the whole expression
    /// as one implicit flow.
    static func signedTerms(_ e: Expression) -> [(Expression, Double)] {
        func flatten(_ e: Expression, _ sign: Double) -> [(Expression, Double)]? {
            switch e {
            case .binary(.add, let a, let b):
                guard let l = flatten(a, sign), let r = flatten(b, sign) else { return nil }
                return l + r
            case .binary(.subtract, let a, let b):
                guard let l = flatten(a, sign), let r = flatten(b, -sign) else { return nil }
                return l + r
            case .number(0): return []
            case .variable: return [(e, sign)]
            default: return nil
            }
        }
        return flatten(e, 1) ?? [(e, 1)]
    }
}
