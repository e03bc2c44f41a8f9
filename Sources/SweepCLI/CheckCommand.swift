import ArgumentParser
import Foundation
import SweepModel
import SweepNumerics
import SweepRun
import SweepSampling
import SweepStudy

/// `sdsweep check MODEL [--problem P --n N]`: tests a model's Vensim reality checks on the
/// baseline and, with a problem, in every run of a Latin hypercube over it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Test a model's reality checks (Vensim :TEST INPUT: and :THE CONDITION: … :IMPLIES:).",
        discussion: """
            Each constraint runs the model with its condition forced, as Vensim's Reality Check does: a test \
            input it names, or an equality `variable = value`, replaces that variable's equation; an \
            inequality `variable < value` sets the variable to the value where it does not hold; what cannot \
            be forced (:OR:, :NOT:, a comparison of two expressions) is tested where it holds. The consequence \
            must hold at every TIME STEP at which the condition holds (an RC … CHECK comparison from its start \
            + grace on). A subscripted check is tested element by element.

            The table gives each check (test inputs are listed, not tested), whether it holds on the baseline \
            and the first time and element where it fails. With --problem and --n, every run of a Latin \
            hypercube over the problem's parameters (a study file or a SALib text file, as `sample` reads it) \
            tests every check, and the table adds the share of runs in which it holds, with a 95% Wilson \
            interval.

            Exit status: 0 when every check holds (in every run), 1 when some check fails, 2 for bad input \
            (the model or a check that cannot be read or tested).
            """)

    @Argument(help: "Model file (Vensim .mdl; a YAML model has no reality checks).") var model: String
    @Option(help: "Also test every run of a sweep over this parameter space (study file or SALib text).") var problem: String?
    @Option(name: [.customLong("n"), .customShort("n")], parsing: .unconditional, help: "Runs of the sweep (with --problem).") var n: Int?
    @Option(parsing: .unconditional, help: "Seed of the Latin hypercube.") var seed: UInt64 = 0
    @Option(help: "Also write the table as CSV or JSON (by extension), atomically.") var out: String?
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var engineOptions: EngineOptions

    func run() throws {
        var failed = false
        try CLI.guarded {
            if (problem == nil) != (n == nil) { throw CLI.UsageError("--problem and --n go together") }
            if let n, n < 1 { throw CLI.UsageError("--n must be at least 1") }
            let model = try runOptions.load(self.model)
            try CLI.output(out)
            if let problem { try CLI.input(problem, "problem") }
            guard !model.realityChecks.isEmpty else {
                print("\(self.model): no reality checks")
                return
            }
            let executor = try engineOptions.executor()
            let engine: RealityCheckRun.Engine = { try executor.run($0, parameters: $1, outputs: $2) }
            let overrides = try runOptions.parsedOverrides()
            let baseline = try RealityCheckRun.run(model, overrides: overrides, engine: engine)
            var sweep: (outcomes: [RealityCheckOutcome], problems: [Int: String], runs: Int)?
            if let problem, let n {
                let space = try Study.problem(path: problem)
                let design = try LatinHypercube().sample(space, n: n, seed: seed)
                let correlations = try Study.problemCorrelations(path: problem, space: space)
                let samples = try Study.imposing(correlations, on: design.samples, names: design.names, seed: seed)
                let result = try RealityCheckRun.run(model, parameters: design.names, samples: samples, overrides: overrides, engine: engine)
                sweep = (result.outcomes, result.problems, n)
            }
            let rows = CheckTable.rows(model.realityChecks, baseline: baseline, sweep: sweep)
            print(CheckTable.text(rows, sweep: sweep != nil), terminator: "")
            if let out {
                let json = URL(fileURLWithPath: out).pathExtension.lowercased() == "json"
                try CLI.emit(json ? CheckTable.json(rows) : CheckTable.csv(rows, sweep: sweep != nil), to: out)
            }
            if rows.contains(where: { $0.problem != nil }) {
                for row in rows { if let p = row.problem { CLI.printError("\(row.name): not tested: \(p)") } }
                throw ExitCode(2)
            }
            failed = rows.contains { $0.fails }
        }
        if failed { throw ExitCode(1) }
    }
}

/// The rows of `sdsweep check`: one per check as written (its elements together).
enum CheckTable {
    struct Row {
        var name: String
        var kind: String
        var elements: Int
        /// "holds", "fails", "holds (condition never held)" or "-" (test input, not tested).
        var baseline: String
        /// The first failing time on the baseline and the element there, or nil.
        var failureTime: Double?
        var failureElement: String?
        var problem: String?
        /// With a sweep: runs in which every element held.
        var runsHeld: Int?
        var runs: Int?

        var fails: Bool { baseline == "fails" || (runsHeld != nil && runsHeld != runs) }
    }

