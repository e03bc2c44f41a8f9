import Foundation
import SweepDiagnostics
import Testing
@testable import SweepSampling

/// SALib problem files as SALib 1.6 reads them (`SALib.util.read_param_file`): the optional
/// group and distribution columns, comma- or space-separated, each distribution's bounds
/// meaning what `scale_samples` makes of them.
@Suite struct SALibProblemTests {
    /// The same four parameters written both ways SALib's delimiter sniffer reads.
    static let comma = "a,2,8,NA,unif\nb,6,0.25,NA,triang\nc,1,0.5,NA,norm\nd,0.1,0.3,NA,lognorm\n"
    static let spaces = "a 2 8 NA unif\nb 6 0.25 NA triang\nc 1 0.5 NA norm\nd 0.1 0.3 NA lognorm\n"

    static let unit = [1e-6, 0.01, 0.05, 0.2, 0.25, 0.5, 0.73, 0.95, 0.999999]

    /// `scale_samples(X, read_param_file(f))` in SALib 1.6.x (scipy's triang and norm ppf), for
    /// X's columns all equal to `unit`: one row per parameter.
    static let salib: [[Double]] = [
        [2.000006, 2.06, 2.3, 3.2, 3.5, 5.0, 6.38, 7.699999999999999, 7.999994],
        [0.003, 0.30000000000000004, 0.6708203932499369, 1.3416407864998738, 1.5, 2.325765385825233, 3.3000000000000003,
         4.8381049961377744, 5.994803847577218],
        [-1.3767121544114493, -0.16317393702042038, 0.17757318652426357, 0.5791893832135429, 0.6627551249019592, 1.0,
         1.3064064955083137, 1.8224268134757362, 3.3767121544085437],
        [0.26553004187046575, 0.5499629524466552, 0.6747209452148611, 0.8585705961321607, 0.9027163224252224,
         1.1051709180756477, 1.3282255749769805, 1.8102339445994529, 4.599866552026082],
    ]

    @Test(arguments: [comma, spaces])
    func theFifthColumnMapsToSALibsDistributions(_ text: String) throws {
        let space = try ParameterSpace.parse(salibText: text, file: "p.txt")
        #expect(space.names == ["a", "b", "c", "d"])
        #expect(!space.hasGroups)  // NA: no group, as in SALib
        let d = space.parameters.map(\.distribution)
        #expect(d[0] == .uniform(lower: 2, upper: 8))
        #expect(d[1] == .triangular(lower: 0, mode: 1.5, upper: 6))  // SALib's file form: end 6, peak at 0.25 of it
        #expect(d[2] == .normal(mean: 1, sd: 0.5))
        #expect(d[3] == .lognormal(mu: 0.1, sigma: 0.3))
        for (p, expected) in zip(space.parameters, Self.salib) {
            for (u, theirs) in zip(Self.unit, expected) {
                let ours = p.distribution!.quantile(u)
                // 1e-12 relative: uniform and triangular are the same closed forms in another
                // order of operations (a few ulps); the normal quantile here and scipy's ndtri
                // are both accurate to about 1e-15, 1e-13 in the 1e-6 tail.
                #expect(abs(ours - theirs) <= 1e-12 * max(1, abs(theirs)), "\(p.name) at \(u): \(ours) vs SALib \(theirs)")
            }
        }
    }

    @Test func triangTakesSALibsThreeValueForm() throws {
        // SALib's dict form [start, end, peak fraction]; reference: scale_samples with bounds [[1, 3, 0.25]].
        let space = try ParameterSpace.parse(salibText: "t 1 3 0.25 NA triang\n", file: "p.txt")
        let expected = [1.001, 1.1, 1.223606797749979, 1.4472135954999579, 1.5, 1.775255128608411, 2.1, 2.612701665379258, 2.9982679491924062]
        for (u, theirs) in zip(Self.unit, expected) {
            // 1e-12 relative, as above.
            #expect(abs(space.parameters[0].distribution!.quantile(u) - theirs) <= 1e-12 * abs(theirs))
        }
        // One number more is the nominal; without it, the median.
        let withNominal = try ParameterSpace.parse(salibText: "t 1 3 0.25 1.2 NA triang\nn 0 2 NA norm\n", file: "p.txt")
        #expect(withNominal.parameters.map(\.nominal) == [1.2, 0])
    }

