/// One scheduled payment: its number (from 1), due day, and the principal and interest it repays.
public struct Installment: Hashable, Sendable, Codable {
    public var number: Int
    public var due: Day
    public var principal: Cents
    public var interest: Cents

    public init(number: Int, due: Day, principal: Cents, interest: Cents) {
        self.number = number; self.due = due; self.principal = principal; self.interest = interest
    }

    public var total: Cents { principal + interest }

    enum CodingKeys: String, CodingKey { case number, due, principal, interest }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        number = try c.decode(Int.self, forKey: .number)
        due = try c.decodeMarketplaceDay(forKey: .due)
        principal = try c.decode(Cents.self, forKey: .principal)
        interest = try c.decode(Cents.self, forKey: .interest)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(number, forKey: .number)
        try c.encodeMarketplaceDay(due, forKey: .due)
        try c.encode(principal, forKey: .principal)
        try c.encode(interest, forKey: .interest)
    }
}
