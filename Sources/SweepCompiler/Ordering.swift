import SweepDiagnostics
import SweepModel

/// Ordering, the third pass: the order auxiliaries are evaluated in at each step (stocks are
/// sources), and the separate order of the initialisation, where stocks may start from other
/// stocks and INITIAL() arguments are evaluated too.
///
/// A cycle is reported by naming its variables: `circular definition among initial values:
/// A → B → A`.
struct Ordering {
    /// Auxiliaries and flows, each after every one it reads.
    let auxiliaries: [Int]
    /// Every variable, each after everything its initial value reads.
    let initialisation: [Int]

    /// - Throws: `CompileError` (`.cycle`): among auxiliaries first, then among initial values.
    init(_ model: ResolvedModel) throws {
        let equations = model.indices.filter { model.equation($0) != nil }
        auxiliaries = try Ordering.topological(model, nodes: equations, what: "auxiliaries") { i in
            model.dependencies(model.equation(i)!, throughInitial: false).filter { model.equation($0) != nil }
        }
        initialisation = try Ordering.topological(model, nodes: Array(model.indices), what: "initial values") { i in
            if let s = model.stock(i) { return model.dependencies(s.initial, throughInitial: true) }
            if let e = model.equation(i) { return model.dependencies(e, throughInitial: true) }
            return []
        }
    }

    /// Depth-first order of `nodes` with their dependencies first.
    static func topological(_ model: ResolvedModel, nodes: [Int], what: String, dependencies: (Int) -> [Int]) throws -> [Int] {
        var state = [UInt8](repeating: 0, count: model.variables.count)  // 0 new, 1 on path, 2 done
        var order: [Int] = []
        var path: [Int] = []
        func visit(_ i: Int) throws {
            if state[i] == 2 { return }
            if state[i] == 1 {
                let cycle = path[path.lastIndex(of: i)!...].map { model.variables[$0].name } + [model.variables[i].name]
                throw CompileError(.cycle, "circular definition among \(what): \(cycle.joined(separator: " → "))", at: model.variables[i].location)
            }
            state[i] = 1
            path.append(i)
            for d in dependencies(i) { try visit(d) }
            path.removeLast()
            state[i] = 2
            order.append(i)
        }
        for i in nodes { try visit(i) }
        return order
    }
}
