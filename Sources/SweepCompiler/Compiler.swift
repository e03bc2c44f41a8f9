import SweepDiagnostics
import SweepModel

/// Compiles a `Model` into a `CompiledModel`.
///
/// The passes, each a type with the state it may touch: `Resolution` (names to indices,
/// reference checks, the time functions desugared), `Classification` (constant, time-only,
/// run-only or state), `Ordering` (auxiliaries, and the initialisation apart; a cycle is
/// reported by naming its variables), `Liveness` (what the outputs need; single-use state
/// auxiliaries inlined), `Factoring` (sums of products regrouped), `LinearMapRecognition` (the
/// stock update as matrix products) and `Emitter` (ops, slots and temporaries, hoisting
/// time-only parts into the scalar program and run-only parts into the initialisation).
///
/// ```swift
/// let compiled = try Compiler.compile(model, parameters: ["Contact Rate"], overrides: ["Infectivity": 0.2])
/// ```
public enum Compiler {
    /// - Parameters:
    ///   - parameters: constants that vary per run, in the order of the parameter matrix columns.
    ///   - overrides: constants given new fixed values (`--set`).
    ///   - outputs: the variables the caller will record; nil keeps every variable. With a
    ///     list, what no output or stock needs is dropped, and state auxiliaries used once are
    ///     inlined into their user, so that sums of products factor across them.
    /// - Throws: `CompileError` naming the variable and its location.
    public static func compile(_ model: Model, parameters: [String] = [], overrides: [String: Double] = [:],
                               outputs: [String]? = nil) throws -> CompiledModel {
        // Smooths, delays and trends become hidden stocks first, with the final time spec and
        // knowing which constants vary per run (their orders are fixed at initialisation).
        let expanded = try model.expandingStatefulBuiltins(parameters: parameters, overrides: overrides)
        let resolved = try Resolution.resolve(expanded, parameters: parameters, overrides: overrides, outputs: outputs)
        return try compile(resolved)
    }

    static func compile(_ model: ResolvedModel) throws -> CompiledModel {
        let classes = try Classification.classify(model)
        let order = try Ordering(model)
        let stocks = model.indices.filter(model.isStock)
        let liveness = Liveness(model, classes: classes, stocks: stocks)

        var emitter = Emitter(model: model, classes: classes)
        let stockBase = emitter.layOut(stocks: stocks, live: liveness.live)
        emitter.emitTimeOnly(order: order.auxiliaries, live: liveness.live)
        emitter.emitInitialisation(order: order.initialisation, live: liveness.live)
        let state = emitter.emitState(order: order.auxiliaries, liveness: liveness)
        let fused = emitter.emitFusedUpdate(stocks: stocks, liveness: liveness)
        let recognition = LinearMapRecognition(stocks: stocks, model: model, liveness: liveness, factoring: emitter.factoring)
        let blas = emitter.emitBLASUpdate(stocks: stocks, stockBase: stockBase, recognition: recognition, liveness: liveness)

        return CompiledModel(
            name: model.name, time: model.time,
            parameters: model.parameters.map { model.variables[$0].name },
            parameterColumns: model.parameters.map { if case .column(let c) = emitter.refs[$0]! { c } else { -1 } },
            columnCount: emitter.slots.columnCount, scalars: emitter.slots.scalars, tables: emitter.tables,
            stockBase: stockBase, stockNames: stocks.map { model.variables[$0].name },
            timeOnly: Program(emitter.programs.time), perRun: Program(emitter.programs.initial), state: Program(state),
            stockUpdate: CompiledModel.StockUpdate(fused: fused, blas: blas, linearMapWidth: recognition.width,
                                                   linearMapDensity: recognition.density),
            variables: compiledVariables(model, refs: emitter.refs, liveness: liveness))
    }

    /// The variables a caller can record: live, not inlined, not hidden, with a slot.
    static func compiledVariables(_ model: ResolvedModel, refs: [Ref?], liveness: Liveness) -> [CompiledVariable] {
        var out: [CompiledVariable] = []
        for (i, v) in model.variables.enumerated() {
            guard let ref = refs[i], liveness.live[i], !liveness.inlined[i], !v.isHidden else { continue }
            let role: CompiledVariable.Role
            switch v.kind {
            case .constant: role = model.isParameter[i] ? .parameter : .constant
            case .stock: role = .stock
            case .flow: role = .flow
            default: role = .auxiliary
            }
            out.append(CompiledVariable(name: v.name, id: v.id, ref: ref, units: v.units, role: role))
        }
        return out
    }
}
