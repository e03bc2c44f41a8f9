/// How robust a ranking is: for each factor, the share of the uncertain space (or of the
/// bootstrap resamples) in which it ranks 1st, 2nd, 3rd, …, as stacked bars summing to 100%.
///
/// Answers the reviewers' question "is knowledge restructuring robustly first?" directly: a
/// factor whose bar is almost entirely the darkest colour is first nearly everywhere. Ranks run
/// from dark (1st) to light along viridis, so the order reads without a legend lookup and in
/// greyscale; ranks beyond `maxRanks` are pooled into one grey segment. Segments wide enough
/// carry their percentage. Rows are sorted by the share of first places, then by mean rank.
///
/// ```swift
/// let chart = RankingRobustnessChart(title: "How often each element ranks first", factors: [
///     .init(name: "Internal Knowledge Restructuring", shares: [0.62, 0.30, 0.08]),
///     .init(name: "Internal Resource Mining", shares: [0.30, 0.55, 0.15]),
///     .init(name: "Internal Process Improvement", shares: [0.08, 0.15, 0.77]),
/// ])
/// ```
public struct RankingRobustnessChart: SVGChart {
    /// The rank distribution of one factor.
    public struct Factor: Sendable, Equatable {
        public var name: String
        /// `shares[r]` is the share (or count) of cases in which the factor ranks r + 1;
        /// shares are normalised by their sum, so counts work too.
        public var shares: [Double]

        public init(name: String, shares: [Double]) {
            self.name = name
            self.shares = shares
        }

        /// Shares normalised to sum to 1, negatives and non-finite values read as 0.
        var normalised: [Double] {
            let clean = shares.map { $0.isFinite && $0 > 0 ? $0 : 0 }
            let total = clean.reduce(0, +)
            return total > 0 ? clean.map { $0 / total } : clean
        }

        var meanRank: Double {
            normalised.enumerated().reduce(0) { $0 + Double($1.offset + 1) * $1.element }
        }
    }

    public var title: String
    public var factors: [Factor]
    /// Ranks drawn individually; later ranks are pooled.
    public var maxRanks: Int
    public var valueLabel: AxisLabel
    public var note: String?
    public var width: Double
    public var height: Double

    public init(
        title: String, factors: [Factor], maxRanks: Int = 6,
        valueLabel: AxisLabel = AxisLabel("Share of cases", unit: "%"), note: String? = nil,
        width: Double = 720, height: Double = 440
    ) {
        self.title = title
        self.factors = factors
        self.maxRanks = maxRanks
        self.valueLabel = valueLabel
        self.note = note
        self.width = width
        self.height = height
    }

    /// Factors by decreasing share of first places, then increasing mean rank, then input order.
    var sortedFactors: [Factor] {
        factors.enumerated().sorted { a, b in
            let (fa, fb) = (a.element.normalised.first ?? 0, b.element.normalised.first ?? 0)
            if fa != fb { return fa > fb }
            let (ma, mb) = (a.element.meanRank, b.element.meanRank)
            if ma != mb { return ma < mb }
            return a.offset < b.offset
        }.map(\.element)
    }

    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    public func svg() -> String {
        let rows = sortedFactors
        let rankCount = rows.map(\.shares.count).max() ?? 0
        let shown = min(rankCount, max(1, maxRanks))
        let pooled = rankCount > shown
        var colors = Palette.sequential(shown)
        var names = (1...max(1, shown)).prefix(shown).map { RankingRobustnessChart.ordinal($0) }
        if pooled {
            colors.append("#BDBDBD")
            names.append("\(RankingRobustnessChart.ordinal(shown + 1))–\(RankingRobustnessChart.ordinal(rankCount))")
        }
        let legend = names.enumerated().map { i, name in
            LegendEntry(name: i == 0 ? "Ranked \(name)" : name, swatch: .box(color: colors[i], opacity: 1))
        }

        let scale = NiceScale(min: 0, max: 100, targetTickCount: 6)
        var frame = BarFrame(width: width, height: height, title: title, valueTitle: valueLabel.text,
                             names: rows.map(\.name), scale: scale, legend: legend, footnote: note, maxRowHeight: 44)
        frame.tickLabels = scale.labels
        var canvas = frame.makeCanvas()
        frame.drawChrome(into: &canvas)

        let thickness = min(24, frame.rowHeight * 0.62)
        for (i, factor) in rows.enumerated() {
            canvas.beginGroup("factor: \(factor.name)")
            let shares = factor.normalised
            var segments = Array(shares.prefix(shown))
            if pooled { segments.append(shares.dropFirst(shown).reduce(0, +)) }
            let top = frame.rowCentre(i) - thickness / 2
            var start = 0.0
            for (j, share) in segments.enumerated() where share > 0 {
                let x0 = frame.px(start * 100), x1 = frame.px((start + share) * 100)
                canvas.rect(Rect(x: x0, y: top, width: x1 - x0, height: thickness), fill: colors[j],
                            stroke: "#ffffff", strokeWidth: 0.75)
                let text = NiceScale.fixed(share * 100, decimals: 0) + "%"
                if x1 - x0 >= TextMetrics.width(text, size: 11) + 6 {
                    canvas.text(text, at: Point(x: (x0 + x1) / 2, y: frame.rowCentre(i) + 4), size: 11,
                                anchor: .middle, fill: Palette.prefersWhiteText(on: colors[j]) ? "#ffffff" : "#000000")
                }
                start += share
            }
            canvas.endGroup()
        }
        return canvas.document(title: title)
    }
}
