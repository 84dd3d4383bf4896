/// One movement on a revolving credit line: a draw (提款) or a repayment (还款). A repayment pays the interest
/// settled on its day first, then principal (先息后本); the split is fixed when it is recorded.
public struct CreditLineEntry: Sendable, Equatable, Hashable, Codable {
    public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case draw, repayment

        public var label: String {
            switch self {
            case .draw: "提款"
            case .repayment: "还款"
            }
        }
    }

    /// The stored row's id: the stable id of a draw (a coupon attaches to it).
    public var id: Int64
    public var kind: Kind
    public var day: Day
    public var amount: Cents
    /// Of a repayment: the part that paid interest, and the part that paid principal (they sum to `amount`).
    public var interestPart: Cents
    public var principalPart: Cents
    /// Of a draw: the digital credit coupon redeemed on it (`DrawCoupon`), if any.
    public var coupon: DrawCoupon?

    public init(id: Int64, kind: Kind, day: Day, amount: Cents, interestPart: Cents = .zero, principalPart: Cents = .zero,
                coupon: DrawCoupon? = nil) {
        self.id = id; self.kind = kind; self.day = day; self.amount = amount
        self.interestPart = interestPart; self.principalPart = principalPart; self.coupon = coupon
    }

    public static func draw(id: Int64, day: Day, amount: Cents, coupon: DrawCoupon? = nil) -> CreditLineEntry {
        CreditLineEntry(id: id, kind: .draw, day: day, amount: amount, principalPart: amount, coupon: coupon)
    }
}
