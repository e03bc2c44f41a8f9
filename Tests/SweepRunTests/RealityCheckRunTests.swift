import Foundation
import SweepEngine
import SweepModel
import SweepNumerics
import SweepRun
import Testing
import TestSupport

/// The suite's reality-check case, in `shared/test-models` beside the repository.
let suiteCase = Repository.rootURL.deletingLastPathComponent().appendingPathComponent("shared/test-models/reality_checks/test_reality_checks.mdl").path

/// Reality checks run as Vensim's documentation describes them, on small models whose outcomes
/// are worked out by hand in their comments (`Tests/RealityCheckModels/checks.mdl`).
@Suite struct RealityCheckRunTests {
    let interpreter: RealityCheckRun.Engine = { BatchEngine(threads: 1).run($0, parameters: $1, outputs: $2) }

    /// Each constraint's first failure on the baseline, by full name ("-" when it holds).
    func baseline(_ model: Model) throws -> [String: String] {
        let (outcomes, problems) = try RealityCheckRun.run(model, engine: interpreter)
        #expect(problems.isEmpty, "\(problems)")
        var out: [String: String] = [:]
        for o in outcomes { out[model.realityChecks[o.check].fullName] = o.firstFailure[0].map { "\($0)" } ?? "-" }
        return out
    }

    func checks() throws -> Model {
        try Model.load(path: Repository.path("Tests/RealityCheckModels/checks.mdl"))
    }

