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
        /// For a pending registration: the registry's legal representative (beside the claimed one), the evidence, and
        /// the firm's other accounts.
        public var registryLegalRepresentative: String?
        public var evidence: Evidence?
        public var duplicates: [UserAccount]

        public init(user: UserAccount, firmName: String?, registryLegalRepresentative: String? = nil, evidence: Evidence? = nil,
                    duplicates: [UserAccount] = []) {
            self.user = user; self.firmName = firmName; self.registryLegalRepresentative = registryLegalRepresentative
            self.evidence = evidence; self.duplicates = duplicates
        }
    }

    /// What a self-registration brought.
    public struct Evidence: Sendable, Equatable {
        public var phoneVerifiedAt: Date
        public var consentVersion: String
        public var documentName: String
        public var documentSize: Int

        public init(phoneVerifiedAt: Date, consentVersion: String, documentName: String, documentSize: Int) {
            self.phoneVerifiedAt = phoneVerifiedAt; self.consentVersion = consentVersion; self.documentName = documentName
            self.documentSize = documentSize
        }
    }
}
