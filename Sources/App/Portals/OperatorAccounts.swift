import Domain
import Persistence
import Services
import Vapor
import Views

/// The operator's institutions (tenants with their first admin) and the review of enterprise accounts.
struct OperatorAccounts {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console")
        console.get("institutions", use: institutions)
        console.post("institutions", use: createInstitution)
        console.get("accounts", use: accounts)
        console.post("accounts", ":id", "status", use: setStatus)
    }

    func institutions(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        var rows: [OperatorInstitutionsPage.Row] = []
        for institution in try await req.accounts.institutions() {
            let staff = try await req.accounts.users(role: .institutionAdmin, institutionID: institution.id)
                + req.accounts.users(role: .institutionStaff, institutionID: institution.id)
            let products = try await req.productStore.products(institutionID: institution.id)
            rows.append(.init(institution: institution, staffCount: staff.count, productCount: products.count))
        }
        return Portal.html(OperatorInstitutionsPage.render(.init(context: Portal.context(req, principal), institutions: rows)))
    }

    struct InstitutionForm: Content {
        var code: String?; var name: String?; var kind: String?
        var admin_username: String?; var admin_name: String?; var admin_password: String?
    }

    func createInstitution(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/institutions") { principal in
            guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可创建机构") }
            let form = try req.content.decode(InstitutionForm.self)
            let code = try Validate.code(form.code, field: "机构代码")
            let name = try Validate.text(form.name, field: "机构名称")
            guard let kind = Institution.Kind(rawValue: form.kind ?? "") else {
                throw DomainError.invalidInput(field: "机构类型", reason: "请选择机构类型")
            }
            let username = try Validate.code(form.admin_username, field: "管理员用户名")
            let adminName = try Validate.text(form.admin_name, field: "管理员姓名")
            let password = try Validate.password(form.admin_password)
            let hash = try await req.password.async.hash(password)
            let institution = try await req.accounts.createInstitution(code: code, name: name, kind: kind)
            try await req.accounts.createUser(username: username, displayName: adminName, passwordHash: hash,
                                              role: .institutionAdmin, departmentID: nil, institutionID: institution.id)
            return Portal.done(req, to: "/console/institutions", "已创建机构“\(name)”及管理员账号 \(username)")
        }
    }

    func accounts(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let pending = try await req.accounts.users(role: .enterprise, status: .pending)
        let all = try await req.accounts.users(role: .enterprise)
        func account(_ user: UserAccount) async throws -> OperatorAccountsPage.Account {
            let firm = try await user.uscc.asyncMap { try await req.registry.enterprise($0) } ?? nil
            return .init(user: user, firmName: firm?.name)
        }
        var pendingRows: [OperatorAccountsPage.Account] = []
        for user in pending { pendingRows.append(try await account(user)) }
        var allRows: [OperatorAccountsPage.Account] = []
        for user in all.prefix(200) { allRows.append(try await account(user)) }
        return Portal.html(OperatorAccountsPage.render(.init(context: Portal.context(req, principal), pending: pendingRows, all: allRows)))
    }

    func setStatus(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/accounts") { principal in
            guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核账户") }
            struct Form: Content { var status: String? }
            guard let id = req.parameters.get("id", as: Int64.self), let user = try await req.accounts.user(id: id),
                  user.role == .enterprise else { throw DomainError.notFound("该账户") }
            guard let status = AccountStatus(rawValue: try req.content.decode(Form.self).status ?? "") else {
                throw DomainError.invalidInput(field: "状态", reason: "应为 active、pending 或 disabled")
            }
            try await req.accounts.setStatus(userID: id, status)
            return Portal.done(req, to: "/console/accounts", "账户 \(user.username) 已设为“\(status.label)”")
        }
    }
}
