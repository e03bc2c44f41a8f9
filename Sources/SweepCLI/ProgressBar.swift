import Foundation

/// A progress bar on stderr with rate and ETA, drawn only when stderr is a terminal and the
/// user did not ask for `--quiet`, and only for work that lasts over about a second.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let label: String
    private let unit: String
    private let enabled: Bool
    private let started = Date()
    private var done = 0
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int, label: String, unit: String = "runs", quiet: Bool) {
        self.total = total
        self.label = label
        self.unit = unit
        enabled = !quiet && isatty(STDERR_FILENO) == 1 && total > 0
    }

    func advance(_ n: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += n
        let now = Date()
        // Stay silent for the first second: short stages should not flicker a bar.
        guard now.timeIntervalSince(started) > 1, now.timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
        lastDraw = now
        draw(now)
    }

    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn {
            draw(Date())
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    private func draw(_ now: Date) {
        drawn = true
        let elapsed = now.timeIntervalSince(started)
        let fraction = Double(done) / Double(total)
        let rate = Double(done) / Swift.max(elapsed, 1e-9)
        let eta = rate > 0 ? Double(total - done) / rate : 0
        // One line that fits the terminal: the counts shrink to percent and ETA, then the bar
        // shrinks, then the line is cut, so a narrow pane never wraps and scrolls.
        let columns = ProgressBar.terminalColumns()
        var counts = String(format: " %3.0f%% %d/%d %@ %@/s ETA %@ ", fraction * 100, done, total, unit, ProgressBar.compact(rate), ProgressBar.clock(eta))
        if label.count + counts.count + 12 > columns {
            counts = String(format: " %3.0f%% ETA %@ ", fraction * 100, ProgressBar.clock(eta))
        }
        let width = Swift.max(0, Swift.min(30, columns - label.count - counts.count - 2))
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let line = String((label + " " + bar + counts).prefix(columns - 1))
        FileHandle.standardError.write(Data(("\r" + line).utf8))
    }

    /// The width of the terminal on stderr, or 80 when it cannot be asked.
    static func terminalColumns() -> Int {
        var size = winsize()
        guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    static func compact(_ x: Double) -> String {
        if x >= 1e6 { return String(format: "%.1fM", x / 1e6) }
        if x >= 1e3 { return String(format: "%.1fk", x / 1e3) }
        return String(format: "%.0f", x)
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
