import Testing
import TestSupport
import SweepModel

/// `configs/cluster-innovation.mdl`, the paper's model written by hand in Vensim syntax, against
/// `configs/cluster-innovation.yaml` (reference: the YAML run; tolerance 1e-12 relative, and
/// exact zeros where the YAML is zero: the two files hold the same equations, so anything
/// looser would hide a front-end difference) and the closed form C(20) = 4.83 of
/// shared/paper-model.md (1e-9 relative, as in PaperModelTests).
@Suite struct PaperModelVensimTests {
    @Test func sameModelAsTheYAML() throws {
        let mdl = try loadConfig("cluster-innovation.mdl")
        let yaml = try loadConfig("cluster-innovation.yaml")
        #expect(mdl.time == TimeSpec(initial: 0, final: 20, step: 0.0625, saveper: 0.25, method: .euler, unit: "Year"))
        #expect(mdl.time.initial == yaml.time.initial && mdl.time.final == yaml.time.final)
        #expect(mdl.time.step == yaml.time.step && mdl.time.saveper == yaml.time.saveper)
        #expect(Set(mdl.constantNames.map(CanonicalName.init)) == Set(yaml.constantNames.map(CanonicalName.init)))
        let a = try simulate(mdl), b = try simulate(yaml)
        #expect(Set(a.keys) == Set(b.keys))
        for (name, ys) in b {
            let xs = try #require(a[name])
            #expect(xs.count == 81)
            for (x, y) in zip(xs, ys) {
                #expect(y == 0 ? x == 0 : close(x, y, rtol: 1e-12), "'\(name)': mdl \(x), yaml \(y)")
            }
        }
        #expect(close(a["innovation capability"]!.last!, 4.83, rtol: 1e-9))
    }

    /// Every variable carries the line of its record, for diagnostics.
    @Test func variablesCarryTheirRecordLine() throws {
        let mdl = try loadConfig("cluster-innovation.mdl")
        let c = try #require(mdl.variable(named: "Innovation Capability"))
        #expect(c.location.line == 6)
        #expect(c.location.file.hasSuffix("configs/cluster-innovation.mdl"))
        #expect(mdl.variables.allSatisfy { ($0.location.line ?? 0) > 0 })
    }
}
