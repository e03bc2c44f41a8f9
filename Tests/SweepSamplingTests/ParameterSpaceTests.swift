import Foundation
import SweepDiagnostics
import SweepNumerics
import Testing
@testable import SweepSampling

@Suite struct ParameterSpaceTests {
    static let study = """
        model: models/cluster.yaml      # someone else's key
        parameters:
          - name: Internal Knowledge Restructuring Coefficient
            lower: 10
            upper: 30            # uniform by default
            group: internal      # optional
          - name: Internal Resource Mining Coefficient
            relative: 0.5
          - {name: Peak Height, distribution: triangular, lower: 3, mode: 4.6, upper: 6}
          - {name: A, distribution: normal, mean: 1, sd: 0.1, nominal: 1}
          - {name: B, distribution: truncnormal, mean: 1, sd: 0.5, lower: 0, upper: 2}
          - {name: C, distribution: lognormal, mu: 0, sigma: 0.25}
          - {name: D, distribution: discrete, values: [5, 1, 2], weights: [2, 1, 1]}
          - {name: E, relative: 0.2, nominal: -4, group: internal}
        outputs: [C]
        """

    @Test func parsesEveryDistributionOfAStudy() throws {
        let space = try ParameterSpace.parse(yaml: Self.study, file: "study.yaml")
        #expect(space.count == 8)
        #expect(space.names[0] == "Internal Knowledge Restructuring Coefficient")
        let p = space.parameters
        #expect(p[0].distribution == .uniform(lower: 10, upper: 30))
        #expect(p[1].range == .relative(0.5))
        #expect(p[2].distribution == .triangular(lower: 3, mode: 4.6, upper: 6))
        #expect(p[3].distribution == .normal(mean: 1, sd: 0.1) && p[3].nominal == 1)
        #expect(p[4].distribution == .truncatedNormal(mean: 1, sd: 0.5, lower: 0, upper: 2))
        #expect(p[5].distribution == .lognormal(mu: 0, sigma: 0.25))
        // Sorted ascending with their weights, so the inverse CDF is monotone.
        #expect(p[6].distribution == .discrete(values: [1, 2, 5], weights: [1, 1, 2]))
        // A negative nominal flips the ends: −4·(1 ± 0.2) = [−4.8, −3.2]; compared with the
        // same floating-point expressions, so tolerance none.
        let low: Double = -4 * (1 + 0.2), high: Double = -4 * (1 - 0.2)
        #expect(p[7].distribution == .uniform(lower: low, upper: high))
        #expect(space.groupNames == ["internal", "Internal Resource Mining Coefficient", "Peak Height", "A", "B", "C", "D"])
        #expect(space.groupIndex == [0, 1, 2, 3, 4, 5, 6, 0])
        #expect(p[2].location == SourceLocation(file: "study.yaml", line: 9, column: 12))
    }

    @Test func relativeRangesWaitForTheModelsNominal() throws {
        let space = try ParameterSpace.parse(yaml: Self.study, file: "study.yaml")
        #expect(throws: SamplingError.self) { try space.distributions() }
        #expect(throws: SamplingError.self) { try LatinHypercube().sample(space, n: 4) }
        let model = ["Internal Resource Mining Coefficient": 1.15, "A": 99.0]
        let resolved = try space.resolve { model[$0] }
        // 1.15·(1 ± 0.5), computed the same way (tolerance none).
        #expect(resolved.parameters[1].distribution == .uniform(lower: 1.15 * 0.5, upper: 1.15 * 1.5))
        #expect(resolved.parameters[1].nominal == 1.15)
        // The study's own nominal wins over the model's.
        #expect(resolved.parameters[3].nominal == 1)
        _ = try resolved.distributions()
        // A zero nominal leaves an empty range.
        #expect(throws: SamplingError.self) { try space.resolve { _ in 0 } }
    }

    static func error(_ body: () throws -> Any) -> SamplingError? {
        do { _ = try body() } catch let e as SamplingError { return e } catch { return nil }
        return nil
    }

