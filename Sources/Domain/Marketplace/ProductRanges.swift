/// A product's loan amounts in cents, both ends inclusive. Not a `ClosedRange`, so that a draft with
/// min > max can be represented and rejected with a message.
public struct AmountRange: Sendable, Equatable, Hashable, Codable {
    public var minCents: Int64
    public var maxCents: Int64

    public init(minCents: Int64, maxCents: Int64) {
        self.minCents = minCents; self.maxCents = maxCents
    }

    /// In whole yuan, for readable fixtures and forms.
    public init(minYuan: Int64, maxYuan: Int64) {
        self.init(minCents: minYuan * 100, maxCents: maxYuan * 100)
    }

    public func contains(_ cents: Int64) -> Bool { minCents <= cents && cents <= maxCents }

    /// "10万元–300万元".
    public var text: String { "\(MarketplaceText.yuan(minCents))–\(MarketplaceText.yuan(maxCents))" }
}

/// A product's annual rates in basis points (435 = 4.35 %), both ends inclusive.
public struct RateRange: Sendable, Equatable, Hashable, Codable {
    public var minBasisPoints: Int
    public var maxBasisPoints: Int

    public init(minBasisPoints: Int, maxBasisPoints: Int) {
        self.minBasisPoints = minBasisPoints; self.maxBasisPoints = maxBasisPoints
    }

    public func contains(basisPoints: Int) -> Bool { minBasisPoints <= basisPoints && basisPoints <= maxBasisPoints }

    /// "3.80%–4.20%".
    public var text: String { "\(MarketplaceText.rate(minBasisPoints))–\(MarketplaceText.rate(maxBasisPoints))" }
}

/// A product's terms in whole months, both ends inclusive.
public struct TermRange: Sendable, Equatable, Hashable, Codable {
    public var minMonths: Int
    public var maxMonths: Int

    public init(minMonths: Int, maxMonths: Int) {
        self.minMonths = minMonths; self.maxMonths = maxMonths
    }

    public func contains(months: Int) -> Bool { minMonths <= months && months <= maxMonths }

    /// "1–12 个月".
    public var text: String { "\(minMonths)–\(maxMonths) 个月" }
}
