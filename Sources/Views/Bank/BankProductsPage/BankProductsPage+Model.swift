import Domain
import Foundation

/// The institution's products (/bank/products) and the form for a new draft.
public enum BankProductsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var products: [LoanProduct]
        /// The platform's rate cap for products.
        public var rateCap: AnnualRate
        /// The grade scale, best first.
        public var grades: [String]
        /// The industries and districts the product may be limited to, by name.
        public var choices: ProductChoices

        public init(context: PageContext, products: [LoanProduct], rateCap: AnnualRate, grades: [String], choices: ProductChoices = ProductChoices()) {
            self.context = context; self.products = products; self.rateCap = rateCap; self.grades = grades; self.choices = choices
        }
    }
}