    @Test func handComputedOutcomesOnTheBaseline() throws {
        let model = try checks()
        #expect(try baseline(model) == [
            "no rate no inflow": "-", "no rate no inflow at once": "0.0", "stock stays below": "5.0",
            "small y[a]": "-", "small y[b]": "2.0", "small y[c]": "4.0",
            "big stock drains": "-", "passive": "-", "no rate keeps stock": "1.0",
        ])
    }

    /// A constraint whose condition never holds holds without being put to the test, and says so.
    @Test func aPassiveConditionThatNeverHoldsIsReported() throws {
        let model = try Model.parseVensim("""
            x = 1 ~~|
            never :THE CONDITION: x > 2 :OR: Time < -1 :IMPLIES: x = 5 ~~|
            INITIAL TIME = 0 ~~|
            FINAL TIME = 2 ~~|
            TIME STEP = 1 ~~|
            """, file: "never.mdl")
        let (outcomes, _) = try RealityCheckRun.run(model, engine: interpreter)
        #expect(outcomes.count == 1 && outcomes[0].holds(in: 0) && !outcomes[0].conditionHeld[0])
    }

    /// Per run of a sweep: rate 0 and 1 keep the stock under 30; rate 4 gives 10, 17, 23.3,
    /// 28.97, 34.073 (Euler, dS = 2·rate − S/10), over 30 at Time 4.
    @Test func everyRunOfASweepIsTested() throws {
        let samples = Matrix(rows: 3, columns: 1, storage: [0, 1, 4])
        let model = try checks()
        let (outcomes, _) = try RealityCheckRun.run(model, parameters: ["rate"], samples: samples, engine: interpreter)
        let below = try #require(outcomes.first { model.realityChecks[$0.check].name == "stock stays below" })
        #expect(below.firstFailure == [nil, nil, 4])
        // Forcing rate to 0 overrides the swept value in every run.
        let keeps = try #require(outcomes.first { model.realityChecks[$0.check].name == "no rate keeps stock" })
        #expect(keeps.firstFailure == [1, 1, 1])
    }

    /// The RC functions' trajectories (fn_rc.html), v = 10 changed from Time 1: RC STEP to 0
    /// for a duration of 2 (0 at 1 and 2, 10 again from 3); RC RAMP to 0 over 2 (10, 5, 0);
    /// RC DECAY with decay time 1, 10·e^−(t−1); RC GROW at 0.5, 10·e^0.5(t−1). Tolerance 1e-12:
    /// the same arithmetic written out, within rounding.
    @Test func rcFunctionTrajectories() throws {
        let model = try Model.parseVensim("""
            v = 10 ~~|
            TI step :TEST INPUT: v = RC STEP(v, 0, 1, 2) ~~|
            TI ramp :TEST INPUT: v = RC RAMP(v, 0, 2, 1) ~~|
            TI decay :TEST INPUT: v = RC DECAY(v, 1, 1) ~~|
            TI grow :TEST INPUT: v = RC GROW(v, 0.5, 1) ~~|
            step shape :THE CONDITION: TI step :IMPLIES: v = IF THEN ELSE(Time >= 1 :AND: Time < 3, 0, 10) ~~|
            ramp shape :THE CONDITION: TI ramp :IMPLIES: v = IF THEN ELSE(Time <= 1, 10, IF THEN ELSE(Time < 3, 5 * (3 - Time), 0)) ~~|
            decay shape :THE CONDITION: TI decay :IMPLIES: ABS(v - IF THEN ELSE(Time < 1, 10, 10 * EXP(1 - Time))) < 1e-12 ~~|
            grow shape :THE CONDITION: TI grow :IMPLIES: ABS(v - IF THEN ELSE(Time < 1, 10, 10 * EXP(0.5 * (Time - 1)))) < 1e-12 ~~|
            INITIAL TIME = 0 ~~|
            FINAL TIME = 5 ~~|
            TIME STEP = 1 ~~|
            """, file: "rc.mdl")
        #expect(try baseline(model) == ["step shape": "-", "ramp shape": "-", "decay shape": "-", "grow shape": "-"])
    }

    /// RC START TIME, when the model defines it, is where the RC functions start; the CHECK
    /// form's comparison is tested from start + grace (here 4 + 1 = 5: the step to 0 at 4
    /// leaves v at 10 at Time 4, which `v < 1` alone would fail).
    @Test func rcStartTimeAndGrace() throws {
        let model = try Model.parseVensim("""
            v = 10 ~~|
            RC START TIME = 4 ~~|
            TI off :TEST INPUT: v = RC STEP(v, 0) ~~|
            off late :THE CONDITION: TI off :IMPLIES: v <= RC STEP CHECK(1, v, 0) ~~|
            off at start :THE CONDITION: TI off :IMPLIES: v <= RC STEP CHECK(0, v, 0) :AND: Time >= 0 ~~|
            off always :THE CONDITION: TI off :IMPLIES: v = 0 ~~|
            INITIAL TIME = 0 ~~|
            FINAL TIME = 6 ~~|
            TIME STEP = 1 ~~|
            """, file: "start.mdl")
        #expect(try baseline(model) == ["off late": "-", "off at start": "-", "off always": "0.0"])
    }

    /// The suite's case (test-models/reality_checks): Vensim's semantics predict that both
    /// constraints hold. Productivity forced to 0 from INITIAL TIME + TIME STEP (2; the model
    /// has no RC START TIME) makes output 0 from Time 2, and RC STEP CHECK(0.5, output, 0.0001)
    /// is then 0, tested from 2.5; workers[a] forced to 0 makes output[a] = 0·2·0.5 = 0.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: suiteCase))) func theSuiteCaseHolds() throws {
        let model = try Model.load(path: suiteCase)
        #expect(model.realityChecks.map(\.fullName) == [
            "no_productivity_no_output[a]", "no_productivity_no_output[b]", "no_productivity_no_output[c]", "no_productivity_no_output[d]",
            "productivity_to_zero[a]", "productivity_to_zero[b]", "productivity_to_zero[c]", "productivity_to_zero[d]",
            "no_workers_no_output",
        ])
        let (outcomes, problems) = try RealityCheckRun.run(model, engine: interpreter)
        #expect(problems.isEmpty)
        #expect(outcomes.count == 5 && outcomes.allSatisfy { $0.holds(in: 0) && $0.conditionHeld[0] })
    }
}
