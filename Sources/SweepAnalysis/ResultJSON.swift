import Foundation

/// The JSON every result file is written in: SALib's keys (from each result's `CodingKeys`),
/// sorted so the same results give the same bytes (Foundation on Linux does not keep insertion
/// order), indented, slashes unescaped. Results write NaN as `null` themselves; a stray
/// non-finite value elsewhere becomes `"nan"`/`"inf"` rather than failing.
public enum ResultJSON {
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try encoder.encode(value)
    }

    /// The text, with a final newline.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self) + "\n"
    }
}
