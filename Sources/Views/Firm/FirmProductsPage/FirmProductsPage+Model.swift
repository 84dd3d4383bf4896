import Domain
import Foundation

/// Products and quota estimate (/firm/products): what the firm may apply for, and the application form.
public enum FirmProductsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        /// Empty when not evaluated.
        public var grade: String
        public var score: Int
        /// The products the firm may apply for, with the estimated quota.
        public var offers: [Offer]
        /// The products it may not apply for, with why.
        public var declined: [Declined]
        /// The products on sale.
        public var products: [LoanProduct]
        public var institutionNames: [String: String]
        /// The 守信激励 the firm earns on every application, when it is on the red list.
        public var incentive: String?
        /// The product chosen in the application form (coming from its supermarket page), if the firm may apply for it.
        public var chosenProductID: String?

        public init(
            context: PageContext, grade: String, score: Int, offers: [Offer], declined: [Declined], products: [LoanProduct],
            institutionNames: [String: String], incentive: String? = nil, chosenProductID: String? = nil
        ) {
            self.context = context; self.grade = grade; self.score = score; self.offers = offers; self.declined = declined
            self.products = products; self.institutionNames = institutionNames; self.incentive = incentive
            self.chosenProductID = chosenProductID
        }
    }

    /// A product the firm may apply for (from `QuotaEstimate.Offer`).
    public struct Offer: Sendable, Equatable {
        public var productID: String
        public var productName: String
        public var institutionID: String
        /// The estimated quota.
        public var amountCents: Int64
        public var rateBasisPoints: Int
        public var termRange: TermRange
        public var repaymentMethods: [RepaymentMethod]
        /// How the amount and rate were derived (`QuotaEstimate.Offer.working`, plus any incentive applied).
        public var working: [String]

        public init(
            productID: String, productName: String, institutionID: String, amountCents: Int64, rateBasisPoints: Int,
            termRange: TermRange, repaymentMethods: [RepaymentMethod], working: [String] = []
        ) {
            self.productID = productID; self.productName = productName; self.institutionID = institutionID
            self.amountCents = amountCents; self.rateBasisPoints = rateBasisPoints; self.termRange = termRange
            self.repaymentMethods = repaymentMethods; self.working = working
        }
    }

    /// A product the firm may not apply for.
    public struct Declined: Sendable, Equatable {
        public var productName: String
        public var institutionID: String
        public var reasons: [String]

        public init(productName: String, institutionID: String, reasons: [String]) {
            self.productName = productName; self.institutionID = institutionID; self.reasons = reasons
        }
    }
}
