import Foundation

/// A straight segment in SVG user units: a leader line, a reference line, an error bar.
struct Segment: Equatable {
    var a: Point
    var b: Point

    /// Whether the two segments share a point (touching counts; so does overlapping collinearly).
    func intersects(_ other: Segment) -> Bool {
        func orientation(_ p: Point, _ q: Point, _ r: Point) -> Double {
            (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x)
        }
        func within(_ p: Point, _ q: Point, _ r: Point) -> Bool {
            min(p.x, q.x) - 1e-9 <= r.x && r.x <= max(p.x, q.x) + 1e-9
                && min(p.y, q.y) - 1e-9 <= r.y && r.y <= max(p.y, q.y) + 1e-9
        }
        let (p1, p2, q1, q2) = (a, b, other.a, other.b)
        let d1 = orientation(q1, q2, p1), d2 = orientation(q1, q2, p2)
        let d3 = orientation(p1, p2, q1), d4 = orientation(p1, p2, q2)
        if ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)) { return true }
        if d1 == 0 && within(q1, q2, p1) { return true }
        if d2 == 0 && within(q1, q2, p2) { return true }
        if d3 == 0 && within(p1, p2, q1) { return true }
        if d4 == 0 && within(p1, p2, q2) { return true }
        return false
    }

    /// Whether the segment passes through the inside of `box` (its edges excluded by `inset`),
    /// by Liang–Barsky clipping: exact, unlike sampling points along the line.
    func crosses(_ box: Rect, inset: Double = 0.5) -> Bool {
        let (x0, y0) = (box.x + inset, box.y + inset)
        let (x1, y1) = (box.maxX - inset, box.maxY - inset)
        guard x0 < x1 && y0 < y1 else { return false }
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - x0), (dx, x1 - a.x), (-dy, a.y - y0), (dy, y1 - a.y)] {
            if p == 0 {
                if q <= 0 { return false }
            } else {
                let t = q / p
                if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                if t0 >= t1 { return false }
            }
        }
        return true
    }
}

/// Places the labels of points on a plot so that no two labels overlap, no label covers a
/// point, and no leader line crosses another leader, a label, a point or a reference line.
///
/// Labels are placed one at a time in the order given (the most important point first), each at
/// the first free candidate: next to its point, then on rings farther out, joined to the point by
/// a leader. Each label may come in several variants (one line; wrapped narrower), tried in
/// order. On each ring, a label is first kept off the reference lines and the soft obstacles
/// (error bars), and then allowed across them (it is drawn with a halo) before the next ring is
/// tried: a label near its point reads better than one far out. A leader never crosses a
/// reference line. The result depends only on the input, so the same chart always
/// gets the same layout.
///
/// ```swift
/// let placer = LabelPlacer(bounds: plot, markers: points.map { LabelPlacer.marker(at: $0, radius: 6) })
/// let result = placer.place([.init(point: p, variants: [["Contact Rate"]])])
/// ```
struct LabelPlacer {
    /// One point to label.
    struct Item {
        var point: Point
        /// Ways to write the label, each a list of lines, tried in order.
        var variants: [[String]]
    }

    /// A placed label: its item, lines, box and (when away from its point) leader line.
    struct Placed {
        var item: Int
        var lines: [String]
        var box: Rect
        var leader: Segment?
    }

    var bounds: Rect
    /// Boxes no label may cover and no leader may cross: markers, fixed text.
    var markers: [Rect]
    /// Lines no leader may cross, and labels avoid where they can.
    var referenceLines: [Segment] = []
    /// Boxes labels avoid where they can (error bars, say).
    var softObstacles: [Rect] = []
    var fontSize = 11.0
    var lineHeight = 13.0
    /// The radius around a point that its own leader starts outside of.
    var markerRadius = 6.0

    /// Leader-free offset, then the rings joined by leaders (px from the point).
    static let rings: [Double] = [6, 16, 28, 42, 58, 76, 96, 118, 142, 168, 196, 230, 270, 320]
    /// Directions tried on each ring: sides and corners first, then every 7.5° (a point in a
    /// narrow wedge between two reference lines needs a leader at its own angle).
    static let directions: [(Double, Double)] = {
        let main = [0, 180, -45, 45, -90, 90, -135, 135]
        let rest = stride(from: 0, to: 360, by: 7.5).map { $0 > 180 ? $0 - 360 : $0 }.filter { !main.contains(Int($0)) || $0 != $0.rounded() }
        return (main.map(Double.init) + rest).map { a in
            let r = a * .pi / 180
            return (cos(r), sin(r))
        }
    }()

    /// The obstacle box of a round marker.
    static func marker(at p: Point, radius: Double) -> Rect {
        Rect(x: p.x - radius, y: p.y - radius, width: 2 * radius, height: 2 * radius)
    }

