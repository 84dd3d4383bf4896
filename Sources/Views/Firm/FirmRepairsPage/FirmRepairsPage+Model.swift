import Domain
import Foundation

/// Credit repair (/firm/repairs): the firm's penalties, whether each may be repaired, the application form and history.
public enum FirmRepairsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var penalties: [Penalty]
        public var repairs: [RepairApplication]
        public var legalRepresentative: String?

        public init(context: PageContext, penalties: [Penalty], repairs: [RepairApplication], legalRepresentative: String?) {
            self.context = context; self.penalties = penalties; self.repairs = repairs
            self.legalRepresentative = legalRepresentative
        }
    }

    /// An administrative penalty of the firm with its repair eligibility.
    public struct Penalty: Sendable, Equatable {
        public var recordID: String
        public var eventDate: String
        public var violation: String?
        public var severity: String
        public var decided: Day?
        public var eligibility: RepairEligibility
        public var application: RepairApplication?

        public init(
            recordID: String, eventDate: String, violation: String?, severity: String, decided: Day?,
            eligibility: RepairEligibility, application: RepairApplication?
        ) {
            self.recordID = recordID; self.eventDate = eventDate; self.violation = violation; self.severity = severity
            self.decided = decided; self.eligibility = eligibility; self.application = application
        }
    }
}
