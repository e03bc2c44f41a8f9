import Foundation
import SweepNumerics

/// The Sobol' low-discrepancy sequence in up to 1000 dimensions, from the Joe–Kuo direction
/// numbers, in Gray-code order, optionally scrambled.
///
/// Conventions (docs/gsa-notes.md §1 and §9), pinned so that the unscrambled sequence equals scipy's
/// `qmc.Sobol(d, scramble=False)` bit for bit:
/// - dimension 1 is the van der Corput sequence (all m_k = 1); dimension j ≥ 2 uses line j of
///   Joe & Kuo's `new-joe-kuo-6.21201` (shipped as the resource `joe-kuo-1000.txt`);
/// - points come in Gray-code order (Antonov & Saleev 1979): X_i = X_{i−1} ⊕ V_{c}, c the
///   position of the lowest set bit of i, so each point costs one XOR per dimension;
/// - point 0 is included: the origin when unscrambled, as SALib and scipy do.
///
/// The state has 32 bits, so at most 2³² points; for the first 2³⁰ points the values equal
/// scipy's 30-bit ones exactly, since both are the same dyadic rationals.
///
/// **Scrambling** is what scipy calls LMS + digital shift (Matoušek 1998; Owen 1998 for the
/// randomisation idea): each dimension's direction numbers are multiplied by a random
/// lower-triangular binary matrix with unit diagonal (a linear matrix scramble), and a random
/// 32-bit digital shift is XORed in, which becomes point 0. This keeps the (t, m, s)-net
/// property; it is *not* Owen's nested uniform scramble. The random bits come from
/// `SeededGenerator(seed:stream:)`, one stream per dimension, so scrambled points are
/// reproducible here but not equal to scipy's (which draws from numpy).
///
/// The balance properties hold for the first 2^m points (and aligned blocks of 2^m): ask for
/// powers of two (Owen 2020, "On dropping the first Sobol' point", arXiv:2008.08051).
///
/// ```swift
/// let sobol = try SobolSequence(dimensions: 10)
/// let points = sobol.points(64)          // 64 × 10, row 0 is the origin
/// ```
///
/// References: I. M. Sobol' (1967), USSR Comput. Math. Math. Phys. 7(4):86–112;
/// S. Joe & F. Y. Kuo (2008), SIAM J. Sci. Comput. 30:2635–2654;
/// P. Bratley & B. L. Fox (1988), ACM TOMS 14(1):88–100.
public struct SobolSequence: Sendable {
    /// Bits of the integer state; points are multiples of 2⁻³².
    public static let bits = 32
    /// Dimensions covered by the shipped direction numbers.
    public static var maxDimensions: Int { 1000 }
    /// Largest number of points (skip + n) the 32-bit state can index.
    public static let maxPoints = 1 << 32

    public let dimensions: Int
    /// The scrambling seed, or nil for the plain sequence.
    public let scrambleSeed: UInt64?

    /// `directions[j * bits + c]`: the direction integer XORed into dimension j when the
    /// point index's lowest set bit is c.
    let directions: [UInt32]
    /// Point 0 of each dimension (the digital shift; zero when unscrambled).
    let shift: [UInt32]

    /// - Parameters:
    ///   - dimensions: 1 … 1000.
    ///   - scrambleSeed: nil for the unscrambled sequence; otherwise the seed of the LMS +
    ///     digital-shift scrambling.
    /// - Throws: `SamplingError.Kind.tooManyDimensions` beyond 1000 dimensions.
    public init(dimensions: Int, scrambleSeed: UInt64? = nil) throws {
        guard dimensions >= 1 else {
            throw SamplingError(.invalidOption, "a Sobol' sequence needs at least one dimension")
        }
        guard dimensions <= Self.maxDimensions else {
            throw SamplingError(.tooManyDimensions,
                "a Sobol' sequence of \(dimensions) dimensions was asked for, but the Joe–Kuo direction numbers shipped cover \(Self.maxDimensions) (a Saltelli design uses 2k, so at most \(Self.maxDimensions / 2) parameters)")
        }
        let table = try JoeKuoTable.shared.get()
        let b = Self.bits
        var v = [UInt32](repeating: 0, count: dimensions * b)
        for j in 0..<dimensions {
            let base = j * b
            if j == 0 {
                for c in 0..<b { v[base + c] = 1 << UInt32(b - 1 - c) }
                continue
            }
            let entry = table.entries[j - 1]
            let s = entry.m.count
            // Joe & Kuo's recurrence in the scaled domain V_k = m_k·2^(32−k):
            // V_k = V_{k−s} ⊕ (V_{k−s} ≫ s) ⊕ ⨁_{i<s} a_i·V_{k−i}.
            for c in 0..<Swift.min(s, b) { v[base + c] = entry.m[c] << UInt32(b - 1 - c) }
            if s < b {
                for c in s..<b {
                    var x = v[base + c - s] ^ (v[base + c - s] >> UInt32(s))
                    for i in 1..<s where (entry.a >> UInt32(s - 1 - i)) & 1 == 1 {
                        x ^= v[base + c - i]
                    }
                    v[base + c] = x
                }
            }
        }
        var shift = [UInt32](repeating: 0, count: dimensions)
        if let seed = scrambleSeed {
            for j in 0..<dimensions {
                // One stream per dimension: the scramble of dimension j does not depend on how
                // many dimensions were asked for. The high tag keeps these streams apart from
                // the per-column streams of the random designs.
                var rng = SeededGenerator(seed: seed, stream: 0x50B0_0000_0000 | UInt64(j))
                // Row r of L (output digit r, counted from the most significant) as a mask
                // over the input digits 0…r: random below the diagonal, 1 on it.
                var rows = [UInt32](repeating: 0, count: b)
                for r in 0..<b {
                    let diagonal = UInt32(1) << UInt32(b - 1 - r)
                    let above: UInt32 = r == 0 ? 0 : ~UInt32(0) << UInt32(b - r)
                    rows[r] = (UInt32(truncatingIfNeeded: rng.next()) & above) | diagonal
                }
                for c in 0..<b {
                    let old = v[j * b + c]
                    var new: UInt32 = 0
                    for r in 0..<b where (rows[r] & old).nonzeroBitCount & 1 == 1 {
                        new |= UInt32(1) << UInt32(b - 1 - r)
                    }
                    v[j * b + c] = new
                }
                shift[j] = UInt32(truncatingIfNeeded: rng.next())
            }
        }
        self.dimensions = dimensions
        self.scrambleSeed = scrambleSeed
        self.directions = v
        self.shift = shift
    }

