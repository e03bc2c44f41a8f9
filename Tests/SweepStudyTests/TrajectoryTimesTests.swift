import Foundation
import Testing
import TestSupport
@testable import SweepStudy

/// A study keeps trajectories at a bounded number of saved times, whatever SAVEPER is: the fan
/// chart, the runs' summary and the indices over time of a model saved at every TIME STEP of a
/// long run would otherwise hold thousands of values per run.
struct TrajectoryTimesTests {
    @Test func fewTimesAreKeptAllAndManyAreThinnedEvenly() {
        let few = (0...200).map { Double($0) * 0.5 }
        #expect(Sweep.trajectoryTimes(few) == few)
        // 3201 times (SIR at TIME STEP 1/32 over 100 days): every 16th, half a day apart, the
        // last among them.
        let many = (0...3200).map { Double($0) / 32 }
        let kept = Sweep.trajectoryTimes(many)
        #expect(kept == (0...200).map { Double($0) * 0.5 })
        // 3202 times: stride 16 would keep 202 (the last off the stride), so 17 and the last.
        let more = (0...3201).map(Double.init)
        let thinned = Sweep.trajectoryTimes(more)
        #expect(thinned.count == 3201 / 17 + 2 && thinned.count <= Sweep.trajectoryTimeLimit)
        #expect(thinned.dropLast().enumerated().allSatisfy { $0.element == more[17 * $0.offset] } && thinned.last == 3201)
    }

    @Test func aStudySavedAtEveryTimeStepSummarisesTheKeptTimes() throws {
        let study = try Study.parse("""
        model: \(Repository.root)/../shared/test-models/SIR/SIR.mdl
        parameters:
          - {name: Contact Infectivity, lower: 0.2, upper: 0.5}
          - {name: Duration, lower: 3, upper: 8}
        outputs: [Recovered]
        methods:
          prcc: {n: 50}
        """, file: "s.yaml")
        let results = try StudyRunner(study: study, threads: 2).run(includeBaseline: true)
        let prcc = try #require(results.prcc)
        #expect(prcc.times == Sweep.trajectoryTimes((0...3200).map { Double($0) * 0.03125 }))
        #expect(prcc.trajectories.allSatisfy { $0.values.columns == prcc.times.count && $0.values.rows == 50 })
        // The baseline keeps every saved time.
        #expect(results.baseline?.times.count == 3201)
    }
}
