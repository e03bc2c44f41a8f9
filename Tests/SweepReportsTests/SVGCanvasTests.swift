import Testing
@testable import SweepReports

@Suite struct SVGCanvasTests {
    @Test func xmlEscapingCoversMarkupAndForbiddenControls() {
        #expect("a<b & \"c\" 'd'>".xmlEscaped == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
        #expect("bad\u{0B}char".xmlEscaped == "bad\u{FFFD}char")
        #expect("时间/年".xmlEscaped == "时间/年")
    }

    @Test func numbersHaveAtMostTwoDecimalsAndNoNaN() {
        #expect(SVGCanvas.number(3) == "3")
        #expect(SVGCanvas.number(12.5) == "12.5")
        #expect(SVGCanvas.number(1.23456) == "1.23")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(.nan) == "0")
        #expect(SVGCanvas.number(-.infinity) == "0")
    }

    @Test func textIsEscapedInTheDocument() throws {
        var canvas = SVGCanvas(width: 100, height: 50)
        canvas.text("<script>alert(1)</script>", at: Point(x: 1, y: 2), size: 12)
        let svg = canvas.document(title: "A & B")
        #expect(!svg.contains("<script>"))
        let texts = try SVGCheck.texts(svg)
        #expect(texts == ["A & B", "<script>alert(1)</script>"])
    }

    @Test func axisTitlesJoinLabelAndUnit() {
        #expect(AxisLabel("Time", unit: "Year").text == "Time / Year")
        #expect(AxisLabel("时间", unit: "年").text == "时间/年")
        #expect(AxisLabel("Sobol' index").text == "Sobol' index")
        #expect(AxisLabel("Share", unit: "").text == "Share")
        let literal: AxisLabel = "Time"
        #expect(literal == AxisLabel("Time"))
    }

    @Test func wrappingKeepsLinesWithinTheWidth() {
        let name = "Internal Knowledge Restructuring Coefficient"
        let lines = TextMetrics.wrap(name, maxWidth: 120, size: 12)
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { TextMetrics.width($0, size: 12) <= 120 })
        #expect(lines.joined(separator: " ") == name)
        // CJK has no spaces: it breaks between characters, and loses none.
        let chinese = "制造业集群创新网络嵌入动态能力"
        let cjk = TextMetrics.wrap(chinese, maxWidth: 60, size: 12)
        #expect(cjk.count > 1 && cjk.joined() == chinese)
        // A single word longer than the line is cut rather than overflowing.
        let long = TextMetrics.wrap("Supercalifragilisticexpialidocious", maxWidth: 50, size: 12)
        #expect(long.allSatisfy { TextMetrics.width($0, size: 12) <= 50 } && long.joined() == "Supercalifragilisticexpialidocious")
    }

    @Test func sequentialPaletteRunsDarkToLight() {
        let colors = Palette.sequential(5)
        #expect(colors.count == 5 && Set(colors).count == 5)
        #expect(Palette.prefersWhiteText(on: colors[0]) && !Palette.prefersWhiteText(on: colors[4]))
    }
}
