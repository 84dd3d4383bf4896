/// What a product declares for firms on the 守信激励名单: a rate cut in basis points (hundredths of a percent)
/// and/or an amount raise in percent of the amount it would otherwise offer.
public struct RedListPreference: Sendable, Equatable, Hashable, Codable {
    /// Basis points off the annual rate: 50 is 0.50 percentage points.
    public var rateCutBasisPoints: Int?
    /// Percent added to the amount: 10 is 10 % more.
    public var amountRaisePercent: Int?

    public init(rateCutBasisPoints: Int? = nil, amountRaisePercent: Int? = nil) {
        self.rateCutBasisPoints = rateCutBasisPoints; self.amountRaisePercent = amountRaisePercent
    }

    /// Nothing declared.
    public var isEmpty: Bool { rateCutBasisPoints == nil && amountRaisePercent == nil }

    /// A rate cut of 1 to 1,000 basis points and an amount raise of 1 to 100 percent.
    public func validate() throws(DomainError) {
        if let bp = rateCutBasisPoints, !(1...1_000).contains(bp) {
            throw .invalidInput(field: "rateCutBasisPoints", reason: "守信激励利率优惠应为 1 至 1000 个基点")
        }
        if let percent = amountRaisePercent, !(1...100).contains(percent) {
            throw .invalidInput(field: "amountRaisePercent", reason: "守信激励额度上浮应为 1% 至 100%")
        }
    }
}
