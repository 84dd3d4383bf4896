import Domain

/// The firm's 守信激励 (/firm/incentives): its red-list entry and the incentives it earns, and its consent to the
/// publication of its on-time repayment.
public enum FirmIncentivesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entry: RedListEntry?
        public var incentive: String?
        public var consents: Bool
        public var today: Day
        public init(context: PageContext, entry: RedListEntry?, incentive: String?, consents: Bool, today: Day) {
            self.context = context; self.entry = entry; self.incentive = incentive; self.consents = consents; self.today = today
        }
    }
}
