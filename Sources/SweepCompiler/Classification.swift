import SweepDiagnostics
import SweepModel

/// Every variable's class, and through it the class of any expression over the variables.
struct ValueClasses {
    let names: NameIndex
    private let classes: [ValueClass]

    init(names: NameIndex, classes: [ValueClass]) {
        self.names = names
        self.classes = classes
    }

    subscript(_ i: Int) -> ValueClass { classes[i] }

    func of(_ e: Expression) -> ValueClass {
        ValueClass.of(e) { classes[names[$0]] }
    }
}

/// Classification, the second pass: whether each variable is a constant, time-only, run-only
/// or state, found by walking its equation. Stocks are state and end the walk; per-run
/// parameters are run-only; lookup tables, having no value of their own, are constants.
///
/// A variable met again on the walk from itself is a cycle among auxiliaries, reported by
/// naming its variables: `circular definition among auxiliaries: a → b → a`.
struct Classification {
    private let model: ResolvedModel
    private var classes: [ValueClass?]

    private init(_ model: ResolvedModel) {
        self.model = model
        classes = Array(repeating: nil, count: model.variables.count)
    }

    /// - Throws: `CompileError` (`.cycle`) for the first cycle met, in model order.
    static func classify(_ model: ResolvedModel) throws -> ValueClasses {
        var pass = Classification(model)
        for i in model.indices { _ = try pass.valueClass(i, path: []) }
        return ValueClasses(names: model.names, classes: pass.classes.map { $0! })
    }

    private mutating func valueClass(_ i: Int, path: [Int]) throws -> ValueClass {
        if let c = classes[i] { return c }
        if path.contains(i) {
            let cycle = path[path.firstIndex(of: i)!...].map { model.variables[$0].name } + [model.variables[i].name]
            throw CompileError(.cycle, "circular definition among auxiliaries: \(cycle.joined(separator: " → "))", at: model.variables[i].location)
        }
        let c: ValueClass
        switch model.definitions[i] {
        case .stock: c = .state
        case .constant: c = model.isParameter[i] ? .run : .constant
        case .equation(let e):
            let inner = path + [i]
            c = try ValueClass.of(e) { try valueClass(model.names[$0], path: inner) }
        case .lookup: c = .constant
        }
        classes[i] = c
        return c
    }
}
