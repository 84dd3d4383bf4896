import Domain
import Persistence

/// A firm registers its own account (/register): the USCC must be valid and in the registry with the legal
/// representative given; the account waits as pending until the credit center confirms it.
public enum FirmRegistration {
    /// The registration form as typed.
    public struct Form: Sendable {
        public var uscc: String?
        public var legalRepresentative: String?
        public var phone: String?
        public var username: String?
        public var password: String?

        public init(uscc: String?, legalRepresentative: String?, phone: String?, username: String?, password: String?) {
            self.uscc = uscc; self.legalRepresentative = legalRepresentative; self.phone = phone
            self.username = username; self.password = password
        }
    }

    public struct Registered: Sendable, Equatable {
        public var username: String
        public var uscc: String
        /// The registered name of the firm (nil if the registry does not know it).
        public var firmName: String?
    }

    public static func register(_ context: ServiceContext, _ form: Form) async throws -> Registered {
        let uscc = try USCC.validated(form.uscc ?? "")
        let firm = try await context.registry.enterprise(uscc)
        let claimed = try Validate.text(form.legalRepresentative, field: "法定代表人姓名", max: 40)
        if case .rejected(let reason) = SelfRegistration.check(
            registryEntry: firm.map { RegisteredIdentity(name: $0.name, legalRepresentative: $0.legalRep) },
            claimedLegalRepresentative: claimed) {
            throw DomainError.invalidInput(field: "法定代表人姓名", reason: reason)
        }
        let username = try Validate.code(form.username, field: "登录用户名")
        let phone = try Validate.phone(form.phone)
        let hash = try await context.passwords.hash(try Validate.password(form.password))
        try await context.accounts.createUser(username: username, displayName: claimed, passwordHash: hash, role: .enterprise,
                                              departmentID: nil, uscc: uscc, phone: phone, status: .pending)
        return Registered(username: username, uscc: uscc, firmName: firm?.name)
    }
}
