import Domain
import Foundation

/// A demand the institution took (/bank/demands/:id): the firm's contact, its credit report link (read under the
/// firm's authorisation), the follow-up so far and the form for the next step.
public enum BankDemandPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var demand: FinancingDemand
        public var firmName: String?
        /// The firm's registered contact (its account holder) and phone.
        public var firmContact: String?
        public var firmPhone: String?
        public var progress: DemandProgress
        /// Whether the firm's authorisation in force lets this institution read its report (else the page says so
        /// instead of offering a link that would be refused).
        public var reportAuthorised: Bool

        public init(context: PageContext, demand: FinancingDemand, firmName: String?, firmContact: String?, firmPhone: String?,
                    progress: DemandProgress, reportAuthorised: Bool = true) {
            self.context = context; self.demand = demand; self.firmName = firmName; self.firmContact = firmContact
            self.firmPhone = firmPhone; self.progress = progress; self.reportAuthorised = reportAuthorised
        }
    }
}
