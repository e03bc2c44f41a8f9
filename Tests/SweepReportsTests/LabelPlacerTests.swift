import Testing
@testable import SweepReports

/// The Morris chart's label placement, checked as properties over many layouts: no two labels
/// overlap, no label leaves the plot or covers a point, no leader crosses another leader, a label,
/// a point or a reference line, and with at most `MorrisChart.alwaysLabelled` points every point
/// is labelled.
@Suite struct LabelPlacerTests {
    /// SIR's screening: three points, the top one at the largest σ (it used to sit on the frame).
    static let sir = MorrisChart(title: "Morris screening of Recovered at t = 100", factors: [
        .init(name: "Contact Rate", muStar: 861.2, sigma: 310.5, muStarConf: 95.1),
        .init(name: "Infectivity", muStar: 859.4, sigma: 330.2, muStarConf: 101.7),
        .init(name: "Recovery Time", muStar: 420.3, sigma: 180.1, muStarConf: 60.2),
        .init(name: "Initial Infected", muStar: 12.5, sigma: 20.3, muStarConf: 4.4),
    ], referenceRatios: [0.1, 0.5, 1])

    /// Deterministic layouts: `count` points, clustered around a corner or spread, from a
    /// linear congruential sequence (no RNG state shared with anything else).
    static func layout(seed: UInt64, count: Int) -> MorrisChart {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let names = ["Contact Rate", "Infectivity", "Recovery Time", "Initial Infected", "Peak Year",
                     "Internal Knowledge Restructuring Coefficient", "External Resource Utilization Coefficient",
                     "Peak Height", "Internal Process Improvement Weight", "External Technology Acquisition Weight"]
        let clustered = seed % 3
        let factors = (0..<count).map { i -> MorrisChart.Factor in
            let (u, v) = (next(), next())
            let (x, y): (Double, Double)
            switch clustered {
            case 0: (x, y) = (u, v)                         // spread
            case 1: (x, y) = (0.02 + 0.05 * u, 0.02 + 0.05 * v)  // a crowd near the origin
            default: (x, y) = (0.9 + 0.1 * u, 0.3 + 0.1 * v)     // a crowd at the far right
            }
            return .init(name: names[i % names.count] + (i >= names.count ? " 2" : ""), muStar: x, sigma: y,
                         muStarConf: i % 2 == 0 ? 0.03 * next() : nil)
        }
        return MorrisChart(title: "Layout \(seed)", factors: factors, referenceRatios: seed % 2 == 0 ? [0.1, 0.5, 1] : [0.5])
    }

    static func checkProperties(_ chart: MorrisChart, sourceLocation: SourceLocation = #_sourceLocation) {
        let frame = chart.makeFrame(note: nil)
        let placement = chart.placeLabels(chart.drawn, in: frame)
        let references = chart.referenceSegments(in: frame)
        let markers = chart.drawn.map { LabelPlacer.marker(at: frame.point($0.muStar, $0.sigma), radius: MorrisChart.pointRadius) }
        // Points at μ* or σ = 0 sit on the axes; none may sit on the far edges.
        for m in markers {
            #expect(m.maxX <= frame.plot.maxX && m.y >= frame.plot.y, "a marker reaches the plot's edge", sourceLocation: sourceLocation)
        }
        for (i, a) in placement.labels.enumerated() {
            #expect(frame.plot.contains(a.box), "\(a.lines) leaves the plot", sourceLocation: sourceLocation)
            #expect(!markers.contains { $0.intersects(a.box) }, "\(a.lines) covers a point", sourceLocation: sourceLocation)
            for (j, b) in placement.labels.enumerated() where j != i {
                #expect(!a.box.intersects(b.box), "\(a.lines) overlaps \(b.lines)", sourceLocation: sourceLocation)
                if let leader = a.leader {
                    #expect(!leader.crosses(b.box), "the leader of \(a.lines) crosses \(b.lines)", sourceLocation: sourceLocation)
                    if let other = b.leader {
                        #expect(!leader.intersects(other), "leaders of \(a.lines) and \(b.lines) cross", sourceLocation: sourceLocation)
                    }
                }
            }
            if let leader = a.leader {
                #expect(!references.contains { leader.intersects($0) }, "the leader of \(a.lines) crosses a reference line",
                        sourceLocation: sourceLocation)
            }
        }
        var distinct: [Point] = []
        for f in chart.drawn {
            let p = frame.point(f.muStar, f.sigma)
            if !distinct.contains(where: { abs($0.x - p.x) < 3 && abs($0.y - p.y) < 3 }) { distinct.append(p) }
        }
        if distinct.count <= MorrisChart.alwaysLabelled {
            #expect(placement.unlabelled.isEmpty, "\(chart.title): unlabelled with \(distinct.count) points: \(placement.unlabelled)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func fewPointsAreAllLabelledInsideThePlot() throws {
        Self.checkProperties(Self.sir)
        let text = try SVGCheck.joinedText(Self.sir.svg())
        #expect(!text.contains("Not labelled"))
        for f in Self.sir.factors { #expect(text.contains(f.name)) }
        #expect(text.contains("Horizontal bars: confidence interval of μ*."))
    }

    @Test func propertiesHoldOverManyLayouts() {
        for seed in UInt64(0)..<36 {
            Self.checkProperties(Self.layout(seed: seed, count: 2 + Int(seed % 7)))
        }
        for seed in UInt64(100)..<106 { Self.checkProperties(Self.layout(seed: seed, count: 10)) }
        Self.checkProperties(SampleFigures.morris)
    }

    @Test func segmentsIntersectAndCrossBoxesExactly() {
        let s = Segment(a: Point(x: 0, y: 0), b: Point(x: 10, y: 10))
        #expect(s.intersects(Segment(a: Point(x: 0, y: 10), b: Point(x: 10, y: 0))))
        #expect(!s.intersects(Segment(a: Point(x: 0, y: 1), b: Point(x: 9, y: 10))))
        #expect(s.intersects(Segment(a: Point(x: 10, y: 10), b: Point(x: 20, y: 0))))   // touching ends
        #expect(s.crosses(Rect(x: 4, y: 4, width: 2, height: 2)))
        #expect(!s.crosses(Rect(x: 6, y: 0, width: 4, height: 3)))
        #expect(!Segment(a: Point(x: 0, y: 5), b: Point(x: 3, y: 5)).crosses(Rect(x: 3, y: 0, width: 4, height: 10)))
    }

    @Test func intervalsAreDrawnAndCutAtZero() {
        let chart = MorrisChart(title: "Bars", factors: [.init(name: "Wide", muStar: 0.1, sigma: 0.1, muStarConf: 0.5),
                                                        .init(name: "Far", muStar: 1, sigma: 0.2, muStarConf: 0.1)])
        let frame = chart.makeFrame(note: nil)
        let bars = chart.intervalBars(chart.drawn, in: frame)
        #expect(bars.count == 2)
        #expect(bars[0].a.x == frame.px(0))
        #expect(frame.px(1.1) <= frame.plot.maxX)
    }
}
