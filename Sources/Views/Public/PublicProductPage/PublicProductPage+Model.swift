import Domain
import Foundation

/// One product in the supermarket (/public/products/:id): its figures, rules, introduction, conditions, materials,
/// process and contact, and the way to apply — a firm goes to its application form with the product chosen, a
/// visitor to sign-in (coming back to that form) or to registration.
public enum PublicProductPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var product: LoanProduct
        public var institutionName: String
        public var choices: ProductChoices
        public var viewer: Viewer

        public init(context: PageContext, product: LoanProduct, institutionName: String, choices: ProductChoices, viewer: Viewer) {
            self.context = context; self.product = product; self.institutionName = institutionName; self.choices = choices
            self.viewer = viewer
        }
    }

    /// Who is looking: what the apply button does depends on it.
    public enum Viewer: Sendable, Equatable {
        case visitor
        case firm
        /// A bank, the credit center or a department: they do not apply.
        case other
    }
}
