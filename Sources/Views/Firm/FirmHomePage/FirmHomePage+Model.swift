import Domain
import Foundation

/// The enterprise's home (/firm): what is missing, recent outcomes, headline figures, the steps to a loan.
public enum FirmHomePage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        /// The current grade; nil when not yet evaluated.
        public var grade: String?
        public var score: Int?
        /// A credit commitment in force.
        public var hasCommitment: Bool
        public var activeAuthorisations: Int
        public var applicationCount: Int
        public var outstanding: Cents
        /// The firm's objections; recent outcomes are shown as notices.
        public var objections: [Objection]
        public var repairs: [RepairApplication]
        /// "Recent" is the 30 days before this.
        public var now: Date
        /// Pre-approved offers the firm may still accept (expired ones are not given).
        public var preapprovals: [PreapprovalOffer] = []
        /// The available amount of its active revolving lines, when it has any.
        public var creditLineAvailable: Cents?
        /// Each loan still running: its next installment and what is overdue.
        public var repayments: [Repayment] = []

        public init(
            context: PageContext, grade: String?, score: Int?, hasCommitment: Bool, activeAuthorisations: Int,
            applicationCount: Int, outstanding: Cents, objections: [Objection], repairs: [RepairApplication], now: Date
        ) {
            self.context = context; self.grade = grade; self.score = score; self.hasCommitment = hasCommitment
            self.activeAuthorisations = activeAuthorisations; self.applicationCount = applicationCount
            self.outstanding = outstanding; self.objections = objections; self.repairs = repairs; self.now = now
        }
    }

    /// A running loan as the home page reminds of it.
    public struct Repayment: Sendable, Equatable {
        public var loanID: Int64
        public var lender: String
        public var nextDue: Day
        /// What is left to pay of the next unpaid installment.
        public var nextAmount: Cents
        public var overdueAmount: Cents
        public var overdueDays: Int

        public init(loanID: Int64, lender: String, nextDue: Day, nextAmount: Cents, overdueAmount: Cents, overdueDays: Int) {
            self.loanID = loanID; self.lender = lender; self.nextDue = nextDue; self.nextAmount = nextAmount
            self.overdueAmount = overdueAmount; self.overdueDays = overdueDays
        }
    }
}
