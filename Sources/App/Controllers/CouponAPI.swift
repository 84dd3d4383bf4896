import Domain
import Persistence
import Services
import Vapor

/// Digital credit coupons (数字信用券) over the API: the credit center's programmes (each save a new version) and
/// issuing, the firm's wallet (claim, attach to an application, detach), the lender's redeemed coupons and settlement
/// claims. Amounts are integer cents, rates basis points.
struct CouponAPI {
    func register(_ api: any RoutesBuilder) {
        let coupons = api.grouped("coupons")
        coupons.get("programmes", use: programmes)
        coupons.post("programmes", use: save)
        coupons.get("programmes", ":id", use: programme)
        coupons.post("programmes", ":id", "issue", use: issue)
        coupons.post("programmes", ":id", "claim", use: claim)
        coupons.get(use: mine)
        coupons.get("offers", use: offers)
        coupons.post(":id", "attach", use: attach)
        coupons.post(":id", "detach", use: detach)
        coupons.get("redeemed", use: redeemed)
        coupons.get("claims", use: claims)
        coupons.post(":id", "claims", use: fileClaim)
    }

    // MARK: DTOs

    struct FaceDTO: Content {
        var kind: String; var basisPoints: Int; var capCents: Int64?
        init(_ f: CouponFace) { kind = f.kind; basisPoints = f.basisPoints; capCents = f.cap?.value }
    }

    struct EligibilityDTO: Content {
        var grades: [String]; var lists: [String]; var qualifications: [String]; var industries: [String]
        init(_ e: CouponEligibility) {
            grades = e.grades; lists = e.lists.map(\.rawValue); qualifications = e.qualifications; industries = e.industries
        }
    }

    struct VersionDTO: Content {
        var version: Int; var effectiveFrom: String; var name: String; var budgetCents: Int64; var face: FaceDTO
        var eligibility: EligibilityDTO; var perFirm: Int; var issueFrom: String; var issueUntil: String; var expiresOn: String
        var products: [Int64]; var note: String
        init(_ v: CouponProgrammeVersion) {
            version = v.version; effectiveFrom = v.effectiveFrom; name = v.name; budgetCents = v.budget.value; face = FaceDTO(v.face)
            eligibility = EligibilityDTO(v.eligibility); perFirm = v.perFirm; issueFrom = v.issueFrom.description
            issueUntil = v.issueUntil.description; expiresOn = v.expiresOn.description; products = v.products; note = v.note
        }
    }

    struct BudgetDTO: Content {
        var budgetCents: Int64; var chargedCents: Int64; var remainingCents: Int64; var settledCents: Int64
        var issued: Int; var held: Int; var attached: Int; var redeemed: Int; var settled: Int; var expired: Int
        init(_ u: CouponBudgetUse) {
            budgetCents = u.budget.value; chargedCents = u.charged.value; remainingCents = u.remaining.value
            settledCents = u.settledAmount.value; issued = u.issued; held = u.held; attached = u.attached; redeemed = u.redeemed
            settled = u.settled; expired = u.expired
        }
    }

    struct ProgrammeDTO: Content {
        var id: Int64; var code: String; var versions: [VersionDTO]; var budget: BudgetDTO?
    }

    struct TargetDTO: Content { var kind: String; var id: Int64 }

    struct RedemptionDTO: Content {
        var loanID: Int64; var applicationID: Int64; var institutionID: Int64; var disbursedOn: String
        var contractRateBasisPoints: Int; var rateBasisPoints: Int; var estimatedCostCents: Int64; var capCents: Int64?
        var lineID: Int64?; var drawID: Int64?; var drawAmountCents: Int64?
    }

    struct CouponDTO: Content {
        var id: Int64; var number: String; var programmeID: Int64; var programmeCode: String; var version: Int; var status: String
        var face: FaceDTO; var issuedOn: String; var expiresOn: String; var target: TargetDTO?; var redemption: RedemptionDTO?
        var settledCents: Int64
        init(_ c: Coupon, status: CouponStatus) {
            id = c.id; number = c.number; programmeID = c.programmeID; programmeCode = c.programmeCode; version = c.version
            self.status = status.rawValue; face = FaceDTO(c.face); issuedOn = c.issuedOn.description; expiresOn = c.expiresOn.description
            target = c.target.map { TargetDTO(kind: $0.kind, id: $0.id) }
            redemption = c.redemption.map {
                RedemptionDTO(loanID: $0.loanID, applicationID: $0.applicationID, institutionID: $0.institutionID,
                              disbursedOn: $0.disbursedOn.description, contractRateBasisPoints: $0.contractRate.basisPoints,
                              rateBasisPoints: $0.rate.basisPoints, estimatedCostCents: $0.estimatedCost.value, capCents: $0.cap?.value,
                              lineID: $0.lineID, drawID: $0.drawID, drawAmountCents: $0.drawAmount?.value)
            }
            settledCents = c.settled.value
        }
    }

