import Testing
@testable import SweepModel
import SweepNumerics

/// Vensim's subscript syntax beyond ranges and SUM (Vensim DSS Reference Manual,
/// "Subscripts", "Mapping of Subscript Ranges", ":EXCEPT:", "ELMCOUNT", "TABBED ARRAY").
/// References: the manual's rules, applied by hand to each small model (the expected values
/// in the comments); tolerance: exact (integers).
@Suite struct VensimSubscriptSyntaxTests {
    func values(_ m: Model, _ names: [String]) -> [Double?] { names.map { VensimFixture.start(m, $0) } }

    @Test func exceptLeavesOutElementsAndSubranges() throws {
        let m = try VensimFixture.model("""
            D: d1, d2, d3 ~~|
            E: e1, e2 ~~|
            Sub: d2, d3 ~~|
            x[D, E] :EXCEPT: [d1, e1], [Sub, e2] = 1 ~~|
            x[d1, e1] = 2 ~~|
            x[Sub, e2] = 3 ~~|
            y[D] :EXCEPT: [d2] = x[D, e1] * 10 ~~|
            y[d2] = -1 ~~|
            """)
        #expect(values(m, ["x[d1,e1]", "x[d1,e2]", "x[d2,e1]", "x[d2,e2]", "x[d3,e1]", "x[d3,e2]"]) == [2, 1, 1, 3, 1, 3])
        #expect(values(m, ["y[d1]", "y[d2]", "y[d3]"]) == [20, -1, 10])
        #expect(VensimFixture.diagnostic("D: d1 ~~|\nx[D] :EXCEPT: [d1, d1] = 1 ~~|")
            == "m.mdl:3: error: in 'x': each :EXCEPT: list needs 1 subscript, as the left-hand side has")
        #expect(VensimFixture.diagnostic("D: d1, d2 ~~|\nx[D] :EXCEPT: [d9] = 1 ~~|").hasPrefix("m.mdl:3: error: unknown subscript 'd9' after :EXCEPT: in 'x'"))
    }

    @Test func mappingsToRangesListsAndSubranges() throws {
        let m = try VensimFixture.model("""
            T: t1, t2, t3 ~~|
            S: s1, s2, s3 -> T ~~|
            R: r1, r2, r3 -> (T: t3, t2, t1) ~~|
            Big: b1, b2, b3, b4 ~~|
            Odd: b1, b3 ~~|
            Even: b2, b4 ~~|
            U: u1, u2 ~~|
            Two: w1, w2 -> (Big: Odd, Even), U ~~|
            sv[S] = 10, 20, 30 ~~|
            rv[R] = 1, 2, 3 ~~|
            wv[Two] = 100, 200 ~~|
            a[T] = sv[S] + rv[R] ~~|
            b[Big] = wv[Two] ~~|
            c[U] = wv[Two] ~~|
            d[Odd] = wv[Two] + 1 ~~|
            e[t2] = rv[R] ~~|
            e[t1] = 0 ~~|
            e[t3] = 0 ~~|
            """)
        // S maps in order (s1 → t1); R's list reverses it (r3 → t1); Two maps to all of Odd
        // (w1) and Even (w2), and to U in order; Odd on the left is a subrange of Big.
        #expect(values(m, ["a[t1]", "a[t2]", "a[t3]"]) == [13, 22, 31])
        #expect(values(m, ["b[b1]", "b[b2]", "b[b3]", "b[b4]"]) == [100, 200, 100, 200])
        #expect(values(m, ["c[u1]", "c[u2]"]) == [100, 200])
        #expect(values(m, ["d[b1]", "d[b3]"]) == [101, 101])
        #expect(values(m, ["e[t2]"]) == [2])  // an element on the left maps too: r2 → t2
        #expect(m.dimensions[1].mappings == [Dimension.Mapping(target: "T", sources: ["s1", "s2", "s3"])])
    }

    @Test(arguments: [
        ("T: t1, t2 ~~|\nY: y1, y2, y3 -> T ~~|", "m.mdl:3: error: in the mapping of dimension 'Y' to 'T': 'Y' has 3 elements but the mapping lists 2"),
        ("T: t1, t2 ~~|\nX: x1, x2 -> (T: t1, t1) ~~|", "m.mdl:3: error: in the mapping of dimension 'X' to 'T': 't1' is mapped from both 'x1' and 'x2'"),
        ("X: x1 -> Nowhere ~~|", "m.mdl:2: error: in the mapping of dimension 'X' to 'Nowhere': 'Nowhere' is not a subscript range"),
        ("T: t1, t2 ~~|\nZ: z1 -> (T: t1) ~~|\nzv[Z] = 1 ~~|\nq[T] = zv[Z] ~~|", "m.mdl:5: error: in 'q[t2]': no element of 'Z' is mapped to 't2' of 'T'"),
    ])
    func badMappings(_ body: String, _ expected: String) {
        #expect(VensimFixture.diagnostic(body) == expected)
    }

    @Test func equivalentAndPrimedCopies() throws {
        let m = try VensimFixture.model("""
            D: d1, d2, d3 ~~|
            D' <-> D ~~|
            I[D, D'] = IF THEN ELSE(D = D', 1, 0) ~~|
            v[D] = 1, 2, 3 ~~|
            picked[D] = SUM(I[D, D'!] * v[D'!]) ~~|
            """)
        #expect(values(m, ["I[d1,d1]", "I[d1,d2]", "I[d3,d3]"]) == [1, 0, 1])
        #expect(values(m, ["picked[d1]", "picked[d2]", "picked[d3]"]) == [1, 2, 3])
        #expect(m.dimensions.map(\.name) == ["D", "D'"])
    }

    @Test func numberedRangesCountsAndElementsAsNumbers() throws {
        let m = try VensimFixture.model("""
            A: (a01-a12) ~~|
            M: (m1-m3), extra, (n8-n10) ~~|
            Part: n9, m1 ~~|
            count a = ELMCOUNT(A) ~~|
            count m = ELMCOUNT(M) * 2 ~~|
            count part = ELMCOUNT(Part) ~~|
            n9 position = n9 ~~|
            part position[Part] = Part ~~|
            """)
        #expect(m.dimensions[0].elements.first == "a01" && m.dimensions[0].elements.last == "a12")
        #expect(m.dimensions[1].elements == ["m1", "m2", "m3", "extra", "n8", "n9", "n10"])
        #expect(m.variable(named: "count a").map { if case .constant(12) = $0.kind { true } else { false } } == true)
        #expect(values(m, ["count m", "count part", "n9 position"]) == [14, 2, 6])
        // A subrange's element is numbered by its place in the whole range (M), as PySD reads Vensim.
        #expect(values(m, ["part position[n9]", "part position[m1]"]) == [6, 1])
        #expect(VensimFixture.diagnostic("x = 1 ~~|\nn = ELMCOUNT(x) ~~|") == "m.mdl:3: error: in 'n': ELMCOUNT takes the name of a subscript range")
    }

    @Test func equalRangesNumberElementsByTheFirstByName() throws {
        // subscript_logicals: dim3 lists dim1's elements in another order; both number them as dim1.
        let m = try VensimFixture.model("""
            dim1: A, B, C ~~|
            dim3: A, C, B ~~|
            same[dim1, dim3] = IF THEN ELSE(dim1 = dim3, 1, 0) ~~|
            """)
        #expect(values(m, ["same[B,B]", "same[B,C]", "same[C,C]"]) == [1, 0, 1])
    }

    @Test func tabbedArrays() throws {
        let m = try VensimFixture.model("""
            R: r1, r2 ~~|
            C: c1, c2, c3 ~~|
            t[R, C] = TABBED ARRAY(
            \t1\t2\t3
            \t4\t5\t6) ~~|
            row[C] == TABBED ARRAY(7 8 9) ~~|
            """)
        #expect(values(m, ["t[r1,c3]", "t[r2,c1]", "row[c2]"]) == [3, 4, 8])
        #expect(VensimFixture.diagnostic("C: c1, c2 ~~|\nrow[C] = TABBED ARRAY(1 x) ~~|")
            == "m.mdl:3: error: in 'row': TABBED ARRAY holds 'x', which is not a number")
    }
}
