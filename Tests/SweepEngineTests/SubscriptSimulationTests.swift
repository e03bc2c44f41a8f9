import Testing
import SweepCompiler
import SweepEngine
import SweepModel

/// Subscripted models simulate exactly as the same model unrolled by hand. Reference: the
/// hand-written scalar model; tolerance: none (bit for bit), since the expansion produces the
/// same expression trees, left-folded sums included, and the compiler sees the same scalars.
@Suite struct SubscriptSimulationTests {
    static let subscripted = """
        name: arrays
        time: {initial: 0, final: 10, step: 0.25, saveper: 0.5}
        dimensions:
          Cluster: c1..c3
          Partner: {same as: Cluster}
        constants:
          Rate[Cluster]: [0.3, 0.1, 0.2]
          W[Cluster, Partner]: [[0, 1, 0.5], [1, 0, 0.25], [0.5, 0.25, 0]]
          Spill: 0.2
          Start[c1]: 1
          Start[c2]: 2
          Start[c3]: 0
        lookups:
          Effect[Cluster]: {points: [[0, 1], [10, 0.5]]}
        auxiliaries:
          Strength[Cluster]: SUM(W[Cluster, Partner!])
          Damped[Cluster]: Rate[Cluster] * Effect[Cluster](S[Cluster])
          Smoothed[Cluster]: SMOOTH(S[Cluster], 2)
          Total: SUM(S[Cluster!])
          Product: PROD(Rate[Cluster!] + S[Cluster!])
          Lowest: VMIN(S[Partner!])
          Highest: VMAX(S[Cluster!] - Smoothed[Cluster!])
        flows:
          In[Cluster]: Damped[Cluster] + Spill * (SUM(W[Cluster, Partner!] * S[Partner!]) - Strength[Cluster] * S[Cluster])
        stocks:
          S[Cluster]:
            initial: Start[Cluster]
            inflows: [In]
        """

    static let unrolled = """
        name: by hand
        time: {initial: 0, final: 10, step: 0.25, saveper: 0.5}
        constants:
          Rate c1: 0.3
          Rate c2: 0.1
          Rate c3: 0.2
          W c1 c1: 0
          W c1 c2: 1
          W c1 c3: 0.5
          W c2 c1: 1
          W c2 c2: 0
          W c2 c3: 0.25
          W c3 c1: 0.5
          W c3 c2: 0.25
          W c3 c3: 0
          Spill: 0.2
          Start c1: 1
          Start c2: 2
          Start c3: 0
        lookups:
          Effect c1: {points: [[0, 1], [10, 0.5]]}
          Effect c2: {points: [[0, 1], [10, 0.5]]}
          Effect c3: {points: [[0, 1], [10, 0.5]]}
        auxiliaries:
          Strength c1: W c1 c1 + W c1 c2 + W c1 c3
          Strength c2: W c2 c1 + W c2 c2 + W c2 c3
          Strength c3: W c3 c1 + W c3 c2 + W c3 c3
          Damped c1: Rate c1 * Effect c1(S c1)
          Damped c2: Rate c2 * Effect c2(S c2)
          Damped c3: Rate c3 * Effect c3(S c3)
          Smoothed c1: SMOOTH(S c1, 2)
          Smoothed c2: SMOOTH(S c2, 2)
          Smoothed c3: SMOOTH(S c3, 2)
          Total: S c1 + S c2 + S c3
          Product: (Rate c1 + S c1) * (Rate c2 + S c2) * (Rate c3 + S c3)
          Lowest: MIN(MIN(S c1, S c2), S c3)
          Highest: MAX(MAX(S c1 - Smoothed c1, S c2 - Smoothed c2), S c3 - Smoothed c3)
        flows:
          In c1: Damped c1 + Spill * (W c1 c1 * S c1 + W c1 c2 * S c2 + W c1 c3 * S c3 - Strength c1 * S c1)
          In c2: Damped c2 + Spill * (W c2 c1 * S c1 + W c2 c2 * S c2 + W c2 c3 * S c3 - Strength c2 * S c2)
          In c3: Damped c3 + Spill * (W c3 c1 * S c1 + W c3 c2 * S c2 + W c3 c3 * S c3 - Strength c3 * S c3)
        stocks:
          S c1: {initial: Start c1, inflows: [In c1]}
          S c2: {initial: Start c2, inflows: [In c2]}
          S c3: {initial: Start c3, inflows: [In c3]}
        """

    /// `X[e1,e2]` and the hand-written `X e1 e2` (hidden smooth stages included) as one key.
    static func key(_ canonical: String) -> String {
        String(canonical.map { $0 == "[" || $0 == "," ? " " : $0 }.filter { $0 != "]" })
    }

    @Test func subscriptedEqualsHandUnrolledBitForBit() throws {
        let a = try simulate(yaml: Self.subscripted)
        let b = try simulate(yaml: Self.unrolled)
        let byKey = Dictionary(uniqueKeysWithValues: b.map { (Self.key($0.key), $0.value) })
        #expect(a.count == b.count)
        for (name, series) in a {
            guard let other = byKey[Self.key(name)] else { Issue.record("no hand-written counterpart of '\(name)'"); continue }
            #expect(series == other, "\(name)")
        }
        // Spillover conserves the total, so the run is not trivially symmetric.
        #expect(a["s[c1]"]!.last! != a["s[c2]"]!.last!)
    }

    /// SUM, PROD, VMIN, VMAX over one and two dimensions against values worked by hand (exact:
    /// small integers).
    @Test func reductionValues() throws {
        let r = try simulate(yaml: """
            name: r
            time: {initial: 0, final: 1, step: 1}
            dimensions:
              A: [a1, a2]
              B: [b1, b2, b3]
            constants:
              M[A, B]: [[1, -2, 3], [4, 5, -6]]
            auxiliaries:
              RowSum[A]: SUM(M[A, B!])
              ColProd[B]: PROD(M[A!, B])
              Least: VMIN(M[A!, B!])
              Most[A]: VMAX(M[A, B!])
              All: SUM(M[A!, B!])
            """)
        #expect(r["rowsum[a1]"]!.first == 2 && r["rowsum[a2]"]!.first == 3)
        #expect(r["colprod[b1]"]!.first == 4 && r["colprod[b2]"]!.first == -10 && r["colprod[b3]"]!.first == -18)
        #expect(r["least"]!.first == -6)
        #expect(r["most[a1]"]!.first == 3 && r["most[a2]"]!.first == 5)
        #expect(r["all"]!.first == 5)
    }
}
