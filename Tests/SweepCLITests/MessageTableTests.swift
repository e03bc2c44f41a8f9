import Foundation
import Testing
import TestSupport

/// The checklist of issue 16's "Messages that say what to do" and "Silent wrong results" 1–2:
/// one row per item, each the command line a user types, the exact exit status and the key
/// words of what it prints. Rows repeat assertions made elsewhere on purpose: this table is the
/// list a reader runs.
///
/// In a row, `D/` is the shared fixture folder (`Fixtures.dir`), `T/` a folder of the row's
/// own, `SIR` configs/sir.yaml, `MDL` configs/cluster-innovation.mdl. A row that exits 2 must
/// print exactly one line, never Foundation's `NSCocoaErrorDomain` text.
@Suite struct MessageTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var item: String
        var args: [String]
        var status: Int32
        var stderr: [String] = []
        var stdout: [String] = []
        var notInStderr: [String] = []
        /// Commands run first, in `T/`; each must exit 0.
        var before: [[String]] = []
        /// Files that must exist afterwards, each with key words it must hold.
        var files: [String: [String]] = [:]
        var absentFiles: [String] = []
        /// Another command line whose stdout must be the same (but for the samples file named).
        var sameStdoutAs: [String]?
        /// Run in a pseudo-terminal this many columns wide: no line of the output may be wider.
        var terminalColumns: Int?

        var testDescription: String { "\(item): sdsweep \(args.joined(separator: " "))" }
    }

    // MARK: Fixtures

    enum Fixtures {
        static let sir = Repository.root + "/configs/sir.yaml"
        static let unwritable = "/proc/sdsweep-nowhere"

        /// Written once for every row; rows only read it.
        static let dir: String = {
            let dir = try! RunSDSweep.scratchDirectory().path
            func write(_ name: String, _ text: String) { try! text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
            func sdsweep(_ args: [String]) { precondition(try! RunSDSweep.run(args).status == 0, "fixture: \(args)") }
            try! FileManager.default.createDirectory(atPath: dir + "/adir", withIntermediateDirectories: true)
            write("afile", "x")
            write("p.txt", "\"Contact Rate\" 4 8\nInfectivity 0.03 0.07\n\"Recovery Time\" 5 9\n")
            sdsweep(["sample", "lhs", "--problem", dir + "/p.txt", "--n", "20", "--seed", "1", "--out", dir + "/x.csv"])
            sdsweep(["evaluate", sir, "--samples", dir + "/x.csv", "--output", "Recovered", "--out", dir + "/y.csv"])
            for i in 0..<2 {
                sdsweep(["evaluate", sir, "--samples", dir + "/x.csv", "--output", "Recovered", "--shard", "\(i)/2", "--out", dir + "/y.shard-\(i).csv"])
            }
            let lines = try! String(contentsOfFile: dir + "/x.csv", encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
            func table(_ rows: [[String]], separator: String = ",") -> String { rows.map { $0.joined(separator: separator) }.joined(separator: "\n") + "\n" }
            write("swapped.csv", table(lines.map { [$0[2], $0[0], $0[1]] }))
            write("foo.csv", table([["foo", "bar", "baz"]] + lines.dropFirst()))
            write("extra.csv", table(lines.map { $0 + [$0 == lines[0] ? "Extra" : "1"] }))
            write("missingcol.csv", table(lines.map { Array($0.prefix(2)) }))
            write("x.txt", table(Array(lines.dropFirst()), separator: " "))
            let y = try! String(contentsOfFile: dir + "/y.csv", encoding: .utf8).split(separator: "\n").map(String.init)
            write("nan.csv", ([y[0], "nan"] + y.dropFirst(2)).joined(separator: "\n") + "\n")
            sdsweep(["sample", "sobol", "--problem", dir + "/p.txt", "--n", "8", "--out", dir + "/xs.csv"])
            sdsweep(["evaluate", sir, "--samples", dir + "/xs.csv", "--output", "Recovered", "--out", dir + "/ys.csv"])
            write("xs.txt", table(Array(try! String(contentsOfFile: dir + "/xs.csv", encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }), separator: " "))
            let study = { (parameters: String, methods: String) in
                "study: tiny SIR\nmodel: \(sir)\nparameters:\n\(parameters)\noutputs: [Recovered]\nmethods:\n\(methods)\n"
            }
            write("tiny.yaml", study("  - {name: Contact Rate, lower: 4, upper: 8}\n  - {name: Infectivity, lower: 0.03, upper: 0.07}", "  oat: {change: 0.2}\n  sobol: {n: 8, bootstrap: 10}"))
            write("warn.yaml", study("  - {name: Contact Rate, lower: -2, upper: 8}\n  - {name: Infectivity, lower: 0.03, upper: 0.07}", "  sobol: {n: 10, bootstrap: 10}"))
            write("rel50.yaml", study("  - {name: Contact Rate, relative: 50}", "  oat: {}"))
            write("rel50pct.yaml", study("  - {name: Contact Rate, relative: 50%}", "  oat: {}"))
            write("relativ.yaml", study("  - {name: Contact Rate, relativ: 0.5}", "  oat: {}"))
            write("zero.txt", "\"Contact Rate\" -2 8\nInfectivity 0.03 0.07\n")
            write("dists.txt", "\"Contact Rate\" 4 8 NA unif\nInfectivity 0.01 0.5 NA lognorm\n\"Recovery Time\" 7 1 NA norm\n")
            write("comma.csv", "Contact Rate,4,8\nInfectivity,0.03,0.07,NA,unif\nRecovery Time,5,10,0.5,NA,triang\n")
            write("baddist.txt", "\"Contact Rate\" 4 8 NA normal\n")
            write("nan.yaml", "name: roots\ntime: {initial: 0, final: 1, step: 0.25}\nconstants:\n  a: 0.5\nauxiliaries:\n  r: SQRT(a)\nstocks:\n  S: {initial: 0, net: r}\n")
            write("nanstudy.yaml", "study: roots\nmodel: nan.yaml\nparameters:\n  - {name: a, lower: -1, upper: 1}\noutputs: [S]\nmethods:\n  sobol: {n: 8, bootstrap: 10}\n")
            write("linked.mdl", "Stock= INTEG (1, 0)\n\t~\tWidget\t~\t|\nINITIAL TIME = 0 ~ Month ~|\nFINAL TIME = 1 ~ Month ~|\nTIME STEP = 0.25 ~ Month ~|\nSAVEPER = TIME STEP ~ Month ~|\n")
            return dir
        }()
    }

    // MARK: Rows

    /// Every path option of every command: a missing file and a folder for what is read.
    static let inputRows: [Row] = {
        var inputs: [(args: [String], what: String)] = [
            (["run", "@"], "study"), (["simulate", "@"], "model"), (["evaluate", "@", "--samples", "D/x.csv"], "model"),
            (["evaluate", "SIR", "--samples", "@"], "CSV"), (["sample", "lhs", "--problem", "@", "--n", "4"], "problem"),
            (["analyze", "prcc", "--problem", "@", "--samples", "D/x.csv", "--outputs", "D/y.csv"], "problem"),
            (["analyze", "prcc", "--problem", "D/p.txt", "--samples", "@", "--outputs", "D/y.csv"], "CSV"),
            (["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "@"], "CSV"),
            (["convert", "@"], "model"), (["merge-shards", "@"], "shard CSV"),
            (["merge-shards", "D/y.shard-0.csv", "D/y.shard-1.csv", "--samples", "@"], "CSV"),
        ]
        for method in ["oat", "sobol", "morris", "robustness"] {
            inputs += [([method, "@"], "study"), ([method, "@", "--problem", "D/p.txt"], "model"), ([method, "SIR", "--problem", "@"], "problem")]
        }
        return inputs.flatMap { args, what in [
            Row(item: "path: missing file", args: args.map { $0 == "@" ? "D/missing.yaml" : $0 }, status: 2,
                stderr: ["D/missing.yaml: error: cannot read: No such file or directory"]),
            Row(item: "path: a folder where a file is needed", args: args.map { $0 == "@" ? "D/adir" : $0 }, status: 2,
                stderr: ["D/adir: error: this is a folder; give a \(what) file"]),
        ] }
    }()

    /// What is written: a folder where the file goes, a file where its folder goes, a place
    /// that cannot be written; for folders, a file where the folder goes.
    static let outputRows: [Row] = {
        let files: [[String]] = [
            ["simulate", "SIR", "--out", "@"], ["simulate", "SIR", "--plot", "@"],
            ["evaluate", "SIR", "--samples", "D/x.csv", "--out", "@"], ["evaluate", "SIR", "--samples", "D/x.csv", "--nonfinite-report", "@"],
            ["sample", "lhs", "--problem", "D/p.txt", "--n", "4", "--out", "@"],
            ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/y.csv", "--out", "@"],
            ["convert", "SIR", "--out", "@"], ["merge-shards", "D/y.shard-0.csv", "D/y.shard-1.csv", "--out", "@"],
        ]
        var rows = files.flatMap { args in [
            Row(item: "path: a folder where a file is written", args: args.map { $0 == "@" ? "D/adir" : $0 }, status: 2,
                stderr: ["D/adir: error: cannot write: Is a directory"]),
            Row(item: "path: a file where the folder is", args: args.map { $0 == "@" ? "D/afile/o.csv" : $0 }, status: 2,
                stderr: ["D/afile: error: cannot write: Not a directory"]),
            Row(item: "path: an unwritable place", args: args.map { $0 == "@" ? Fixtures.unwritable + "/o.csv" : $0 }, status: 2,
                stderr: ["\(Fixtures.unwritable): error: cannot write: "]),
        ] }
        var folders: [(args: [String], flag: String, holds: String)] = [(["run", "D/tiny.yaml", "--out", "@"], "--out", "the results")]
        for method in ["oat", "sobol", "morris", "robustness"] { folders.append(([method, "D/tiny.yaml", "--out", "@"], "--out", "the results")) }
        folders.append((["evaluate", "SIR", "--samples", "D/x.csv", "--checkpoint", "@"], "--checkpoint", "the finished blocks"))
        for (args, flag, holds) in folders {
            rows += [
                Row(item: "path: a file where a folder is needed", args: args.map { $0 == "@" ? "D/afile" : $0 }, status: 2,
                    stderr: ["D/afile: error: \(flag) names a file; \(holds) go into a folder"]),
                Row(item: "path: a file inside the folder's path", args: args.map { $0 == "@" ? "D/afile/sub" : $0 }, status: 2,
                    stderr: ["D/afile/sub: error: cannot create the folder: Not a directory"]),
                Row(item: "path: an unwritable folder", args: args.map { $0 == "@" ? Fixtures.unwritable : $0 }, status: 2,
                    stderr: ["\(Fixtures.unwritable): error: cannot create the folder: "]),
            ]
        }
        return rows
    }()

    /// "Silent wrong results" 1 and 2.
    static let silentRows: [Row] = [
        Row(item: "samples matched by name: swapped columns", args: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/swapped.csv", "--outputs", "D/y.csv"],
            status: 0, stdout: ["\"PRCC\""], sameStdoutAs: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/y.csv"]),
        Row(item: "samples matched by name: evaluate", args: ["evaluate", "SIR", "--samples", "D/swapped.csv", "--output", "Recovered"],
            status: 0, sameStdoutAs: ["evaluate", "SIR", "--samples", "D/x.csv", "--output", "Recovered"]),
        Row(item: "samples: unknown header", args: ["analyze", "src", "--problem", "D/p.txt", "--samples", "D/foo.csv", "--outputs", "D/y.csv"],
            status: 2, stderr: ["D/foo.csv:1: error: samples column 'foo' is not a parameter of the problem"]),
        Row(item: "samples: extra column", args: ["analyze", "morris", "--problem", "D/p.txt", "--samples", "D/extra.csv", "--outputs", "D/y.csv"],
            status: 2, stderr: ["samples column 'Extra' is not a parameter"]),
        Row(item: "samples: missing column", args: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/missingcol.csv", "--outputs", "D/y.csv"],
            status: 2, stderr: ["the samples have no column for 'Recovery Time'"]),
        Row(item: "samples: header-less needs --no-header", args: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.txt", "--outputs", "D/y.csv"],
            status: 2, stderr: ["D/x.txt:1: error: samples column '", "needs --no-header"]),
        Row(item: "samples: header-less with --no-header", args: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.txt", "--outputs", "D/y.csv", "--no-header"],
            status: 0, sameStdoutAs: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/y.csv"]),
        Row(item: "samples: sobol speaks of the columns", args: ["analyze", "sobol", "--problem", "D/p.txt", "--samples", "D/xs.txt", "--outputs", "D/ys.csv"],
            status: 2, stderr: ["needs --no-header"], notInStderr: ["--second-order"]),
        Row(item: "samples: shards of other samples", args: ["merge-shards", "D/y.shard-0.csv", "D/y.shard-1.csv", "--samples", "D/xs.csv"],
            status: 2, stderr: ["evaluated from other samples than 'D/xs.csv'"]),
        Row(item: "relative: 50 is refused", args: ["sample", "oat", "--problem", "D/rel50.yaml"], status: 2,
            stderr: ["relative must be a fraction in (0, 1)", "write 0.5 or 50%"]),
        Row(item: "relative: 50% is 0.5", args: ["sample", "oat", "--problem", "D/rel50pct.yaml"], status: 0, stdout: ["Contact Rate\n6.0\n9.0\n3.0\n"]),
        Row(item: "range crossing zero: study", args: ["sobol", "D/warn.yaml", "--quiet"], status: 0,
            stderr: ["warning: parameter 'Contact Rate': its range -2.0 to 8.0 crosses zero, but its nominal value 6.0 is positive"]),
        Row(item: "range crossing zero: problem file with a model", args: ["oat", "SIR", "--problem", "D/zero.txt", "--quiet"], status: 0,
            stderr: ["parameter 'Contact Rate': its range -2.0 to 8.0 crosses zero"]),
        Row(item: "range crossing zero: provenance and report", args: ["run", "D/warn.yaml", "--out", "T/o", "--quiet"], status: 0,
            stderr: ["crosses zero"], files: ["T/o/provenance.json": ["crosses zero"], "T/o/report.html": ["crosses zero"]]),
    ]

    /// "Messages that say what to do", but for the path table above.
    static let messageRows: [Row] = [
        Row(item: "a model needs --problem", args: ["sobol", "MDL", "--n", "16"], status: 2, stderr: ["this is a model, not a study: give --problem P"]),
        Row(item: "--threads 0: evaluate", args: ["evaluate", "SIR", "--samples", "D/x.csv", "--threads", "0"], status: 2, stderr: ["error: --threads must be at least 1"]),
        Row(item: "--threads 0: sobol", args: ["sobol", "D/tiny.yaml", "--threads", "0"], status: 2, stderr: ["error: --threads must be at least 1"], notInStderr: ["Error: error:"]),
        Row(item: "--threads 0: run", args: ["run", "D/tiny.yaml", "--threads", "0"], status: 2, stderr: ["error: --threads must be at least 1"], notInStderr: ["Error: error:"]),
        Row(item: "--threads -1", args: ["sobol", "D/tiny.yaml", "--threads", "-1"], status: 2, stderr: ["--threads must be at least 1"], notInStderr: ["Missing value"]),
        Row(item: "--n -5", args: ["sobol", "D/tiny.yaml", "--n", "-5"], status: 2, stderr: ["--n must be at least 1"], notInStderr: ["Missing value"]),
        Row(item: "--tie-tolerance 1", args: ["robustness", "D/tiny.yaml", "--tie-tolerance", "1"], status: 2,
            stderr: ["--tie-tolerance must be at least 0 and below 1"]),
        Row(item: "--dt moves SAVEPER = TIME STEP", args: ["simulate", "D/linked.mdl", "--dt", "0.03125"], status: 0, stdout: ["0.96875,"]),
        Row(item: "convert keeps the SAVEPER link", args: ["simulate", "T/linked.yaml", "--dt", "0.03125"], status: 0, stdout: ["0.96875,"],
            before: [["convert", "D/linked.mdl", "--out", "T/linked.yaml"]], files: ["T/linked.yaml": ["saveper: step"]]),
        Row(item: "results say their output and design: analyze", args: ["analyze", "src", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/y.csv"],
            status: 0, stdout: ["\"SRC\"", "\"output\" : {", "\"name\" : \"Recovered\"", "\"design\" : {"]),
        Row(item: "results say their output and design: morris", args: ["morris", "SIR", "--problem", "D/p.txt", "--trajectories", "4"], status: 0,
            stderr: ["output: Susceptible at the final time 100 (the model's first stock; choose with --output NAME[@TIME])"],
            stdout: ["\"mu_star\"", "\"output\" : {", "\"design\" : {", "\"r\" : 4"]),
        Row(item: "results say their output and design: run", args: ["run", "D/tiny.yaml", "--out", "T/o", "--quiet"], status: 0,
            files: ["T/o/sobol.json": ["\"output\" : {", "\"N\" : 8"], "T/o/provenance.json": ["\"files\"", "\"sha256\"", "sobol.json"]]),
        Row(item: "--help shows defaults", args: ["sobol", "--help"], status: 0, stdout: ["1024", "(default: 1024)"]),
        Row(item: "a reused --out folder", args: ["sobol", "SIR", "--problem", "D/p.txt", "--n", "8", "--output", "Recovered", "--out", "T/o", "--quiet"],
            status: 0, before: [["sobol", "SIR", "--problem", "D/p.txt", "--n", "8", "--output", "Infected@all", "--out", "T/o", "--quiet"]],
            files: ["T/o/provenance.json": ["sobol.json", "sobol.csv", "\"bytes\""], "T/o/.sdsweep-manifest.json": ["sobol.json"]],
            absentFiles: ["T/o/sobol-over-time.csv"]),
        Row(item: "--quiet keeps warnings: power of two", args: ["sobol", "SIR", "--problem", "D/p.txt", "--n", "10", "--quiet", "--out", "T/o"], status: 0,
            stderr: ["N to be a power of 2"], notInStderr: ["done in", "wrote"], files: ["T/o/provenance.json": ["power of 2"]]),
        Row(item: "--quiet keeps warnings: NaN counts", args: ["sobol", "D/nanstudy.yaml", "--drop-nonfinite", "--quiet", "--out", "T/o"], status: 0,
            stderr: ["runs produced NaN/Inf"], files: ["T/o/provenance.json": ["runs produced NaN/Inf"]]),
        Row(item: "the report shows warnings", args: ["run", "D/warn.yaml", "--out", "T/o", "--quiet"], status: 0,
            files: ["T/o/report.html": ["power of 2"]]),
        Row(item: "the progress bar fits the terminal", args: ["sobol", "D/tiny.yaml", "--n", "8192"], status: 0, terminalColumns: 50),
        Row(item: "SALib: header-less samples", args: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.txt", "--outputs", "D/y.csv", "--no-header"], status: 0,
            stdout: ["\"PRCC\""]),
        Row(item: "SALib: the fifth column", args: ["sample", "lhs", "--problem", "D/dists.txt", "--n", "4"], status: 0, stdout: ["Contact Rate,Infectivity,Recovery Time\n"]),
        Row(item: "SALib: a comma-separated problem", args: ["sample", "lhs", "--problem", "D/comma.csv", "--n", "4"], status: 0, stdout: ["Contact Rate,Infectivity,Recovery Time\n"]),
        Row(item: "SALib: unknown distribution", args: ["sample", "lhs", "--problem", "D/baddist.txt", "--n", "4"], status: 2,
            stderr: ["D/baddist.txt:1:", "unknown distribution 'normal' (did you mean 'norm'?)"]),
        Row(item: "did-you-mean for study keys", args: ["sample", "oat", "--problem", "D/relativ.yaml"], status: 2, stderr: ["unknown key 'relativ' (did you mean 'relative'?)"]),
        Row(item: "evaluate NAME@all", args: ["evaluate", "SIR", "--samples", "D/x.csv", "--output", "Recovered@all"], status: 0, stdout: ["Recovered@0,", "Recovered@100\n"]),
        Row(item: "the non-finite error names --drop-nonfinite", args: ["analyze", "prcc", "--problem", "D/p.txt", "--samples", "D/x.csv", "--outputs", "D/nan.csv"],
            status: 2, stderr: ["D/nan.csv:2: error:", "--drop-nonfinite"]),
    ]

    static let rows = inputRows + outputRows + silentRows + messageRows

    // MARK: The test

    @Test(arguments: MessageTableTests.rows)
    func row(_ row: Row) throws {
        // The pseudo-terminal comes from util-linux's `script` (Debian's bsdutils, always installed there).
        if row.terminalColumns != nil && !FileManager.default.isExecutableFile(atPath: "/usr/bin/script") { return }
        let shared = Fixtures.dir, own = try RunSDSweep.scratchDirectory().path
        let paths = ["SIR": Fixtures.sir, "MDL": Repository.root + "/configs/cluster-innovation.mdl"]
        func place(_ s: String) -> String {
            paths[s] ?? s.replacingOccurrences(of: "D/", with: shared + "/").replacingOccurrences(of: "T/", with: own + "/")
        }
        for command in row.before {
            let r = try RunSDSweep.run(command.map(place))
            #expect(r.status == 0, "before: \(command): \(r.stderr)")
        }
        let r = try row.terminalColumns.map { try Self.inTerminal(row.args.map(place), columns: $0) } ?? RunSDSweep.run(row.args.map(place))
        #expect(r.status == row.status, "\(r.stderr)")
        for words in row.stderr { #expect(r.stderr.contains(place(words)), "'\(words)' not in stderr: \(r.stderr)") }
        for words in row.stdout { #expect(r.stdout.contains(words), "'\(words)' not in stdout: \(r.stdout.prefix(600))") }
        for words in row.notInStderr { #expect(!r.stderr.contains(words), "'\(words)' in stderr: \(r.stderr)") }
        if row.status == 2 {
            #expect(r.stderr.filter { $0 == "\n" }.count == 1, "not one line: \(r.stderr)")
            #expect(!r.stderr.contains("NSCocoaErrorDomain") && r.stdout.isEmpty)
        }
        for (file, words) in row.files {
            let text = try? String(contentsOfFile: place(file), encoding: .utf8)
            #expect(text != nil, "\(file) missing")
            for w in words { #expect(text?.contains(w) == true, "'\(w)' not in \(file)") }
        }
        for file in row.absentFiles { #expect(!FileManager.default.fileExists(atPath: place(file)), "\(file) left over") }
        if let other = row.sameStdoutAs {
            let reference = try RunSDSweep.run(other.map(place))
            // Analysis JSON names its samples file; the rest must be the same bytes.
            let drop = { (s: String) in s.split(separator: "\n").filter { !$0.contains("\"samples\" :") } }
            #expect(drop(r.stdout) == drop(reference.stdout))
        }
        if let columns = row.terminalColumns {
            // Every redraw of the bar (between carriage returns) fits in the pane: none wraps and
            // scrolls. Log lines, printed once, may wrap as any terminal output does.
            let redraws = r.stderr.split(whereSeparator: \.isNewline).filter { $0.contains("█") || $0.contains("░") }
            #expect(!redraws.isEmpty, "no progress bar drawn: \(r.stderr.prefix(200))")
            let longest = redraws.map(\.count).max() ?? 0
            #expect(longest < columns, "a line of \(longest) characters in a \(columns)-column terminal: \(r.stderr.prefix(400))")
        }
    }

    /// Runs `sdsweep` in a pseudo-terminal `columns` wide (util-linux `script`), so the progress
    /// bar draws as it does for a user; everything it printed comes back as stderr.
    static func inTerminal(_ args: [String], columns: Int) throws -> RunSDSweep.Result {
        let quoted = ([RunSDSweep.executable.path] + args).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "stty cols \(columns) rows 24; exec \(quoted) >/dev/null", "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(status: process.terminationStatus, stdout: "", stderr: String(decoding: data, as: UTF8.self))
    }
}