    @Test func commaSeparatedNamesMayHoldSpacesAndGroups() throws {
        let space = try ParameterSpace.parse(salibText: "# name,lower,upper,group\nContact Rate, 4, 8, spread\nInfectivity,0.03,0.07,spread\nRecovery Time,5,10,\n", file: "p.csv")
        #expect(space.names == ["Contact Rate", "Infectivity", "Recovery Time"])
        #expect(space.parameters.map(\.group) == ["spread", "spread", nil])
        #expect(space.parameters[1].location == SourceLocation(file: "p.csv", line: 3, column: 1))
    }

    @Test(arguments: [
        ("x 0 1 NA normal\n", "p.txt:1:10: error: parameter 'x': unknown distribution 'normal' (did you mean 'norm'?); SALib's are unif, triang, norm, truncnorm, lognorm"),
        ("x 0 1 NA trian\n", "p.txt:1:10: error: parameter 'x': unknown distribution 'trian' (did you mean 'triang'?); SALib's are unif, triang, norm, truncnorm, lognorm"),
        ("x 0 1 norm\n", "p.txt:1:7: error: parameter 'x': 'norm' stands in the group column (the fourth); a distribution goes in the fifth, after the group or NA: 'x 0 1 NA norm'"),
        ("x 6 1.5 NA triang\n", "p.txt:1:5: error: parameter 'x': a triang peak is a fraction of the width in [0, 1), not 1.5 (SALib's bounds: end, peak; or start, end, peak)"),
        ("x 1 0 NA norm\n", "p.txt:1:3: error: parameter 'x': sd must be positive, not 0.0"),
        ("x 0 1 NA truncnorm\n", "p.txt:1:3: error: parameter 'x': a truncnorm distribution needs 4 numbers, found 2"),
        ("x 0 1 2 3 NA norm\n", "p.txt:1:9: error: parameter 'x': unexpected extra number '3'"),
        ("x,0,1,g,unif,more\n", "p.txt:1:14: error: parameter 'x': unexpected extra field 'more'"),
    ])
    func aBadDistributionColumnSaysWhatToWrite(_ text: String, _ message: String) {
        #expect(throws: SamplingError.self) { try ParameterSpace.parse(salibText: text, file: "p.txt") }
        do { _ = try ParameterSpace.parse(salibText: text, file: "p.txt") } catch { #expect("\(error)" == message) }
    }
}

/// A range crossing zero for a parameter with a signed nominal value is warned of, never refused.
@Suite struct SignWarningTests {
    @Test func rangesCrossingZeroAreWarnedOf() throws {
        let space = try ParameterSpace.parse(salibText: "a -14.7 15.3 0.3\nb 0 1\nc -1 1 0\nd 5 1 NA norm\nn -3 -1\nm -1 2 -0.5\n", file: "p.txt")
        let warnings = space.signWarnings { $0.nominal }
        // a: crosses, nominal positive; b starts at zero; c's nominal is zero; d = normal(5, 1)
        // stays above zero in its central 99.8%; n does not cross; m crosses with a negative nominal.
        #expect(warnings.count == 2)
        #expect(warnings[0] == "parameter 'a': its range -14.7 to 15.3 crosses zero, but its nominal value 0.3 is positive; runs with the other sign may make no sense for the model (check lower and upper)")
        #expect(warnings[1].hasPrefix("parameter 'm': its range -1.0 to 2.0 crosses zero, but its nominal value -0.5 is negative"))
        let wide = try ParameterSpace.parse(salibText: "w 1 2 NA norm\n", file: "p.txt")
        #expect(wide.signWarnings { _ in 1 }.count == 1)  // normal(1, 2): 0.1% quantile ≈ −5.2
    }
}
