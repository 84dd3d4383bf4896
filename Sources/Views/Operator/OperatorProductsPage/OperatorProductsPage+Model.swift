import Domain
import Foundation

/// Product review (/console/products): products waiting for review, and those on sale.
public enum OperatorProductsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var pending: [LoanProduct]
        public var online: [LoanProduct]
        public var institutionNames: [String: String]

        public init(
            context: PageContext, pending: [LoanProduct], online: [LoanProduct], institutionNames: [String: String]
        ) {
            self.context = context; self.pending = pending; self.online = online; self.institutionNames = institutionNames
        }
    }
}
