import Domain
import Persistence

/// An institution's people, managed by its admins: staff and further admins of the same institution.
public enum StaffAccounts {
    /// The institution a principal administers, or a 403 (`message` says what was refused).
    static func administered(by principal: Principal, _ message: String) throws -> Institution {
        let institution = try principal.requireInstitution()
        guard principal.role == .institutionAdmin else { throw DomainError.forbidden(message) }
        return institution
    }

    public struct Overview: Sendable, Equatable {
        /// Admins first, then staff, newest first within each.
        public var staff: [UserAccount]
        /// Every API token of the institution, revoked ones included (never the token itself).
        public var tokens: [AccountStore.TokenInfo]
    }

    public static func overview(_ context: ServiceContext, _ principal: Principal) async throws -> Overview {
        let institution = try administered(by: principal, "仅机构管理员可管理员工")
        let people = try await context.accounts.users(role: .institutionAdmin, institutionID: institution.id)
            + context.accounts.users(role: .institutionStaff, institutionID: institution.id)
        return Overview(staff: people, tokens: try await context.accounts.tokens(institutionID: institution.id))
    }

    /// The new staff member form as typed.
    public struct Form: Sendable {
        public var username: String?
        public var name: String?
        public var password: String?
        /// `institution_admin` makes another admin; anything else a staff member.
        public var role: String?

        public init(username: String?, name: String?, password: String?, role: String?) {
            self.username = username; self.name = name; self.password = password; self.role = role
        }
    }

    /// Adds a staff member (or admin) to the admin's own institution; returns the username.
    @discardableResult
    public static func add(_ context: ServiceContext, _ principal: Principal, _ form: Form) async throws -> String {
        let institution = try administered(by: principal, "仅机构管理员可管理员工")
        let role: Role = Role(rawValue: form.role ?? "") == .institutionAdmin ? .institutionAdmin : .institutionStaff
        let username = try Validate.code(form.username, field: "用户名")
        let hash = try await context.passwords.hash(try Validate.password(form.password))
        try await context.accounts.createUser(username: username, displayName: try Validate.text(form.name, field: "姓名"),
                                              passwordHash: hash, role: role, departmentID: nil, institutionID: institution.id)
        return username
    }
}
