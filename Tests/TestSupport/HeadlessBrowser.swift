import Foundation

/// Opens an HTML page in headless Chromium and reports what a reader would hit: console errors
/// and failed loads, figures drawn at zero size, sections the contents do not reach.
///
/// The page is copied beside itself with a small script appended (so relative links still
/// resolve); Chromium loads the copy, the script measures the laid-out page and writes its
/// findings into the DOM, and `--dump-dom` hands the DOM back. The script collects the page's
/// `console.error` calls and load errors; what the browser itself logs to the console (a
/// refused resource, a parse warning) reaches Chromium's log on stderr as `…:CONSOLE…`, which
/// counts too, since the report has no script that logs.
///
/// ```swift
/// let findings = try HeadlessBrowser.check(page: "/tmp/study/report.html")
/// #expect(findings.problems.isEmpty, "\(findings.problems)")
/// ```
public enum HeadlessBrowser {
    public struct Findings: Sendable {
        /// Everything wrong with the page, one sentence each; empty for a good page.
        public var problems: [String]
        /// Rendered width × height of each figure's SVG, in document order.
        public var figureSizes: [[Double]]
        /// The section headings the contents link to.
        public var reachableSections: [String]
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Chromium from `SDSWEEP_CHROMIUM`, else the first of chromium, chromium-browser,
    /// google-chrome on PATH.
    public static func executable() -> String? {
        if let given = ProcessInfo.processInfo.environment["SDSWEEP_CHROMIUM"], !given.isEmpty { return given }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// The script the copy carries: it records errors from the moment it runs, then after load
    /// measures every figure and follows every contents link.
    static let probe = """
    <script>
    (function () {
      var errors = [];
      console.error = function () { errors.push(Array.prototype.join.call(arguments, ' ')); };
      window.addEventListener('error', function (e) { errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.href)) || 'resource failed')); }, true);
      window.addEventListener('load', function () {
        var r = {errors: errors, figures: [], unreachable: [], broken: [], reachable: []};
        document.querySelectorAll('figure').forEach(function (f) {
          var svg = f.querySelector('svg');
          var b = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
          r.figures.push([b.width, b.height]);
        });
        var linked = {};
        document.querySelectorAll('nav a[href^="#"]').forEach(function (a) {
          var id = a.getAttribute('href').slice(1);
          var target = document.getElementById(id);
          if (!target) { r.broken.push(a.textContent); } else { linked[id] = true; }
        });
        document.querySelectorAll('main > section').forEach(function (s) {
          var h = s.querySelector('h2');
          var name = h ? h.textContent : '(untitled)';
          if (s.id && linked[s.id]) { r.reachable.push(name); } else { r.unreachable.push(name); }
        });
        var pre = document.createElement('pre');
        pre.id = 'sdsweep-probe';
        pre.textContent = JSON.stringify(r);
        document.body.appendChild(pre);
      });
    })();
    </script>
    """

    struct Probe: Decodable {
        var errors: [String]
        var figures: [[Double]]
        var unreachable: [String]
        var broken: [String]
        var reachable: [String]
    }

    /// Loads `page` in headless Chromium and returns what is wrong with it.
    /// - Throws: ``Unavailable`` when no Chromium is installed or it does not answer.
    public static func check(page: String, timeout: TimeInterval = 90) throws -> Findings {
        guard let chromium = executable() else {
            throw Unavailable(description: "no Chromium found (install Debian's chromium, as .ci/run does, or set SDSWEEP_CHROMIUM)")
        }
        let url = URL(fileURLWithPath: page)
        let copy = url.deletingLastPathComponent().appendingPathComponent(".probe-" + url.lastPathComponent)
        var html = try String(contentsOf: url, encoding: .utf8)
        guard let end = html.range(of: "</body>", options: .backwards) else { throw Unavailable(description: "\(page) has no </body>") }
        html.replaceSubrange(end, with: probe + "\n</body>")
        try html.write(to: copy, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: copy) }

        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let (out, err) = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
                                            "--user-data-dir=\(profile.path)", "--window-size=1280,900", "--enable-logging=stderr", "--v=0",
                                            "--virtual-time-budget=5000", "--dump-dom", copy.absoluteString], timeout: timeout)
        guard let start = out.range(of: "<pre id=\"sdsweep-probe\">"), let stop = out.range(of: "</pre>", range: start.upperBound..<out.endIndex) else {
            throw Unavailable(description: "Chromium returned no probe result; its log: \(err.suffix(600))")
        }
        let json = unescape(String(out[start.upperBound..<stop.lowerBound]))
        let probe = try JSONDecoder().decode(Probe.self, from: Data(json.utf8))
        var problems = probe.errors.map { "console: \($0)" }
        problems += err.split(separator: "\n").filter { $0.contains(":CONSOLE") }.map { "console log: \($0)" }
        for (i, size) in probe.figures.enumerated() where !(size.count == 2 && size[0] > 0 && size[1] > 0) {
            problems.append("figure \(i + 1) has size \(size)")
        }
        problems += probe.unreachable.map { "section '\($0)' is not linked from the contents" }
        problems += probe.broken.map { "contents link '\($0)' leads nowhere" }
        return Findings(problems: problems, figureSizes: probe.figures, reachableSections: probe.reachable)
    }

    /// Saves a full-page screenshot of `page` (for a person to look at).
    public static func screenshot(page: String, to png: String, width: Int = 1100, height: Int = 6000) throws {
        guard let chromium = executable() else { throw Unavailable(description: "no Chromium found") }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        _ = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                               "--window-size=\(width),\(height)", "--screenshot=\(png)", URL(fileURLWithPath: page).absoluteString], timeout: 90)
    }

    static func run(_ executable: String, _ arguments: [String], timeout: TimeInterval) throws -> (String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes while it runs, so a chatty log cannot fill a pipe and stall Chromium.
        nonisolated(unsafe) var out = Data(), err = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { out = outPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { err = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        if group.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            throw Unavailable(description: "Chromium did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// `--dump-dom` serialises the probe's text with HTML escapes.
    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }
}
