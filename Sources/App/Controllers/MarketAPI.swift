import Domain
import Persistence
import Services
import Vapor
import Views

/// The marketplace over the API, for banks' loan systems and firms' own tools: products, the authorised
/// credit report, applications and their decisions, loans and repayment reports (one by one or as a CSV
/// batch), demands, authorisations and the access log. Same actions as the portals (`MarketActions`).
struct MarketAPI {
    func register(_ api: any RoutesBuilder) {
        api.get("products", use: products)
        api.get("enterprises", ":uscc", "report", use: report)
        api.get("applications", use: applications)
        api.post("applications", use: apply)
        api.get("applications", ":id", use: application)
        api.post("applications", ":id", "events", use: event)
        api.post("applications", ":id", "contract-code", use: contractCode)
        api.get("applications", ":id", "contract.pdf", use: contractPDF)
        api.get("loans", use: loans)
        api.get("loans", ":id", use: loan)
        api.post("loans", ":id", "repayments", use: repay)
        api.on(.POST, "loans", "repayments", body: .collect(maxSize: "32mb"), use: repaymentBatch)
        api.post("loans", ":id", "classification", use: reportClass)
        api.get("demands", use: demands)
        api.post("demands", ":id", "take", use: take)
        api.get("demands", ":id", use: demand)
        api.post("demands", ":id", "follow-ups", use: followUp)
        api.get("authorisations", use: authorisations)
        api.post("authorisations", use: authorise)
        api.post("authorisations", ":id", "revoke", use: revoke)
        api.get("access-log", use: accessLog)
        api.get("access-log", ":id", "proof", use: accessProof)
        api.get("commitments", use: commitments)
        api.post("commitments", use: signCommitment)
    }

    /// The firm's commitments, newest first (only the latest may be in force).
    func commitments(_ req: Request) async throws -> [CommitmentStore.Signed] {
        try await req.commitmentStore.commitments(uscc: try req.principal().requireEnterprise())
    }

    struct SignBody: Content { var signer: String; var templateVersion: Int? }

    /// Signs the current commitment template for the firm.
    func signCommitment(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        _ = try principal.requireEnterprise()
        let body = try req.content.decode(SignBody.self)
        try await Commitments.sign(req.services, principal, signer: body.signer, version: body.templateVersion)
        guard let signed = try await req.commitmentStore.commitments(uscc: try principal.requireEnterprise()).first else {
            throw DomainError.notFound("刚签署的承诺书")
        }
        return try await signed.encodeResponse(status: .created, for: req)
    }

    func products(_ req: Request) async throws -> [LoanProduct] {
        _ = try req.principal()
        return try await req.services.readCache.onlineProducts(req.services)
    }

    struct ReportResponse: Content {
        let uscc: String
        let authorisationID: String
        let authorisedCategories: [String]
        let profile: EnterpriseController.ProfileResponse
    }

    /// The authorised credit report; 403 with the reasons when no valid authorisation covers the caller.
    /// Answers `ReportResponse`, assembled around the profile JSON kept by the read cache.
    func report(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let institution = try principal.requireInstitution()
        let uscc = try EnterpriseController.uscc(req)
        let purpose = AuthorisationPurpose(rawValue: req.query[String.self, at: "purpose"] ?? "") ?? .loanApplication
        let (authorisation, categories, profile) = try await CreditReports.json(
            req.services, institution: institution, actor: principal.displayName, uscc: uscc, purpose: purpose, action: "接口查询信用报告")
        struct Head: Encodable { let uscc: String; let authorisationID: String; let authorisedCategories: [String] }
        var body = ByteBuffer()
        var headers = HTTPHeaders()
        try ContentConfiguration.global.requireEncoder(for: .json)
            .encode(Head(uscc: uscc, authorisationID: authorisation.id, authorisedCategories: categories), to: &body, headers: &headers)
        // {"uscc":…,"authorisedCategories":[…]} becomes {…,"profile":<cached profile>}.
        guard body.getInteger(at: body.writerIndex - 1, as: UInt8.self) == UInt8(ascii: "}") else {
            throw Abort(.internalServerError, reason: "报告头部编码异常")
        }
        body.moveWriterIndex(to: body.writerIndex - 1)
        body.writeStaticString(",\"profile\":")
        var cached = profile
        body.writeBuffer(&cached)
        body.writeStaticString("}")
        return .json(body)
    }

