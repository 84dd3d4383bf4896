import Domain
import Foundation

/// The marketplace at a glance for the credit center (/console/market).
public enum OperatorMarketPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var figures: Figures

        public init(context: PageContext, figures: Figures) {
            self.context = context; self.figures = figures
        }
    }

    /// The marketplace's counts (status keys are the raw values of the Domain enums).
    public struct Figures: Sendable, Equatable {
        public var institutions: Int
        public var productsByStatus: [String: Int]
        public var enterpriseAccountsByStatus: [String: Int]
        public var commitmentsInForce: Int
        public var authorisationsActive: Int
        public var accessesLast30Days: Int
        public var applicationsByStatus: [String: Int]
        public var demandsByStatus: [String: Int]
        public var meanMinutesToTake: Double?
        public var loans: Int
        public var loansOverdue: Int
        public var outstandingCents: Int64
        public var loansByClass: [String: Int]

        public init(
            institutions: Int, productsByStatus: [String: Int], enterpriseAccountsByStatus: [String: Int],
            commitmentsInForce: Int, authorisationsActive: Int, accessesLast30Days: Int,
            applicationsByStatus: [String: Int], demandsByStatus: [String: Int], meanMinutesToTake: Double?, loans: Int,
            loansOverdue: Int, outstandingCents: Int64, loansByClass: [String: Int]
        ) {
            self.institutions = institutions; self.productsByStatus = productsByStatus
            self.enterpriseAccountsByStatus = enterpriseAccountsByStatus; self.commitmentsInForce = commitmentsInForce
            self.authorisationsActive = authorisationsActive; self.accessesLast30Days = accessesLast30Days
            self.applicationsByStatus = applicationsByStatus; self.demandsByStatus = demandsByStatus
            self.meanMinutesToTake = meanMinutesToTake; self.loans = loans; self.loansOverdue = loansOverdue
            self.outstandingCents = outstandingCents; self.loansByClass = loansByClass
        }
    }
}
