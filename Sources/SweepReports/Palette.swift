/// Colours that stay distinguishable under the common colour-vision deficiencies.
///
/// Categorical series use Okabe & Ito's eight colours (M. Okabe and K. Ito, "Color Universal
/// Design", 2002), with black kept for the baseline and yellow last because it is faint on white.
/// Ordered categories (ranks) use samples of viridis (van der Walt & Smith, 2015), which runs
/// dark to light monotonically in lightness, so rank order survives greyscale printing too.
enum Palette {
    static let black = "#000000"
    static let text = "#222222"
    static let mutedText = "#555555"
    static let axis = "#444444"
    static let grid = "#e3e3e3"

    /// Okabe–Ito without black, in the order series take them.
    static let categorical = [
        "#0072B2", // blue
        "#D55E00", // vermillion
        "#009E73", // bluish green
        "#CC79A7", // reddish purple
        "#E69F00", // orange
        "#56B4E9", // sky blue
        "#F0E442", // yellow
    ]

    /// Dash patterns that tell series apart once the colours have all been used.
    static let dashes: [String?] = [nil, "7 4", "2 3", "9 3 2 3"]

    /// The colour and dash of the `index`-th non-baseline series.
    static func series(_ index: Int) -> (color: String, dash: String?) {
        let color = categorical[index % categorical.count]
        let dash = dashes[(index / categorical.count) % dashes.count]
        return (color, dash)
    }

    /// Viridis anchors at 0, 1/8, …, 1 (matplotlib's table).
    private static let viridis: [(Double, Double, Double)] = [
        (0.267, 0.005, 0.329), (0.283, 0.141, 0.458), (0.254, 0.265, 0.530),
        (0.207, 0.372, 0.553), (0.164, 0.471, 0.558), (0.128, 0.567, 0.551),
        (0.135, 0.659, 0.518), (0.267, 0.749, 0.441), (0.478, 0.821, 0.318),
        (0.741, 0.873, 0.150), (0.993, 0.906, 0.144),
    ]

    /// `count` ordered colours from dark (first) to light (last), stopping short of viridis's
    /// pale yellow end, which vanishes against a white page.
    static func sequential(_ count: Int) -> [String] {
        guard count > 1 else { return count == 1 ? [hex(viridis[0])] : [] }
        return (0..<count).map { i in
            let t = Double(i) / Double(count - 1) * 0.9
            let position = t * Double(viridis.count - 1)
            let j = min(Int(position), viridis.count - 2)
            let f = position - Double(j)
            let (a, b) = (viridis[j], viridis[j + 1])
            return hex((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f))
        }
    }

    /// ColorBrewer's RdBu anchors from −1 (dark blue) through 0 (white) to +1 (dark red).
    private static let redBlue: [(Double, Double, Double)] = [
        (0.129, 0.400, 0.675), (0.263, 0.576, 0.765), (0.573, 0.773, 0.871), (0.820, 0.898, 0.941),
        (0.969, 0.969, 0.969),
        (0.992, 0.859, 0.780), (0.957, 0.647, 0.510), (0.839, 0.376, 0.302), (0.698, 0.094, 0.169),
    ]

    /// The colour of `t` in −1…1 on a diverging blue–white–red scale (C. Brewer's RdBu, which
    /// stays readable under red–green colour blindness); values outside are clamped.
    static func diverging(_ t: Double) -> String {
        let u = (max(-1, min(1, t.isFinite ? t : 0)) + 1) / 2 * Double(redBlue.count - 1)
        let j = min(Int(u), redBlue.count - 2)
        let f = u - Double(j)
        let (a, b) = (redBlue[j], redBlue[j + 1])
        return hex((a.0 + (b.0 - a.0) * f, a.1 + (b.1 - a.1) * f, a.2 + (b.2 - a.2) * f))
    }

    /// Whether text on `hex` should be white (on dark fills) rather than black.
    static func prefersWhiteText(on hex: String) -> Bool {
        let digits = Array(hex.dropFirst())
        guard digits.count == 6 else { return false }
        func channel(_ i: Int) -> Double {
            Double(Int(String(digits[i..<i + 2]), radix: 16) ?? 0) / 255
        }
        let luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
        return luminance < 0.45
    }

    private static func hex(_ rgb: (Double, Double, Double)) -> String {
        func byte(_ v: Double) -> String {
            let n = Int((max(0, min(1, v)) * 255).rounded())
            let s = String(n, radix: 16, uppercase: true)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + byte(rgb.0) + byte(rgb.1) + byte(rgb.2)
    }
}
