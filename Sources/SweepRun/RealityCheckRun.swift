import SweepCompiler
import SweepDiagnostics
import SweepEngine
import SweepModel
import SweepNumerics

/// What one reality check (one element of it) did in each run of a sweep.
public struct RealityCheckOutcome: Sendable {
    /// The check's index in `Model.realityChecks`.
    public var check: Int
    /// Per run: the first time at which the condition held and the consequence did not; nil
    /// when the check held throughout the run.
    public var firstFailure: [Double?]
    /// Per run: whether the condition held at some step (when it never did, the check held
    /// without being put to the test).
    public var conditionHeld: [Bool]

    /// True in run `r` when the check held there.
    public func holds(in r: Int) -> Bool { firstFailure[r] == nil }
}

/// Runs the tests of a model's reality checks (`Model.realityCheckTests`) for every row of a
/// parameter matrix, with whichever engine the caller passes, and reads each constraint at
/// every integration step: a check fails at the first step where its condition holds and its
/// consequence does not (a NaN counts as not holding). Every step rather than every saved
/// time, because a failure between two saved times is still a failure, and the tests' outputs
/// are only these truth values.
///
/// ```swift
/// let outcomes = try RealityCheckRun.run(model) { BatchEngine(threads: 1).run($0, parameters: $1, outputs: $2) }
/// ```
public enum RealityCheckRun {
    public typealias Engine = (CompiledModel, Matrix, [OutputSeries]) throws -> OutputMatrix

    /// - Parameters:
    ///   - parameters: constants that vary per run, the columns of `samples`.
    ///   - samples: one row per run; the default is the one baseline run.
    ///   - overrides: constants given new fixed values (`--set`).
    /// - Returns: one outcome per constraint that could be tested, in model order, and the
    ///   constraints that could not (`Model.realityCheckTests`' problems, and tests the
    ///   compiler refuses), by index, with the reason.
    public static func run(_ model: Model, parameters: [String] = [], samples: Matrix = Matrix(rows: 1, columns: 0),
                           overrides: [String: Double] = [:], engine: Engine) throws -> (outcomes: [RealityCheckOutcome], problems: [Int: String]) {
        var (tests, problems) = model.realityCheckTests()
        var outcomes: [RealityCheckOutcome] = []
        for test in tests {
            let names = test.probes.flatMap { [$0.condition, $0.consequence] }
            let compiled: CompiledModel
            do {
                compiled = try Compiler.compile(test.model, parameters: parameters, overrides: overrides, outputs: names)
            } catch let error as any InputError {
                // A test the compiler refuses (a forced value that closes a loop) fails alone.
                for probe in test.probes { problems[probe.check] = error.message }
                continue
            }
            let spec = compiled.time
            let times = (0...spec.stepCount).map { spec.initial + Double($0) * spec.step }
            let series = try names.map { try OutputSeries.resolve($0, times: times, in: compiled) }
            let out = try engine(compiled, samples, series)
            for (p, probe) in test.probes.enumerated() {
                var failures: [Double?] = [], held: [Bool] = []
                for r in 0..<samples.rows {
                    var failure: Double?, conditionHeld = false
                    for (t, time) in times.enumerated() {
                        let condition = out.values[r, (2 * p) * times.count + t]
                        guard condition != 0, !condition.isNaN else { continue }
                        conditionHeld = true
                        let consequence = out.values[r, (2 * p + 1) * times.count + t]
                        if consequence == 0 || consequence.isNaN { failure = time; break }
                    }
                    failures.append(failure)
                    held.append(conditionHeld)
                }
                outcomes.append(RealityCheckOutcome(check: probe.check, firstFailure: failures, conditionHeld: held))
            }
        }
        return (outcomes.sorted { $0.check < $1.check }, problems)
    }
}
