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
        // Every field is checked before any is refused, so the applicant corrects them all at once; the keys are
        // the registration form's input names.
        var checks = FieldChecks()
        let uscc = checks.run("uscc") { try USCC.validated(form.uscc ?? "") }
        let claimed = checks.run("legal_rep") { try Validate.text(form.legalRepresentative, field: "法定代表人姓名", max: 40) }
        let username = checks.run("username") { try Validate.code(form.username, field: "登录用户名") }
        let phone = checks.run("phone") { try Validate.phone(form.phone) }
        let password = checks.run("password") { try Validate.password(form.password) }
        var firm: EnterpriseSummary?
        if let uscc {
            firm = try await context.registry.enterprise(uscc)
            if let claimed, case .rejected(let reason) = SelfRegistration.check(
                registryEntry: firm.map { RegisteredIdentity(name: $0.name, legalRepresentative: $0.legalRep) },
                claimedLegalRepresentative: claimed) {
                checks.add("legal_rep", reason)
            }
        }
        try checks.finish()
        guard let uscc, let claimed, let username, let phone, let password else { throw DomainError.invalidInput(field: "表单", reason: "不完整") }
        let hash = try await context.passwords.hash(password)
        try await context.accounts.createUser(username: username, displayName: claimed, passwordHash: hash, role: .enterprise,
                                              departmentID: nil, uscc: uscc, phone: phone, status: .pending)
        return Registered(username: username, uscc: uscc, firmName: firm?.name)
    }
}
