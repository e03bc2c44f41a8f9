import Foundation

/// How Sobol' indices settle as the design grows: S1 and ST of each parameter against the
/// number of base rows N on a log₂ axis, each with its confidence band, in two panels (first
/// order above, total order below).
///
/// An index whose line is flat and whose band has narrowed by the largest N has converged; one
/// still drifting, or whose band still spans its neighbours', needs a larger N before its rank
/// can be trusted. The `maxSeries` parameters with the largest ST at the largest N are drawn, in
/// the same colours in both panels; the others are named in a note.
///
/// ```swift
/// let chart = ConvergenceChart(title: "Convergence of the Sobol' indices of Recovered at t = 100",
///                              names: c.names, baseRows: c.baseRows, s1: c.s1, s1Conf: c.s1Conf, st: c.st, stConf: c.stConf)
/// ```
public struct ConvergenceChart: SVGChart {
    public var title: String
    public var names: [String]
    /// N of each prefix, ascending.
    public var baseRows: [Int]
    /// `s1[p][j]`: factor j at `baseRows[p]`; likewise the others.
    public var s1: [[Double]]
    public var s1Conf: [[Double]]
    public var st: [[Double]]
    public var stConf: [[Double]]
    /// What the bands are, for the note ("95% bootstrap interval").
    public var intervalName: String
    public var maxSeries: Int
    public var width: Double
    public var panelHeight: Double

    public init(
        title: String, names: [String], baseRows: [Int], s1: [[Double]], s1Conf: [[Double]], st: [[Double]], stConf: [[Double]],
        intervalName: String = "confidence interval", maxSeries: Int = 6, width: Double = 720, panelHeight: Double = 300
    ) {
        precondition(!baseRows.isEmpty && [s1, s1Conf, st, stConf].allSatisfy { $0.count == baseRows.count && $0.allSatisfy { $0.count == names.count } },
                     "one row of k values per N")
        self.title = title
        self.names = names
        self.baseRows = baseRows
        self.s1 = s1
        self.s1Conf = s1Conf
        self.st = st
        self.stConf = stConf
        self.intervalName = intervalName
        self.maxSeries = maxSeries
        self.width = width
        self.panelHeight = panelHeight
    }

    /// The parameters drawn: by decreasing ST at the largest N (NaN last, ties in order).
    var kept: [Int] {
        let last = st[st.count - 1]
        let order = names.indices.sorted { a, b in
            let (x, y) = (last[a].isFinite ? last[a] : -.infinity, last[b].isFinite ? last[b] : -.infinity)
            return x != y ? x > y : a < b
        }
        return Array(order.prefix(max(1, maxSeries)))
    }

    /// Powers of two from below the smallest N to above the largest, labelled with their value.
    var xTicks: NiceScale {
        let logs = baseRows.map { log2(Double($0)) }
        let lo = Int(logs.min()!.rounded(.down)), hi = max(lo + 1, Int(logs.max()!.rounded(.up)))
        return NiceScale(ticks: (lo...hi).map(Double.init), labels: (lo...hi).map { String(1 << $0) })
    }

    public func svg() -> String {
        let kept = self.kept
        let x = baseRows.map { log2(Double($0)) }
        var notes = ["Bands: \(intervalName)."]
        if names.count > kept.count {
            let left = names.indices.filter { !kept.contains($0) }.map { names[$0] }
            var list = left.prefix(6).joined(separator: ", ")
            if left.count > 6 { list += " and \(left.count - 6) more" }
            notes.append("Not shown: \(list).")
        }
        let frame = ChartFrame(width: width, height: 0, title: title, footnote: notes.joined(separator: " "))
        let panels = [("First order S1", s1, s1Conf), ("Total order ST", st, stConf)].map { name, values, conf -> String in
            var chart = LineChart(title: name, xLabel: "Base rows N (log scale)", yLabel: AxisLabel(name.components(separatedBy: " ").last!),
                                  series: kept.map { j in ChartSeries(name: names[j], x: x, y: values.map { $0[j] }) },
                                  includesZero: true, width: width, height: panelHeight)
            chart.xTicks = xTicks
            chart.alwaysShowsLegend = true
            chart.bands = kept.map { j in (values.indices.map { values[$0][j] - conf[$0][j] }, values.indices.map { values[$0][j] + conf[$0][j] }) }
            return chart.svg()
        }
        let heights = panels.map { doc -> Double in
            let h = doc.firstMatch(of: /height="([0-9.]+)"/).flatMap { Double($0.1) }
            return h ?? panelHeight
        }
        let top = frame.titleBottom - 4
        let total = top + heights.reduce(0, +) + frame.footnoteHeight
        var canvas = SVGCanvas(width: width, height: total)
        frame.withHeight(total).drawTitleAndFootnote(into: &canvas)
        var y = top
        for (doc, h) in zip(panels, heights) {
            canvas.embed(doc, at: Point(x: 0, y: y))
            y += h
        }
        return canvas.document(title: title)
    }
}
