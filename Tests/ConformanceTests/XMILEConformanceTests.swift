import Foundation
import SweepModel
import Testing
import TestSupport

@Suite("SD test-models conformance: XMILE")
struct XMILEConformanceTests {
    /// Reference and tolerance as in `ConformanceTests.conformance`: the case's shipped output,
    /// PySD's rule |expected − actual| ≤ 1e-5 + 1e-5·|actual|.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: XMILEManifest.cases)
    func conformance(_ c: ConformanceCase) throws {
        try ConformanceTests().conformance(c)
    }

    /// `sdsweep convert` of an XMILE model reads back to the same bits (reference: the XMILE
    /// run itself; tolerance: exact).
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: XMILEManifest.cases.filter { if case .pass = $0.status { true } else { false } })
    func yamlRoundTrip(_ c: ConformanceCase) throws {
        try ConformanceTests().yamlRoundTrip(c)
    }

    /// The files whose shipped output belongs to another model still run, and still miss it
    /// somewhere under PySD's rule (reference: the shipped output).
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: XMILEManifest.mismatches.map(\.0))
    func mismatchStillDiffers(_ c: ConformanceCase) throws {
        let folder = testModelsFolder + "/" + c.name
        let (times, values) = try simulateAll(try Model.load(path: folder + "/" + c.model))
        let expected = try ExpectedOutput(contentsOfFile: folder + "/" + c.output)
        var worst = -Double.infinity
        for (j, name) in expected.names.enumerated() {
            // A column of a variable the file does not define is a difference too.
            guard let actual = values[CanonicalName(name).id] else { worst = .infinity; continue }
            for (r, t) in expected.times.enumerated() {
                let k = try #require(times.firstIndex { abs($0 - t) <= 1e-5 * max(1, abs(t)) })
                worst = max(worst, abs(expected.columns[j][r] - actual[k]) - (1e-5 + 1e-5 * abs(actual[k])))
            }
        }
        #expect(worst > 0, "\(c.model) now matches its output: move it to XMILEManifest.cases")
    }

    /// Every XMILE row of `cases.tsv` is listed exactly once, in `cases` or `mismatches`.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"))
    func manifestCoversEveryXMILECase() throws {
        let text = try String(contentsOfFile: testModelsFolder + "/cases.tsv", encoding: .utf8)
        let shared = text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: "\t").map(String.init) }
            .filter { $0.count > 2 && $0[1] == "xmile" }.map { $0[2] }
        let ours = (XMILEManifest.cases + XMILEManifest.mismatches.map(\.0)).map { $0.name + "/" + $0.model }
        #expect(shared.count == 118)
        #expect(Set(shared) == Set(ours))
        #expect(ours.count == Set(ours).count, "a file is listed twice")
        let complete = XMILEManifest.cases.filter { if case .unsupported(let m) = $0.status { !m.contains("???") } else { true } }
        let passing = XMILEManifest.cases.filter { if case .pass = $0.status { true } else { false } }
        #expect(complete.count + XMILEManifest.mismatches.count == 102)
        #expect(passing.count == 86)
        #expect(passing.contains { $0.name == "bpowers-hares_and_lynxes_modules" && $0.model == "model.stmx" })
    }

    /// SIR and teacup in XMILE simulate like their `.mdl` twins. Reference: the `.mdl` run;
    /// tolerance 1e-12 relative (1e-12 absolute near zero): the files hold the same equations,
    /// so only the order of a sum could differ, by a few ulps.
    @Test(.enabled(if: testModelsAvailable, "shared/test-models not found beside the repository"),
          arguments: ["SIR/SIR.xmile", "SIR/SIR.stmx", "SIR/SIR_reciprocal-dt.xmile", "teacup/teacup.xmile", "teacup/teacup.stmx"])
    func sameResultsAsTheVensimTwin(_ file: String) throws {
        let folder = file.split(separator: "/")[0]
        let xmile = try Model.load(path: testModelsFolder + "/" + file)
        let mdl = try Model.load(path: testModelsFolder + "/\(folder)/\(folder).mdl")
        #expect(xmile.time.initial == mdl.time.initial && xmile.time.final == mdl.time.final && xmile.time.step == mdl.time.step)
        let a = try simulateAll(xmile), b = try simulateAll(mdl)
        #expect(a.times == b.times)
        #expect(xmile.variables.count == mdl.variables.count)
        for v in xmile.variables {
            let xs = try #require(a.values[v.id.id]), ys = try #require(b.values[v.id.id], "\(file): '\(v.name)' is not in the .mdl")
            let worst = zip(xs, ys).map { abs($0 - $1) - 1e-12 * max(1, abs($1)) }.max() ?? 0
            #expect(worst <= 0, "\(file): '\(v.name)' differs from the .mdl")
        }
    }
}
