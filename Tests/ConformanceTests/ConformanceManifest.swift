import Testing

/// Every SD test-models case shipped in `shared/test-models/` and what SDSweep does with it:
/// passes within tolerance, or refuses the model with exactly the `unsupported: …` message
/// given here. The conformance test checks each case gets exactly its status, so a feature that
/// starts working (or a message that drifts) shows up as a failure to update this table.
struct ConformanceCase: CustomTestStringConvertible, Sendable {
    /// The folder under `shared/test-models/` (the `test` column of its manifest.tsv).
    let name: String
    let set: String
    let model: String
    let output: String
    let status: Status

    enum Status: Sendable {
        /// Matches Vensim with PySD's rule |expected − actual| ≤ atol + rtol·|actual|.
        case pass(rtol: Double = 1e-5, atol: Double = 1e-5, reason: String? = nil)
        /// The load or compile error, from `unsupported:` on.
        case unsupported(String)
    }

    var testDescription: String { name }
}

enum ConformanceManifest {
    static let cases: [ConformanceCase] = [
        // v1-core: scalar models.
        .init(name: "teacup", set: "v1-core", model: "teacup.mdl", output: "output.csv", status: .pass()),
        .init(name: "abs", set: "v1-core", model: "test_abs.mdl", output: "output.csv", status: .pass()),
        .init(name: "builtin_max", set: "v1-core", model: "builtin_max.mdl", output: "output.csv", status: .pass()),
        .init(name: "builtin_min", set: "v1-core", model: "builtin_min.mdl", output: "output.csv", status: .pass()),
        .init(name: "chained_initialization", set: "v1-core", model: "test_chained_initialization.mdl", output: "output.tab", status: .pass()),
        .init(name: "constant_expressions", set: "v1-core", model: "test_constant_expressions.mdl", output: "output.tab", status: .pass()),
        .init(name: "euler_step_vs_saveper", set: "v1-core", model: "test_euler_step_vs_saveper.mdl", output: "output.tab", status: .pass()),
        .init(name: "exp", set: "v1-core", model: "test_exp.mdl", output: "output.csv", status: .pass()),
        .init(name: "exponentiation", set: "v1-core", model: "exponentiation.mdl", output: "output.tab", status: .pass()),
        .init(name: "function_capitalization", set: "v1-core", model: "test_function_capitalization.mdl", output: "output.tab", status: .pass()),
        .init(name: "if_stmt", set: "v1-core", model: "if_stmt.mdl", output: "output.csv", status: .pass()),
        .init(name: "initial_function", set: "v1-core", model: "test_initial.mdl", output: "output.csv", status: .pass()),
        .init(name: "input_functions", set: "v1-core", model: "test_inputs.mdl", output: "output.csv", status: .pass()),
        .init(name: "line_continuation", set: "v1-core", model: "test_line_continuation.mdl", output: "output.tab", status: .pass()),
        .init(name: "ln", set: "v1-core", model: "test_ln.mdl", output: "output.tab", status: .pass()),
        .init(name: "logicals", set: "v1-core", model: "test_logicals.mdl", output: "output.csv", status: .pass()),
        .init(name: "lookups", set: "v1-core", model: "test_lookups.mdl", output: "output.tab", status: .pass()),
        .init(name: "lookups_inline", set: "v1-core", model: "test_lookups_inline.mdl", output: "output.tab", status: .pass()),
        .init(name: "nested_functions", set: "v1-core", model: "test_nested_functions.mdl", output: "output.tab", status: .pass()),
        .init(name: "number_handling", set: "v1-core", model: "test_number_handling.mdl", output: "output.csv", status: .pass()),
        .init(name: "reference_capitalization", set: "v1-core", model: "test_reference_capitalization.mdl", output: "output.tab", status: .pass()),
        .init(name: "rounding", set: "v1-core", model: "test_rounding.mdl", output: "output.tab", status: .pass()),
        .init(name: "sqrt", set: "v1-core", model: "test_sqrt.mdl", output: "output.csv", status: .pass()),
        .init(name: "time", set: "v1-core", model: "test_time.mdl", output: "output.tab", status: .pass()),
        .init(name: "trig", set: "v1-core", model: "test_trig.mdl", output: "output.csv", status: .pass()),
        .init(name: "xidz_zidz", set: "v1-core", model: "xidz_zidz.mdl", output: "output.tab", status: .pass()),
        .init(name: "zeroled_decimals", set: "v1-core", model: "test_zeroled_decimals.mdl", output: "output.tab", status: .pass()),

        // v2: delays, smooths, trend (hidden stocks, `Model+StatefulBuiltins.swift`); subscripts,
        // expanded into one scalar per element (`Model+Subscripts.swift`) before compilation.
        .init(name: "delays", set: "v2", model: "test_delays.mdl", output: "output.tab", status: .pass()),
        .init(name: "delay_fixed", set: "v2", model: "test_delay_fixed.mdl", output: "output.tab", status: .pass()),
        .init(name: "delay_pipeline", set: "v2", model: "test_pipeline_delays.mdl", output: "output.tab", status: .pass()),
        .init(name: "delay_parentheses", set: "v2", model: "test_delay_parentheses.mdl", output: "output.tab", status: .pass()),
        .init(name: "smooth", set: "v2", model: "test_smooth.mdl", output: "output.tab", status: .pass()),
        .init(name: "smooth_and_stock", set: "v2", model: "test_smooth_and_stock.mdl", output: "output.tab", status: .pass()),
        .init(name: "trend", set: "v2", model: "test_trend.mdl", output: "output.csv", status: .pass()),
        .init(name: "subscript_1d_arrays", set: "v2", model: "test_subscript_1d_arrays.mdl", output: "output.csv", status: .pass()),
        .init(name: "subscript_2d_arrays", set: "v2", model: "test_subscript_2d_arrays.mdl", output: "output.tab", status: .pass()),
        .init(name: "subscripted_flows", set: "v2", model: "test_subscripted_flows.mdl", output: "output.tab", status: .pass()),
        .init(name: "subscript_subranges", set: "v2", model: "test_subscript_subrange.mdl", output: "output.tab", status: .pass()),
        .init(name: "subscript_aggregation", set: "v2", model: "test_subscript_aggregation.mdl", output: "output.tab", status: .pass()),
        .init(name: "subscripted_smooth", set: "v2", model: "test_subscripted_smooth.mdl", output: "output.tab", status: .pass()),
    ]
}
