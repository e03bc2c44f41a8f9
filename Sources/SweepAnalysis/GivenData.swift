import Foundation
import SweepNumerics

/// The checks every method of the frequency, moment-independent and derivative families makes
/// on its inputs before computing: shapes that fit, finite numbers, an output that varies. A
/// refusal names the rows (0-based), so a command line can point at the file's lines.
enum GivenData {
    /// Inputs must be runs × k; names default to x1, x2, ….
    static func names(_ names: [String]?, columns k: Int) throws -> [String] {
        let names = names ?? (1...Swift.max(k, 1)).prefix(k).map { "x\($0)" }
        guard names.count == k else { throw AnalysisError(.shapeMismatch, "\(names.count) names for \(k) input columns") }
        return names
    }

    static func checkRows(inputs: Matrix?, outputs: [Double], expected: Int? = nil) throws {
        if let inputs, inputs.rows != outputs.count {
            throw AnalysisError(.shapeMismatch, "\(inputs.rows) input rows but \(outputs.count) outputs")
        }
        if let expected, outputs.count != expected {
            throw AnalysisError(.shapeMismatch, "the design has \(expected) rows but there are \(outputs.count) outputs")
        }
        let bad = outputs.indices.filter { !outputs[$0].isFinite }
        guard bad.isEmpty else {
            throw AnalysisError(.nonFiniteValues, "\(bad.count) non-finite outputs; first at rows \(AnalysisError.list(bad)) (0-based)", rows: bad)
        }
        if let inputs {
            let badInputs = (0..<inputs.rows).filter { i in (0..<inputs.columns).contains { !inputs[i, $0].isFinite } }
            guard badInputs.isEmpty else {
                throw AnalysisError(.nonFiniteValues, "\(badInputs.count) input rows hold non-finite values; first at rows \(AnalysisError.list(badInputs)) (0-based)", rows: badInputs)
            }
        }
        guard let first = outputs.first, outputs.contains(where: { $0 != first }) else {
            throw AnalysisError(.constantOutput, "the output is constant (\(outputs.first ?? .nan)): no index is defined")
        }
    }

    /// Runs `body` for every factor on all cores; each factor's result depends only on its
    /// index, so the results do not depend on the thread count.
    static func perFactor<T: Sendable>(_ k: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        try Statistics.perIndex(k) { j in Result { try body(j) } }.map { try $0.get() }
    }
}
