/// xoshiro256** (Blackman & Vigna 2018), seeded through SplitMix64.
///
/// Every random stream in SDSweep is one of these, derived from the user's seed and a stream
/// number (a run, a chunk, a bootstrap), never from scheduling, so the same seed gives the same
/// bits at any thread count.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42, stream: 3)
/// let u = rng.nextUnit()   // in [0, 1)
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64, stream: UInt64 = 0) {
        var sm = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        func splitmix() -> UInt64 {
            sm &+= 0x9E37_79B9_7F4A_7C15
            var z = sm
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    public mutating func next() -> UInt64 {
        let result = SeededGenerator.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = SeededGenerator.rotl(s3, 45)
        return result
    }

    /// A double uniform on [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<n without modulo bias.
    public mutating func nextIndex(below n: Int) -> Int {
        precondition(n > 0)
        return Int(next(upperBound: UInt64(n)))
    }
}
