import Domain
import Foundation

/// The institution's workbench (/bank): what waits for it today.
public enum BankHomePage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var institutionName: String
        /// Applications waiting to be accepted.
        public var submitted: Int
        public var accepted: Int
        /// Signed, waiting for disbursement.
        public var contractSigned: Int
        /// Demands in the pool nobody has taken yet.
        public var openDemands: Int
        public var outstanding: Cents
        public var openLoans: Int
        public var overdueLoans: Int

        public init(
            context: PageContext, institutionName: String, submitted: Int, accepted: Int, contractSigned: Int,
            openDemands: Int, outstanding: Cents, openLoans: Int, overdueLoans: Int
        ) {
            self.context = context; self.institutionName = institutionName; self.submitted = submitted
            self.accepted = accepted; self.contractSigned = contractSigned; self.openDemands = openDemands
            self.outstanding = outstanding; self.openLoans = openLoans; self.overdueLoans = overdueLoans
        }
    }
}
