import Domain

/// The fund office's view of a fund (/console/fund): balance, covered book, claims by state, payout and recovery
/// rates, leverage, per institution, the year statements and the trial balance, the journal, and the forms to open a
/// fund, sign an institution and book money in.
public enum FundDashboardPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var programmes: [FundProgramme]
        public var dashboard: FundDashboard?
        public var templates: [FundScheme]
        public var institutions: [Institution]
        public var agreements: [FundAgreement]
        /// Whether this viewer keeps the books (the fund office); others read.
        public var mayManage: Bool
        public init(context: PageContext, programmes: [FundProgramme], dashboard: FundDashboard?, templates: [FundScheme],
                    institutions: [Institution], agreements: [FundAgreement], mayManage: Bool) {
            self.context = context; self.programmes = programmes; self.dashboard = dashboard; self.templates = templates
            self.institutions = institutions; self.agreements = agreements; self.mayManage = mayManage
        }
    }
}
