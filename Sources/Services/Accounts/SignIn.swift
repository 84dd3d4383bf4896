import Domain
import Foundation
import Persistence

/// Signing in with a username and a password, without telling a stranger anything: an unknown name, a wrong
/// password and a locked account get the same answer after the same work (one bcrypt check), and guessing is
/// slowed per client address with waits that double (`SignInPolicy`). Only someone who gave the right password
/// learns that the account is still pending review or disabled.
public enum SignIn {
    public enum Refusal: Sendable, Equatable {
        /// Unknown name, wrong password, or an account over its ceiling: one answer for all.
        case badCredentials
        /// The client address has failed too often and must wait.
        case wait(seconds: Int)
        /// The right password, but the self-registered account has not been confirmed yet.
        case pending
        /// The right password, but the account is disabled.
        case disabled
        /// The right password, but the credit center did not confirm the registration, for this reason.
        case rejected(String)

        public var message: String {
            switch self {
            case .badCredentials: "用户名或密码不正确"
            case .wait(let seconds): "登录失败次数过多，请 \(seconds) 秒后再试"
            case .pending: "账号尚在审核中，审核通过后即可登录"
            case .disabled: "账号已停用，请联系平台运营方"
            case .rejected(let reason): "注册未通过信用中心审核：\(reason)。如有疑问请联系信用中心，或更正后重新注册"
            }
        }
    }

    public enum Outcome: Sendable, Equatable {
        case signedIn(UserAccount)
        case refused(Refusal)
    }

    /// A bcrypt hash (cost 10, as the app's hasher) of a random password nobody knows: an unknown name's
    /// password is checked against it, so that it takes as long as a known name's.
    public static let dummyHash = "$2b$10$X4NnLZmjXHoNq8U/p71.QeRN15ICHOmwwA2.O6szcDHlo.q78kVlu"

    public static func attempt(_ context: ServiceContext, username: String, password: String,
                               from address: ClientAddress) async throws -> Outcome {
        let policy = context.platform.policy.signIn
        let now = context.clock.now()
        let ticket: SignInThrottle.Ticket
        switch await context.runtime.signInThrottle.admit(address, now: now, policy: policy) {
        case .wait(let seconds): return .refused(.wait(seconds: seconds))
        case .admitted(let admitted): ticket = admitted
        }
        guard let user = try await context.accounts.user(username: username.trimmingSpaces()) else {
            _ = try await context.passwords.verify(password, created: dummyHash)
            return .refused(.badCredentials)
        }
        let matches = try await context.passwords.verify(password, created: user.passwordHash)
        let nowMillis = Int64((now.timeIntervalSince1970 * 1000).rounded())
        // A locked account refuses the right password too, and the attempt stays charged to the address:
        // otherwise a guesser could tell a right guess by its not counting.
        if policy.account.isLocked(user, nowMillis: nowMillis) { return .refused(.badCredentials) }
        guard matches else {
            try await context.accounts.recordFailedLogin(userID: user.id, lockAfter: policy.account.maxFailures,
                                                         lockUntil: policy.account.lockEnd(nowMillis: nowMillis))
            return .refused(.badCredentials)
        }
        await context.runtime.signInThrottle.refund(ticket)
        switch user.status {
        case .pending: return .refused(.pending)
        case .disabled:
            if let reason = try await RegistrationStore(database: context.database).rejectedReason(userID: user.id) {
                return .refused(.rejected(reason))
            }
            return .refused(.disabled)
        case .active: break
        }
        if user.failedLogins != 0 || user.lockedUntil != nil {
            try await context.accounts.recordLogin(userID: user.id, failures: 0, lockedUntil: nil)
        }
        return .signedIn(user)
    }
}
