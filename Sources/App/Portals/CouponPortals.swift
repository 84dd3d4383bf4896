import Domain
import Persistence
import Services
import Vapor
import Views

/// Digital credit coupons in the portals: the credit center's programmes, editor, budget and issuing; the firm's
/// 我的信用券 (claim, attach when applying, detach); the lender's redeemed coupons and settlement claims.
struct CouponPortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("console", "coupons", use: console)
        routes.post("console", "coupons", "save", use: save)
        routes.post("console", "coupons", ":id", "issue", use: issue)
        routes.get("firm", "coupons", use: firm)
        routes.post("firm", "coupons", "claim", use: claim)
        routes.post("firm", "coupons", "attach", use: attach)
        routes.post("firm", "coupons", ":id", "detach", use: detach)
        routes.get("bank", "coupons", use: bank)
        routes.post("bank", "coupons", "claims", use: fileClaim)
    }

    /// The coupon on an application for the lender's page: attached, or redeemed on its loan.
    static func applicationText(_ req: Request, applicationID: Int64, loanCoupon: LoanCoupon?) async throws -> String? {
        if let loanCoupon { return "已核销" + loanCoupon.text + "；让利利息由信用券预算结算，见“信用券结算”。" }
        guard let coupon = try await CouponWallet.onApplication(req.services, applicationID: applicationID) else { return nil }
        return "企业已为本申请使用信用券 \(coupon.number)（\(coupon.face.label)，有效期至 \(coupon.expiresOn)）：放款时按批准利率扣减后计息，预算不足时按批准利率放款。"
    }

    // MARK: Credit center

    func console(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let services = req.services
        var entries: [CouponProgrammesPage.Model.Entry] = []
        for p in try await CouponProgrammes.programmes(services) {
            entries.append(.init(programme: p, use: try await CouponProgrammes.budgetUse(services, principal, programme: p)))
        }
        let selectedID = try RequestInput.optionalID(req.query[String.self, at: "programme"], field: "programme")
        let institutions = Dictionary(try await services.accounts.institutions().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let products = try await services.productStore.products(status: .online).compactMap { p -> (id: Int64, label: String)? in
            guard let id = Int64(p.id) else { return nil }
            return (id, "\(institutions[Int64(p.institutionID) ?? 0] ?? "") · \(p.name)")
        }
        return Portal.html(CouponProgrammesPage.render(.init(
            context: Portal.context(req, principal), today: services.clock.today, programmes: entries,
            selected: entries.first { $0.programme.id == selectedID }?.programme, products: products)))
    }

    struct SaveForm: Content {
        var code: String?; var name: String?; var effective_from: String?; var budget_yuan: String?; var face_kind: String?
        var face_points: String?; var cap_yuan: String?; var grades: String?; var lists: [String]?; var qualifications: [String]?
        var industries: String?; var per_firm: String?; var issue_from: String?; var issue_until: String?; var expires_on: String?
        var products: [String]?; var note: String?
    }

    /// Hundredths from a decimal typed by a person (`0.2` → 20, `10` → 1000), bounded.
    static func hundredths(_ text: String?, field: String, max: Int64) throws -> Int64 {
        let t = (text ?? "").trimmingSpaces()
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard !t.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])), parts.count < 2 || parts[1].count <= 2,
              whole <= max / 100 else {
            throw DomainError.invalidInput(field: field, reason: "请填写数字，最多两位小数")
        }
        let fraction = parts.count == 2 ? Int64(String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        return whole * 100 + fraction
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == "，" || $0 == " " || $0 == "、" }).map { String($0).trimmingSpaces() }
            .filter { !$0.isEmpty }
    }

    func save(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.creditCenter])
        let form = try req.content.decode(SaveForm.self)
        return try await Portal.form(req, back: "/console/coupons#editor") { principal in
            let kind = form.face_kind ?? "rate_cut"
            let points = try Self.hundredths(form.face_points, field: "降息百分点或补贴比例", max: 1_000_000)
            let cap = (form.cap_yuan ?? "").trimmingSpaces().isEmpty ? nil : try Self.hundredths(form.cap_yuan, field: "每笔补贴上限", max: 10_000_000_000_000)
            let face = try CouponAPI.face(kind: kind, basisPoints: Int(points), capCents: cap)
            let budget = try Self.hundredths(form.budget_yuan, field: "预算", max: 10_000_000_000_000)
            guard let perFirm = Int((form.per_firm ?? "").trimmingSpaces()) else {
                throw DomainError.invalidInput(field: "每户限领", reason: "请填写整数")
            }
            let draft = CouponProgrammes.Draft(
                code: form.code ?? "", name: form.name ?? "", effectiveFrom: try RequestInput.optionalDay(form.effective_from, field: "生效日期"),
                budget: Cents(budget), face: face,
                eligibility: CouponEligibility(grades: Self.list(form.grades), lists: try CouponAPI.lists(form.lists ?? []),
                                               qualifications: form.qualifications ?? [], industries: Self.list(form.industries)),
                perFirm: perFirm, issueFrom: try CouponAPI.day(form.issue_from, "发放开始日"), issueUntil: try CouponAPI.day(form.issue_until, "发放截止日"),
                expiresOn: try CouponAPI.day(form.expires_on, "有效期至"),
                products: try (form.products ?? []).compactMap { try RequestInput.optionalID($0, field: "适用产品") }, note: form.note ?? "")
            let p = try await CouponProgrammes.save(req.services, principal, draft)
            return Portal.done(req, to: "/console/coupons?programme=\(p.id)", "已保存“\(p.name)”第 \(p.latest?.version ?? 1) 版，自 \(p.latest?.effectiveFrom ?? "") 起生效")
        }
    }

    func issue(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.creditCenter])
        struct Form: Content { var usccs: String? }
        let form = try req.content.decode(Form.self)
        return try await Portal.form(req, back: "/console/coupons") { principal in
            let list = Self.list(form.usccs?.replacingOccurrences(of: "\n", with: ",").replacingOccurrences(of: "\r", with: ""))
            let outcome = try await CouponIssuing.issue(req.services, principal, programmeID: req.parameters.get("id", as: Int64.self),
                                                        usccs: list.isEmpty ? nil : list)
            let refused = outcome.refused.prefix(5).map { "\($0.uscc)：" + $0.reasons.map(\.text).joined(separator: "，") }
            return Portal.done(req, to: "/console/coupons", "已发放 \(outcome.issued.count) 张；未发放 \(outcome.refused.count) 户"
                               + (refused.isEmpty ? "" : "（" + refused.joined(separator: "；") + (outcome.refused.count > 5 ? "……" : "") + "）"))
        }
    }

    // MARK: Firm

    func firm(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let uscc = try principal.requireEnterprise()
        let services = req.services
        let items = try await CouponWallet.mine(services, principal)
        let open = try await services.applicationStore.applications(uscc: uscc).items.filter { $0.state.status.isOpen }
        let offers = try await CouponIssuing.offers(services, principal)
        return Portal.html(FirmCouponsPage.render(.init(
            context: Portal.context(req, principal),
            coupons: items.map { .init(coupon: $0.coupon, status: $0.status, programmeName: $0.programmeName, products: $0.products,
                                       acceptsAll: $0.acceptsAll) },
            applications: open.map { .init(id: $0.id, label: "申请 #\($0.id) · \($0.productName) · \($0.requestedAmount.yuanText)") },
            offers: offers.map { .init(programmeID: $0.programme.id, name: $0.version.name, face: $0.version.face, expiresOn: $0.version.expiresOn,
                                       reasons: $0.reasons.map(\.text)) })))
    }

    func claim(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.enterprise])
        struct Form: Content { var programme: String? }
        let form = try req.content.decode(Form.self)
        return try await Portal.form(req, back: "/firm/coupons") { principal in
            let coupon = try await CouponIssuing.claim(req.services, principal, programmeID: try RequestInput.optionalID(form.programme, field: "项目"))
            return Portal.done(req, to: "/firm/coupons", "已领取信用券 \(coupon.number)（\(coupon.face.label)），有效期至 \(coupon.expiresOn)")
        }
    }

    func attach(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.enterprise])
        struct Form: Content { var coupon: String?; var application: String? }
        let form = try req.content.decode(Form.self)
        return try await Portal.form(req, back: "/firm/coupons") { principal in
            let coupon = try await CouponWallet.attach(req.services, principal, couponID: try RequestInput.optionalID(form.coupon, field: "信用券"),
                                                       applicationID: try RequestInput.optionalID(form.application, field: "融资申请"))
            return Portal.done(req, to: "/firm/coupons", "信用券 \(coupon.number) 已绑定\(coupon.target?.label ?? "申请")，放款时核销")
        }
    }

    func detach(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.enterprise])
        return try await Portal.form(req, back: "/firm/coupons") { principal in
            let coupon = try await CouponWallet.detach(req.services, principal, couponID: req.parameters.get("id", as: Int64.self))
            return Portal.done(req, to: "/firm/coupons", "信用券 \(coupon.number) 已解除绑定")
        }
    }

    // MARK: Lender

    func bank(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let services = req.services
        let redeemed = try await CouponSettlement.redeemed(services, principal, paging: Paging(page: 1, perPage: 200))
        let claims = try await CouponSettlement.claims(services, principal, paging: Paging(page: 1, perPage: 200))
        return Portal.html(BankCouponsPage.render(.init(
            context: Portal.context(req, principal), today: services.clock.today,
            redeemed: redeemed.items.map { .init(coupon: $0.coupon, firmName: $0.coupon.firmName, claimable: $0.claimable, installments: $0.installments) },
            claims: claims.items)))
    }

    func fileClaim(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.institutionAdmin, .institutionStaff])
        struct Form: Content { var coupon: String?; var amount_yuan: String?; var through: String? }
        let form = try req.content.decode(Form.self)
        return try await Portal.form(req, back: "/bank/coupons") { principal in
            let amount = try Self.hundredths(form.amount_yuan, field: "申领金额", max: 1_000_000_000_000)
            let claim = try await CouponSettlement.claim(req.services, principal, couponID: try RequestInput.optionalID(form.coupon, field: "信用券"),
                                                         through: try RequestInput.optionalDay(form.through, field: "结算截止日"), amount: Cents(amount))
            return claim.outcome == .accepted
                ? Portal.done(req, to: "/bank/coupons", "申领 #\(claim.id) 已核准：\(claim.reason)")
                : Portal.failed(req, to: "/bank/coupons", "申领 #\(claim.id) 不予核准：\(claim.reason)")
        }
    }
}
