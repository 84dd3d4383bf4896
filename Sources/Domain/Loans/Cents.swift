/// An amount of money in integer cents (分) of renminbi. All loan arithmetic is done in cents, so sums are
/// exact; only rates need rounding, and every rounding is explicit (see `LoanMath`).
public struct Cents: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, ExpressibleByIntegerLiteral,
    CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }
    public init(integerLiteral value: Int64) { self.value = value }

    /// Whole yuan, e.g. `Cents(yuan: 120_000)` is ¥120,000.00.
    public init(yuan: Int64) { self.value = yuan * 100 }

    public static let zero = Cents(0)

    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    public static func + (a: Cents, b: Cents) -> Cents { Cents(a.value + b.value) }
    public static func - (a: Cents, b: Cents) -> Cents { Cents(a.value - b.value) }
    public static func < (a: Cents, b: Cents) -> Bool { a.value < b.value }

    public var isPositive: Bool { value > 0 }

    public var description: String { yuanText }
}
