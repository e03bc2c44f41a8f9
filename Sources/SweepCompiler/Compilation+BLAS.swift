import SweepModel

extension Compilation {
    struct BLASProgram {
        var pre: [Op]
        var maps: [LinearMap]
        var post: [Op]
        var net: [Ref]
        var width: Int
        var density: Double = 0
    }

    /// The stock update as matrix products over the chunk.
    ///
    /// Where net flows are linear in the stocks with batch-shared coefficients (a network's
    /// `s · Σ_j W_ij C_j`), the stocks' columns times the coefficient matrix is one `dgemm`
    /// per scale (`s` applied afterwards, per run); the rest of each net flow is computed
    /// element-wise into the product's output first. Otherwise the flows are copied into a
    /// block and multiplied by the stock–flow incidence (+1 inflow, −1 outflow).
    mutating func emitBLASProgram(stocks: [Int], stockBase: Int) -> BLASProgram {
        let saved = stepOps
        defer { stepOps = saved }
        stepOps = []
        let count = stocks.count
        var position: [CanonicalName: Int] = [:]
        for (k, i) in stocks.enumerated() { position[model.variables[i].id] = k }
        func stockIndex(_ e: Expression?) -> Int? {
            if case .variable(let n, _)? = e { return position[CanonicalName(n)] }
            return nil
        }
        let terms = stocks.map { linearTerms(of: substituted(stockNet[$0]!)) }
        var scales: [(run: Expression?, factor: Expression?)] = []
        for list in terms {
            for t in list where stockIndex(t.rest) != nil && !scales.contains(where: { $0.run == t.run && $0.factor == t.factor }) {
                scales.append((t.run, t.factor))
            }
        }
        let netBase = columnCount
        columnCount += count
        let net = (0..<count).map { Ref.column(netBase + $0) }
        var maps: [LinearMap] = []

        if scales.isEmpty {
            // Σ flows with ±1: flows into a block, then the incidence.
            var flows: [Expression] = []
            var entries: [(flow: Int, stock: Int, sign: Double)] = []
            for (s, i) in stocks.enumerated() {
                for (term, sign) in Compilation.signedTerms(stockNet[i]!) {
                    let f = flows.firstIndex(of: term) ?? { flows.append(term); return flows.count - 1 }()
                    entries.append((f, s, sign))
                }
            }
            let flowBase = columnCount
            columnCount += flows.count
            for (f, e) in flows.enumerated() {
                emitStatement(substituted(e), into: .column(flowBase + f), phase: .step, owner: -1 - f)
            }
            var incidence = [Double](repeating: 0, count: flows.count * count)
            for (f, s, sign) in entries { incidence[f + s * flows.count] += sign }
            if flows.isEmpty {
                for r in net { stepOps.append(Op(.copy, r, pool(0))) }
            } else {
                maps.append(LinearMap(inputBase: flowBase, inputCount: flows.count, outputBase: netBase, outputCount: count,
                                      matrix: incidence, beta: 0, label: "\(flows.count) flows × \(count) stocks incidence"))
            }
            return BLASProgram(pre: stepOps, maps: maps, post: [], net: net, width: 0)
        }

        // What is not linear in the stocks, element-wise into the derivative block.
        for (s, list) in terms.enumerated() {
            let remainder = list.filter { stockIndex($0.rest) == nil }
            var occurrence = 0
            let r = remainder.isEmpty ? pool(0) : emitLinear(remainder, phase: .step, owner: stocks[s], occurrence: &occurrence)
            finishStatement(r, into: net[s], phase: .step)
        }
        var scaleRefs: [Ref?] = []
        for (run, factor) in scales {
            guard run != nil || factor != nil else { scaleRefs.append(nil); continue }
            let e = Compilation.product(run ?? .number(1), factor ?? .number(1))
            // run × time varies per run and step: its own column, not a temporary.
            scaleRefs.append(classOf(e) == .state ? emitStatement(e, into: .column(newColumn()), phase: .step, owner: -1)
                                                  : emitStatement(e, into: nil, phase: .step, owner: -1))
        }
        let pre = stepOps
        stepOps = []
        var width = 0
        var density = 0.0
        var productBase: Int?
        for (k, (run, factor)) in scales.enumerated() {
            var matrix = [Double](repeating: 0, count: count * count)
            var rows: [Int] = []
            var columns = Set<Int>()
            for (i, list) in terms.enumerated() {
                for t in list where t.run == run && t.factor == factor {
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
            if let scale = scaleRefs[k] {
                if productBase == nil { productBase = columnCount; columnCount += count }
                maps.append(LinearMap(inputBase: stockBase, inputCount: count, outputBase: productBase!, outputCount: count,
                                      matrix: matrix, beta: 0, label: label + ", scaled per run after"))
                for i in rows { stepOps.append(Op(.muladd, net[i], net[i], .column(productBase! + i), scale)) }
            } else {
                maps.append(LinearMap(inputBase: stockBase, inputCount: count, outputBase: netBase, outputCount: count,
                                      matrix: matrix, beta: 1, label: label))
            }
        }
        return BLASProgram(pre: pre, maps: maps, post: stepOps, net: net, width: width, density: density)
    }
}