    struct ApplicationResponse: Content {
        let application: ApplicationStore.Stored
        let steps: [ApplicationStore.Step]
    }

    func applications(_ req: Request) async throws -> PageResponse<ApplicationStore.Stored> {
        let principal = try req.principal()
        let paging = try req.paging()
        switch principal.role {
        case .institutionAdmin, .institutionStaff:
            let status = ApplicationStatus(rawValue: req.query[String.self, at: "status"] ?? "")
            return PageResponse(try await req.applicationStore.applications(
                institutionID: try principal.requireInstitution().id, status: status, paging: paging))
        case .enterprise:
            return PageResponse(try await req.applicationStore.applications(uscc: try principal.requireEnterprise(), paging: paging))
        default:
            throw DomainError.forbidden("仅金融机构和企业用户可查看贷款申请")
        }
    }

    struct ApplyBody: Content {
        var productID: Int64
        var amountCents: Int64
        var termMonths: Int
        var method: RepaymentMethod?
        var purpose: String
    }

    func apply(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let uscc = try principal.requireEnterprise()
        let body = try req.content.decode(ApplyBody.self)
        try await Commitments.requireInForce(req.services, uscc: uscc)
        let submitted = try await MarketActions.apply(req.services, principal, .init(
            productID: body.productID, amount: Cents(body.amountCents), termMonths: body.termMonths, method: body.method,
            purpose: body.purpose))
        let response = ApplicationResponse(application: submitted.application, steps: submitted.steps)
        return try await response.encodeResponse(status: .created, for: req)
    }

    func application(_ req: Request) async throws -> ApplicationResponse {
        let principal = try req.principal()
        let stored = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return ApplicationResponse(application: stored, steps: try await req.applicationStore.steps(applicationID: stored.id))
    }

    struct EventBody: Content {
        var action: ApplicationAction
        var amountCents: Int64?
        var rateBasisPoints: Int?
        var termMonths: Int?
        var method: RepaymentMethod?
        var reason: String?
        /// The one-time code sent to the firm's phone (sign_contract).
        var code: String?
        /// The disbursement day, `YYYY-MM-DD` (default today).
        var day: String?
    }

