import Domain

/// 补偿公示 (/public/fund): compensations approved by the leading group, in publicity or paid; during publicity anyone
/// signed in may object.
public enum PublicFundPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var claims: [FundClaimRecord]
        public var pagination: Pagination
        public var signedIn: Bool
        public init(context: PageContext, claims: [FundClaimRecord], pagination: Pagination, signedIn: Bool) {
            self.context = context; self.claims = claims; self.pagination = pagination; self.signedIn = signedIn
        }
    }
}
