import Domain

/// The institution's side of the funds (/bank/fund): its covered book with the reasons for every loan not covered,
/// its claims, and where to file one.
public enum BankFundPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var today: Day
        public var programmes: [FundProgramme]
        public var registrations: [FundRegistrationRecord]
        public var pagination: Pagination
        public var claims: [FundClaimRecord]
        /// The institution's statement with each fund (all years), beside the fund's name.
        public var statements: [Statement]
        public init(context: PageContext, today: Day, programmes: [FundProgramme], registrations: [FundRegistrationRecord],
                    pagination: Pagination, claims: [FundClaimRecord], statements: [Statement] = []) {
            self.context = context; self.today = today; self.programmes = programmes; self.registrations = registrations
            self.pagination = pagination; self.claims = claims; self.statements = statements
        }
    }

    public struct Statement: Sendable, Equatable {
        public var fund: String
        public var statement: FundInstitutionStatement
        public init(fund: String, statement: FundInstitutionStatement) { self.fund = fund; self.statement = statement }
    }
}