    /// One step of the application's state machine; an illegal step is 409 with the state and the action.
    func event(_ req: Request) async throws -> ApplicationResponse {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff, .enterprise])
        let body = try req.content.decode(EventBody.self)
        func terms() throws -> LoanTerms {
            guard let amount = body.amountCents, let rate = body.rateBasisPoints, let term = body.termMonths, let method = body.method else {
                throw DomainError.invalidInput(field: "amountCents/rateBasisPoints/termMonths/method", reason: "批准须给出金额、利率、期限和还款方式")
            }
            return LoanTerms(amount: Cents(amount), rate: AnnualRate(basisPoints: rate), termMonths: term, method: method)
        }
        let event: ApplicationEvent = switch body.action {
        case .accept: .accept
        case .approve: .approve(try terms())
        case .reject: .reject(reason: body.reason ?? "")
        case .withdraw: .withdraw
        case .cancel: .cancel(reason: body.reason ?? "")
        case .signContract: .signContract
        case .disburse: .disburse
        case .settle, .autoApprove: throw DomainError.forbidden("该步骤由平台自动完成")
        }
        if event == .signContract {
            let stored = try await Contracts.sign(req.services, principal, applicationID: req.parameters.get("id", as: Int64.self),
                                                  factor: .code(body.code), render: ContractPDF.render)
            return ApplicationResponse(application: stored, steps: try await req.applicationStore.steps(applicationID: stored.id))
        }
        var day = req.platform.clock.today
        if let text = body.day { day = try Validate.day(text, field: "day") }
        let stored = try await MarketActions.act(req.services, principal, id: req.parameters.get("id", as: Int64.self), event: event,
                                                 disbursedOn: day, note: body.reason ?? "")
        return ApplicationResponse(application: stored, steps: try await req.applicationStore.steps(applicationID: stored.id))
    }

    struct CodeSent: Content { var sentTo: String; var validSeconds: Int }

    /// Sends the firm the one-time code that signs the approved application's contract.
    func contractCode(_ req: Request) async throws -> CodeSent {
        let principal = try req.principal(in: [.enterprise])
        let masked = try await Contracts.sendCode(req.services, principal, applicationID: req.parameters.get("id", as: Int64.self))
        return CodeSent(sentTo: masked, validSeconds: Int(OneTimeCodes.rules.validity))
    }

    /// The signed contract as PDF, for the firm, its lender and the credit center; its SHA-256 in X-Content-SHA256.
    func contractPDF(_ req: Request) async throws -> Response {
        try await ContractDownload.response(req, try req.principal())
    }

    struct LoanResponse: Content {
        let loan: LoanStore.Stored
        let amountDue: Cents
        let payoffAmount: Cents
    }

    func loanResponse(_ loan: LoanStore.Stored, today: Day) -> LoanResponse {
        let position = loan.ledger.position(asOf: today)
        return LoanResponse(loan: loan, amountDue: position.amountDue, payoffAmount: position.payoffAmount)
    }

    func loans(_ req: Request) async throws -> [LoanStore.Stored] {
        let principal = try req.principal()
        switch principal.role {
        case .institutionAdmin, .institutionStaff:
            return try await req.loanStore.loans(institutionID: try principal.requireInstitution().id,
                                                 overdueOnly: req.query[Bool.self, at: "overdue"] ?? false)
        case .enterprise: return try await req.loanStore.loans(uscc: try principal.requireEnterprise())
        default: throw DomainError.forbidden("仅金融机构和企业用户可查看贷款")
        }
    }

    func loan(_ req: Request) async throws -> LoanResponse {
        loanResponse(try await MarketActions.loan(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self)), today: req.platform.clock.today)
    }

    struct RepaymentBody: Content { var day: String; var amountCents: Int64 }

    func repay(_ req: Request) async throws -> LoanResponse {
        let principal = try req.principal()
        _ = try principal.requireInstitution()
        let body = try req.content.decode(RepaymentBody.self)
        guard body.amountCents > 0 else { throw DomainError.invalidInput(field: "amountCents", reason: "须大于 0") }
        return loanResponse(try await MarketActions.repay(req.services, principal, loanID: req.parameters.get("id", as: Int64.self),
                                                          day: try Validate.day(body.day, field: "day"), amount: Cents(body.amountCents)), today: req.platform.clock.today)
    }

    struct ClassBody: Content { var classification: LoanClass }

    /// The lender reports the loan's five-tier class (e.g. 可疑 for a borrower in trouble): the loan is never
    /// classified better than the report, and worse when its overdue days say so.
    func reportClass(_ req: Request) async throws -> LoanResponse {
        let principal = try req.principal()
        _ = try principal.requireInstitution()  // who may send it, before the body is read
        let body = try req.content.decode(ClassBody.self)
        return loanResponse(try await MarketActions.reportClass(req.services, principal, loanID: req.parameters.get("id", as: Int64.self),
                                                                body.classification), today: req.platform.clock.today)
    }

    /// A CSV of repayments (`loan_id,day,amount_cents`, header first); see `RepaymentBatch`.
    func repaymentBatch(_ req: Request) async throws -> RepaymentBatch.Result {
        let principal = try req.principal()
        _ = try principal.requireInstitution()
        return try await RepaymentBatch.record(req.services, principal, csv: req.body.string ?? "")
    }

    func demands(_ req: Request) async throws -> [FinancingDemand] {
        let principal = try req.principal()
        switch principal.role {
        case .institutionAdmin, .institutionStaff: return try await req.demandStore.pool(institutionID: try principal.requireInstitution().id)
        case .enterprise: return try await req.demandStore.demands(uscc: try principal.requireEnterprise())
        default: throw DomainError.forbidden("仅金融机构和企业用户可查看融资需求")
        }
    }

    func take(_ req: Request) async throws -> FinancingDemand {
        try await Demands.take(req.services, try req.principal(), demandID: req.parameters.get("id", as: Int64.self))
    }

    struct DemandResponse: Content {
        var demand: FinancingDemand
        var followUps: [DemandFollowUp]
        /// The last day for the first contact, once taken.
        var contactDeadline: String?
        var contactOverdue: Bool
    }

    /// A demand with its follow-up, for the firm that published it and the institution that took it.
    func demand(_ req: Request) async throws -> DemandResponse {
        let (demand, steps) = try await Demands.detail(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self))
        let rules = req.platform.policy.demandFollowUp
        return DemandResponse(demand: demand, followUps: steps, contactDeadline: demand.takenAt.map { rules.contactDeadline(takenAt: $0).description },
                              contactOverdue: rules.isContactOverdue(demand, steps: steps, today: req.platform.clock.today))
    }

    struct FollowUpBody: Content { var step: DemandFollowUpStep; var note: String? }

    /// The taking institution records a step: contacted, visited, applied (closes), declined with a reason (closes).
    func followUp(_ req: Request) async throws -> Response {
        // Who is asking, before the body is read.
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let body = try req.content.decode(FollowUpBody.self)
        let record = try await Demands.followUp(req.services, principal, demandID: req.parameters.get("id", as: Int64.self),
                                                step: body.step, note: body.note ?? "")
        return try await record.encodeResponse(status: .created, for: req)
    }

    func authorisations(_ req: Request) async throws -> [Authorisation] {
        try await req.authorisationStore.authorisations(uscc: try req.principal().requireEnterprise())
    }

    struct AuthoriseBody: Content {
        var institutions: [String]?
        var categories: [String]
        var purposes: [String]
        var validUntil: String
    }

    func authorise(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        _ = try principal.requireEnterprise()  // who may send it, before the body is read
        let body = try req.content.decode(AuthoriseBody.self)
        let stored = try await Authorisations.sign(req.services, principal, .init(
            institutions: body.institutions ?? ["all"], categories: body.categories, purposes: body.purposes,
            validUntil: try Validate.day(body.validUntil, field: "validUntil")))
        return try await stored.encodeResponse(status: .created, for: req)
    }

    func revoke(_ req: Request) async throws -> Authorisation {
        try await Authorisations.revoke(req.services, try req.principal(), id: req.parameters.get("id", as: Int64.self))
    }

    /// The firm checks that one access to its data is in the transparency log.
    func accessProof(_ req: Request) async throws -> AccessProof {
        let uscc = try req.principal().requireEnterprise()
        guard let id = req.parameters.get("id", as: Int64.self) else { throw DomainError.notFound("该查询记录") }
        return try await AccessProofs.prove(req.services, uscc: uscc, accessID: id)
    }

    func accessLog(_ req: Request) async throws -> PageResponse<AuthorisationStore.Access> {
        let principal = try req.principal()
        let uscc: String
        if principal.role == .creditCenter, let asked = req.query[String.self, at: "uscc"] { uscc = asked } else {
            uscc = try principal.requireEnterprise()
        }
        return PageResponse(try await req.authorisationStore.accesses(uscc: uscc, paging: try req.paging()))
    }
}

extension LoanProduct: Content {}
extension CommitmentStore.Signed: Content {}
extension FinancingDemand: Content {}
extension Authorisation: Content {}
extension ApplicationStore.Stored: Content {}
extension ApplicationStore.Step: Content {}
extension DemandFollowUp: Content {}
extension LoanStore.Stored: Content {}
extension AuthorisationStore.Access: Content {}

extension RepaymentBatch.Result: Content {}
extension RepaymentBatch.Problem: Content {}
