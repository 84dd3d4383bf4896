import Domain
import Persistence

/// A firm's authorisations of institutions to read its non-public data: signed online by the firm, or
/// recorded from paper by the credit center; revoked by the firm.
public enum Authorisations {
    /// What the firm (or the paper form) states.
    public struct Terms: Sendable {
        public var institutions: [String]
        public var categories: [String]
        public var purposes: [String]
        public var validUntil: Day

        public init(institutions: [String], categories: [String], purposes: [String], validUntil: Day) {
            self.institutions = institutions; self.categories = categories; self.purposes = purposes
            self.validUntil = validUntil
        }
    }

    /// Builds and checks an authorisation valid from today; "all" or no institutions means every registered one.
    /// Categories must be the catalog's, purposes known, institutions registered, and the validity at most
    /// `Authorisation.maxValidityDays`.
    public static func make(_ context: ServiceContext, uscc: String, _ terms: Terms, offline: Bool = false,
                            scanReference: String? = nil) async throws -> Authorisation {
        let scope: AuthorisationScope
        if terms.institutions.contains("all") || terms.institutions.isEmpty {
            scope = .allRegisteredInstitutions
        } else {
            for text in Set(terms.institutions) {
                guard let id = Int64(text), try await context.accounts.institution(id: id) != nil else {
                    throw DomainError.invalidInput(field: "institutions", reason: "没有编号为“\(Echo.short(text, max: 32))”的金融机构")
                }
            }
            scope = .institutions(Set(terms.institutions))
        }
        let known = Set(context.catalog.categories.map(\.id))
        if let unknown = terms.categories.first(where: { !known.contains($0) }) {
            throw DomainError.invalidInput(field: "categories", reason: "数据目录中没有类别“\(Echo.short(unknown, max: 32))”，应为 \(known.sorted().joined(separator: "、")) 之一")
        }
        var purposes = Set<AuthorisationPurpose>()
        for text in terms.purposes {
            guard let purpose = AuthorisationPurpose(rawValue: text) else {
                throw DomainError.invalidInput(field: "purposes", reason: "未知用途“\(Echo.short(text, max: 32))”，应为 \(AuthorisationPurpose.allCases.map(\.rawValue).joined(separator: "、")) 之一")
            }
            purposes.insert(purpose)
        }
        let authorisation = Authorisation(
            id: "", uscc: uscc, scope: scope, categories: Set(terms.categories), purposes: purposes,
            validFrom: context.clock.today, validUntil: terms.validUntil, signedAt: context.clock.now(), isOffline: offline,
            scanReference: scanReference)
        try authorisation.validate()
        return authorisation
    }

    /// The firm signs an authorisation online; it is in force at once.
    public static func sign(_ context: ServiceContext, _ principal: Principal, _ terms: Terms) async throws -> Authorisation {
        let uscc = try principal.requireEnterprise()
        return try await context.authorisationStore.create(try await make(context, uscc: uscc, terms), by: principal.displayName)
    }

    /// The credit center records a paper authorisation of a registered firm (all institutions, every purpose).
    public static func recordOffline(_ context: ServiceContext, _ principal: Principal, uscc: String, categories: [String],
                                     validUntil: Day, scanReference: String?) async throws -> Authorisation {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可登记线下授权") }
        guard try await context.registry.enterprise(uscc) != nil else { throw DomainError.notFound("该企业的登记信息") }
        let terms = Terms(institutions: ["all"], categories: categories, purposes: AuthorisationPurpose.allCases.map(\.rawValue),
                          validUntil: validUntil)
        let authorisation = try await make(context, uscc: uscc, terms, offline: true, scanReference: scanReference)
        return try await context.authorisationStore.create(authorisation, by: principal.displayName)
    }

    /// The firm revokes one of its own authorisations.
    public static func revoke(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> Authorisation {
        guard let id else { throw DomainError.notFound("该授权书") }
        return try await context.authorisationStore.revoke(id: id, uscc: try principal.requireEnterprise())
    }
}
