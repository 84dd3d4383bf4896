import Domain
import Persistence

/// The credit center's institutions: each a tenant of the marketplace, created together with its first admin.
public enum InstitutionAccounts {
    /// One institution with its size.
    public struct Overview: Sendable, Equatable {
        public var institution: Institution
        public var staffCount: Int
        public var productCount: Int
    }

    public static func overview(_ context: ServiceContext, _ principal: Principal) async throws -> [Overview] {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可管理机构") }
        var rows: [Overview] = []
        for institution in try await context.accounts.institutions() {
            let staff = try await context.accounts.users(role: .institutionAdmin, institutionID: institution.id)
                + context.accounts.users(role: .institutionStaff, institutionID: institution.id)
            let products = try await context.productStore.products(institutionID: institution.id)
            rows.append(Overview(institution: institution, staffCount: staff.count, productCount: products.count))
        }
        return rows
    }

    /// The new institution form as typed.
    public struct Form: Sendable {
        public var code: String?
        public var name: String?
        public var kind: String?
        public var adminUsername: String?
        public var adminName: String?
        public var adminPassword: String?

        public init(code: String?, name: String?, kind: String?, adminUsername: String?, adminName: String?,
                    adminPassword: String?) {
            self.code = code; self.name = name; self.kind = kind
            self.adminUsername = adminUsername; self.adminName = adminName; self.adminPassword = adminPassword
        }
    }

    public struct Created: Sendable, Equatable {
        public var institution: Institution
        public var adminUsername: String
    }

    /// Creates an institution and its first admin together: a taken code or username leaves neither behind.
    public static func create(_ context: ServiceContext, _ principal: Principal, _ form: Form) async throws -> Created {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可创建机构") }
        let code = try Validate.code(form.code, field: "机构代码")
        let name = try Validate.text(form.name, field: "机构名称")
        guard let kind = Institution.Kind(rawValue: form.kind ?? "") else {
            throw DomainError.invalidInput(field: "机构类型", reason: "请选择机构类型")
        }
        let username = try Validate.code(form.adminUsername, field: "管理员用户名")
        let adminName = try Validate.text(form.adminName, field: "管理员姓名")
        // Hashed before the transaction: bcrypt is slow and the transaction holds SQLite's write lock.
        let hash = try await context.passwords.hash(try Validate.password(form.adminPassword))
        let institution = try await context.database.write { unit in
            let accounts = AccountStore(database: unit.database)
            let institution = try await accounts.createInstitution(code: code, name: name, kind: kind)
            try await accounts.createUser(username: username, displayName: adminName, passwordHash: hash,
                                          role: .institutionAdmin, departmentID: nil, institutionID: institution.id)
            return institution
        }
        return Created(institution: institution, adminUsername: username)
    }
}