    @Test(arguments: [
        ("{name: X, distribution: gamma, lower: 1}", "unknown distribution 'gamma'", 1, 29, SamplingError.Kind.unknownDistribution),
        ("{name: X, lower: 3, upper: 1}", "lower (3.0) must be below upper (1.0)", 1, 22, .invalidDistribution),
        ("{name: X, distribution: normal, mean: 0, sd: -1}", "sd must be positive", 1, 50, .invalidDistribution),
        ("{name: X, lower: 0, upper: 1, sdd: 2}", "unknown key 'sdd'", 1, 35, .syntax),
        ("{name: X, lower: 0, upper: 1, mean: 2}", "'mean' does not apply to a uniform", 1, 35, .syntax),
        ("{name: X, lower: 0}", "needs 'upper:'", 1, 12, .syntax),
        ("{name: X, lower: zero, upper: 1}", "lower 'zero' is not a finite number", 1, 22, .syntax),
        ("{name: X, distribution: discrete, values: [1, 2], weights: [1]}", "1 weights for 2 values", 1, 64, .invalidDistribution),
        // A user meaning 50% must not get nominal·(1 ± 50), a range across zero.
        ("{name: X, relativ: 0.5}", "unknown key 'relativ' (did you mean 'relative'?)", 1, 15, .syntax),
        ("{name: X, relative: 50}", "relative must be a fraction in (0, 1), e.g. 0.5 for nominal·(1 ± 50%), not 50 (for ±50% write 0.5 or 50%)", 1, 25, .invalidDistribution),
        ("{name: X, relative: 1}", "relative must be a fraction in (0, 1)", 1, 25, .invalidDistribution),
        ("{name: X, relative: 150%}", "not 150%", 1, 25, .invalidDistribution),
        ("{name: X, relative: -0.5}", "relative must be a fraction in (0, 1)", 1, 25, .invalidDistribution),
    ])
    func badEntriesNameTheParameterAndPlace(entry: String, message: String, line: Int, column: Int, kind: SamplingError.Kind) {
        let yaml = "parameters:\n  - \(entry)\n"
        let e = Self.error { try ParameterSpace.parse(yaml: yaml, file: "s.yaml") }
        #expect(e?.kind == kind)
        #expect(e?.message.contains("parameter 'X'") == true, "\(String(describing: e))")
        #expect(e?.message.contains(message) == true, "\(String(describing: e))")
        // Line 2 of the file (line 1 is `parameters:`); the column of the offending value.
        #expect(e?.location == SourceLocation(file: "s.yaml", line: line + 1, column: column), "\(String(describing: e))")
    }

    @Test func aRelativeRangeMayBeWrittenAsAPercentage() throws {
        let space = try ParameterSpace.parse(yaml: "parameters:\n  - {name: X, relative: 50%}\n  - {name: Y, relative: \"12.5 %\"}\n", file: "s.yaml")
        #expect(space.parameters.map(\.range) == [.relative(0.5), .relative(0.125)])
    }

    @Test func duplicateNamesAreCaseInsensitive() {
        let yaml = """
            parameters:
              - {name: Growth Rate, lower: 0, upper: 1}
              - {name: growth rate, lower: 0, upper: 2}
            """
        let e = Self.error { try ParameterSpace.parse(yaml: yaml, file: "s.yaml") }
        #expect(e?.kind == .duplicateName)
        #expect(e?.description == "s.yaml:3:12: error: duplicate parameter 'growth rate' (first defined at s.yaml:2:12)")
    }

    @Test func yamlSyntaxErrorsCarryTheirPlace() {
        let e = Self.error { try ParameterSpace.parse(yaml: "parameters:\n  - {name: X, lower: 0\n", file: "s.yaml") }
        #expect(e?.kind == .syntax)
        #expect(e?.location?.line != nil)
        let missing = Self.error { try ParameterSpace.parse(yaml: "model: m.yaml\n", file: "s.yaml") }
        #expect(missing?.message.contains("no 'parameters:' section") == true)
    }

    @Test func parsesSALibText() throws {
        let text = """
            # name lower upper [nominal] [group]
            "Internal Knowledge Restructuring Coefficient" 10 30 20   # quoted name, nominal
            x2 0 1 groupA
            x3\t-1   1e1 2.5 groupA

            """
        let space = try ParameterSpace.parse(salibText: text, file: "p.txt")
        #expect(space.names == ["Internal Knowledge Restructuring Coefficient", "x2", "x3"])
        #expect(space.parameters.map(\.nominal) == [20, 0.5, 2.5])  // 0.5: the midpoint default
        #expect(space.parameters[2].distribution == .uniform(lower: -1, upper: 10))
        #expect(space.groupNames == ["Internal Knowledge Restructuring Coefficient", "groupA"])
        #expect(space.parameters[1].location == SourceLocation(file: "p.txt", line: 3, column: 1))
    }

    @Test func badSALibLinesArePlaced() {
        let bad = Self.error { try ParameterSpace.parse(salibText: "a 0 1\nb 1 x\n", file: "p.txt") }
        #expect(bad?.description == "p.txt:2:5: error: parameter 'b': upper bound 'x' is not a number")
        let order = Self.error { try ParameterSpace.parse(salibText: "a 2 1\n", file: "p.txt") }
        #expect(order?.kind == .invalidDistribution)
        let quote = Self.error { try ParameterSpace.parse(salibText: "\"a b 0 1\n", file: "p.txt") }
        #expect(quote?.message.contains("unterminated") == true)
        let dup = Self.error { try ParameterSpace.parse(salibText: "a 0 1\nA 0 1\n", file: "p.txt") }
        #expect(dup?.kind == .duplicateName)
    }

    @Test func loadChoosesTheFormat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sdsweep-space-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yamlPath = dir.appendingPathComponent("study.problem").path
        try Self.study.write(toFile: yamlPath, atomically: true, encoding: .utf8)
        #expect(try ParameterSpace.load(path: yamlPath).count == 8)
        let textPath = dir.appendingPathComponent("p.txt").path
        try "a 0 1\n".write(toFile: textPath, atomically: true, encoding: .utf8)
        #expect(try ParameterSpace.load(path: textPath).names == ["a"])
        #expect(throws: SamplingError.self) { try ParameterSpace.load(path: dir.appendingPathComponent("nope.txt").path) }
    }
}
