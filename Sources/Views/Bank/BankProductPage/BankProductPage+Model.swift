import Domain
import Foundation

/// One product of the institution (/bank/products/:id): its terms, what can be done, the draft form.
public enum BankProductPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var product: LoanProduct
        public var grades: [String]
        /// The industries and districts the product may be limited to, by name.
        public var choices: ProductChoices

        public init(context: PageContext, product: LoanProduct, grades: [String], choices: ProductChoices = ProductChoices()) {
            self.context = context; self.product = product; self.grades = grades; self.choices = choices
        }
    }
}
