import Domain
import Foundation

/// The institution's staff and API tokens (/bank/staff, administrators only).
public enum BankStaffPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var staff: [UserAccount]
        public var tokens: [Token]

        public init(context: PageContext, staff: [UserAccount], tokens: [Token]) {
            self.context = context; self.staff = staff; self.tokens = tokens
        }
    }

    /// An API token (only its name; the secret is never stored).
    public struct Token: Sendable, Equatable {
        public var name: String
        public var scope: TokenScope
        public var createdAt: Date
        public var revokedAt: Date?
        public var id: Int64

        public init(id: Int64, name: String, scope: TokenScope, createdAt: Date, revokedAt: Date?) {
            self.id = id; self.name = name; self.scope = scope; self.createdAt = createdAt; self.revokedAt = revokedAt
        }
    }
}