    /// The size of a label of `lines`.
    func size(of lines: [String]) -> (width: Double, height: Double) {
        ((lines.map { TextMetrics.width($0, size: fontSize) }.max() ?? 0) + 2, Double(lines.count) * lineHeight + 2)
    }

    /// Places every item it can; the rest are returned as `unplaced` (indices into `items`).
    ///
    /// Greedy in the given order; when some label finds no room, the placement is redone with
    /// the first item left out moved to the front (a crowded point often fits only if it goes
    /// first), a few times, and the layout that labels the most items wins (the earliest on a tie).
    func place(_ items: [Item]) -> (placed: [Placed], unplaced: [Int]) {
        var order = Array(items.indices)
        var best = placeGreedily(items, order: order)
        var promoted: Set<Int> = []
        for _ in 0..<min(items.count, 8) {
            guard let first = best.unplaced.first(where: { !promoted.contains($0) }) ?? nil else { break }
            promoted.insert(first)
            order.removeAll { $0 == first }
            order.insert(first, at: 0)
            let attempt = placeGreedily(items, order: order)
            if attempt.unplaced.count < best.unplaced.count { best = attempt }
            if best.unplaced.isEmpty { break }
        }
        return best
    }

    private func placeGreedily(_ items: [Item], order: [Int]) -> (placed: [Placed], unplaced: [Int]) {
        var placed: [Placed] = []
        var unplaced: [Int] = []
        for i in order {
            let item = items[i]
            var found: Placed?
            search: for ring in Self.rings.indices {
                for strict in [true, false] {
                    for lines in item.variants {
                        found = spot(for: lines, at: item.point, ring: ring, strict: strict, placed: placed)
                        if found != nil { break search }
                    }
                }
            }
            if var label = found {
                label.item = i
                placed.append(label)
            } else {
                unplaced.append(i)
            }
        }
        return (placed.sorted { $0.item < $1.item }, unplaced.sorted())
    }

    /// The first free spot on one ring around `p`.
    private func spot(for lines: [String], at p: Point, ring: Int, strict: Bool, placed: [Placed]) -> Placed? {
        let (w, h) = size(of: lines)
        let d = Self.rings[ring]
        do {
            for (ux, uy) in Self.directions {
                // The box touches p + d·u with a corner, or with the middle of a side when u is
                // (nearly) along an axis (then also with either corner of that side), and lies
                // away from the point.
                let sx = abs(ux) < 0.1 ? 0 : ux.sign == .minus ? -1.0 : 1
                let sy = abs(uy) < 0.1 ? 0 : uy.sign == .minus ? -1.0 : 1
                let c = Point(x: p.x + d * ux, y: p.y + d * uy)
                let anchors: [(Double, Double)] = sx == 0 ? [(0, sy), (1, sy), (-1, sy)] : sy == 0 ? [(sx, 0), (sx, -1), (sx, 1)] : [(sx, sy)]
                for (ax, ay) in anchors {
                    let box = Rect(x: c.x + (ax - 1) * w / 2, y: c.y + (ay - 1) * h / 2, width: w, height: h)
                    if let label = check(box, for: lines, at: p, ring: ring, strict: strict, placed: placed) { return label }
                }
            }
        }
        return nil
    }

    /// The label in `box` if the box is free and its leader (beyond the first ring) is clear.
    private func check(_ box: Rect, for lines: [String], at p: Point, ring: Int, strict: Bool, placed: [Placed]) -> Placed? {
        guard bounds.contains(box) else { return nil }
        if markers.contains(where: { $0.intersects(box) }) { return nil }
        if placed.contains(where: { $0.box.intersects(box) || $0.leader.map { $0.crosses(box) } == true }) { return nil }
        if strict {
            if referenceLines.contains(where: { $0.crosses(box, inset: -1) }) { return nil }
            if softObstacles.contains(where: { $0.intersects(box) }) { return nil }
        }
        guard ring > 0 else { return Placed(item: 0, lines: lines, box: box, leader: nil) }
        let target = Point(x: min(max(p.x, box.x), box.maxX), y: min(max(p.y, box.y), box.maxY))
        let length = ((target.x - p.x) * (target.x - p.x) + (target.y - p.y) * (target.y - p.y)).squareRoot()
        guard length > markerRadius else { return nil }
        let t = markerRadius / length
        let leader = Segment(a: Point(x: p.x + (target.x - p.x) * t, y: p.y + (target.y - p.y) * t), b: target)
        // The point's own marker (and those of points under it) is where the leader starts.
        if markers.contains(where: { !$0.contains(p) && leader.crosses($0) }) { return nil }
        if referenceLines.contains(where: { leader.intersects($0) }) { return nil }
        // A leader along an error bar would be hidden by it.
        if strict && softObstacles.contains(where: { leader.crosses($0) }) { return nil }
        if placed.contains(where: { leader.crosses($0.box) || $0.leader.map(leader.intersects) == true }) { return nil }
        return Placed(item: 0, lines: lines, box: box, leader: leader)
    }
}
