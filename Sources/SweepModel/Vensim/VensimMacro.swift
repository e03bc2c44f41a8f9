import Foundation
import SweepDiagnostics
import SweepNumerics

/// A Vensim macro definition (Vensim DSS Reference Manual, "Macros"):
///
/// ```
/// :MACRO: SMOOTHED(input, time : gap)
/// SMOOTHED = INTEG((input - SMOOTHED) / time, input) ~ input ~ |
/// gap = input - SMOOTHED ~ input ~ |
/// :END OF MACRO:
/// ```
///
/// The header names the inputs and, after a ':', further outputs; the body is ordinary records,
/// one of which defines the macro's own name (its value where it is called). Names in the body
/// are local to it; a name ending in `$` (`TIME STEP$`) is the model's. A macro may be defined
/// anywhere in the file, before or after its use, and may call other macros.
///
/// SDSweep expands every call when the model loads (see `MacroExpansion`):
/// each call becomes fresh variables of the model, so the compiler, the native engine and
/// `sdsweep convert`'s YAML see plain variables and stocks.
struct VensimMacro {
    /// The name as written in the header.
    var name: String
    var inputs: [String]
    /// The names after the ':' in the header.
    var outputs: [String]
    /// The records between the header and `:END OF MACRO:`.
    var body: [VensimRecord]
    var line: Int

    var id: CanonicalName { CanonicalName(name) }

    /// Reads the text after `:MACRO:`, `NAME(in1, in2 : out1)`.
    init(header: String, body: [VensimRecord], line: Int, file: String) throws {
        let location = SourceLocation(file: file, line: line)
        guard let open = header.firstIndex(of: "("), header.hasSuffix(")") else {
            throw ModelError(.syntax, "malformed macro header ':MACRO: \(header)': expected ':MACRO: NAME(inputs)'", at: location)
        }
        name = String(header[..<open]).trimmingBlanks
        let list = String(header[header.index(after: open)..<header.index(before: header.endIndex)])
        let halves = list.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        func names(_ s: String) -> [String] {
            s.split(separator: ",").map { String($0).trimmingBlanks }.filter { !$0.isEmpty }
        }
        inputs = names(halves[0])
        outputs = halves.count > 1 ? names(halves[1]) : []
        self.body = body
        self.line = line
        guard !name.isEmpty else { throw ModelError(.syntax, "malformed macro header ':MACRO: \(header)': the macro has no name", at: location) }
        let all = ([name] + inputs + outputs).map(CanonicalName.init)
        if Set(all).count != all.count {
            throw ModelError(.duplicateName, "macro '\(name)': a name appears twice among the macro's name, inputs and outputs", at: location)
        }
    }

    /// The macro definitions of a file, by canonical name, and the records outside them.
    ///
    /// - Throws: `ModelError` for a macro that is not closed, an `:END OF MACRO:` without a
    ///   macro, a macro inside a macro or a name defined twice.
    static func extract(_ records: [VensimRecord], file: String) throws -> ([CanonicalName: VensimMacro], [VensimRecord]) {
        var macros: [CanonicalName: VensimMacro] = [:]
        var model: [VensimRecord] = []
        var open: (header: String, line: Int, body: [VensimRecord])?
        for r in records {
            switch r.directive {
            case .macro(let header)?:
                if let o = open {
                    throw ModelError(.syntax, "a macro starts inside the macro opened at line \(o.line); is its :END OF MACRO: missing?", at: SourceLocation(file: file, line: r.line))
                }
                open = (header, r.line, [])
            case .endOfMacro?:
                guard let o = open else {
                    throw ModelError(.syntax, ":END OF MACRO: without a :MACRO: before it", at: SourceLocation(file: file, line: r.line))
                }
                let m = try VensimMacro(header: o.header, body: o.body, line: o.line, file: file)
                if let first = macros[m.id] {
                    throw ModelError(.duplicateName, "macro '\(m.name)' is defined twice (first at line \(first.line))", at: SourceLocation(file: file, line: m.line))
                }
                macros[m.id] = m
                open = nil
            case nil:
                if open != nil { open!.body.append(r) } else { model.append(r) }
            }
        }
        if let o = open {
            throw ModelError(.syntax, "the macro opened here has no :END OF MACRO:", at: SourceLocation(file: file, line: o.line))
        }
        return (macros, model)
    }
}

/// What reading one `.mdl` file collects besides variables, shared by the reader's records
/// (a class, so the nested parse of a macro's body adds to the same tables).
final class VensimReadState {
    /// Every macro call, by its file-wide unique placeholder (see `ExpressionParser.MacroCall`).
    var calls: [String: ExpressionParser.MacroCall] = [:]
    /// The `:EXCEPT:` lists of equations, by the variable's canonical name and the line of the
    /// equation.
    var exceptions: [ExceptionKey: [[String]]] = [:]
    var realityChecks: [VensimRealityCheck] = []

    struct ExceptionKey: Hashable {
        var name: CanonicalName
        var line: Int
    }

    /// A new placeholder for `call`, unique within the file.
    func register(_ call: ExpressionParser.MacroCall) -> String {
        let placeholder = "\u{1}macro \(calls.count)"
        var c = call
        c.placeholder = placeholder
        calls[placeholder] = c
        return placeholder
    }
}

/// A Vensim reality check record as written (Vensim DSS Reference Manual, "Reality Check"): a
/// condition `name :THE CONDITION: test :IMPLIES: claim`, or a test input `name :TEST INPUT:
/// variable = value` that a condition switches on.
///
/// The reader turns them into the model's `RealityCheck`s (`expandingWithRealityChecks`); the
/// model runs as if they were absent, which is what Vensim's ordinary simulation does.
struct VensimRealityCheck: Equatable {
    enum Kind: Equatable { case condition, testInput }
    var name: String
    var subscripts: [String]
    var kind: Kind
    /// For a condition, the text before `:IMPLIES:` (empty when the check always applies); for a
    /// test input, the variable it sets.
    var premise: String
    /// For a condition, the text after `:IMPLIES:`; for a test input, the value's equation.
    var conclusion: String
    var line: Int
}
