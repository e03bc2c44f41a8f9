import Foundation

/// Axis ticks at "nice" numbers (1, 2, 2.5 or 5 × 10^k) that cover a data range, labelled with
/// one number of decimals across the whole axis.
///
/// Follows Heckbert's "nice numbers" (loose labelling: the first and last ticks enclose the
/// data), with 2.5 added to his 1–2–5 mantissas so that an axis of quarters reads 0, 2.5, 5, 7.5
/// instead of jumping from steps of 2 to steps of 5. The step is the smallest nice number whose
/// enclosing ticks number at most `targetTickCount + 1`, so an axis never gets crowded.
///
/// Every label of one axis carries the same number of decimals ("0.0, 2.5, 5.0", never
/// "0, 2.5, 5"), because a journal editor reads a mixed column as a typesetting error.
/// Labels are written without an exponent unless the values are below 1e-4 or at least 1e15 in
/// magnitude, where fixed notation would need a dozen zeros.
///
/// Degenerate input never produces NaN: non-finite values are ignored, an empty or all-NaN range
/// becomes 0…1, and a range whose span is negligible next to its magnitude (all values equal,
/// a single point, or rounding noise below 1e-9 relative) is widened to ±10% around its centre
/// (0…1 around zero) so that the flat line sits mid-axis.
///
/// ```swift
/// let scale = NiceScale(min: 0, max: 4.83)
/// scale.ticks   // [0, 1, 2, 3, 4, 5]
/// scale.labels  // ["0", "1", "2", "3", "4", "5"]
/// ```
///
/// Reference: P. S. Heckbert, "Nice numbers for graph labels", in *Graphics Gems*, A. Glassner
/// (ed.), Academic Press, 1990, pp. 61–63.
public struct NiceScale: Sendable, Equatable {
    /// The first tick, at or below the smallest finite value.
    public let lower: Double
    /// The last tick, at or above the largest finite value.
    public let upper: Double
    /// The distance between neighbouring ticks.
    public let step: Double
    /// Tick positions from `lower` to `upper`, each an exact multiple of `step`.
    public let ticks: [Double]
    /// One label per tick, all with the same number of decimals.
    public let labels: [String]
    /// Decimals in every label (of the mantissa, when `usesScientificNotation`).
    public let decimals: Int
    /// Whether labels are written as `mantissa e exponent` (only for magnitudes below 1e-4 or
    /// at least 1e15).
    public let usesScientificNotation: Bool

    private let labelExponent: Int

    /// Makes a scale whose ticks enclose `min…max`.
    ///
    /// - Parameters:
    ///   - min: The smallest value to show (the order of `min` and `max` does not matter).
    ///   - max: The largest value to show.
    ///   - targetTickCount: About how many ticks to draw (at least 2); the result has at most
    ///     one more.
    ///   - minimumDecimals: Decimals to print even where fewer would be exact, for a figure whose
    ///     house style wants e.g. "2.50 / 5.00".
    public init(min: Double, max: Double, targetTickCount: Int = 6, minimumDecimals: Int = 0) {
        let intervals = Swift.max(1, targetTickCount - 1)
        let (lo, hi) = NiceScale.widenedRange(min, max)

        // Walk the nice steps upwards and keep the first whose aligned ticks are few enough.
        // The walk starts at span / (intervals + 1), not span / intervals: 0…5.52 then gets
        // 0, 1, …, 6 (7 ticks) instead of the sparse 0, 2, 4, 6 a strict ceiling would give.
        let raw = (hi - lo) / Double(intervals + 1)
        var exponent = Int(log10(raw).rounded(.down))
        let mantissas: [Double] = [1, 2, 2.5, 5]
        var index = 0
        var chosen: (m: Double, e: Int, kLo: Double, kHi: Double)?
        while chosen == nil {
            let m = mantissas[index]
            let s = NiceScale.value(k: 1, mantissa: m, exponent: exponent)
            if s >= raw * (1 - 1e-12) {
                // 1e-9 of a step absorbs the rounding in lo / s without moving a visible tick.
                let kLo = (lo / s + 1e-9).rounded(.down)
                let kHi = Swift.max(kLo + 1, (hi / s - 1e-9).rounded(.up))
                if kHi - kLo <= Double(intervals + 1) {
                    chosen = (m, exponent, kLo, kHi)
                }
            }
            index += 1
            if index == mantissas.count { index = 0; exponent += 1 }
        }
        let (m, e, kLo, kHi) = chosen!

        step = NiceScale.value(k: 1, mantissa: m, exponent: e)
        ticks = stride(from: kLo, through: kHi, by: 1).map { NiceScale.value(k: $0, mantissa: m, exponent: e) }
        lower = ticks.first!
        upper = ticks.last!

        let largest = ticks.map(abs).max()!
        usesScientificNotation = largest != 0 && (largest < 1e-4 || largest >= 1e15)
        // A 2.5 step needs one digit more than its power of ten (0.25 needs two decimals).
        let extra = m == 2.5 ? 1 : 0
        if usesScientificNotation {
            labelExponent = Int(log10(largest).rounded(.down))
            decimals = Swift.max(minimumDecimals, labelExponent - e + extra, 0)
        } else {
            labelExponent = 0
            decimals = Swift.max(minimumDecimals, -e + extra, 0)
        }
        labels = ticks.map { [usesScientificNotation, labelExponent, decimals] v in
            NiceScale.format(v, scientific: usesScientificNotation, exponent: labelExponent, decimals: decimals)
        }
    }

