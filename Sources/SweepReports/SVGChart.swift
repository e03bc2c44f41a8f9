/// A chart that renders itself as a standalone SVG document.
///
/// Every chart of this module conforms, so a report can take any of them:
/// `HTMLReport.Block.figure(chart, caption: "…")`.
public protocol SVGChart: Sendable {
    /// The figure as SVG text; the same chart always gives the same bytes.
    func svg() -> String
}
