import Foundation
import SweepEngine
import SweepNumerics

/// Runs whose outputs are NaN or ±∞: counted, the first few kept for the summary, and all
/// listed (run, parameter values, which outputs) in a CSV if asked for (`evaluate
/// --nonfinite-report`). A sweep adds each finished block; a stopped sweep abandons the file.
///
/// ```swift
/// let report = try NonFiniteReport(path: "nf.csv", parameters: ["Peak Year"], outputs: ["C"], runs: 1000)
/// try report.add(rows: block.nonFiniteRuns, firstRun: 0, parameters: x, outputs: y)
/// try report.commit()
/// report.summary   // "warning: 11 of 1000 runs produced NaN/Inf (first: run 17 with Peak Year=0.0 → C; …)"
/// ```
public final class NonFiniteReport {
    private let writer: CSVNumberWriter?
    private let parameters: [String]
    private let outputs: [String]
    private let runs: Int
    /// How many runs produced NaN or ±∞ so far.
    public private(set) var count = 0
    /// The first three: run, `name=value` of each parameter, the non-finite outputs.
    private var first: [(run: Int, setting: [String], outputs: [String])] = []

    /// - Parameters:
    ///   - path: the CSV listing every such run; nil for none.
    ///   - runs: the sweep's run count, for the summary.
    public init(path: String?, parameters: [String], outputs: [String], runs: Int) throws {
        self.parameters = parameters
        self.outputs = outputs
        self.runs = runs
        writer = try path.map { try CSVNumberWriter(path: $0, header: ["run"] + parameters + ["nonfinite_outputs"]) }
    }

    /// Adds the non-finite `rows` of a block whose first row is run `firstRun`.
    public func add(rows: [Int], firstRun: Int, parameters p: Matrix, outputs o: Matrix) throws {
        for r in rows {
            count += 1
            // Past the first three, only the file needs the details.
            guard first.count < 3 || writer != nil else { continue }
            let bad = NonFiniteScan.columns(of: r, in: o).map { outputs[$0] }
            // "\(v)" writes nan, inf and -inf as the CSVs do.
            let values = parameters.indices.map { CSVFormat.number(p[r, $0]) }
            if first.count < 3 {
                first.append((firstRun + r, parameters.indices.map { "\(parameters[$0])=\(values[$0])" }, bad))
            }
            try writer?.write(fields: ["\(firstRun + r)"] + values + [bad.joined(separator: ";")])
        }
    }

    public func commit() throws { try writer?.commit() }
    public func abandon() { writer?.abandon() }

    /// `evaluate`'s stderr warning (up to three runs, their outputs, and where to find the
    /// rest), or nil when every run was finite.
    public var summary: String? {
        guard count > 0 else { return nil }
        let listed = first.map { f in
            "run \(f.run) with \(f.setting.isEmpty ? "no parameters" : f.setting.joined(separator: ", ")) → \(f.outputs.joined(separator: ", "))"
        }
        let more = count > first.count ? "; …" : ""
        let hint = writer == nil ? " — list them all with --nonfinite-report FILE.csv" : ""
        return "warning: \(count) of \(runs) runs produced NaN/Inf (first: \(listed.joined(separator: "; "))\(more))\(hint)"
    }

    /// A study stage's warning (the first run's parameters), or nil when every run was finite;
    /// the stage's analyses then refuse those outputs rather than average them.
    public func summary(stage: String) -> String? {
        guard let f = first.first else { return nil }
        return "warning: \(stage): \(count) of \(runs) runs produced NaN/Inf (first: run \(f.run) with \(f.setting.joined(separator: ", ")))"
    }
}
