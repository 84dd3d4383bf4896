import Domain
import Persistence
import Services
import Vapor
import Views

/// The loan contract in the portals: the firm reads it, gets a code and signs; the firm, the lender and the credit
/// center download the signed PDF.
struct ContractPortals {
    func register(_ routes: any RoutesBuilder) {
        let firm = routes.grouped("firm", "applications", ":id")
        firm.get("contract", use: page)
        firm.post("contract", "code", use: sendCode)
        firm.post("contract", "sign", use: sign)
        firm.get("contract.pdf", use: download)
        let bank = routes.grouped("bank", "applications", ":id")
        bank.get("contract", use: page)
        bank.get("contract.pdf", use: download)
    }

    func page(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise, .institutionAdmin, .institutionStaff])
        let (application, contract, signed) = try await Contracts.contract(req.services, principal,
                                                                             applicationID: req.parameters.get("id", as: Int64.self))
        let area = principal.role == .enterprise ? "firm" : "bank"
        return Portal.html(FirmContractPage.render(.init(
            context: Portal.context(req, principal), contract: contract, status: application.state.status, signedDigest: signed?.sha256,
            pdfPath: "/\(area)/applications/\(application.id)/contract.pdf", maySign: principal.role == .enterprise)))
    }

    func sendCode(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/firm/applications/\(id ?? 0)/contract") { principal in
            let masked = try await Contracts.sendCode(req.services, principal, applicationID: id)
            return Portal.done(req, to: "/firm/applications/\(id ?? 0)/contract",
                               "验证码已发送至 \(masked)，\(Int(OneTimeCodes.rules.validity / 60)) 分钟内有效"
                                   + OneTimeCodes.deliveryNote(req.services))
        }
    }

    func sign(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/firm/applications/\(id ?? 0)/contract") { principal in
            struct Form: Content { var code: String?; var agree: [String]? }
            let form = try req.content.decode(Form.self)
            guard form.agree?.contains("yes") == true else {
                throw DomainError.invalidInput(field: "agree", reason: "请先阅读并勾选同意合同条款")
            }
            let stored = try await Contracts.sign(req.services, principal, applicationID: id, factor: .code(form.code),
                                                  render: ContractPDF.render)
            return Portal.done(req, to: "/firm/applications/\(stored.id)/contract", "借款合同已签署，等待\(stored.productName)的贷款机构放款")
        }
    }

    func download(_ req: Request) async throws -> Response {
        try await ContractDownload.response(req, try req.principal(in: [.enterprise, .institutionAdmin, .institutionStaff]))
    }
}