    static func rows(_ checks: [RealityCheck], baseline: (outcomes: [RealityCheckOutcome], problems: [Int: String]),
                     sweep: (outcomes: [RealityCheckOutcome], problems: [Int: String], runs: Int)?) -> [Row] {
        var order: [String] = [], members: [String: [Int]] = [:]
        for (i, c) in checks.enumerated() {
            if members[c.name] == nil { order.append(c.name) }
            members[c.name, default: []].append(i)
        }
        let base = Dictionary(baseline.outcomes.map { ($0.check, $0) }, uniquingKeysWith: { a, _ in a })
        let swept = Dictionary((sweep?.outcomes ?? []).map { ($0.check, $0) }, uniquingKeysWith: { a, _ in a })
        return order.map { name in
            let indices = members[name]!
            let first = checks[indices[0]]
            var row = Row(name: name, kind: first.isTestInput ? "test input" : "constraint", elements: indices.count, baseline: "-")
            if first.isTestInput {
                row.problem = indices.compactMap { checks[$0].unsupportedReason }.first
                return row
            }
            row.problem = indices.compactMap { baseline.problems[$0] ?? sweep?.problems[$0] }.first
            guard row.problem == nil else { row.baseline = "not tested"; return row }
            var everHeld = false
            for i in indices {
                guard let o = base[i] else { continue }
                everHeld = everHeld || o.conditionHeld[0]
                if let t = o.firstFailure[0], row.failureTime.map({ t < $0 }) ?? true {
                    row.failureTime = t
                    row.failureElement = checks[i].element.isEmpty ? nil : "[" + checks[i].element.joined(separator: ",") + "]"
                }
            }
            row.baseline = row.failureTime != nil ? "fails" : everHeld ? "holds" : "holds (condition never held)"
            if let sweep {
                row.runs = sweep.runs
                row.runsHeld = (0..<sweep.runs).filter { r in indices.allSatisfy { swept[$0]?.holds(in: r) ?? true } }.count
            }
            return row
        }
    }

    static func format(_ t: Double) -> String {
        t == t.rounded() && abs(t) < 1e15 ? String(Int(t)) : "\(t)"
    }

    /// The cells of a row, in the table's column order.
    static func cells(_ row: Row, sweep: Bool) -> [String] {
        var cells = [row.name, row.kind, "\(row.elements)", row.baseline,
                     row.failureTime.map { "Time \(format($0))" + (row.failureElement.map { " at \($0)" } ?? "") } ?? "-"]
        if sweep {
            if let held = row.runsHeld, let runs = row.runs {
                let (lo, hi) = Statistics.wilsonInterval(successes: held, trials: runs)
                cells += ["\(held)/\(runs)", String(format: "%.1f%%", 100 * Double(held) / Double(runs)),
                          // Rounded outwards, so 10000 of 10000 reads 99.9–100.0%, not 100.0–100.0%.
                          String(format: "%.1f–%.1f%%", (1000 * lo).rounded(.down) / 10, (1000 * hi).rounded(.up) / 10)]
            } else {
                cells += ["-", "-", "-"]
            }
        }
        return cells
    }

    /// The table as aligned text.
    static func text(_ rows: [Row], sweep: Bool) -> String {
        var header = ["check", "kind", "elements", "baseline", "first failure"]
        if sweep { header += ["runs held", "share", "95% interval"] }
        let table = [header] + rows.map { cells($0, sweep: sweep) }
        let widths = header.indices.map { c in table.map { $0[c].count }.max()! }
        return table.map { line in
            line.enumerated().map { c, cell in c == line.count - 1 ? cell : cell.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    static func csv(_ rows: [Row], sweep: Bool) -> String {
        var header = ["check", "kind", "elements", "baseline", "first_failure_time", "first_failure_element"]
        if sweep { header += ["runs", "runs_held", "share", "share_low", "share_high"] }
        func quoted(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
        var lines = [header.joined(separator: ",")]
        for r in rows {
            var cells = [r.name, r.kind, "\(r.elements)", r.baseline, r.failureTime.map { "\($0)" } ?? "", r.failureElement ?? ""]
            if sweep {
                if let held = r.runsHeld, let runs = r.runs {
                    let (lo, hi) = Statistics.wilsonInterval(successes: held, trials: runs)
                    cells += ["\(runs)", "\(held)", "\(Double(held) / Double(runs))", "\(lo)", "\(hi)"]
                } else {
                    cells += ["", "", "", "", ""]
                }
            }
            lines.append(cells.map(quoted).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ rows: [Row]) -> String {
        let objects: [[String: Any]] = rows.map { r in
            var o: [String: Any] = ["check": r.name, "kind": r.kind, "elements": r.elements, "baseline": r.baseline]
            o["first_failure_time"] = r.failureTime ?? NSNull()
            o["first_failure_element"] = r.failureElement ?? NSNull()
            if let p = r.problem { o["problem"] = p }
            if let held = r.runsHeld, let runs = r.runs {
                let (lo, hi) = Statistics.wilsonInterval(successes: held, trials: runs)
                o["runs"] = runs
                o["runs_held"] = held
                o["share"] = Double(held) / Double(runs)
                o["share_interval"] = [lo, hi]
            }
            return o
        }
        let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
