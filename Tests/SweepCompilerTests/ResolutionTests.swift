@testable import SweepCompiler
import SweepDiagnostics
import SweepModel
import Testing

/// Resolution: every reference checked and respelled, the time functions desugared, the
/// caller's parameters, overrides and outputs checked — each error word for word.
@Suite struct ResolutionTests {
    func resolve(_ m: Model, parameters: [String] = [], overrides: [String: Double] = [:], outputs: [String]? = nil) throws -> ResolvedModel {
        try Resolution.resolve(m, parameters: parameters, overrides: overrides, outputs: outputs)
    }

    @Test func referencesAreSpelledAsTheirVariable() throws {
        let m = try model([("Growth Rate", .constant(0.1)), ("y", .auxiliary("growth_rate * 2"))])
        let r = try resolve(m)
        #expect(r.equation(1) == .binary(.multiply, .variable("Growth Rate", offset: 0), .number(2)))
        #expect(r.names["growth_rate"] == 0)
        #expect(r.names.find("GROWTH  RATE") == 0)
    }

    @Test func timeFunctionsBecomeConditionsOnTime() throws {
        let m = try model([("y", .auxiliary("STEP(3, 2)"))])
        guard case .call(.ifThenElse, let args)? = try resolve(m).equation(0) else {
            Issue.record("STEP was not desugared")
            return
        }
        #expect(args.count == 3)
        var readsTime = false
        args[0].visit { if case .call(.time, _) = $0 { readsTime = true } }
        #expect(readsTime)
    }

    @Test func overridesReplaceConstantsAndParametersKeepTheirOrder() throws {
        let m = try model([("a", .constant(1)), ("b", .constant(2)), ("c", .constant(3))])
        let r = try resolve(m, parameters: ["c", "a"], overrides: ["b": 20])
        #expect(r.constant(1) == 20)
        #expect(r.parameters == [2, 0])
        #expect(r.isParameter == [true, false, true])
        #expect(r.outputs == nil)
        #expect(try resolve(m, outputs: ["B"]).outputs == [false, true, false])
    }

    @Test func lookupsGetTablesInModelOrder() throws {
        let m = try model([("f", .lookup(xs: [0, 1], ys: [0, 10])), ("g", .lookup(xs: [0, 2], ys: [5, 6])),
                           ("y", .auxiliary("g(Time) + f(Time)"))])
        let r = try resolve(m)
        #expect(r.table(0) == 0 && r.table(1) == 1 && r.table(2) == nil)
        #expect(r.tables.map(\.ys) == [[0, 10], [5, 6]])
    }

    @Test func unknownNames() throws {
        let m = try model([("Knowledge", .constant(1)), ("y", .auxiliary("Knowlege * 2")),
                           ("z", .auxiliary("Tabel(Time)"))])
        #expect(compileErrorMessage { _ = try resolve(m) } == "unknown variable 'Knowlege' in the equation of 'y'; did you mean 'Knowledge'?")
        let unknownFunction = try model([("z", .auxiliary("Tabel(Time)"))])
        #expect(compileErrorMessage { _ = try resolve(unknownFunction) } == "unknown function or lookup 'Tabel' in the equation of 'z'")
        #expect(compileErrorMessage { _ = try resolve(m, parameters: ["Knowledg"]) }
            == "parameter 'Knowledg' is not a variable of the model; did you mean 'Knowledge'?")
        #expect(compileErrorMessage { _ = try resolve(m, outputs: ["Nonexistent Output"]) } == "unknown output variable 'Nonexistent Output'")
    }

    @Test func lookupsAndValuesAreNotConfused() throws {
        let asValue = try model([("T", .lookup(xs: [0, 1], ys: [0, 1])), ("y", .auxiliary("T + 1"))])
        #expect(compileErrorMessage { _ = try resolve(asValue) } == "'T' is a lookup: call it with an argument, as in 'T(Time)'")
        let asLookup = try model([("b", .constant(1)), ("y", .auxiliary("b(Time)"))])
        #expect(compileErrorMessage { _ = try resolve(asLookup) } == "'b' is not a lookup, so it cannot be called as 'b(…)'")
    }

    @Test func misplacedINTEG() throws {
        let m = try model([("y", .auxiliary("INTEG(1, 0)"))])
        #expect(compileErrorMessage { _ = try resolve(m) } == "INTEG may only be the whole equation of a stock (in 'y')")
    }

    @Test func badParametersAndOverrides() throws {
        let m = try model([("a", .constant(1)), ("y", .auxiliary("a * 2"))])
        #expect(compileErrorMessage { _ = try resolve(m, parameters: ["y"]) }
            == "parameter 'y' is not a constant (it has an equation), so it cannot be set")
        #expect(compileErrorMessage { _ = try resolve(m, parameters: ["a", "A"]) } == "parameter 'A' is listed twice")
        #expect(compileErrorMessage { _ = try resolve(m, overrides: ["a": .infinity]) } == "--set a: value must be finite")
        #expect(compileErrorMessage { _ = try resolve(m, overrides: ["y": 1]) }
            == "--set 'y' is not a constant (it has an equation), so it cannot be set")
    }

    @Test func duplicateVariables() throws {
        let m = try model([("Growth", .constant(1)), ("growth", .constant(2))])
        #expect(compileErrorMessage { _ = try resolve(m) } == "duplicate variable 'growth'")
    }
}
