import Testing
@testable import SweepReports

@Suite struct HTMLReportTests {
    static let attack = "<script>alert('x')</script>"

    @Test func userTextIsEscapedEverywhere() {
        let report = HTMLReport(
            title: "Title \(Self.attack)",
            sections: [.init(heading: "Heading \(Self.attack)", blocks: [
                .paragraph("Paragraph \(Self.attack) & more"),
                .figure(SampleFigures.baseline, caption: "Caption \(Self.attack)"),
                .table(HTMLTable(caption: Self.attack, header: [Self.attack], rows: [[.text(Self.attack)]])),
            ])],
            provenance: [(key: Self.attack, value: Self.attack)])
        let html = report.html()
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("Paragraph &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
    }

    @Test func pageIsSelfContained() {
        let report = HTMLReport(title: "Report", sections: [
            .init(heading: "Figures", blocks: SampleFigures.all.map { .figure($0.chart, caption: $0.file) }),
            .init(heading: "Second", blocks: [.paragraph("Text")]),
        ], provenance: [("Seed", "42")])
        let html = report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<style>"))
        for forbidden in ["<script", "<link", "src=", "@import", "url(", "https://"] {
            #expect(!html.contains(forbidden), "page refers outside itself via \(forbidden)")
        }
        // The only http:// is the SVG namespace name, which is never fetched.
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://") == false)
        #expect(html.components(separatedBy: "<svg ").count - 1 == SampleFigures.all.count)
        #expect(html.contains("<a href=\"#section-2\">Second</a>"))
        #expect(html.contains("<tr><th scope=\"row\">Seed</th><td>42</td></tr>"))
    }

    @Test func tableNumbersAreFormattedAndRightAligned() {
        let table = HTMLTable(header: ["Parameter", "S1", "ST"], rows: [
            [.text("Internal Knowledge Restructuring"), .estimate(0.38685, halfWidth: 0.0213, decimals: 3),
             .number(0.3912, decimals: 3)],
            [.text("Broken"), .number(.nan, decimals: 3), .number(-0.0001, decimals: 3)],
        ])
        let html = table.html()
        #expect(html.contains("<td class=\"num\">0.387 ± 0.021</td>"))
        #expect(html.contains("<td class=\"num\">0.391</td>"))
        #expect(html.contains("<td class=\"num\">–</td>"))
        #expect(html.contains("<td class=\"num\">0.000</td>"))
        #expect(html.contains("<th scope=\"col\" class=\"num\">ST</th>"))
        #expect(html.contains("<th scope=\"col\">Parameter</th>"))
    }

    @Test func xmlDeclarationOfAnSVGFileIsDropped() {
        let svg = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"
        let html = HTMLReport(title: "t", sections: [.init(heading: "h", blocks: [.figure(svg: svg, caption: "")])]).html()
        #expect(!html.contains("<?xml"))
        #expect(html.contains("<figure>\n<svg xmlns"))
    }
}

import Foundation
