import Foundation
import SweepCompiler
import SweepDiagnostics
import SweepEngine
import SweepModel
import SweepNumerics
import SweepSampling
import Testing

/// The readers a fuzzed input is fed to.
enum FuzzTarget: String, CaseIterable, Sendable {
    case model, expression, study, problem, csv
}

/// What one input did: parsed (and, for models, compiled and run), or rejected with an
/// `InputError`. Anything else (another error type, a crash, a hang) fails the test.
enum FuzzOutcome { case accepted, rejected }

/// Feeds one input to one reader, the way the command line does.
func feed(_ bytes: [UInt8], to target: FuzzTarget) throws -> FuzzOutcome {
    // Every file reader first insists on UTF-8 text.
    guard let text = String(validating: bytes, as: UTF8.self) else { return .rejected }
    do {
        switch target {
        case .model:
            let model = try Model.parseYAML(text, file: "fuzz.yaml")
            let compiled = try Compiler.compile(model)
            // Run what compiled, if it is small enough to be quick: NaN, ∞ and odd
            // structures must not crash the engine either.
            if compiled.time.stepCount <= 2_000 && compiled.columnCount <= 500 {
                let series = try compiled.variables.prefix(20).map { try OutputSeries.resolve($0.name, times: [compiled.time.final], in: compiled) }
                _ = BatchEngine(threads: 1, chunkSize: 4).run(compiled, parameters: Matrix(rows: 3, columns: 0), outputs: series)
            }
        case .expression:
            do {
                _ = try ExpressionParser.parse(text)
            } catch {
                return .rejected   // typed throws: a SyntaxError and nothing else
            }
        case .study:
            _ = try ParameterSpace.parse(yaml: text, file: "fuzz.yaml")
        case .problem:
            _ = try ParameterSpace.parse(salibText: text, file: "fuzz.txt")
        case .csv:
            _ = try CSVRowReader.table(bytes: Array(text.utf8), file: "fuzz.csv")
        }
        return .accepted
    } catch is InputError {
        return .rejected
    }
}

/// Seeded mutations of seed files, random bytes and token soup.
struct Mutator {
    var rng: SeededGenerator

    static let tokens: [String] = [
        "(", ")", "[", "]", "{", "}", ":", ": ", "- ", "? ", ",", "\"", "'", "#", "&a ", "*a", "!!str ", "!!binary ", "|", ">-",
        "\n", "\r\n", "\t", "  ", "---\n", "...", "%YAML 1.2\n", "\u{FEFF}", "\0", "é", "制造", "😀",
        "INTEG(", "IF THEN ELSE(", "WITH LOOKUP(", "PULSE TRAIN(", "XIDZ(", "MIN(", "Time", "TIME STEP", "FINAL TIME",
        ":AND:", ":OR:", ":NOT:", "<>", "<=", "^", "-", "+", "*", "/", "=", "\\",
        "0", "1", "-1", "0.0625", "1e308", "1e999", "-1e999", "1e-400", ".nan", ".inf", "-.inf", "nan", "inf", "0x1p3", "9999999999999999999999",
        "time:", "initial:", "final:", "step:", "saveper:", "method: rk4", "constants:", "auxiliaries:", "flows:", "stocks:", "lookups:",
        "parameters:", "name:", "lower:", "upper:", "distribution:", "relative:", "values:", "weights:", "points:", "net:", "inflows:",
    ]
    static let interesting: [UInt8] = Array("\0\u{7F}\n\r\t :-[]{}()\"'#,&*!|>?%@`\\".utf8) + [0xFF, 0xC3, 0x80, 0xE2, 0xEF, 0xBB, 0xBF]

    mutating func int(_ n: Int) -> Int { n <= 0 ? 0 : rng.nextIndex(below: n) }

    mutating func mutate(_ input: [UInt8], splice other: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...int(6) {
            let at = int(b.count + 1)
            switch int(9) {
            case 0 where !b.isEmpty: b[int(b.count)] ^= UInt8(1) << UInt8(int(8))
            case 1 where !b.isEmpty: b[int(b.count)] = Mutator.interesting[int(Mutator.interesting.count)]
            case 2 where !b.isEmpty:
                let len = Swift.min(b.count - Swift.min(at, b.count), 1 + int(64))
                b.removeSubrange(Swift.min(at, b.count)..<(Swift.min(at, b.count) + len))
            case 3: b.insert(contentsOf: Array(Mutator.tokens[int(Mutator.tokens.count)].utf8), at: at)
            case 4 where !b.isEmpty:
                let from = int(b.count), len = Swift.min(b.count - from, 1 + int(128))
                b.insert(contentsOf: b[from..<(from + len)], at: at)
            case 5 where !b.isEmpty:
                // A short slice repeated up to 3000 times: deep nesting, long names, long lines.
                let from = int(b.count), len = Swift.min(b.count - from, 1 + int(4))
                let slice = Array(b[from..<(from + len)])
                let times = 1 + int(3_000)
                b.insert(contentsOf: (0..<times).flatMap { _ in slice }, at: at)
            case 6 where !other.isEmpty:
                let from = int(other.count), len = Swift.min(other.count - from, 1 + int(256))
                b.insert(contentsOf: other[from..<(from + len)], at: at)
            case 7: b = Array(b.prefix(at))
            default: b.insert(Mutator.interesting[int(Mutator.interesting.count)], at: at)
            }
        }
        return b
    }

    mutating func randomBytes() -> [UInt8] { (0..<int(512)).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }

