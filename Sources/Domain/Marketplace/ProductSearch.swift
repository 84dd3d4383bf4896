/// What a visitor looks for in the product supermarket: an amount, a term, a kind of guarantee, a highest rate, a
/// lender. A product matches when its ranges hold the amount and the term, it is of the type, and its lowest rate is
/// at most the rate asked.
public struct ProductSearch: Sendable, Equatable {
    public var amount: Cents?
    public var termMonths: Int?
    public var type: ProductType?
    public var maxRate: AnnualRate?
    public var institutionID: String?

    public init(amount: Cents? = nil, termMonths: Int? = nil, type: ProductType? = nil, maxRate: AnnualRate? = nil,
                institutionID: String? = nil) {
        self.amount = amount; self.termMonths = termMonths; self.type = type; self.maxRate = maxRate; self.institutionID = institutionID
    }

    public func matches(_ p: LoanProduct) -> Bool {
        if let amount, amount.value < p.amountRange.minCents || amount.value > p.amountRange.maxCents { return false }
        if let termMonths, termMonths < p.termRange.minMonths || termMonths > p.termRange.maxMonths { return false }
        if let type, p.type != type { return false }
        if let maxRate, p.rateRange.minBasisPoints > maxRate.basisPoints { return false }
        if let institutionID, p.institutionID != institutionID { return false }
        return true
    }
}
