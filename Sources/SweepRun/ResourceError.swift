import SweepDiagnostics
import SweepEngine

/// A sweep that does not fit the machine: refused before it starts (exit 2, like bad input:
/// the request, not the run, has to change).
public struct ResourceError: InputError, Sendable {
    public var kind: ErrorKind { .resources }
    public var location: SourceLocation? { nil }
    public var message: String

    public init(message: String) { self.message = message }

    /// Refuses a sweep of `runs` runs whose `estimate` exceeds the memory `available`, with
    /// `advice` on what to do instead.
    ///
    /// - Parameter available: bytes the sweep may use; nil: `MemoryEstimate.available()`
    ///   (`SDSWEEP_MEMORY_LIMIT`, else MemAvailable), and no check when that is unknown too.
    public static func check(_ estimate: MemoryEstimate, runs: Int, available: Int?, advice: String) throws {
        guard let available = available ?? MemoryEstimate.available(), estimate.total > available else { return }
        throw ResourceError(message: "this sweep of \(runs) runs needs about \(estimate) but only \(MemoryEstimate.format(available)) is available; \(advice)")
    }
}
