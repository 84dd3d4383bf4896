import Domain
import Foundation

/// The product supermarket (/public/products): every product on sale, filtered by the amount and term a firm needs,
/// the kind of guarantee, the highest rate it accepts and the lender; each product links to its own page.
public enum PublicProductsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var search: ProductSearch
        /// The filter boxes as typed (kept after a search).
        public var typed: Typed
        public var institutions: [Institution]
        public var products: [LoanProduct]

        public init(context: PageContext, search: ProductSearch, typed: Typed, institutions: [Institution], products: [LoanProduct]) {
            self.context = context; self.search = search; self.typed = typed; self.institutions = institutions; self.products = products
        }
    }

    public struct Typed: Sendable, Equatable {
        public var amountWan: String
        public var termMonths: String
        public var maxRate: String
        public init(amountWan: String = "", termMonths: String = "", maxRate: String = "") {
            self.amountWan = amountWan; self.termMonths = termMonths; self.maxRate = maxRate
        }
    }
}
