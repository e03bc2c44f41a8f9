import Foundation
import Testing
import TestSupport

/// One bad file given to `sdsweep`: what it holds, the command that reads it, and the start of
/// the one-line diagnostic it must produce.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var name: String
    /// The file's name in the scratch directory; its extension picks the reader.
    var file: String
    var bytes: [UInt8]
    /// The command; `FILE` is the hostile file, `PAPER` the paper model, `DIR` the scratch directory.
    var arguments: [String]
    /// Text the diagnostic must contain; `FILE` stands for the hostile file's path.
    var message: String

    var testDescription: String { name }

    init(_ name: String, _ file: String, _ text: String, _ arguments: [String], _ message: String) {
        self.init(name, file, bytes: Array(text.utf8), arguments, message)
    }

    init(_ name: String, _ file: String, bytes: [UInt8], _ arguments: [String], _ message: String) {
        self.name = name
        self.file = file
        self.bytes = bytes
        self.arguments = arguments
        self.message = message
    }
}

private let time = "time: {initial: 0, final: 1, step: 0.5}\n"
private let simulate = ["simulate", "FILE"]
private let sample = ["sample", "random", "--n", "4", "--problem", "FILE"]
private let evaluate = ["evaluate", "PAPER", "--samples", "FILE"]
private let garbage: [UInt8] = {
    var rng = SystemRandomNumberGenerator()
    var g = SeededBytes(seed: 8)
    _ = rng
    return (0..<4096).map { _ in g.next() } + [0xFF, 0xFE, 0xC0]
}()

/// A few thousand reproducible "random" bytes (xorshift), invalid UTF-8 guaranteed by the
/// bytes appended after them.
struct SeededBytes {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt8 {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return UInt8(truncatingIfNeeded: state >> 24)
    }
}

