import Domain

/// The claims queue of the fund side (/console/fund/claims): by state, with each step's deadline.
public enum FundClaimsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var claims: [FundClaimRecord]
        public var pagination: Pagination
        public var status: FundClaimStatus?
        public var today: Day
        public init(context: PageContext, claims: [FundClaimRecord], pagination: Pagination, status: FundClaimStatus?, today: Day) {
            self.context = context; self.claims = claims; self.pagination = pagination; self.status = status; self.today = today
        }
    }
}
