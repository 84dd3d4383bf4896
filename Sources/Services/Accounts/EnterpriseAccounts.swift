import Domain
import Persistence

/// The credit center's review of enterprise accounts: self-registrations to confirm, and every account's status.
public enum EnterpriseAccounts {
    /// An enterprise account with the registered name of its firm (nil when the registry does not know the USCC).
    public struct Account: Sendable, Equatable {
        public var user: UserAccount
        public var firmName: String?
    }

    public struct Review: Sendable, Equatable {
        /// Self-registrations waiting for confirmation, newest first.
        public var pending: [Account]
        /// The newest accounts of any status.
        public var all: [Account]
    }

    /// How many accounts of any status the review lists.
    public static let listed = 200

    public static func review(_ context: ServiceContext, _ principal: Principal) async throws -> Review {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核账户") }
        func account(_ user: UserAccount) async throws -> Account {
            let firm = try await user.uscc.asyncMap { try await context.registry.enterprise($0) } ?? nil
            return Account(user: user, firmName: firm?.name)
        }
        var pending: [Account] = []
        for user in try await context.accounts.users(role: .enterprise, status: .pending) { pending.append(try await account(user)) }
        var all: [Account] = []
        for user in try await context.accounts.users(role: .enterprise).prefix(listed) { all.append(try await account(user)) }
        return Review(pending: pending, all: all)
    }

    /// Confirms, suspends or reopens an enterprise account (`status` as sent: active, pending or disabled).
    @discardableResult
    public static func setStatus(_ context: ServiceContext, _ principal: Principal, userID: Int64?,
                                 status: String?) async throws -> (user: UserAccount, status: AccountStatus) {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核账户") }
        guard let userID, let user = try await context.accounts.user(id: userID), user.role == .enterprise else {
            throw DomainError.notFound("该账户")
        }
        guard let status = AccountStatus(rawValue: status ?? "") else {
            throw DomainError.invalidInput(field: "状态", reason: "应为 active、pending 或 disabled")
        }
        try await context.accounts.setStatus(userID: userID, status)
        return (user, status)
    }
}
