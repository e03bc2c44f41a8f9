import Foundation

/// The discrete Fourier transform of real data, for the frequency-domain sensitivity methods
/// (eFAST, RBD-FAST): F_k = Σₙ xₙ·e^(−2πi·k·n/N) for any length N.
///
/// A power-of-two length runs an iterative radix-2 transform; any other length goes through
/// Bluestein's chirp-z identity (k·n = (k² + n² − (k − n)²)/2), which turns the transform into a
/// convolution of power-of-two length. The chirp's angles are reduced modulo 2N in integers
/// before the sine and cosine, so a long transform keeps the accuracy of a short one: the
/// powers agree with numpy's `fft` to about 1e-13 relative. A plan holds what depends only on
/// N (twiddles, the chirp and its transform), so the resamples of a bootstrap, which all have
/// one length, share it.
///
/// ```swift
/// let plan = FFT(count: 1000)
/// let power = plan.power(x)   // |F_k|² for k = 0 … ⌊N/2⌋
/// ```
public struct FFT: Sendable {
    public let count: Int
    /// The power-of-two length the radix-2 passes run at (N itself, or Bluestein's M ≥ 2N − 1).
    let size: Int
    /// e^(−2πi·j/size) for j < size/2, one table for every stage.
    let twiddleRe: [Double], twiddleIm: [Double]
    /// Bluestein only: the chirp w_k = e^(−πi·k²/N) and the transform of its conjugate.
    let chirpRe: [Double], chirpIm: [Double], kernelRe: [Double], kernelIm: [Double]

    public init(count n: Int) {
        precondition(n >= 1)
        count = n
        let pow2 = n & (n - 1) == 0
        var m = 1
        while m < (pow2 ? n : 2 * n - 1) { m <<= 1 }
        size = m
        twiddleRe = (0..<(m / 2)).map { cos(-2 * Double.pi * Double($0) / Double(m)) }
        twiddleIm = (0..<(m / 2)).map { sin(-2 * Double.pi * Double($0) / Double(m)) }
        guard !pow2 else { chirpRe = []; chirpIm = []; kernelRe = []; kernelIm = []; return }
        var cr = [Double](repeating: 0, count: n), ci = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let angle = Double.pi * Double((k * k) % (2 * n)) / Double(n)
            cr[k] = cos(angle); ci[k] = -sin(angle)
        }
        var br = [Double](repeating: 0, count: m), bi = [Double](repeating: 0, count: m)
        br[0] = cr[0]; bi[0] = -ci[0]
        for k in 1..<n {
            br[k] = cr[k]; bi[k] = -ci[k]
            br[m - k] = cr[k]; bi[m - k] = -ci[k]
        }
        Self.radix2(&br, &bi, twiddleRe, twiddleIm, inverse: false)
        chirpRe = cr; chirpIm = ci
        kernelRe = br; kernelIm = bi
    }

    /// |F_k|² for k = 0 … ⌊N/2⌋ (the rest mirror them for real data).
    public func power(_ x: [Double]) -> [Double] {
        let (re, im) = transform(x)
        return (0...(count / 2)).map { re[$0] * re[$0] + im[$0] * im[$0] }
    }

    /// |F_k|² of `x` with a plan made for its length.
    public static func power(_ x: [Double]) -> [Double] { FFT(count: x.count).power(x) }

    /// The complex transform of real data of the plan's length.
    public func transform(_ x: [Double]) -> (re: [Double], im: [Double]) {
        precondition(x.count == count, "a plan for \(count) points given \(x.count)")
        if chirpRe.isEmpty {
            var re = x, im = [Double](repeating: 0, count: count)
            Self.radix2(&re, &im, twiddleRe, twiddleIm, inverse: false)
            return (re, im)
        }
        let n = count, m = size
        var ar = [Double](repeating: 0, count: m), ai = [Double](repeating: 0, count: m)
        for k in 0..<n { ar[k] = x[k] * chirpRe[k]; ai[k] = x[k] * chirpIm[k] }
        Self.radix2(&ar, &ai, twiddleRe, twiddleIm, inverse: false)
        for k in 0..<m {
            let r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k], i = ar[k] * kernelIm[k] + ai[k] * kernelRe[k]
            ar[k] = r; ai[k] = i
        }
        Self.radix2(&ar, &ai, twiddleRe, twiddleIm, inverse: true)
        let scale = 1 / Double(m)
        var re = [Double](repeating: 0, count: n), im = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let r = ar[k] * scale, i = ai[k] * scale
            re[k] = r * chirpRe[k] - i * chirpIm[k]
            im[k] = r * chirpIm[k] + i * chirpRe[k]
        }
        return (re, im)
    }

    /// In-place radix-2 transform of a power-of-two length; `inverse` conjugates the twiddles
    /// (no 1/N). Stage s uses every (size/length)-th entry of the one twiddle table.
    static func radix2(_ re: inout [Double], _ im: inout [Double], _ wr: [Double], _ wi: [Double], inverse: Bool) {
        let n = re.count
        guard n > 1 else { return }
        let sign = inverse ? -1.0 : 1.0
        let full = wr.count * 2
        re.withUnsafeMutableBufferPointer { re in
            im.withUnsafeMutableBufferPointer { im in
                var j = 0
                for i in 1..<n {
                    var bit = n >> 1
                    while j & bit != 0 { j ^= bit; bit >>= 1 }
                    j |= bit
                    if i < j { re.swapAt(i, j); im.swapAt(i, j) }
                }
                var length = 2
                while length <= n {
                    let half = length / 2, stride = full / length
                    var start = 0
                    while start < n {
                        for k in 0..<half {
                            let c = wr[k * stride], s = sign * wi[k * stride]
                            let a = start + k, b = a + half
                            let tr = re[b] * c - im[b] * s, ti = re[b] * s + im[b] * c
                            re[b] = re[a] - tr; im[b] = im[a] - ti
                            re[a] += tr; im[a] += ti
                        }
                        start += length
                    }
                    length <<= 1
                }
            }
        }
    }
}
