/// The 64-bit FNV-1a hash (Fowler, Noll, Vo): a checksum for checkpoint chunks and a
/// fingerprint of the inputs a sweep was run with.
///
/// Not cryptographic: it catches torn writes, bit rot and files from another sweep, not an
/// adversary. Fast enough (about 1 GB/s) to checksum every chunk as it is written and read.
///
/// ```swift
/// var h = FNV1a64()
/// h.update("model text")
/// let hex = h.hex   // 16 lowercase hex digits
/// ```
/// - SeeAlso: http://www.isthe.com/chongo/tech/comp/fnv/ (the offset basis and prime below).
public struct FNV1a64: Sendable, Hashable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var h = value
        for b in bytes {
            h ^= UInt64(b)
            h &*= 0x0000_0100_0000_01B3
        }
        value = h
    }

    public mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update(UnsafeRawBufferPointer($0)) }
    }

    public mutating func update<T: FixedWidthInteger>(littleEndian x: T) {
        withUnsafeBytes(of: x.littleEndian) { update($0) }
    }

    /// The hash as 16 lowercase hex digits.
    public var hex: String {
        let s = String(value, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }

    /// The hash of `text`'s UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var h = FNV1a64()
        h.update(text)
        return h.hex
    }
}