    /// Points `skip ..< skip + n` as an n × dimensions matrix.
    /// - Precondition: n ≥ 0, skip ≥ 0, skip + n ≤ 2³².
    /// - Complexity: O(n·dimensions), one XOR and one conversion per element.
    public func points(_ n: Int, skip: Int = 0) -> Matrix {
        var m = Matrix(rows: n, columns: dimensions)
        m.storage.withUnsafeMutableBufferPointer { out in
            for j in 0..<dimensions {
                fill(dimension: j, into: UnsafeMutableBufferPointer(rebasing: out[(j * n)..<((j + 1) * n)]), skip: skip)
            }
        }
        return m
    }

    /// Writes points `skip ..< skip + out.count` of dimension j into `out`, so designs can fill
    /// their own columns without an intermediate matrix.
    public func fill(dimension j: Int, into out: UnsafeMutableBufferPointer<Double>, skip: Int = 0) {
        let n = out.count
        precondition(j >= 0 && j < dimensions && n >= 0 && skip >= 0 && skip + n <= Self.maxPoints)
        if n == 0 { return }
        let b = Self.bits
        directions.withUnsafeBufferPointer { all in
            let v = UnsafeBufferPointer(rebasing: all[(j * b)..<((j + 1) * b)])
            // Closed form for the start: X_skip = shift ⊕ ⨁ {V_c : bit c of gray(skip)}.
            var x = shift[j]
            var gray = UInt64(skip) ^ (UInt64(skip) >> 1)
            var c = 0
            while gray != 0 {
                if gray & 1 == 1 { x ^= v[c] }
                gray >>= 1
                c += 1
            }
            let scale = 0x1p-32
            var index = UInt64(skip)
            for i in 0..<(n - 1) {
                out[i] = Double(x) * scale
                index &+= 1
                x ^= v[index.trailingZeroBitCount]
            }
            out[n - 1] = Double(x) * scale
        }
    }
}

/// The Joe–Kuo direction numbers for dimensions 2…1000, parsed once from the bundled
/// `joe-kuo-1000.txt` (columns `d s a m_1 … m_s`).
struct JoeKuoTable: Sendable {
    struct Entry: Sendable {
        /// The packed inner coefficients of the primitive polynomial, a₁ most significant.
        var a: UInt32
        /// The initial direction numbers m_1 … m_s (s = the polynomial's degree).
        var m: [UInt32]
    }
    var entries: [Entry]

    struct LoadError: Error, CustomStringConvertible {
        var description: String
    }

    static let shared: Result<JoeKuoTable, LoadError> = {
        guard let url = Bundle.module.url(forResource: "joe-kuo-1000", withExtension: "txt"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            return .failure(LoadError(description: "the Sobol' direction numbers (joe-kuo-1000.txt) are missing from the SweepSampling resources"))
        }
        var entries: [Entry] = []
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(whereSeparator: \.isWhitespace).compactMap { UInt32($0) }
            guard fields.count >= 4, Int(fields[1]) == fields.count - 3, Int(fields[0]) == entries.count + 2 else {
                return .failure(LoadError(description: "joe-kuo-1000.txt: malformed line '\(line)'"))
            }
            entries.append(Entry(a: fields[2], m: Array(fields[3...])))
        }
        guard entries.count == SobolSequence.maxDimensions - 1 else {
            return .failure(LoadError(description: "joe-kuo-1000.txt: \(entries.count + 1) dimensions, expected \(SobolSequence.maxDimensions)"))
        }
        return .success(JoeKuoTable(entries: entries))
    }()
}
