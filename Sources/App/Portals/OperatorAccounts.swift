import Domain
import Persistence
import Services
import Vapor
import Views

/// The operator's institutions (tenants with their first admin) and the review of enterprise accounts; the
/// rules are `InstitutionAccounts` and `EnterpriseAccounts` in Services.
struct OperatorAccounts {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console")
        console.get("institutions", use: institutions)
        console.post("institutions", use: createInstitution)
        console.get("accounts", use: accounts)
        console.post("accounts", ":id", "status", use: setStatus)
        console.post("accounts", ":id", "reject", use: reject)
        console.get("accounts", ":id", "document", use: document)
    }

    func institutions(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let rows = try await InstitutionAccounts.overview(req.services, principal).map {
            OperatorInstitutionsPage.Row(institution: $0.institution, staffCount: $0.staffCount, productCount: $0.productCount)
        }
        return Portal.html(OperatorInstitutionsPage.render(.init(context: Portal.context(req, principal), institutions: rows)))
    }

    struct InstitutionForm: Content {
        var code: String?; var name: String?; var kind: String?
        var admin_username: String?; var admin_name: String?; var admin_password: String?
    }

    func createInstitution(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/institutions") { principal in
            let form = try req.content.decode(InstitutionForm.self)
            let created = try await InstitutionAccounts.create(req.services, principal, .init(
                code: form.code, name: form.name, kind: form.kind, adminUsername: form.admin_username,
                adminName: form.admin_name, adminPassword: form.admin_password))
            return Portal.done(req, to: "/console/institutions",
                               "已创建机构“\(created.institution.name)”及管理员账号 \(created.adminUsername)")
        }
    }

    func accounts(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let review = try await EnterpriseAccounts.review(req.services, principal)
        func row(_ account: EnterpriseAccounts.Account) -> OperatorAccountsPage.Account {
            OperatorAccountsPage.Account(
                user: account.user, firmName: account.firmName, registryLegalRepresentative: account.registryLegalRepresentative,
                evidence: account.registration.map {
                    .init(phoneVerifiedAt: $0.phoneVerifiedAt, consentVersion: $0.consentVersion, documentName: $0.documentName,
                          documentSize: $0.documentSize)
                },
                duplicates: account.duplicates)
        }
        return Portal.html(OperatorAccountsPage.render(.init(context: Portal.context(req, principal),
                                                             pending: review.pending.map(row), all: review.all.map(row))))
    }

    func setStatus(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/accounts") { principal in
            struct Form: Content { var status: String? }
            let changed = try await EnterpriseAccounts.setStatus(req.services, principal, userID: req.parameters.get("id", as: Int64.self),
                                                                 status: try req.content.decode(Form.self).status)
            return Portal.done(req, to: "/console/accounts", "账户 \(changed.user.username) 已设为“\(changed.status.label)”")
        }
    }

    func reject(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/accounts") { principal in
            struct Form: Content { var reason: String? }
            let user = try await EnterpriseAccounts.reject(req.services, principal, userID: req.parameters.get("id", as: Int64.self),
                                                           reason: try req.content.decode(Form.self).reason)
            return Portal.done(req, to: "/console/accounts", "已不予通过 \(user.username) 的注册，申请人登录时将看到原因")
        }
    }

    /// The licence or authorisation letter a registration brought.
    func document(_ req: Request) async throws -> Response {
        let found = try await EnterpriseAccounts.document(req.services, try req.principal(), userID: req.parameters.get("id", as: Int64.self))
        return FileDownload.response(found.bytes, fileName: found.name, sha256: found.sha256)
    }
}