    mutating func tokenSoup() -> [UInt8] {
        var s = ""
        for _ in 0..<(1 + int(200)) {
            s += Mutator.tokens[int(Mutator.tokens.count)]
            if int(3) == 0 { s += [" ", "\n", "  ", ""][int(4)] }
        }
        return Array(s.utf8)
    }
}

private func resource(_ folder: String) throws -> [(name: String, bytes: [UInt8])] {
    guard let url = Bundle.module.url(forResource: folder, withExtension: nil) else { return [] }
    return try FileManager.default.contentsOfDirectory(atPath: url.path).sorted().map {
        ($0, Array(try Data(contentsOf: url.appendingPathComponent($0))))
    }
}

@Suite struct ParserFuzzTests {
    /// Every fixture in `Regressions/` (inputs that once crashed or misbehaved) is fed to
    /// every reader: each returns a value or an `InputError`.
    @Test func regressionsStayFixed() throws {
        let cases = try resource("Regressions")
        #expect(cases.count >= 5)
        for (name, bytes) in cases {
            for target in FuzzTarget.allCases {
                let started = Date()
                _ = try feed(bytes, to: target)
                #expect(Date().timeIntervalSince(started) < 5, "\(name) → \(target) took too long")
            }
        }
    }

    /// The seeds themselves are valid: the nesting pre-scan and the readers accept them
    /// (no false alarms on real files).
    @Test func seedsAreAccepted() throws {
        let seeds = Dictionary(uniqueKeysWithValues: try resource("Seeds"))
        #expect(try feed(seeds["cluster-innovation.yaml"]!, to: .model) == .accepted)
        #expect(try feed(seeds["bass.yaml"]!, to: .model) == .accepted)
        #expect(try feed(seeds["study.yaml"]!, to: .study) == .accepted)
        #expect(try feed(seeds["problem.txt"]!, to: .problem) == .accepted)
        #expect(try feed(seeds["samples.csv"]!, to: .csv) == .accepted)
        for line in String(decoding: seeds["expressions.txt"]!, as: UTF8.self).split(separator: "\n") {
            #expect(try feed(Array(line.utf8), to: .expression) == .accepted, "\(line)")
        }
    }

    /// A fixed budget of seeded inputs — mutated seeds (configs, test models, a study, a
    /// problem, samples, equations), random bytes and token soup — fed to every reader: each
    /// yields a value or an `InputError`, never a crash or another error, each within 2 s.
    /// `SDSWEEP_FUZZ_INPUTS` and `SDSWEEP_FUZZ_SEED` run a longer or different campaign.
    @Test func mutatedInputsNeverCrashOrHang() throws {
        let env = ProcessInfo.processInfo.environment
        let budget = env["SDSWEEP_FUZZ_INPUTS"].flatMap(Int.init) ?? 25_000
        let seed = env["SDSWEEP_FUZZ_SEED"].flatMap(UInt64.init) ?? 8
        let deadline = Double(env["SDSWEEP_FUZZ_SECONDS"] ?? "") ?? 12
        let seeds = Dictionary(uniqueKeysWithValues: try resource("Seeds"))
        let yaml = [seeds["cluster-innovation.yaml"]!, seeds["bass.yaml"]!, seeds["study.yaml"]!]
        let expressions = String(decoding: seeds["expressions.txt"]!, as: UTF8.self).split(separator: "\n").map { Array($0.utf8) }
        var pool: [FuzzTarget: [[UInt8]]] = [
            .model: yaml, .study: [seeds["study.yaml"]!] + yaml, .expression: expressions,
            .problem: [seeds["problem.txt"]!], .csv: [seeds["samples.csv"]!],
        ]
        pool[.model]! += pool[.expression]!.map { Array("time: {initial: 0, final: 1, step: 0.25}\nauxiliaries:\n  x: ".utf8) + $0 + [10] }

        var m = Mutator(rng: SeededGenerator(seed: seed))
        var ran = 0, accepted = 0, slowest = 0.0, slowestInput = ""
        let started = Date()
        while ran < budget && Date().timeIntervalSince(started) < deadline {
            let target = FuzzTarget.allCases[ran % FuzzTarget.allCases.count]
            let sources = pool[target]!
            let input: [UInt8]
            switch m.int(10) {
            case 0: input = m.randomBytes()
            case 1: input = m.tokenSoup()
            default: input = m.mutate(sources[m.int(sources.count)], splice: sources[m.int(sources.count)])
            }
            // A crash takes the test process down with it: SDSWEEP_FUZZ_SAVE=path keeps the
            // input about to run, to turn into a fixture.
            if let save = env["SDSWEEP_FUZZ_SAVE"] { try Data(input).write(to: URL(fileURLWithPath: save)) }
            let t0 = Date()
            if try feed(input, to: target) == .accepted { accepted += 1 }
            let took = Date().timeIntervalSince(t0)
            if took > slowest { slowest = took; slowestInput = "\(target) #\(ran), \(input.count) bytes" }
            ran += 1
        }
        let elapsed = Date().timeIntervalSince(started)
        print("fuzz: \(ran) inputs (seed \(seed)) in \(String(format: "%.1f", elapsed)) s; \(accepted) accepted, \(ran - accepted) rejected; slowest \(String(format: "%.0f", slowest * 1000)) ms (\(slowestInput))")
        #expect(ran >= Swift.min(budget, 1_000), "only \(ran) inputs ran within the \(deadline) s budget")
        #expect(slowest < 2, "slowest input took \(slowest) s: \(slowestInput)")
    }
}
