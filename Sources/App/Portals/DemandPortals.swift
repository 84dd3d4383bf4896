import Domain
import Persistence
import Services
import Vapor
import Views

/// The demand hall after a take (issue 16): the institution sees the firm's contact and, under the firm's
/// authorisation, its credit report, and records the follow-up against the contact deadline; the firm sees who
/// took its demand, the officer's name and phone, and every step.
struct DemandPortals {
    func register(_ routes: any RoutesBuilder) {
        let bank = routes.grouped("bank", "demands")
        bank.get(":id", use: bankDemand)
        bank.post(":id", "follow-ups", use: followUp)
        bank.get(":id", "report", use: report)
        routes.grouped("firm", "demands").get(":id", use: firmDemand)
    }

    func progress(_ req: Request, _ demand: FinancingDemand, _ steps: [DemandFollowUp]) -> DemandProgress {
        DemandProgress(demand: demand, steps: steps, rules: req.platform.policy.demandFollowUp, today: req.platform.clock.today)
    }

    func bankDemand(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let (demand, steps) = try await Demands.detail(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        // The firm's registered contact: its active account holder.
        let contact = try await req.accounts.users(role: .enterprise, status: .active).first { $0.uscc == demand.uscc }
        // Checked only (nothing read, nothing logged): the link is offered when the report would be shown.
        let authorised = (try? await CreditReports.authorise(req.services, institution: try principal.requireInstitution(),
                                                             uscc: demand.uscc, purpose: .loanApplication)) != nil
        return Portal.html(BankDemandPage.render(.init(
            context: Portal.context(req, principal), demand: demand, firmName: try await req.registry.enterprise(demand.uscc)?.name,
            firmContact: contact?.displayName, firmPhone: contact?.phone, progress: progress(req, demand, steps),
            reportAuthorised: authorised)))
    }

    func followUp(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/bank/demands/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            struct Form: Content { var step: String?; var note: String? }
            let form = try req.content.decode(Form.self)
            guard let step = DemandFollowUpStep(rawValue: form.step ?? "") else {
                throw DomainError.invalidInput(field: "进展", reason: "请选择进展")
            }
            let record = try await Demands.followUp(req.services, principal, demandID: id, step: step, note: form.note ?? "")
            return Portal.done(req, to: back, "已登记：\(record.step.label)" + (record.step.isOutcome ? "，该需求已办结" : ""))
        }
    }

    func report(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let institution = try principal.requireInstitution()
        let (demand, _) = try await Demands.detail(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return try await BankPortal.creditReport(req, principal, institution, uscc: demand.uscc, purpose: .loanApplication,
                                                 action: "查阅信用报告（融资需求 #\(demand.id)）")
    }

    func firmDemand(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let (demand, steps) = try await Demands.detail(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        let names = Institution.names(try await req.accounts.institutions())
        return Portal.html(FirmDemandPage.render(.init(context: Portal.context(req, principal), demand: demand,
                                                       institutionName: demand.takenBy.flatMap { names[$0] },
                                                       progress: progress(req, demand, steps))))
    }
}
