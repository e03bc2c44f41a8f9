import ArgumentParser
import Foundation
import SweepDiagnostics
import SweepNumerics

/// How every subcommand reports failure: an `InputError` prints as a compiler-style diagnostic
/// and exits 2; anything else is a failed run, exit 1. Nothing is printed to stdout on failure.
enum CLI {
    static func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as InputError {
            printError(abbreviatingLongQuotes(error.description))
            throw ExitCode(2)
        } catch let error as CleanExit {
            throw error
        } catch let error as CocoaError {
            printError(describe(error))
            throw ExitCode(2)
        } catch {
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }

    /// A file-system failure as one line, `PATH: error: cannot write: Is a directory`,
    /// instead of Foundation's `Error Domain=NSCocoaErrorDomain Code=512 …`.
    static func describe(_ error: CocoaError) -> String {
        let verb = error.code.rawValue >= 512 ? "cannot write" : "cannot read"
        return (failedPath(error).map { "\($0): " } ?? "") + "error: \(verb): \(reason(error))"
    }

    /// A diagnostic stays one readable line even when it quotes a 10⁵-character name: quoted
    /// text over 80 characters is cut to its first 40 and its length.
    static func abbreviatingLongQuotes(_ message: String) -> String {
        guard message.count > 200 else { return message }
        var out = ""
        var rest = Substring(message)
        while let open = rest.firstIndex(of: "'") {
            out += rest[...open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "'") else { rest = after; break }
            let quoted = after[..<close]
            out += quoted.count > 80 ? quoted.prefix(40) + "…(\(quoted.count) characters)" : quoted
            out += "'"
            rest = after[after.index(after: close)...]
        }
        return out + rest
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// A file given on the command line that does not fit: exit 2 like any bad input.
    struct UsageError: InputError {
        var kind: ErrorKind { .invalidValue }
        var location: SourceLocation?
        var message: String
        init(_ message: String, file: String? = nil, line: Int? = nil) {
            self.message = message
            self.location = file.map { SourceLocation(file: $0, line: line) }
        }
    }

    /// Writes `text` to `path` atomically, or to stdout when `path` is nil or "-".
    static func emit(_ text: String, to path: String?) throws {
        if let path, path != "-" {
            try AtomicFile.write(text, to: path)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

extension SDSweepCommand {
    /// The entry point of `sdsweep`: runs the process's arguments on this process alone.
    public static func runMain() -> Never {
        Foundation.exit(execute(host: .local))
    }

    /// Runs a command line on `host` and returns its exit status, leaving the exit to the
    /// caller (`sdsweep-mpi` must finalize MPI first). Argument-parser's usage errors give 2
    /// ("bad input"), as the command-line contract (docs/architecture.md §7) says, instead of its default 64.
    ///
    /// - Parameter arguments: the command line without the executable; nil: the process's.
    public static func execute(_ arguments: [String]? = nil, host: SweepHost) -> Int32 {
        BLAS.useSingleThread()
        return SweepHost.$current.withValue(host) {
            do {
                var command = try parseAsRoot(arguments)
                try command.run()
                return 0
            } catch {
                let code = exitCode(for: error)
                let message = fullMessage(for: error)
                if code == .validationFailure {
                    CLI.printError(message)
                    return 2
                }
                // What argument-parser's `exit(withError:)` prints: help and version to stdout.
                if !message.isEmpty {
                    if code == .success { print(message) } else { CLI.printError(message) }
                }
                return code.rawValue
            }
        }
    }
}
