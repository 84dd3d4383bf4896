import Foundation
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
        /// The one-time code sent to `phone`.
        public var code: String?
        /// Whether the registrant agreed to the personal-data processing rules (`RegistrationConsent`).
        public var consented: Bool
        /// The business licence or authorisation letter.
        public var documentName: String?
        public var document: [UInt8]

        public init(uscc: String?, legalRepresentative: String?, phone: String?, username: String?, password: String?,
                    code: String? = nil, consented: Bool = false, documentName: String? = nil, document: [UInt8] = []) {
            self.uscc = uscc; self.legalRepresentative = legalRepresentative; self.phone = phone
            self.username = username; self.password = password; self.code = code; self.consented = consented
            self.documentName = documentName; self.document = document
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
        if !form.consented { checks.add("consent", "请阅读并同意《\(RegistrationConsent.title)》") }
        let documentName = (form.documentName ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if documentName.isEmpty || form.document.isEmpty {
            checks.add("document", "请上传营业执照或授权委托书（PDF 或图片）")
        } else if form.document.count > RegistrationDocument.maxBytes {
            checks.add("document", "文件超过 \(RegistrationDocument.maxBytes / 1_048_576) MB")
        }
        if let username, try await context.accounts.user(username: username) != nil {
            checks.add("username", "用户名“\(username)”已被使用")
        }
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
        // The code last: it is used up once right, so every other field is settled first.
        do {
            try await OneTimeCodes.verify(context, purpose: .registration, subject: codeSubject(phone), code: form.code)
        } catch let DomainError.invalidInput(_, reason) {
            throw DomainError.invalidFields([FormProblem(field: "code", reason: reason)])
        }
        let hash = try await context.passwords.hash(password)
        let now = context.clock.now(), document = form.document, name = String(documentName.suffix(120))
        try await context.accounts.createUser(username: username, displayName: claimed, passwordHash: hash, role: .enterprise,
                                              departmentID: nil, uscc: uscc, phone: phone, status: .pending) { unit, id in
            try await RegistrationStore.save(in: unit, userID: id, uscc: uscc, phoneVerifiedAt: now, consentVersion: RegistrationConsent.version,
                                             documentName: name, document: document)
        }
        return Registered(username: username, uscc: uscc, firmName: firm?.name)
    }

    static func codeSubject(_ phone: String) -> String { "phone:\(phone)" }

    /// Sends the code that proves the registrant holds `phone`; returns the masked number.
    public static func sendCode(_ context: ServiceContext, phone: String?, from address: ClientAddress) async throws -> String {
        // Every request is charged to its address (never refunded): a stranger cycling through phone numbers is
        // slowed down like a password guesser.
        if case .wait(let seconds) = await context.runtime.codeThrottle.admit(address, now: context.clock.now(),
                                                                             policy: context.platform.policy.codeRequests) {
            throw DomainError.invalidInput(field: "phone", reason: "获取验证码过于频繁，请 \(seconds) 秒后再试")
        }
        var checks = FieldChecks()
        let phone = checks.run("phone") { try Validate.phone(phone) }
        try checks.finish()
        guard let phone else { throw DomainError.invalidInput(field: "phone", reason: "请填写手机号") }
        return try await OneTimeCodes.send(context, purpose: .registration, subject: codeSubject(phone), phone: phone)
    }
}
