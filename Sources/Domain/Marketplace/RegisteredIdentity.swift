/// A firm's name and legal representative as the registry (登记信息) currently holds them.
public struct RegisteredIdentity: Sendable, Equatable, Hashable, Codable {
    public var name: String
    public var legalRepresentative: String

    public init(name: String, legalRepresentative: String) {
        self.name = name; self.legalRepresentative = legalRepresentative
    }

    /// Whether two names are the same person or firm: equal after removing half- and full-width spaces,
    /// folding full-width letters and digits, and unifying middle dots (e.g. "阿依古丽・买买提").
    public static func sameName(_ a: String, _ b: String) -> Bool {
        MarketplaceText.comparableName(a) == MarketplaceText.comparableName(b)
    }
}
