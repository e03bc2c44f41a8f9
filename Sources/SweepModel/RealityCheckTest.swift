import SweepDiagnostics

/// One model that tests reality checks: the model with one set of interventions applied (the
/// test inputs and forced comparisons of the constraints' conditions, `RealityCheck`), plus two
/// auxiliaries per constraint whose values say at each step whether its condition and its
/// consequence hold (nonzero is true). Constraints that force the same thing share a test;
/// those that force nothing share the unchanged model.
///
/// ```swift
/// let (tests, problems) = model.realityCheckTests()
/// let compiled = try Compiler.compile(tests[0].model, outputs: tests[0].probes.flatMap { [$0.condition, $0.consequence] })
/// ```
public struct RealityCheckTest: Sendable {
    public var model: Model
    public var probes: [Probe]

    /// What one constraint is read from.
    public struct Probe: Sendable {
        /// The constraint's index in `Model.realityChecks`.
        public var check: Int
        /// The auxiliaries holding the condition's and the consequence's truth.
        public var condition: String
        public var consequence: String
    }

    /// `target` computed by `equation` for the test.
    struct Intervention: Equatable {
        var target: CanonicalName
        var equation: Expression
    }
}

extension Model {
    /// The tests of every constraint in `realityChecks`, and, by index, the constraints that
    /// cannot be tested with the reason (a test input or variable the model lacks, a variable
    /// forced two ways, a check the reader left `.unsupported`).
    public func realityCheckTests() -> (tests: [RealityCheckTest], problems: [Int: String]) {
        var testInputs: [CanonicalName: RealityCheck] = [:]
        for c in realityChecks where c.isTestInput { testInputs[CanonicalName(c.fullName)] = c }
        var problems: [Int: String] = [:]
        let known = Set(variables.map(\.id))
        var groups: [(interventions: [RealityCheckTest.Intervention], checks: [(Int, Expression, Expression)])] = []
        for (index, check) in realityChecks.enumerated() {
            switch check.body {
            case .testInput: continue
            case .unsupported(let why, _): problems[index] = why
            case .constraint(let condition, let consequence):
                var interventions: [RealityCheckTest.Intervention] = []
                do {
                    try checkReferences([condition, consequence], known: known, testInputs: testInputs)
                    let premise = try forcing(condition, testInputs: testInputs, into: &interventions)
                    interventions.sort { $0.target < $1.target }
                    if let g = groups.firstIndex(where: { $0.interventions == interventions }) {
                        groups[g].checks.append((index, premise, consequence))
                    } else {
                        groups.append((interventions, [(index, premise, consequence)]))
                    }
                } catch {
                    problems[index] = "\(error.message) (in reality check '\(check.fullName)' at line \(check.location.line ?? 0))"
                }
            }
        }
        let tests = groups.map { g in testModel(g.interventions, checks: g.checks) }
        return (tests, problems)
    }

    /// Refuses a name in `expressions` that is neither a variable of the model nor a test input
    /// (a test input's own equation included), which the compiler would refuse for every test.
    func checkReferences(_ expressions: [Expression], known: Set<CanonicalName>, testInputs: [CanonicalName: RealityCheck]) throws(RealityCheckTestError) {
        var all = expressions
        for e in expressions {
            for n in e.references {
                if case .testInput(_, let equation)? = testInputs[CanonicalName(n)]?.body { all.append(equation) }
            }
        }
        for e in all {
            for n in e.references where !known.contains(CanonicalName(n)) && testInputs[CanonicalName(n)] == nil {
                throw RealityCheckTestError(message: "unknown variable '\(n)'")
            }
        }
    }