    struct WalletItemDTO: Content {
        var coupon: CouponDTO; var programmeName: String; var acceptsAllProducts: Bool; var products: [String]
    }

    struct ReasonDTO: Content { var code: String; var text: String }

    // MARK: Programmes (credit center)

    func programmes(_ req: Request) async throws -> [ProgrammeDTO] {
        let principal = try req.principal(in: [.creditCenter])
        var out: [ProgrammeDTO] = []
        for p in try await CouponProgrammes.programmes(req.services) {
            out.append(ProgrammeDTO(id: p.id, code: p.code, versions: p.versions.map(VersionDTO.init),
                                    budget: BudgetDTO(try await CouponProgrammes.budgetUse(req.services, principal, programme: p))))
        }
        return out
    }

    func programme(_ req: Request) async throws -> ProgrammeDTO {
        let principal = try req.principal(in: [.creditCenter])
        let p = try await CouponProgrammes.programme(req.services, id: req.parameters.get("id", as: Int64.self))
        return ProgrammeDTO(id: p.id, code: p.code, versions: p.versions.map(VersionDTO.init),
                            budget: BudgetDTO(try await CouponProgrammes.budgetUse(req.services, principal, programme: p)))
    }

    struct SaveBody: Content {
        var code: String; var name: String; var effectiveFrom: String?; var budgetCents: Int64; var faceKind: String
        var faceBasisPoints: Int; var capCents: Int64?; var grades: [String]?; var lists: [String]?; var qualifications: [String]?
        var industries: [String]?; var perFirm: Int; var issueFrom: String; var issueUntil: String; var expiresOn: String
        var products: [Int64]?; var note: String?
    }

    static func face(kind: String, basisPoints: Int, capCents: Int64?) throws -> CouponFace {
        switch kind {
        case "rate_cut": return .rateCut(basisPoints: basisPoints)
        case "interest_share": return .interestShare(basisPoints: basisPoints, cap: Cents(capCents ?? 0))
        default: throw DomainError.invalidInput(field: "faceKind", reason: "面值类型应为 rate_cut（降息）或 interest_share（利息补贴）")
        }
    }

    static func lists(_ raw: [String]) throws -> [CouponList] {
        try raw.map { code in
            guard let list = CouponList(rawValue: code) else {
                throw DomainError.invalidInput(field: "lists", reason: "名单应为 recommended（推荐清单）或 red_list（守信激励名单）")
            }
            return list
        }
    }

    static func day(_ text: String?, _ field: String) throws -> Day {
        guard let day = try RequestInput.optionalDay(text, field: field) else {
            throw DomainError.invalidInput(field: field, reason: "请填写日期（YYYY-MM-DD）")
        }
        return day
    }

    func save(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let b = try req.content.decode(SaveBody.self)
        guard (0...10_000_000_000_000).contains(b.budgetCents) else {
            throw DomainError.invalidInput(field: "budgetCents", reason: "预算超出范围")
        }
        let draft = CouponProgrammes.Draft(
            code: b.code, name: b.name, effectiveFrom: try RequestInput.optionalDay(b.effectiveFrom, field: "effectiveFrom"),
            budget: Cents(b.budgetCents), face: try Self.face(kind: b.faceKind, basisPoints: b.faceBasisPoints, capCents: b.capCents),
            eligibility: CouponEligibility(grades: b.grades ?? [], lists: try Self.lists(b.lists ?? []), qualifications: b.qualifications ?? [],
                                           industries: b.industries ?? []),
            perFirm: b.perFirm, issueFrom: try Self.day(b.issueFrom, "issueFrom"), issueUntil: try Self.day(b.issueUntil, "issueUntil"),
            expiresOn: try Self.day(b.expiresOn, "expiresOn"), products: b.products ?? [], note: b.note ?? "")
        let p = try await CouponProgrammes.save(req.services, principal, draft)
        return try await ProgrammeDTO(id: p.id, code: p.code, versions: p.versions.map(VersionDTO.init), budget: nil)
            .encodeResponse(status: .created, for: req)
    }

    struct IssueBody: Content { var usccs: [String]? }
    struct IssueResponse: Content {
        var issued: [CouponDTO]; var refused: [Refusal]
        struct Refusal: Content { var uscc: String; var reasons: [ReasonDTO] }
    }

    func issue(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(IssueBody.self)
        if let list = body.usccs, list.count > CouponIssuing.maxBulk {
            throw DomainError.invalidInput(field: "usccs", reason: "一次最多向 \(CouponIssuing.maxBulk) 户企业发放")
        }
        let outcome = try await CouponIssuing.issue(req.services, principal, programmeID: req.parameters.get("id", as: Int64.self),
                                                    usccs: body.usccs)
        return try await IssueResponse(issued: outcome.issued.map { CouponDTO($0, status: .held) },
                                       refused: outcome.refused.map { .init(uscc: $0.uscc, reasons: $0.reasons.map { .init(code: $0.code, text: $0.text) }) })
            .encodeResponse(status: .created, for: req)
    }

