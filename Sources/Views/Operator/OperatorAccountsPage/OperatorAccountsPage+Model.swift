import Domain
import Foundation

/// Enterprise accounts (/console/accounts): self-registrations to review, and all accounts.
public enum OperatorAccountsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var pending: [Account]
        public var all: [Account]

        public init(context: PageContext, pending: [Account], all: [Account]) {
            self.context = context; self.pending = pending; self.all = all
        }
    }

    /// An enterprise account with the registered firm name.
    public struct Account: Sendable, Equatable {
        public var user: UserAccount
        /// nil when the USCC is not in the registry.
        public var firmName: String?

        public init(user: UserAccount, firmName: String?) {
            self.user = user; self.firmName = firmName
        }
    }
}
