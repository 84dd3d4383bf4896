import Domain
import Persistence
import Services
import Vapor
import Views

/// Pre-approved revolving credit in the portals: the bank's runs (with the form to start one), each run's offers
/// (paged, and as CSV) and its lines; the firm's offers and lines, with accept, draw and repay.
struct CreditLinePortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("bank", "preapprovals", use: runs)
        routes.post("bank", "preapprovals", use: startRun)
        routes.get("bank", "preapprovals", ":id", use: runPage)
        routes.get("bank", "preapprovals", ":id", "offers.csv", use: offersCSV)
        routes.get("bank", "credit-lines", use: bankLines)
        routes.get("bank", "credit-lines", ":id", use: bankLine)
        routes.get("firm", "credit-lines", use: firmLines)
        routes.post("firm", "preapproval-offers", ":id", "accept", use: accept)
        routes.post("firm", "credit-lines", ":id", "draw", use: draw)
        routes.post("firm", "credit-lines", ":id", "repay", use: repay)
    }

    static let bank: Set<Role> = [.institutionAdmin, .institutionStaff]

    // MARK: Bank

    func runs(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bank)
        let institution = try principal.requireInstitution()
        let products = try await req.services.productStore.products(institutionID: institution.id).filter { $0.status == .online }
        return Portal.html(BankPreapprovalsPage.render(.init(
            context: Portal.context(req, principal), runs: try await Preapprovals.runs(req.services, principal), products: products,
            today: req.services.clock.today)))
    }

    /// One band a line: key (a grade, or a probability's upper bound in %), the maximum limit in yuan, the lowest and
    /// highest rate in %, the term in months.
    static func bands(_ text: String, basis: PreapprovalTable.Basis) throws -> [PreapprovalTable.Band] {
        var out: [PreapprovalTable.Band] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let cells = line.replacingOccurrences(of: "，", with: ",").split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingSpaces() }
            if cells.allSatisfy(\.isEmpty) { continue }
            let field = "授信档第 \(index + 1) 行"
            guard cells.count == 5, let term = Int(cells[4]) else {
                throw DomainError.invalidInput(field: field, reason: "应为“等级或概率上限, 最高额度（元）, 最低利率（%）, 最高利率（%）, 期限（月）”")
            }
            var grade: String?, upTo: DefaultProbability?
            switch basis {
            case .grade: grade = cells[0]
            case .probability:
                guard let p = DefaultProbability(text: cells[0].hasSuffix("%") ? cells[0] : cells[0] + "%") else {
                    throw DomainError.invalidInput(field: field, reason: "违约概率上限应为百分数，如 0.5")
                }
                upTo = p
            }
            out.append(.init(grade: grade, upTo: upTo, maxLimit: try Money.cents(cells[1], field: field),
                             rates: RateRange(minBasisPoints: try Money.basisPoints(cells[2], field: field),
                                              maxBasisPoints: try Money.basisPoints(cells[3], field: field)),
                             termMonths: term))
            guard out.count <= PreapprovalTable.maxBands else {
                throw DomainError.invalidInput(field: "授信档", reason: "最多 \(PreapprovalTable.maxBands) 档")
            }
        }
        return out
    }

    func startRun(_ req: Request) async throws -> Response {
        _ = try req.principal(in: Self.bank)
        struct Form: Content {
            var product_id: String?; var valid_until: String?; var require_recommended: String?; var source: String?; var basis: String?
            var ceiling: String?; var bands: String?; var probabilities: String?
        }
        let form = try req.content.decode(Form.self)
        return try await Portal.form(req, back: "/bank/preapprovals") { principal in
            guard let productID = try RequestInput.optionalID(form.product_id, field: "产品") else {
                throw DomainError.invalidInput(field: "产品", reason: "请选择产品")
            }
            guard let source = ProbabilitySource(rawValue: form.source ?? ""), let basis = PreapprovalTable.Basis(rawValue: form.basis ?? "") else {
                throw DomainError.invalidInput(field: "违约概率来源/授信表", reason: "请选择")
            }
            guard let validUntil = try RequestInput.optionalDay(form.valid_until, field: "要约有效期") else {
                throw DomainError.invalidInput(field: "要约有效期", reason: "请填写日期")
            }
            guard let ceiling = DefaultProbability(text: (form.ceiling ?? "").trimmingSpaces() + "%") else {
                throw DomainError.invalidInput(field: "违约概率上限", reason: "应为百分数，如 5")
            }
            let table = PreapprovalTable(basis: basis, bands: try Self.bands(form.bands ?? "", basis: basis), ceiling: ceiling)
            let probabilities = source == .uploaded ? try Preapprovals.parseProbabilities(form.probabilities ?? "") : [:]
            let run = try await Preapprovals.run(req.services, principal, .init(
                productID: productID, validUntil: validUntil, requireRecommended: form.require_recommended == "1", source: source,
                table: table, probabilities: probabilities))
            return Portal.done(req, to: "/bank/preapprovals/\(run.id)",
                               "预授信批次 #\(run.id) 已完成：\(run.offers) 家企业获得预授信，合计 \(run.offeredTotal.wanYuanText)")
        }
    }

    func runPage(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bank)
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        let (run, page) = try await Preapprovals.offers(req.services, principal, runID: id, paging: try req.paging())
        return Portal.html(BankPreapprovalRunPage.render(.init(
            context: Portal.context(req, principal), run: run, offers: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/bank/preapprovals/\(run.id)"),
            today: req.services.clock.today)))
    }

    func offersCSV(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bank)
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id")
        let csv = try await Preapprovals.offersCSV(req.services, principal, runID: id)
        let response = Response(status: .ok, body: .init(string: csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "preapproval-\(id ?? 0)-offers.csv")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    func bankLines(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bank)
        let page = try await CreditLines.lines(req.services, principal, paging: try req.paging())
        let today = req.services.clock.today, thresholds = req.services.platform.policy.classification
        return Portal.html(BankCreditLinesPage.render(.init(
            context: Portal.context(req, principal),
            lines: page.items.map { CreditLineSummary(line: $0.line, asOf: today, thresholds: thresholds) },
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/bank/credit-lines"))))
    }

    func bankLine(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: Self.bank)
        let stored = try await CreditLines.line(req.services, principal, id: try RequestInput.optionalID(req.parameters.get("id"), field: "id"))
        return Portal.html(BankCreditLinePage.render(.init(
            context: Portal.context(req, principal),
            line: CreditLineSummary(line: stored.line, asOf: req.services.clock.today, thresholds: req.services.platform.policy.classification))))
    }

    // MARK: Firm

    func firmLines(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let today = req.services.clock.today, thresholds = req.services.platform.policy.classification
        let lines = try await CreditLines.firmLines(req.services, principal)
        var coupons: [Int64: [FirmCreditLinesPage.UsableCoupon]] = [:]
        for stored in lines where stored.line.position(asOf: today).status == .active {
            coupons[stored.line.id] = try await CreditLines.usableCoupons(req.services, principal, line: stored.line).map {
                .init(id: $0.coupon.id, number: $0.coupon.number, face: $0.coupon.face, expiresOn: $0.coupon.expiresOn)
            }
        }
        return Portal.html(FirmCreditLinesPage.render(.init(
            context: Portal.context(req, principal), offers: try await Preapprovals.openOffers(req.services, principal),
            lines: lines.map { CreditLineSummary(line: $0.line, asOf: today, thresholds: thresholds) }, today: today, coupons: coupons)))
    }

    func accept(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.enterprise])
        return try await Portal.form(req, back: "/firm/credit-lines") { principal in
            let stored = try await CreditLines.accept(req.services, principal, offerID: try RequestInput.optionalID(req.parameters.get("id"), field: "id"))
            return Portal.done(req, to: "/firm/credit-lines", "已接受预授信额度，循环额度 #\(stored.line.id) 已生效，额度 \(stored.line.ledger.limit.yuanText)")
        }
    }

    struct AmountForm: Content { var amount_yuan: String?; var coupon_id: String? }

    func draw(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.enterprise])
        let form = try req.content.decode(AmountForm.self)
        return try await Portal.form(req, back: "/firm/credit-lines") { principal in
            let couponID = try RequestInput.optionalID(form.coupon_id, field: "信用券")
            let m = try await CreditLines.draw(req.services, principal, lineID: try RequestInput.optionalID(req.parameters.get("id"), field: "id"),
                                               amount: try Money.cents(form.amount_yuan, field: "提款金额"), couponID: couponID)
            let available = m.line.line.position(asOf: req.services.clock.today).available.yuanText
            let coupon = m.entry.coupon.map { "，使用信用券 #\($0.couponID) 降息 \(CouponFace.points($0.cutBasisPoints)) 个百分点" } ?? ""
            return Portal.done(req, to: "/firm/credit-lines", "已提款 \(m.entry.amount.yuanText)（流水 #\(m.entryID)\(coupon)），可用额度 \(available)")
        }
    }

    func repay(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.enterprise])
        let form = try req.content.decode(AmountForm.self)
        return try await Portal.form(req, back: "/firm/credit-lines") { principal in
            let m = try await CreditLines.repay(req.services, principal, lineID: try RequestInput.optionalID(req.parameters.get("id"), field: "id"),
                                                amount: try Money.cents(form.amount_yuan, field: "还款金额"))
            return Portal.done(req, to: "/firm/credit-lines", "已还款 \(m.entry.amount.yuanText)（其中利息 \(m.entry.interestPart.yuanText)，本金 \(m.entry.principalPart.yuanText)）")
        }
    }
}
