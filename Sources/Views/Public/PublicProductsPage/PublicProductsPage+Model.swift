import Domain
import Foundation

/// The product supermarket (/public/products): every product on sale, filtered by type and institution.
public enum PublicProductsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var type: ProductType?
        /// The institution filter.
        public var institutionID: String?
        public var institutions: [Institution]
        public var products: [LoanProduct]

        public init(
            context: PageContext, type: ProductType?, institutionID: String?, institutions: [Institution],
            products: [LoanProduct]
        ) {
            self.context = context; self.type = type; self.institutionID = institutionID; self.institutions = institutions
            self.products = products
        }
    }
}
