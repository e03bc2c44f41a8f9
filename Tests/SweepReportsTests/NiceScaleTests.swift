import Foundation
import Testing
@testable import SweepReports

@Suite struct NiceScaleTests {
    // Each case states the range, the target tick count, and the ticks expected, with why:
    // the step is the smallest of 1, 2, 2.5, 5 × 10^k whose enclosing ticks are at most
    // target + 1 in number, searched from span / target.
    @Test(arguments: [
        // The paper's C(20) = 4.83: 4.83 / 6 = 0.805, so step 1 → 0…5, six ticks.
        (0.0, 4.83, 6, [0.0, 1, 2, 3, 4, 5]),
        // A +50% run ends at 5.52: step 1 → 0…6 is seven ticks, allowed (≤ 7).
        (0.0, 5.52, 6, [0.0, 1, 2, 3, 4, 5, 6]),
        // Sobol' indices: 1 / 6 → step 0.2.
        (0.0, 1.0, 6, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        // 12 / 5 = 2.4: step 2 would need 0…12 = 7 ticks > 6, so 2.5 → 0…12.5.
        (0.0, 12.0, 5, [0.0, 2.5, 5, 7.5, 10, 12.5]),
        // Negative range: step 0.5 would need −3.5…0 = 8 ticks > 7, so step 1.
        (-3.2, -0.4, 6, [-4.0, -3, -2, -1, 0]),
        // Slightly negative S1 next to a large one: the axis crosses zero at a tick.
        (-0.02, 0.39, 6, [-0.1, 0, 0.1, 0.2, 0.3, 0.4]),
        // Time axis of the paper's model: 20 / 6 = 3.3 → step 5.
        (0.0, 20.0, 6, [0.0, 5, 10, 15, 20]),
        // Order of the bounds does not matter.
        (20.0, 0.0, 6, [0.0, 5, 10, 15, 20]),
    ])
    func ticksOfTypicalRanges(min: Double, max: Double, target: Int, expected: [Double]) {
        let scale = NiceScale(min: min, max: max, targetTickCount: target)
        // Ticks are k × m / 10^e, computed with one rounding: equal to the literal to 1e-12.
        #expect(scale.ticks.count == expected.count)
        for (t, e) in zip(scale.ticks, expected) {
            #expect(abs(t - e) <= 1e-12, "tick \(t) expected \(e)")
        }
        #expect(scale.lower <= Swift.min(min, max) && scale.upper >= Swift.max(min, max))
    }

    @Test func labelsShareOneDecimalCount() {
        // Quarter steps need two decimals everywhere, including on whole numbers.
        let quarters = NiceScale(min: 0, max: 1.2, targetTickCount: 5)
        #expect(quarters.labels == ["0.00", "0.25", "0.50", "0.75", "1.00", "1.25"])
        #expect(NiceScale(min: 0, max: 12, targetTickCount: 5).labels == ["0.0", "2.5", "5.0", "7.5", "10.0", "12.5"])
        #expect(NiceScale(min: 0, max: 4.83).labels == ["0", "1", "2", "3", "4", "5"])
        // Zero is never printed as "-0.0".
        #expect(NiceScale(min: -0.02, max: 0.39).labels == ["-0.1", "0.0", "0.1", "0.2", "0.3", "0.4"])
    }

    @Test func minimumDecimalsPadsEveryLabel() {
        // The editor's "2.50 / 5.00" style: 9.6 / 4 = 2.4 → step 2.5 (one decimal needed), and
        // two asked for.
        let scale = NiceScale(min: 0, max: 9.6, targetTickCount: 4, minimumDecimals: 2)
        #expect(scale.labels == ["0.00", "2.50", "5.00", "7.50", "10.00"])
        #expect(scale.format(3.14159) == "3.14")
    }

    @Test func allValuesEqualAreCentredInAWidenedRange() {
        // 5 ± 10% = 4.5…5.5; 1 / 6 → 0.2 → 4.4…5.6 (seven ticks).
        let scale = NiceScale(values: [5, 5, 5])
        #expect(scale.labels == ["4.4", "4.6", "4.8", "5.0", "5.2", "5.4", "5.6"])
        #expect(NiceScale(values: [5]) == scale)
    }

    @Test func zeroOnlyEmptyAndNonFiniteRangesBecomeTheUnitInterval() {
        let unit = NiceScale(min: 0, max: 1)
        #expect(NiceScale(min: 0, max: 0) == unit)
        #expect(NiceScale(values: []) == unit)
        #expect(NiceScale(values: [.nan, .infinity, -.infinity]) == unit)
        #expect(NiceScale(min: .nan, max: .nan).labels.allSatisfy { !$0.contains("nan") })
        // One finite bound is a single point.
        #expect(NiceScale(min: .nan, max: 5) == NiceScale(values: [5]))
    }

    @Test func roundingNoiseIsTreatedAsAConstant() {
        // A span of 1e-12 on values near 1 is floating-point noise, not a signal to resolve.
        let scale = NiceScale(min: 1, max: 1 + 1e-12)
        #expect(scale.labels == ["0.90", "0.95", "1.00", "1.05", "1.10"])
    }

    @Test func tinyValuesUseACommonExponent() {
        let scale = NiceScale(min: 0, max: 1e-9)
        #expect(scale.usesScientificNotation)
        #expect(scale.labels == ["0", "0.2e-9", "0.4e-9", "0.6e-9", "0.8e-9", "1.0e-9"])
    }

    @Test func hugeValuesStayExponentFreeUpTo1e15() {
        let scale = NiceScale(min: 0, max: 1e9)
        #expect(!scale.usesScientificNotation)
        #expect(scale.labels == ["0", "200000000", "400000000", "600000000", "800000000", "1000000000"])
        let enormous = NiceScale(min: 0, max: 3e15)
        #expect(enormous.usesScientificNotation)
        #expect(enormous.labels.last == "3.0e15")
        let extreme = NiceScale(min: -1e308, max: 1e308)
        #expect(extreme.ticks.allSatisfy { $0.isFinite })
    }

    @Test func formatNeverPrintsNaN() {
        let scale = NiceScale(min: 0, max: 1)
        #expect(scale.format(.nan) == "–")
        #expect(scale.format(.infinity) == "–")
    }

    /// Property over many pseudo-random ranges: ticks enclose the data, are few enough, evenly
    /// spaced, distinctly labelled, and every label has the same number of decimals.
    @Test func propertiesHoldOverRandomRanges() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            // SplitMix64: a fixed seed gives the same cases every run.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
        for _ in 0..<2000 {
            let magnitude = pow(10, (next() * 16 - 8).rounded())
            let a = (next() * 2 - 1) * magnitude, b = (next() * 2 - 1) * magnitude
            let target = 3 + Int(next() * 6)
            let scale = NiceScale(min: a, max: b, targetTickCount: target)
            #expect(scale.lower <= Swift.min(a, b) && scale.upper >= Swift.max(a, b))
            #expect(scale.ticks.count >= 2 && scale.ticks.count <= target + 1)
            #expect(Set(scale.labels).count == scale.labels.count, "duplicate labels for \(a)…\(b)")
            let decimals = Set(scale.labels.filter { $0 != "0" }.map { label -> Int in
                let mantissa = label.split(separator: "e").first.map(String.init) ?? label
                return mantissa.split(separator: ".").dropFirst().first?.count ?? 0
            })
            #expect(decimals.count == 1, "mixed decimals \(scale.labels)")
            #expect(scale.labels.allSatisfy { !$0.lowercased().contains("nan") && !$0.contains("inf") })
        }
    }
}