    /// A scale with the given ticks and labels, for axes whose ticks are not nice numbers of the
    /// plotted quantity: log₂ N at 6, 7, 8 labelled "64", "128", "256".
    ///
    /// - Precondition: at least two ticks, ascending.
    init(ticks: [Double], labels: [String]) {
        precondition(ticks.count >= 2 && ticks.count == labels.count && zip(ticks, ticks.dropFirst()).allSatisfy { $0 < $1 })
        self.ticks = ticks
        self.labels = labels
        lower = ticks.first!
        upper = ticks.last!
        step = ticks[1] - ticks[0]
        decimals = 0
        usesScientificNotation = false
        labelExponent = 0
    }

    /// Makes a scale enclosing every finite value of `values` (and zero, if asked).
    ///
    /// ```swift
    /// let scale = NiceScale(values: [0.12, 0.38, 0.02], includingZero: true)  // 0, 0.1, …, 0.4
    /// ```
    public init(
        values: some Sequence<Double>, includingZero: Bool = false,
        targetTickCount: Int = 6, minimumDecimals: Int = 0
    ) {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            lo = Swift.min(lo, v)
            hi = Swift.max(hi, v)
        }
        if includingZero && lo <= hi {
            lo = Swift.min(lo, 0)
            hi = Swift.max(hi, 0)
        }
        self.init(min: lo, max: hi, targetTickCount: targetTickCount, minimumDecimals: minimumDecimals)
    }

    /// Formats any value the way this axis labels its ticks (same decimals, same notation).
    ///
    /// Non-finite values print as "–" so that no "NaN" ever reaches a figure or table.
    public func format(_ value: Double) -> String {
        NiceScale.format(value, scientific: usesScientificNotation, exponent: labelExponent, decimals: decimals)
    }

    /// Where `value` falls between `lower` (0) and `upper` (1).
    func fraction(_ value: Double) -> Double {
        (value - lower) / (upper - lower)
    }

    private static func format(_ value: Double, scientific: Bool, exponent: Int, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        if scientific {
            if value == 0 { return "0" }
            return fixed(value / pow(10, Double(exponent)), decimals: decimals) + "e\(exponent)"
        }
        return fixed(value, decimals: decimals)
    }

    /// Fixed-point text for `value` with `decimals` digits, never "-0.0".
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(Swift.max(0, Swift.min(decimals, 20)))f", value)
        if text.hasPrefix("-") && !text.contains(where: { ("1"..."9").contains($0) }) {
            return String(text.dropFirst())
        }
        return text
    }

    private static func value(k: Double, mantissa m: Double, exponent e: Int) -> Double {
        e >= 0 ? k * m * pow(10, Double(e)) : k * m / pow(10, Double(-e))
    }

    /// The range to cover: finite, ordered, and with a span a nice step can resolve.
    private static func widenedRange(_ a: Double, _ b: Double) -> (Double, Double) {
        // Beyond ±1e300 the span itself would overflow to infinity.
        let limit = 1e300
        let finite = [a, b].filter(\.isFinite).map { Swift.min(Swift.max($0, -limit), limit) }
        guard let lo = finite.min(), let hi = finite.max() else { return (0, 1) }
        let magnitude = Swift.max(abs(lo), abs(hi))
        if hi - lo > magnitude * 1e-9 { return (lo, hi) }
        let centre = lo + (hi - lo) / 2
        if centre == 0 { return (0, 1) }
        let half = abs(centre) * 0.1
        return (centre - half, centre + half)
    }
}