let hostileCases: [HostileCase] = [
    // Model YAML.
    HostileCase("model: binary garbage", "m.yaml", bytes: garbage, simulate, "FILE: error: file is not UTF-8 text"),
    HostileCase("model: NUL bytes", "m.yaml", "name: a\0b\n", simulate, "FILE: error: file contains NUL bytes"),
    HostileCase("model: empty file", "m.yaml", "", simulate, "FILE: error: empty file: expected a YAML mapping"),
    HostileCase("model: only comments", "m.yaml", "# nothing here\n", simulate, "FILE: error: empty file"),
    HostileCase("model: a list at the top", "m.yaml", "- a\n- b\n", simulate, "FILE:1:1: error: expected a YAML mapping at the top level"),
    HostileCase("model: 10^5 nested [", "m.yaml", "name: " + String(repeating: "[", count: 100_000) + "\n", simulate, "FILE:1:103: error: YAML nested deeper than 100 levels"),
    HostileCase("model: 10^5 nested {a:", "m.yaml", "name: " + String(repeating: "{a: ", count: 100_000) + "\n", simulate, "error: YAML nested deeper than 100 levels"),
    HostileCase("model: 10^4 nested block lists", "m.yaml", String(repeating: "- ", count: 10_000) + "x\n", simulate, "FILE:1:99: error: YAML nested deeper than 100 levels"),
    HostileCase("model: 10^5 nested parentheses", "m.yaml", time + "auxiliaries:\n  a: \"" + String(repeating: "(", count: 100_000) + "1" + String(repeating: ")", count: 100_000) + "\"\n", simulate, "error: in 'a': expression nested deeper than 200 levels"),
    HostileCase("model: 10^5 unary minus", "m.yaml", time + "auxiliaries:\n  a: " + String(repeating: "-", count: 100_000) + "1\n", simulate, "error: in 'a': expression nested deeper than 200 levels"),
    HostileCase("model: 10^4-term product", "m.yaml", time + "constants:\n  x: 1\nauxiliaries:\n  a: 1" + String(repeating: " * x", count: 10_000) + "\n", simulate, "FILE:5:2001: error: in 'a': expression too long: more than 500 operators chained or nested; split it into auxiliaries"),
    HostileCase("model: huge number", "m.yaml", time + "constants:\n  a: 1e999\n", simulate, "FILE:3:6: error: constant 'a' must be a finite number, got '1e999'"),
    HostileCase("model: NaN literal", "m.yaml", time + "constants:\n  a: .nan\n", simulate, "FILE:3:6: error: constant 'a' must be a finite number, got '.nan'"),
    HostileCase("model: infinite final time", "m.yaml", "time: {initial: 0, final: .inf, step: 1}\n", simulate, "FILE:1:27: error: time.final must be a finite number"),
    HostileCase("model: huge number in an equation", "m.yaml", time + "auxiliaries:\n  a: 2 * 1e400\n", simulate, "FILE:3:10: error: in 'a': '1e400' is not a finite number"),
    HostileCase("model: 10^5-character key", "m.yaml", time + "constants:\n  " + String(repeating: "x", count: 100_000) + ": 1\n", simulate, "YAML allows at most 1024 in a plain key"),
    HostileCase("model: 10^5-character unknown name", "m.yaml", time + "auxiliaries:\n  a: " + String(repeating: "y", count: 100_000) + "\n", simulate, "FILE:3:3: error: unknown variable 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy…(100000 characters)' in the equation of 'a'"),
    HostileCase("model: duplicate key", "m.yaml", time + "constants:\n  a: 1\n  a: 2\n", simulate, "FILE:4:3: error: duplicate key 'a' in 'constants' (first at line 3)"),
    HostileCase("model: duplicate variable across sections", "m.yaml", time + "constants:\n  a: 1\nauxiliaries:\n  A: 2 * Time\n", simulate, "FILE:5:3: error: duplicate variable 'A'"),
    HostileCase("model: constants as a list", "m.yaml", time + "constants: [1, 2]\n", simulate, "FILE:2:12: error: 'constants' must be a mapping of names to values"),
    HostileCase("model: step is text", "m.yaml", "time: {initial: 0, final: 1, step: fast}\n", simulate, "FILE:1:36: error: time.step must be a number, got 'fast'"),
    HostileCase("model: misspelt section", "m.yaml", time + "constnats:\n  a: 1\n", simulate, "FILE:2:1: error: unknown section 'constnats' (did you mean 'constants'?)"),
    HostileCase("model: misspelt variable", "m.yaml", time + "constants:\n  Contact Rate: 1\nauxiliaries:\n  b: Contact Rte * 2\n", simulate, "FILE:5:3: error: unknown variable 'Contact Rte' in the equation of 'b'; did you mean 'Contact Rate'?"),
    HostileCase("model: tab indentation", "m.yaml", time + "constants:\n\ta: 1\n", simulate, "FILE:3:1: error: YAML syntax error"),
    HostileCase("model: unterminated quote", "m.yaml", time + "auxiliaries:\n  a: \"Time * 2\n", simulate, "error: YAML syntax error"),
    HostileCase("model: cycle", "m.yaml", time + "auxiliaries:\n  a: b + 1\n  b: a * 2\n", simulate, "error: circular"),
    HostileCase("model: zero time step", "m.yaml", "time: {initial: 0, final: 1, step: 0}\n", simulate, "FILE:1:7: error: TIME STEP must be positive, got 0.0"),
    HostileCase("model: 10^12 steps", "m.yaml", "time: {initial: 0, final: 1000000, step: 0.000001}\n", simulate, "more than 10^9"),
    HostileCase("model: lookup x not increasing", "m.yaml", time + "lookups:\n  t: {points: [[1, 0], [0, 1]]}\n", simulate, "FILE:3:15: error: lookup 't':"),
    HostileCase("model: stock without initial", "m.yaml", time + "stocks:\n  s: {inflows: []}\n", simulate, "FILE:3:6: error: stock 's' needs an 'initial' value"),
    HostileCase("model: wrong extension", "m.txt", time, simulate, "FILE: error: unknown model file type '.txt'"),

    // SALib problem text.
    HostileCase("problem: empty", "p.txt", "", sample, "FILE: error: no parameters: expected lines of 'name lower upper'"),
    HostileCase("problem: binary garbage", "p.txt", bytes: garbage, sample, "FILE: error: problem file is not UTF-8 text"),
    HostileCase("problem: lower above upper", "p.txt", "a 2 1\n", sample, "FILE:1:3: error: parameter 'a':"),
    HostileCase("problem: NaN bound", "p.txt", "a nan 1\n", sample, "FILE:1:3: error: parameter 'a': lower bound 'nan' is not a number"),
    HostileCase("problem: huge bound", "p.txt", "a 0 1e999\n", sample, "FILE:1:5: error: parameter 'a': upper bound '1e999' is not a number"),
    HostileCase("problem: missing upper bound", "p.txt", "a 0\n", sample, "FILE:1:1: error: expected 'name lower upper', found 2 fields"),
    HostileCase("problem: duplicate name", "p.txt", "a 0 1\nA 0 2\n", sample, "FILE:2:1: error: duplicate parameter 'A'"),
    HostileCase("problem: unterminated quote", "p.txt", "\"a b 0 1\n", sample, "FILE:1:1: error: unterminated quoted name"),
    HostileCase("problem: unquoted name with spaces", "p.txt", "Peak Year 1 19\n", sample, "FILE:1:6: error: parameter 'Peak': lower bound 'Year' is not a number"),

    // Study-style parameter YAML.
    HostileCase("study: 10^5 nested [", "s.yaml", "parameters: " + String(repeating: "[", count: 100_000) + "\n", sample, "FILE:1:109: error: YAML nested deeper than 100 levels"),
    HostileCase("study: empty file", "s.yaml", "", sample, "error: a study must be a mapping with a 'parameters:' section"),
    HostileCase("study: binary garbage", "s.yaml", bytes: garbage, sample, "FILE: error: problem file is not UTF-8 text"),
    HostileCase("study: no parameters section", "s.yaml", "outputs: [C]\n", sample, "FILE:1:1: error: no 'parameters:' section"),
    HostileCase("study: parameters not a list", "s.yaml", "parameters: {a: 1}\n", sample, "FILE:1:13: error: 'parameters:' must be a non-empty list of parameters"),
    HostileCase("study: unknown distribution", "s.yaml", "parameters:\n  - {name: a, distribution: gaussian, mean: 0, sd: 1}\n", sample, "FILE:2:29: error: parameter 'a': unknown distribution 'gaussian'"),
    HostileCase("study: misspelt key", "s.yaml", "parameters:\n  - {name: a, lowr: 0, upper: 1}\n", sample, "FILE:2:15: error: parameter 'a': unknown key 'lowr'"),
    HostileCase("study: duplicate key in an entry", "s.yaml", "parameters:\n  - {name: a, lower: 0, lower: 1, upper: 2}\n", sample, "FILE:2:25: error: parameter 'a': duplicate key 'lower' (first at line 2)"),
    HostileCase("study: duplicate parameters section", "s.yaml", "parameters:\n  - {name: a, lower: 0, upper: 1}\nparameters:\n  - {name: b, lower: 0, upper: 1}\n", sample, "FILE:3:1: error: the study: duplicate key 'parameters'"),
    HostileCase("study: NaN bound", "s.yaml", "parameters:\n  - {name: a, lower: .nan, upper: 1}\n", sample, "FILE:2:22: error: parameter 'a': lower '.nan' is not a finite number"),
    HostileCase("study: bound is a list", "s.yaml", "parameters:\n  - {name: a, lower: [0], upper: 1}\n", sample, "FILE:2:22: error: parameter 'a': lower 'a list' is not a finite number"),

    // Samples CSV for evaluate.
    HostileCase("samples: empty file", "x.csv", "", evaluate, "FILE: error: empty file: expected a header row"),
    HostileCase("samples: binary garbage", "x.csv", bytes: garbage, evaluate, "FILE:1: error: the header is not UTF-8 text"),
    HostileCase("samples: ragged row", "x.csv", "Peak Year,Peak Height\n10,4\n11\n", evaluate, "FILE:3: error: row has 1 fields but the header has 2"),
    HostileCase("samples: header names no constant", "x.csv", "Peak Yaer\n10\n", evaluate, "FILE:1: error: parameter 'Peak Yaer' is not a variable of the model; did you mean 'Peak Year'?"),
    HostileCase("samples: header names a stock", "x.csv", "Innovation Capability\n1\n", evaluate, "FILE:1: error: parameter 'Innovation Capability' is not a constant"),
    HostileCase("samples: duplicate header", "x.csv", "Peak Year,peak year\n1,2\n", evaluate, "FILE:1: error: parameter 'peak year' is listed twice"),
    HostileCase("samples: not a number", "x.csv", "Peak Year\n10\nten\n", evaluate, "FILE:3:1: error: column 'Peak Year': 'ten' is not a number"),
    HostileCase("samples: NaN", "x.csv", "Peak Year,Peak Height\n10,nan\n", evaluate, "FILE:2:2: error: column 'Peak Height': 'nan' is not a finite number"),
    HostileCase("samples: huge number", "x.csv", "Peak Year\n1e999\n", evaluate, "FILE:2:1: error: column 'Peak Year': '1e999' is not a finite number"),
    HostileCase("samples: empty field", "x.csv", "Peak Year,Peak Height\n10,\n", evaluate, "FILE:2:2: error: column 'Peak Height': '' is not a number"),
    HostileCase("samples: unterminated quote", "x.csv", "Peak Year\n\"10\n", evaluate, "FILE:2: error: unterminated quoted field"),
    HostileCase("samples: 10^5-character field", "x.csv", "Peak Year\n" + String(repeating: "9", count: 100_000) + "\n", evaluate, "FILE:2:1: error: column 'Peak Year': '9999999999999999999999999999999999999999…' is not a finite number"),

    // Outputs asked of evaluate.
    HostileCase("outputs: misspelt name", "x.csv", "Peak Year\n10\n", evaluate + ["--output", "Inovation Capability"], "error: unknown output variable 'Inovation Capability'; did you mean 'Innovation Capability'?"),
    HostileCase("outputs: time off the grid", "x.csv", "Peak Year\n10\n", evaluate + ["--output", "Innovation Capability@10.01"], "error: output 'Innovation Capability@10.01': time must be a step of the run"),
    HostileCase("outputs: time after the end", "x.csv", "Peak Year\n10\n", evaluate + ["--output", "Innovation Capability@99"], "error: output 'Innovation Capability@99.0': time must be a step of the run between 0.0 and 20.0"),
    HostileCase("outputs: time not a number", "x.csv", "Peak Year\n10\n", evaluate + ["--output", "Innovation Capability@noon"], "error: output 'Innovation Capability@noon': 'noon' is not a time"),

    // Checkpoint directories that are not this sweep's.
    HostileCase("checkpoint: a file, not a directory", "x.csv", "Peak Year\n10\n", evaluate + ["--checkpoint", "FILE"], "FILE: error: --checkpoint names a file; the finished blocks go into a folder"),
    HostileCase("checkpoint: resume without a directory", "x.csv", "Peak Year\n10\n", evaluate + ["--resume"], "error: --resume needs --checkpoint DIR"),
    HostileCase("memory: the sweep does not fit", "x.csv", "Peak Year\n10\n", evaluate + ["--memory-limit", "1M"], "error: this sweep of 1 runs needs about"),
]

