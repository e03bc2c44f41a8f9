import Foundation
import Testing
@testable import SweepReports

/// Writes every sample figure and a sample report to a temporary folder, so a person can look at
/// them (`rsvg-convert -o x.png figure5-internal.svg`). The folder is printed; nothing is kept in
/// the repository.
@Suite struct GalleryTests {
    static let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-report-gallery")

    @Test func writesEverySampleFigureAndTheReport() throws {
        try FileManager.default.createDirectory(at: GalleryTests.folder, withIntermediateDirectories: true)
        var blocks: [HTMLReport.Block] = []
        for (file, chart) in SampleFigures.all {
            let svg = chart.svg()
            _ = try SVGCheck.texts(svg)
            try svg.write(to: GalleryTests.folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
            blocks.append(.figure(svg: svg, caption: file))
        }
        let table = HTMLTable(caption: "Sobol' indices of C(20)", header: ["Parameter", "S1", "ST"],
                              rows: SampleFigures.sobolEntries.map {
                                  [.text($0.name), .estimate($0.firstOrder, halfWidth: $0.firstOrderConf, decimals: 3),
                                   .estimate($0.totalOrder, halfWidth: $0.totalOrderConf, decimals: 3)]
                              })
        let report = HTMLReport(title: "Sample report", sections: [
            HTMLReport.Section(heading: "Figures", blocks: [.paragraph("All sample figures.")] + blocks),
            HTMLReport.Section(heading: "Tables", blocks: [.table(table)]),
        ], provenance: [("Generator", "GalleryTests")])
        try report.html().write(to: GalleryTests.folder.appendingPathComponent("report.html"), atomically: true,
                                encoding: .utf8)
        let written = try FileManager.default.contentsOfDirectory(atPath: GalleryTests.folder.path)
        #expect(Set(SampleFigures.all.map(\.file) + ["report.html"]).isSubset(of: Set(written)))
        print("gallery written to \(GalleryTests.folder.path)")
    }
}
