import ArgumentParser
import Foundation
import SweepRun
import SweepStudy

extension CLI {
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
        try? FileManager.default.removeItem(atPath: Checkpointing.directory(inFolder: directory))
    }
}
