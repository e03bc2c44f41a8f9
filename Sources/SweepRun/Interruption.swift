import Dispatch
import ArgumentParser
import Foundation
import SweepStudy

/// SIGINT and SIGTERM turned into a request to stop that the engine polls between chunks, so a
/// long sweep stops within a chunk's time, keeps every finished chunk, and never leaves a
/// partial file under a final name. A second signal exits at once.
///
/// ```swift
/// let stop = Interruption.install()
/// engine.run(…, shouldStop: { stop.signal != nil })
/// ```
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var received: Int32?
    private var sources: [any DispatchSourceSignal] = []

    /// The first signal received, if any.
    var signal: Int32? {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    /// The conventional exit status after a signal: 128 + its number.
    var exitStatus: Int32 { 128 + (signal ?? 0) }

    /// Installs the handlers for the rest of the process.
    static func install(message: String = "stopping after the chunks in progress (press Ctrl-C again to quit at once)") -> Interruption {
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
                    CLI.printError("\n\(sig == SIGINT ? "interrupted" : "terminated"): \(message)")
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

extension CLI {
    /// Checkpointing of a study's sweeps in `<directory>/.checkpoint`, stopping on a signal.
    static func checkpointing(in directory: String, resume: Bool, modelPath: String, interruption: Interruption) throws -> Checkpointing {
        let text = (try? String(contentsOfFile: modelPath, encoding: .utf8)) ?? modelPath
        return Checkpointing(directory: (directory as NSString).appendingPathComponent(".checkpoint"), resume: resume,
                             modelText: text, shouldStop: { interruption.signal != nil })
    }

    /// Runs `body`; a study stopped by a signal prints what was kept and exits 128 + signal.
    static func stoppable<T>(_ interruption: Interruption, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let stop as StudyInterrupted {
            printError(stop.description)
            throw ExitCode(interruption.exitStatus)
        }
    }

    /// A finished study's blocks are in its result files now.
    static func removeCheckpoint(in directory: String) {
        try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(".checkpoint"))
    }
}
