import Foundation
import Domain
import Persistence

/// The credit center's review of enterprise accounts: self-registrations to confirm, and every account's status.
public enum EnterpriseAccounts {
    /// An enterprise account with the registered name of its firm (nil when the registry does not know the USCC).
    public struct Account: Sendable, Equatable {
        public var user: UserAccount
        public var firmName: String?
        /// The legal representative the registry holds (beside the one claimed, the account's display name).
        public var registryLegalRepresentative: String? = nil
        /// The registration's evidence (verified phone, consent, document), for self-registrations.
        public var registration: RegistrationRecord? = nil
        /// The firm's other accounts (any status): a second registration for a firm with an active account is suspect.
        public var duplicates: [UserAccount] = []
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
        let everyone = try await context.accounts.users(role: .enterprise)
        let pendingUsers = everyone.filter { $0.status == .pending }
        let registrations = try await RegistrationStore(database: context.database).records(userIDs: pendingUsers.map(\.id))
        var pending: [Account] = []
        for user in pendingUsers {
            var entry = try await account(user)
            entry.registration = registrations[user.id]
            if let uscc = user.uscc { entry.registryLegalRepresentative = try await context.registry.enterprise(uscc)?.legalRep }
            entry.duplicates = everyone.filter { $0.uscc == user.uscc && $0.id != user.id }
            pending.append(entry)
        }
        var all: [Account] = []
        for user in everyone.prefix(listed) { all.append(try await account(user)) }
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

    /// Rejects a pending self-registration with a reason the applicant reads when signing in.
    public static func reject(_ context: ServiceContext, _ principal: Principal, userID: Int64?, reason: String?) async throws -> UserAccount {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核账户") }
        guard let userID, let user = try await context.accounts.user(id: userID), user.role == .enterprise else {
            throw DomainError.notFound("该账户")
        }
        guard user.status == .pending else { throw DomainError.conflict("该账户不是待审核状态") }
        let reason = (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.count >= 4, reason.count <= 200 else {
            throw DomainError.invalidFields([FormProblem(field: "reason", reason: "请写明不予通过的原因（4–200 字），申请人登录时可见")])
        }
        try await RegistrationStore(database: context.database).reject(userID: userID, reason: reason, at: context.clock.now())
        return user
    }

    /// The document a registration brought, for the credit center.
    public static func document(_ context: ServiceContext, _ principal: Principal, userID: Int64?) async throws
        -> (name: String, sha256: String, bytes: [UInt8]) {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核账户") }
        guard let userID, let found = try await RegistrationStore(database: context.database).document(userID: userID) else {
            throw DomainError.notFound("该注册材料")
        }
        return found
    }
}