    // MARK: Firm

    func claim(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let coupon = try await CouponIssuing.claim(req.services, principal, programmeID: req.parameters.get("id", as: Int64.self))
        return try await CouponDTO(coupon, status: .held).encodeResponse(status: .created, for: req)
    }

    func mine(_ req: Request) async throws -> [WalletItemDTO] {
        let principal = try req.principal(in: [.enterprise])
        return try await CouponWallet.mine(req.services, principal).map {
            WalletItemDTO(coupon: CouponDTO($0.coupon, status: $0.status), programmeName: $0.programmeName, acceptsAllProducts: $0.acceptsAll,
                          products: $0.products)
        }
    }

    struct OfferDTO: Content {
        var programmeID: Int64; var name: String; var version: VersionDTO; var eligible: Bool; var reasons: [ReasonDTO]
    }

    func offers(_ req: Request) async throws -> [OfferDTO] {
        let principal = try req.principal(in: [.enterprise])
        return try await CouponIssuing.offers(req.services, principal).map {
            OfferDTO(programmeID: $0.programme.id, name: $0.version.name, version: VersionDTO($0.version), eligible: $0.reasons.isEmpty,
                     reasons: $0.reasons.map { .init(code: $0.code, text: $0.text) })
        }
    }

    struct AttachBody: Content { var applicationID: Int64 }

    func attach(_ req: Request) async throws -> CouponDTO {
        let principal = try req.principal(in: [.enterprise])
        let body = try req.content.decode(AttachBody.self)
        let coupon = try await CouponWallet.attach(req.services, principal, couponID: req.parameters.get("id", as: Int64.self),
                                                   applicationID: body.applicationID)
        return CouponDTO(coupon, status: .attached)
    }

    func detach(_ req: Request) async throws -> CouponDTO {
        let principal = try req.principal(in: [.enterprise])
        let coupon = try await CouponWallet.detach(req.services, principal, couponID: req.parameters.get("id", as: Int64.self))
        return CouponDTO(coupon, status: coupon.status(on: req.services.clock.today))
    }

    // MARK: Lenders

    struct RedeemedDTO: Content { var coupon: CouponDTO; var claimableCents: Int64; var installmentsCollected: Int }

    func redeemed(_ req: Request) async throws -> PageResponse<RedeemedDTO> {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff, .creditCenter])
        let page = try await CouponSettlement.redeemed(req.services, principal, paging: try req.paging())
        return PageResponse(ResultPage(items: page.items.map {
            RedeemedDTO(coupon: CouponDTO($0.coupon, status: $0.coupon.storedStatus), claimableCents: $0.claimable.value,
                        installmentsCollected: $0.installments)
        }, page: page.page, perPage: page.perPage, total: page.total))
    }

    struct ClaimDTO: Content {
        var id: Int64; var couponID: Int64; var loanID: Int64; var lineID: Int64?; var institutionID: Int64; var through: String
        var claimedCents: Int64; var entitledCents: Int64; var installments: Int; var outcome: String; var reason: String; var filedOn: String
        init(_ c: CouponClaim) {
            id = c.id; couponID = c.couponID; loanID = c.loanID; lineID = c.lineID; institutionID = c.institutionID; through = c.through.description
            claimedCents = c.claimed.value; entitledCents = c.entitled.value; installments = c.installments; outcome = c.outcome.rawValue
            reason = c.reason; filedOn = c.filedOn.description
        }
    }

    func claims(_ req: Request) async throws -> PageResponse<ClaimDTO> {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff, .creditCenter])
        let page = try await CouponSettlement.claims(req.services, principal, paging: try req.paging())
        return PageResponse(ResultPage(items: page.items.map(ClaimDTO.init), page: page.page, perPage: page.perPage, total: page.total))
    }

    struct ClaimBody: Content { var amountCents: Int64; var through: String? }

    func fileClaim(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let body = try req.content.decode(ClaimBody.self)
        guard (1...1_000_000_000_000).contains(body.amountCents) else {
            throw DomainError.invalidInput(field: "amountCents", reason: "申领金额须为正数且不超过一百亿元")
        }
        let claim = try await CouponSettlement.claim(req.services, principal, couponID: req.parameters.get("id", as: Int64.self),
                                                     through: try RequestInput.optionalDay(body.through, field: "through"),
                                                     amount: Cents(body.amountCents))
        return try await ClaimDTO(claim).encodeResponse(status: .created, for: req)
    }
}
