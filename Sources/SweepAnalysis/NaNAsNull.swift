/// Numbers a result file writes with NaN and ±∞ as JSON `null`, since JSON has no NaN, and reads
/// back with `null` as NaN: a Double, or arrays of them nested to any depth.
public protocol NaNAsNullCodable: Sendable {
    /// The same shape with optional numbers: `Double?`, `[Double?]`, ….
    associatedtype JSONValue: Codable
    /// The value with every non-finite number replaced by nil.
    var nullForNonFinite: JSONValue { get }
    /// The value read back, nil becoming NaN.
    init(nullForNonFinite: JSONValue)
}

extension Double: NaNAsNullCodable {
    public var nullForNonFinite: Double? { isFinite ? self : nil }
    public init(nullForNonFinite: Double?) { self = nullForNonFinite ?? .nan }
}

extension Array: NaNAsNullCodable where Element: NaNAsNullCodable {
    public var nullForNonFinite: [Element.JSONValue] { map(\.nullForNonFinite) }
    public init(nullForNonFinite: [Element.JSONValue]) { self = nullForNonFinite.map(Element.init(nullForNonFinite:)) }
}

/// Marks a result's stored numbers that JSON writes as `null` where they are not finite, so the
/// result's `Codable` conformance can be synthesised from its `CodingKeys` (SALib's keys).
///
/// ```swift
/// public struct PRCCResult: Codable {
///     public var names: [String]
///     @NaNAsNull public var prcc: [Double]   // [0.8, NaN] is written [0.8, null]
/// }
/// ```
@propertyWrapper
public struct NaNAsNull<Value: NaNAsNullCodable>: Codable, Sendable {
    public var wrappedValue: Value

    public init(wrappedValue: Value) { self.wrappedValue = wrappedValue }

    public init(from decoder: Decoder) throws {
        wrappedValue = Value(nullForNonFinite: try decoder.singleValueContainer().decode(Value.JSONValue.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue.nullForNonFinite)
    }
}

extension NaNAsNull: Equatable where Value: Equatable {}
extension NaNAsNull: Hashable where Value: Hashable {}

extension KeyedEncodingContainer {
    /// Encodes numbers with NaN (and ±∞) as JSON null, as ``NaNAsNull`` does.
    mutating func encodeNullable<Value: NaNAsNullCodable>(_ values: Value, forKey key: Key) throws {
        try encode(values.nullForNonFinite, forKey: key)
    }
}

extension KeyedDecodingContainer {
    /// Reads what `encodeNullable` wrote, null becoming NaN.
    func decodeNullable<Value: NaNAsNullCodable>(_ type: Value.Type, forKey key: Key) throws -> Value {
        Value(nullForNonFinite: try decode(Value.JSONValue.self, forKey: key))
    }
}
