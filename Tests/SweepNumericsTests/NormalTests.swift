import Testing
@testable import SweepNumerics

@Suite struct NormalTests {
    // Reference: scipy.stats.norm.ppf / cdf printed to 17 digits; AS 241 is accurate to about
    // 1e-16 relative, so 1e-14 leaves room only for the last-digit rounding of the reference.
    @Test(arguments: [
        (0.975, 1.959963984540054),
        (0.5, 0.0),
        (0.001, -3.090232306167813),
        (1e-10, -6.361340902404056),
        (0.9999999, 5.199337582290661),
    ])
    func quantileMatchesScipy(p: Double, expected: Double) {
        let x = Normal.quantile(p)
        #expect(abs(x - expected) <= 1e-14 * max(1, abs(expected)))
    }

    // Φ(Φ⁻¹(p)) = p: erfc and AS 241 are each good to about 1 ulp, and p ≤ 1, so the round
    // trip stays within 4 ulps of 1 (4e-15 absolute) over 0.001…0.999.
    @Test func cdfInvertsQuantile() {
        for p in stride(from: 0.001, through: 0.999, by: 0.01) {
            #expect(abs(Normal.cdf(Normal.quantile(p)) - p) <= 1e-15 * 4)
        }
    }

    @Test func averageRanksShareTies() {
        #expect(Statistics.averageRanks([10, 20, 10, 30]) == [1.5, 3, 1.5, 4])
    }

    @Test func quantileType7() {
        // numpy.quantile([1,2,3,4], 0.25) == 1.75
        #expect(Statistics.quantile(sorted: [1, 2, 3, 4], 0.25) == 1.75)
    }

    @Test func leastSquaresSolvesExactSystem() throws {
        // y = 1 + 2x exactly: dgels must return the coefficients to rounding (1e-12 absolute
        // covers a few ulps of condition-number amplification on this well-conditioned 4×2 system).
        let a = Matrix(rowArrays: [[1, 0], [1, 1], [1, 2], [1, 3]])
        let b = Matrix(rowArrays: [[1], [3], [5], [7]])
        let x = try LAPACK.leastSquares(a, b)
        #expect(abs(x[0, 0] - 1) < 1e-12 && abs(x[1, 0] - 2) < 1e-12)
    }

    @Test func generatorIsDeterministicPerStream() {
        var a = SeededGenerator(seed: 7, stream: 1), b = SeededGenerator(seed: 7, stream: 1)
        var c = SeededGenerator(seed: 7, stream: 2)
        let xa = (0..<4).map { _ in a.next() }, xb = (0..<4).map { _ in b.next() }
        let xc = (0..<4).map { _ in c.next() }
        #expect(xa == xb)
        #expect(xa != xc)
    }
}

@Suite struct SHA256Tests {
    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): exact digests.
    @Test func nistVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
