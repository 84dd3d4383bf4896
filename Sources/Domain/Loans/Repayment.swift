/// Money a borrower paid on a loan on a day.
public struct Repayment: Hashable, Sendable, Codable {
    public var day: Day
    public var amount: Cents

    public init(day: Day, amount: Cents) { self.day = day; self.amount = amount }

    enum CodingKeys: String, CodingKey { case day, amount }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        day = try c.decodeMarketplaceDay(forKey: .day)
        amount = try c.decode(Cents.self, forKey: .amount)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeMarketplaceDay(day, forKey: .day)
        try c.encode(amount, forKey: .amount)
    }
}