    /// `condition` with what it forces moved into `interventions`: a test input's name, an
    /// equality `variable = expr` and an inequality `variable < expr` (`<=`, `>`, `>=`) hold
    /// by construction and read as true; `:AND:` forces both sides; anything else stays, to be
    /// tested where it holds.
    func forcing(_ condition: Expression, testInputs: [CanonicalName: RealityCheck],
                 into interventions: inout [RealityCheckTest.Intervention]) throws(RealityCheckTestError) -> Expression {
        func add(_ target: String, _ equation: Expression) throws(RealityCheckTestError) {
            let id = CanonicalName(target)
            guard let v = variable(named: target) else { throw RealityCheckTestError(message: "the model has no variable '\(target)' to set") }
            if case .lookup = v.kind { throw RealityCheckTestError(message: "'\(target)' is a lookup, which a test cannot set") }
            if let other = interventions.first(where: { $0.target == id }) {
                if other.equation == equation { return }
                throw RealityCheckTestError(message: "'\(target)' is set two different ways")
            }
            interventions.append(.init(target: id, equation: equation))
        }
        switch condition {
        case .binary(.and, let a, let b):
            return .binary(.and, try forcing(a, testInputs: testInputs, into: &interventions),
                           try forcing(b, testInputs: testInputs, into: &interventions))
        case .variable(let n, _) where testInputs[CanonicalName(n)] != nil:
            switch testInputs[CanonicalName(n)]!.body {
            case .testInput(let target, let equation): try add(target, equation)
            case .unsupported(let why, _): throw RealityCheckTestError(message: "test input '\(n)' cannot run: \(why)")
            case .constraint: break
            }
            return .number(1)
        case .binary(let op, .variable(let x, let offset), let value) where [.equal, .less, .lessEqual, .greater, .greaterEqual].contains(op)
            && variable(named: x) != nil:
            let current = Expression.variable(x, offset: offset)
            try add(x, op == .equal ? value : .call(.ifThenElse, [.binary(op, current, value), current, value]))
            return .number(1)
        default:
            return condition
        }
    }

    /// The model with `interventions` applied and the probes of `checks` added.
    func testModel(_ interventions: [RealityCheckTest.Intervention], checks: [(Int, Expression, Expression)]) -> RealityCheckTest {
        var forcedName: [CanonicalName: String] = [:]
        for i in interventions { forcedName[i.target] = "\u{1}rc set \(variable(named: i.target.id)?.name ?? i.target.id)" }
        // Every use of a set variable reads the test's value; its own equation, and the test's
        // equation for it, still compute (and read) the normal value.
        func redirected(_ e: Expression, except own: CanonicalName?) -> Expression {
            e.replacing { node in
                guard case .variable(let n, let offset) = node else { return nil }
                let id = CanonicalName(n)
                guard id != own, let forced = forcedName[id] else { return nil }
                return .variable(forced, offset: offset)
            }
        }
        var out = self
        out.realityChecks = []
        out.variables = variables.map { v in
            var v = v
            switch v.kind {
            case .auxiliary(let e): v.kind = .auxiliary(redirected(e, except: v.id))
            case .flow(let e): v.kind = .flow(redirected(e, except: v.id))
            case .stock(let i, let n): v.kind = .stock(initial: redirected(i, except: v.id), net: redirected(n, except: v.id))
            case .constant, .lookup: break
            }
            return v
        }
        func auxiliary(_ name: String, _ e: Expression, at location: SourceLocation) -> Variable {
            Variable(name: name, kind: .auxiliary(e), location: location)
        }
        for i in interventions {
            let location = variable(named: i.target.id)?.location ?? SourceLocation(file: file)
            out.variables.append(auxiliary(forcedName[i.target]!, redirected(i.equation, except: i.target), at: location))
        }
        var probes: [RealityCheckTest.Probe] = []
        for (index, condition, consequence) in checks {
            let at = realityChecks[index].location
            let probe = RealityCheckTest.Probe(check: index, condition: "\u{1}rc condition \(index)", consequence: "\u{1}rc consequence \(index)")
            out.variables.append(auxiliary(probe.condition, redirected(condition, except: nil), at: at))
            out.variables.append(auxiliary(probe.consequence, redirected(consequence, except: nil), at: at))
            probes.append(probe)
        }
        return RealityCheckTest(model: out, probes: probes)
    }
}

/// Why a constraint cannot be made into a test.
struct RealityCheckTestError: Error {
    var message: String
}
