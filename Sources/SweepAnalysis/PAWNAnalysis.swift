import Foundation
import SweepNumerics

/// PAWN (Pianosi & Wagener 2015, 2018): how far the output's distribution moves when one input
/// is held within a slice of its range. Input i's range is cut at its empirical quantiles
/// s/S (s = 0…S, numpy's linear interpolation) into S slices [q_s, q_{s+1}); in each, the
/// Kolmogorov–Smirnov distance between the output's distribution there and over all runs is
/// one value, and the index is a statistic of the S values: minimum, mean, median, maximum,
/// coefficient of variation (and the standard deviation). As in SALib 1.6 each slice excludes
/// its upper edge, so the last excludes the input's largest value; an empty slice is skipped.
///
/// ```swift
/// let si = try PAWNAnalysis(slices: 10).analyze(inputs: lhs.samples, outputs: y, names: lhs.names)
/// si.median   // the usual summary
/// ```
public struct PAWNAnalysis: Sendable, Hashable {
    public var slices: Int

    public init(slices: Int = 10) { self.slices = slices }

    /// - Throws: ``AnalysisError`` for shapes that differ, non-finite values, a constant output
    ///   or fewer than 2 slices.
    public func analyze(inputs: Matrix, outputs: [Double], names: [String]? = nil) throws -> PAWNIndices {
        guard slices >= 2 else { throw AnalysisError.option("PAWN needs at least 2 slices, not \(slices)") }
        let names = try GivenData.names(names, columns: inputs.columns)
        try GivenData.checkRows(inputs: inputs, outputs: outputs)
        let all = outputs.sorted()
        let results = try GivenData.perFactor(inputs.columns) { j -> [Double] in
            let x = inputs.column(j)
            let sortedX = x.sorted()
            let edges = (0...slices).map { Self.numpyQuantile(sorted: sortedX, Double($0) * (1 / Double(slices))) }
            var distances = [Double]()
            for s in 0..<slices {
                let inSlice = x.indices.filter { x[$0] >= edges[s] && x[$0] < edges[s + 1] }.map { outputs[$0] }
                if inSlice.isEmpty { continue }
                distances.append(Self.ksDistance(inSlice.sorted(), all))
            }
            let mean = Statistics.mean(distances)
            let sd = Statistics.standardDeviation(distances)
            let sorted = distances.sorted()
            return [sorted.first!, mean, Statistics.quantile(sorted: sorted, 0.5), sorted.last!, sd / mean, sd]
        }
        return PAWNIndices(names: names, minimum: results.map { $0[0] }, mean: results.map { $0[1] }, median: results.map { $0[2] },
                           maximum: results.map { $0[3] }, cv: results.map { $0[4] }, stdev: results.map { $0[5] })
    }

    /// The two-sample Kolmogorov–Smirnov statistic sup |F_a − F_b| of two sorted samples,
    /// evaluated at every pooled value with right-continuous ECDFs (scipy's `ks_2samp`).
    static func ksDistance(_ a: [Double], _ b: [Double]) -> Double {
        let na = Double(a.count), nb = Double(b.count)
        var i = 0, j = 0, d = 0.0
        while i < a.count || j < b.count {
            // Step past every copy of the next pooled value in both samples, then compare.
            let v = Swift.min(i < a.count ? a[i] : .infinity, j < b.count ? b[j] : .infinity)
            while i < a.count && a[i] <= v { i += 1 }
            while j < b.count && b[j] <= v { j += 1 }
            d = Swift.max(d, abs(Double(i) / na - Double(j) / nb))
        }
        return d
    }

    /// numpy's default quantile (linear, Hyndman & Fan 7), interpolated as numpy's `_lerp`
    /// does — from the upper end when the weight is ½ or more — so slice edges are numpy's bits.
    static func numpyQuantile(sorted x: [Double], _ q: Double) -> Double {
        let h = Double(x.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = Swift.min(lo + 1, x.count - 1)
        let t = h - Double(lo), a = x[lo], b = x[hi]
        let diff = b - a
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t
    }
}

/// PAWN indices with SALib's keys: `names`, `minimum`, `mean`, `median`, `maximum`, `CV`, `stdev`.
public struct PAWNIndices: Sendable, Codable, Equatable {
    public var names: [String]
    @NaNAsNull public var minimum: [Double]
    @NaNAsNull public var mean: [Double]
    @NaNAsNull public var median: [Double]
    @NaNAsNull public var maximum: [Double]
    @NaNAsNull public var cv: [Double]
    @NaNAsNull public var stdev: [Double]

    public init(names: [String], minimum: [Double], mean: [Double], median: [Double], maximum: [Double], cv: [Double], stdev: [Double]) {
        self.names = names
        self.minimum = minimum
        self.mean = mean
        self.median = median
        self.maximum = maximum
        self.cv = cv
        self.stdev = stdev
    }

    enum CodingKeys: String, CodingKey {
        case names, minimum, mean, median, maximum, cv = "CV", stdev
    }
}
