import Dispatch
import Foundation

/// SIGINT and SIGTERM turned into a request to stop that the engine polls between chunks, so a
/// long sweep stops within a chunk's time, keeps every finished chunk, and never leaves a
/// partial file under a final name. A second signal exits at once.
///
/// ```swift
/// let stop = Interruption.install()
/// engine.run(…, shouldStop: { stop.signal != nil })
/// ```
public final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []

    /// The first signal received, if any.
    public var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// The conventional exit status after a signal: 128 + its number.
    public var exitStatus: Int32 { 128 + (signal ?? 0) }

    /// True once a signal has arrived: what a sweep's `shouldStop` polls.
    public var isStopRequested: Bool { signal != nil }

    /// Installs the handlers for the rest of the process; the first signal prints `message`
    /// on stderr.
    public static func install(message: String = "stopping after the chunks in progress (press Ctrl-C again to quit at once)") -> Interruption {
        let watcher = Interruption()
        for sig in [SIGINT, SIGTERM] {
            // The default action would kill the process before the source sees the signal.
            Foundation.signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [watcher] in
                watcher.lock.lock()
                let first = watcher.received == nil
                if first { watcher.received = sig }
                watcher.lock.unlock()
                if first {
                    FileHandle.standardError.write(Data("\n\(sig == SIGINT ? "interrupted" : "terminated"): \(message)\n".utf8))
                } else {
                    _exit(128 + sig)
                }
            }
            source.resume()
            watcher.sources.append(source)
        }
        return watcher
    }
}