private let paper = Repository.path("configs/cluster-innovation.yaml")

@Suite struct HostileInputTests {
    /// There are at least 40 cases, spread over every reader.
    @Test func caseCount() {
        #expect(hostileCases.count >= 40)
        for kind in ["model:", "problem:", "study:", "samples:", "outputs:"] {
            #expect(hostileCases.filter { $0.name.hasPrefix(kind) }.count >= 4, "\(kind)")
        }
    }

    /// Each bad input ends in exit 2 with one diagnostic line naming the file (and line and
    /// column where the reader knows them): no crash, no hang (30 s bound), nothing on stdout,
    /// no output file.
    @Test(arguments: hostileCases)
    func rejectedWithOneLocatedLine(_ c: HostileCase) throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent(c.file).path
        try Data(c.bytes).write(to: URL(fileURLWithPath: file))
        let args = c.arguments.map { $0.replacingOccurrences(of: "FILE", with: file).replacingOccurrences(of: "PAPER", with: paper) }
            + ["--out", dir.appendingPathComponent("out.csv").path]
        let started = Date()
        let r = try RunSDSweep.run(args)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(r.status == 2, "\(c.name): status \(r.status), stderr: \(r.stderr.prefix(300))")
        #expect(r.stderr.contains(c.message.replacingOccurrences(of: "FILE", with: file)), "\(c.name): \(r.stderr.prefix(400))")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(c.name): \(r.stderr.prefix(400))")
        #expect(r.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.csv").path))
    }

    /// Windows line endings and a UTF-8 byte-order mark are accepted by every reader and give
    /// the same result as the plain file.
    @Test func crlfAndBOMAreAccepted() throws {
        let dir = try RunSDSweep.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func windows(_ text: String) -> Data { Data([0xEF, 0xBB, 0xBF] + Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)) }
        let model = time + "constants:\n  k: 2\nstocks:\n  s: {initial: 1, net: k * s}\n"
        try Data(model.utf8).write(to: dir.appendingPathComponent("plain.yaml"))
        try windows(model).write(to: dir.appendingPathComponent("win.yaml"))
        let plain = try RunSDSweep.run(["simulate", dir.appendingPathComponent("plain.yaml").path])
        let win = try RunSDSweep.run(["simulate", dir.appendingPathComponent("win.yaml").path])
        #expect(plain.status == 0 && win.status == 0, "\(win.stderr)")
        #expect(win.stdout == plain.stdout)

        let problem = "\"Peak Year\" 1 19\n\"Peak Height\" 1 9\n"
        try windows(problem).write(to: dir.appendingPathComponent("p.txt"))
        try Data(problem.utf8).write(to: dir.appendingPathComponent("q.txt"))
        let study = "parameters:\n  - {name: Peak Year, lower: 1, upper: 19}\n  - {name: Peak Height, lower: 1, upper: 9}\n"
        try windows(study).write(to: dir.appendingPathComponent("s.yaml"))
        var designs: [String] = []
        for f in ["q.txt", "p.txt", "s.yaml"] {
            let r = try RunSDSweep.run(["sample", "lhs", "--n", "5", "--seed", "3", "--problem", dir.appendingPathComponent(f).path])
            #expect(r.status == 0, "\(f): \(r.stderr)")
            designs.append(r.stdout)
        }
        #expect(Set(designs).count == 1)

        try windows(designs[0]).write(to: dir.appendingPathComponent("x.csv"))
        try Data(designs[0].utf8).write(to: dir.appendingPathComponent("y.csv"))
        let a = try RunSDSweep.run(["evaluate", paper, "--samples", dir.appendingPathComponent("x.csv").path])
        let b = try RunSDSweep.run(["evaluate", paper, "--samples", dir.appendingPathComponent("y.csv").path])
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)")
        #expect(a.stdout == b.stdout && a.stdout.split(separator: "\n").count == 6)
    }
}
