import Domain

/// The firm's pre-approved offers and revolving lines (/firm/credit-lines): accept an offer; on a line, draw and
/// repay, with the interest accrued so far and every movement.
public enum FirmCreditLinesPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var offers: [PreapprovalOffer]
        public var lines: [CreditLineSummary]
        public var today: Day

        public init(context: PageContext, offers: [PreapprovalOffer], lines: [CreditLineSummary], today: Day) {
            self.context = context; self.offers = offers; self.lines = lines; self.today = today
        }
    }
}
