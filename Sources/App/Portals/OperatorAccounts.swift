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
        var rows: [[PortalPage.Cell]] = []
        for institution in try await req.accounts.institutions() {
            let staff = try await req.accounts.users(role: .institutionAdmin, institutionID: institution.id)
                + req.accounts.users(role: .institutionStaff, institutionID: institution.id)
            let products = try await req.productStore.products(institutionID: institution.id)
            rows.append([.mono(institution.code), .text(institution.name), .text(institution.kind.label),
                         .text("\(staff.count)"), .text("\(products.count)")])
        }
        let kinds = Institution.Kind.allCases.map { ($0.rawValue, $0.label) }
        return Portal.page(req, principal, title: "金融机构", subtitle: "入驻平台的银行、担保机构和小额贷款公司", [
            .table(.init(title: "已入驻机构", id: "institutions", headers: ["机构代码", "名称", "类型", "员工", "产品"],
                         rows: rows, emptyText: "还没有入驻机构")),
            .form(.init(title: "新增机构", id: "new-institution", action: "/console/institutions", fields: [
                .init("code", "机构代码", isRequired: true, hint: "字母和数字，如 dlbank"),
                .init("name", "机构名称", isRequired: true),
                .init("kind", "机构类型", kind: .options(kinds, selected: "bank"), isRequired: true),
                .init("admin_username", "管理员用户名", isRequired: true),
                .init("admin_name", "管理员姓名", isRequired: true),
                .init("admin_password", "管理员初始密码", kind: .password, isRequired: true, hint: "至少 10 位"),
            ], submitLabel: "创建机构及管理员")),
        ])
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
        func row(_ user: UserAccount, actions: [PortalPage.Action]) async throws -> [PortalPage.Cell] {
            let firm = try await user.uscc.asyncMap { try await req.registry.enterprise($0) } ?? nil
            return [.text(user.username), .twoLines(firm?.name ?? "（未登记）", user.uscc ?? ""), .text(user.displayName),
                    .text(user.phone ?? ""), .badge(user.status.label, tone: user.status == .active ? .success : .warning),
                    .actions(actions)]
        }
        var pendingRows: [[PortalPage.Cell]] = []
        for user in pending {
            pendingRows.append(try await row(user, actions: [
                .init("通过", path: "/console/accounts/\(user.id)/status", fields: ["status": "active"], isPrimary: true),
                .init("停用", path: "/console/accounts/\(user.id)/status", fields: ["status": "disabled"]),
            ]))
        }
        var allRows: [[PortalPage.Cell]] = []
        for user in all.prefix(200) {
            let next: AccountStatus = user.status == .active ? .disabled : .active
            allRows.append(try await row(user, actions: [
                .init(next == .active ? "启用" : "停用", path: "/console/accounts/\(user.id)/status",
                      fields: ["status": next.rawValue]),
            ]))
        }
        let headers = ["用户名", "企业", "联系人（法定代表人）", "手机", "状态", "操作"]
        return Portal.page(req, principal, title: "企业账户", subtitle: "企业自助注册后，由信用中心核实开通", [
            .table(.init(title: "待审核（\(pending.count)）", id: "pending", headers: headers, rows: pendingRows,
                         emptyText: "没有待审核的企业账户")),
            .table(.init(title: "全部企业账户", id: "all", headers: headers, rows: allRows, emptyText: "还没有企业注册")),
        ])
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
