import Domain
import Persistence
import Services
import Vapor
import Views

/// The enterprise portal: the firm's own profile and grade, commitment, authorisations and who read its
/// data, demands, quota estimate, applications and loans.
struct FirmPortal {
    func register(_ routes: any RoutesBuilder) {
        let firm = routes.grouped("firm")
        firm.get(use: home)
        firm.get("profile", use: profile)
        firm.get("commitment", use: commitment)
        firm.post("commitment", use: sign)
        firm.get("authorisations", use: authorisations)
        firm.post("authorisations", use: authorise)
        firm.post("authorisations", ":id", "revoke", use: revoke)
        firm.get("access-log", ":id", "verify", use: verifyAccess)
        firm.get("demands", use: demands)
        firm.post("demands", use: publishDemand)
        firm.post("demands", ":id", "withdraw", use: withdrawDemand)
        firm.get("products", use: products)
        firm.get("applications", use: applications)
        firm.post("applications", use: apply)
        firm.get("applications", ":id", use: application)
        firm.post("applications", ":id", ":action", use: act)
        firm.get("loans", use: loans)
        firm.get("loans", ":id", use: loan)
    }

    func firm(_ req: Request) throws -> (Principal, String) {
        let principal = try req.principal(in: [.enterprise])
        return (principal, try principal.requireEnterprise())
    }

    // MARK: Home

    func home(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let evaluation = try await req.evaluationStore.current(uscc)
        let commitment = try await req.commitmentStore.commitments(uscc: uscc).first { $0.isInForce }
        let authorisations = try await req.authorisationStore.authorisations(uscc: uscc)
        let active = authorisations.filter { $0.revokedAt == nil && $0.validUntil >= .today() }
        let applications = try await req.applicationStore.applications(uscc: uscc)
        let loans = try await req.loanStore.loans(uscc: uscc)
        let outstanding = loans.filter { !$0.settled }.reduce(Cents.zero) { $0 + $1.outstanding }
        var blocks: [PortalPage.Block] = []
        if commitment == nil { blocks.append(.notice("请先签署信用承诺书：签署后方可发布融资需求、申请贷款。", tone: .warning)) }
        // Outcomes of objections and repair applications of the last 30 days.
        let since = Date().addingTimeInterval(-30 * 86_400)
        for objection in try await req.remedyStore.objections(uscc: uscc) {
            if let at = objection.resolvedAt, at >= since, objection.status != .withdrawn {
                blocks.append(.notice("异议 #\(objection.id) 处理结果：\(objection.status.label)。\(objection.resolution ?? "")",
                                      tone: objection.status == .rejected ? .warning : .success))
            } else if objection.status == .escalated {
                blocks.append(.notice("异议 #\(objection.id) 报送部门逾期未处理，已提交信用中心督办。", tone: .info))
            }
        }
        for repair in try await req.remedyStore.repairs(uscc: uscc) {
            if let at = repair.reviewedAt, at >= since {
                blocks.append(.notice("信用修复申请 #\(repair.id)：\(repair.status.label)。\(repair.reviewNote ?? "")",
                                      tone: repair.status == .approved ? .success : .warning))
            }
        }
        if active.isEmpty { blocks.append(.notice("贵企业尚未授权任何金融机构查询非公开信用信息；申请贷款前请在“授权管理”中授权。", tone: .info)) }
        blocks.append(.stats([
            .init("信用等级", evaluation?.grade ?? "未评价", hint: evaluation.map { "\($0.score) 分" }, href: "/firm/profile", tone: .info),
            .init("信用承诺", commitment == nil ? "未签署" : "已签署", href: "/firm/commitment",
                  tone: commitment == nil ? .warning : .success),
            .init("有效授权", "\(active.count)", hint: "份", href: "/firm/authorisations"),
            .init("贷款申请", "\(applications.total)", hint: "笔", href: "/firm/applications"),
            .init("贷款余额", outstanding.yuanText, href: "/firm/loans"),
        ]))
        blocks.append(.text(title: "办理流程", paragraphs: [
            "① 签署信用承诺书 → ② 授权金融机构查询 → ③ 在“产品与测额”查看可申请的产品和参考额度 → ④ 提交申请 → ⑤ 银行审批后在线签约 → ⑥ 放款后查看还款计划。",
        ]))
        return Portal.page(req, principal, title: "企业首页", subtitle: "欢迎使用信易贷", blocks)
    }

    func profile(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let loaded = try await LoadedProfile.load(req.services, uscc: uscc, viewer: .enterprise)
        let context = Portal.context(req, principal, title: "我的信用画像")
        return Portal.html(EnterpriseProfilePage.render(loaded.pageModel(uscc: uscc, context: context, catalog: req.catalog)))
    }

    // MARK: Commitment

    func commitment(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let signed = try await req.commitmentStore.commitments(uscc: uscc)
        let identity = try await Commitments.identity(req.services, uscc: uscc)
        var blocks: [PortalPage.Block] = []
        if let current = signed.first(where: \.isInForce) {
            blocks.append(.notice("贵企业已于 \(Format.time(current.commitment.signedAt)) 签署第 \(current.commitment.templateVersion) 版信用承诺书，已在平台公示。", tone: .success))
        } else if let last = signed.first, let reason = last.invalidReason {
            blocks.append(.notice("原信用承诺书已失效：\(reason)。请重新签署。", tone: .warning))
        }
        if let template = try await req.commitmentStore.latestTemplate() {
            blocks.append(.text(title: template.title, paragraphs: template.body.split(separator: "\n").map(String.init)))
            blocks.append(.form(.init(title: "在线签署", id: "sign-commitment", action: "/firm/commitment", fields: [
                .init("signer", "签署人（法定代表人）", value: identity?.legalRepresentative ?? "", isRequired: true),
                .init("version", "版本", kind: .hidden, value: String(template.version)),
            ], submitLabel: "同意并签署", note: "签署即表示贵企业作出上述承诺；签署时间、版本和内容摘要将被记录并公示。")))
        } else {
            blocks.append(.notice("平台尚未发布信用承诺书模板，请稍后再来。", tone: .info))
        }
        blocks.append(.table(.init(title: "签署记录", id: "history", headers: ["签署时间", "版本", "签署人", "内容摘要", "状态"],
                                   rows: signed.map { s in
            [.text(Format.time(s.commitment.signedAt)), .text("第 \(s.commitment.templateVersion) 版"), .text(s.commitment.signerName),
             .mono(String(s.commitment.contentHash.prefix(16)) + "…"),
             s.isInForce ? .badge("有效", tone: .success) : .badge("已失效：\(s.invalidReason ?? "")", tone: .neutral)]
        }, emptyText: "尚未签署")))
        return Portal.page(req, principal, title: "信用承诺", blocks)
    }

    func sign(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/commitment") { principal in
            struct Form: Content { var signer: String?; var version: Int? }
            let form = try req.content.decode(Form.self)
            try await Commitments.sign(req.services, principal, signer: form.signer ?? "", version: form.version)
            return Portal.done(req, to: "/firm/commitment", "信用承诺书已签署并公示")
        }
    }

    // MARK: Authorisations and access log

    func authorisations(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let list = try await req.authorisationStore.authorisations(uscc: uscc)
        let institutions = try await req.accounts.institutions()
        let names = Institution.names(institutions)
        let categoryNames = Dictionary(uniqueKeysWithValues: req.catalog.categories.map { ($0.id, $0.name) })
        let log = try await req.authorisationStore.accesses(uscc: uscc, paging: try req.paging())
        let today = Day.today()
        let rows: [[PortalPage.Cell]] = list.map { a in
            let scope: String = switch a.scope {
            case .allRegisteredInstitutions: "全部入驻机构"
            case .institutions(let ids): ids.sorted().map { names[$0] ?? $0 }.joined(separator: "、")
            }
            let state: PortalPage.Cell = a.revokedAt != nil ? .badge("已撤销", tone: .neutral)
                : (a.validUntil < today ? .badge("已到期", tone: .neutral) : .badge("有效", tone: .success))
            return [.text("#\(a.id)"), .text(scope), .text(a.categories.sorted().map { categoryNames[$0] ?? $0 }.joined(separator: "、")),
                    .text(a.purposes.map(\.label).sorted().joined(separator: "、")), .text("\(a.validFrom) 至 \(a.validUntil)"),
                    .text(a.isOffline ? "线下（\(a.scanReference ?? "")）" : "线上"), state,
                    a.revokedAt == nil ? .actions([.init("撤销", path: "/firm/authorisations/\(a.id)/revoke",
                                                         confirm: "撤销后该授权立即失效，确定撤销吗？")]) : .text("")]
        }
        let authorisedCategories = req.catalog.authorisedCategories
        let categoryOptions = req.catalog.categories.filter { authorisedCategories.contains($0.id) }
            .map { SelectOption(value: $0.id, label: $0.name, isSelected: true) }
        let institutionOptions = [SelectOption(value: "all", label: "全部入驻金融机构", isSelected: true)]
            + institutions.map { SelectOption(value: String($0.id), label: "\($0.name)（\($0.kind.label)）") }
        return Portal.page(req, principal, title: "授权管理", subtitle: "授权金融机构查询贵企业的非公开信用信息，可随时撤销", [
            .table(.init(title: "我的授权书", id: "authorisations",
                         headers: ["编号", "授权机构", "数据类别", "用途", "有效期", "方式", "状态", "操作"],
                         rows: rows, emptyText: "尚未授权")),
            .form(.init(title: "新增授权", id: "new-authorisation", action: "/firm/authorisations", fields: [
                .init("institutions", "授权机构", kind: .checkboxes(institutionOptions), hint: "选“全部入驻金融机构”或勾选具体机构"),
                .init("categories", "数据类别", kind: .checkboxes(categoryOptions), hint: "公开信息无需授权"),
                .init("purposes", "用途", kind: .checkboxes(AuthorisationPurpose.allCases.map {
                    SelectOption(value: $0.rawValue, label: $0.label, isSelected: $0 == .loanApplication) })),
                .init("valid_until", "有效期至", kind: .date, value: today.adding(days: 365).description, isRequired: true),
            ], submitLabel: "签署授权书")),
            .table(.init(title: "查询记录（谁在何时依据哪份授权查询了哪些信息）", id: "access-log",
                         headers: ["时间", "机构", "查询人", "数据类别", "依据授权", "用途", "操作", "留痕"],
                         rows: log.items.map { entry in
                [.text(Format.time(entry.at)), .text(entry.institutionID.flatMap { names[String($0)] } ?? "—"), .text(entry.actor),
                 .text(entry.categories.map { categoryNames[$0] ?? $0 }.joined(separator: "、")),
                 .text(entry.authorisationID.map { "#\($0)" } ?? "—"),
                 .text(AuthorisationPurpose(rawValue: entry.purpose)?.label ?? entry.purpose), .text(entry.action),
                 .link("验证", href: "/firm/access-log/\(entry.id)/verify")]
            }, emptyText: "还没有机构查询过贵企业的信息")),
            .pagination(Pagination(page: log.page, pageSize: log.perPage, totalCount: log.total, path: "/firm/authorisations",
                                   fragment: "access-log")),
        ])
    }

    struct AuthoriseForm: Content {
        var institutions: [String]?
        var categories: [String]?
        var purposes: [String]?
        var valid_until: String?
    }

    func authorise(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/authorisations") { principal in
            _ = try principal.requireEnterprise()
            let form = try req.content.decode(AuthoriseForm.self)
            let stored = try await Authorisations.sign(req.services, principal, .init(
                institutions: form.institutions ?? [], categories: form.categories ?? [], purposes: form.purposes ?? [],
                validUntil: try Validate.day(form.valid_until, field: "有效期至")))
            return Portal.done(req, to: "/firm/authorisations", "授权书 #\(stored.id) 已签署，立即生效")
        }
    }

    func revoke(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/authorisations") { principal in
            let revoked = try await Authorisations.revoke(req.services, principal, id: req.parameters.get("id", as: Int64.self))
            let id = revoked.id
            return Portal.done(req, to: "/firm/authorisations", "授权书 #\(id) 已撤销")
        }
    }

    /// Checks one access's inclusion in the transparency log against the latest signed checkpoint.
    func verifyAccess(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        guard let id = req.parameters.get("id", as: Int64.self) else { throw DomainError.notFound("该查询记录") }
        let proof = try await AccessProofs.prove(req.services, uscc: uscc, accessID: id)
        var facts: [PortalPage.Fact] = [
            .init("结果", cell: .badge(proof.verified ? "已验证" : "未验证", tone: proof.verified ? .success : .warning)),
            .init("日志条目", cell: .mono(proof.entry)), .init("叶子哈希", cell: .mono(proof.leafHash)),
        ]
        if let index = proof.leafIndex { facts.append(.init("日志序号", String(index))) }
        if let size = proof.treeSize, let root = proof.rootHash {
            facts += [.init("检查点大小", String(size)), .init("根哈希", cell: .mono(root)),
                      .init("包含证明", cell: .mono(proof.proof.joined(separator: " "))),
                      .init("见证方", proof.witnesses.isEmpty ? "尚无" : proof.witnesses.joined(separator: "、"))]
        }
        return Portal.page(req, principal, title: "查询留痕验证", subtitle: "查询记录 #\(id)", [
            .notice(proof.message, tone: proof.verified ? .success : .warning),
            .facts(title: "透明日志证明", facts),
            .text(title: "自行复核", paragraphs: [
                "任何人都可以用公开接口复核：GET /api/v1/log/checkpoint 取得签名检查点，GET /api/v1/log/proof/inclusion?leaf_hash=\(proof.leafHash) 取得包含证明，按 RFC 9162 计算根哈希并与检查点比对。",
            ]),
        ])
    }

    // MARK: Demands

    func demands(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let list = try await req.demandStore.demands(uscc: uscc)
        let names = Institution.names(try await req.accounts.institutions())
        return Portal.page(req, principal, title: "融资需求", subtitle: "发布后进入需求池，由金融机构抢单对接", [
            .table(.init(title: "我的需求", id: "demands", headers: ["编号", "金额", "期限", "用途", "时效", "状态", "接单机构", "操作"],
                         rows: list.map { d in
                [.text("#\(d.id)"), .text(Cents(d.amountCents).yuanText), .text("\(d.termMonths) 个月"), .text(d.purpose),
                 .text(d.urgency.label), .badge(d.status.label, tone: d.status == .taken ? .success : .info),
                 .text(d.takenBy.flatMap { names[$0] } ?? "—"),
                 d.status == .open ? .actions([.init("撤回", path: "/firm/demands/\(d.id)/withdraw")]) : .text("")]
            }, emptyText: "还没有发布融资需求")),
            .form(.init(title: "发布融资需求", id: "new-demand", action: "/firm/demands", fields: [
                .init("amount_yuan", "融资金额（元）", kind: .number, isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: "12", isRequired: true),
                .init("purpose", "资金用途", isRequired: true),
                .init("urgency", "多久需要", kind: .options(DemandUrgency.allCases.map { ($0.rawValue, $0.label) },
                                                            selected: DemandUrgency.withinMonth.rawValue)),
            ], submitLabel: "发布")),
        ])
    }

    func publishDemand(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/demands") { principal in
            _ = try principal.requireEnterprise()
            struct Form: Content { var amount_yuan: String?; var term_months: String?; var purpose: String?; var urgency: String? }
            let form = try req.content.decode(Form.self)
            let stored = try await Demands.publish(req.services, principal, .init(
                amount: try Money.cents(form.amount_yuan, field: "融资金额"),
                termMonths: try Validate.int(form.term_months, field: "期限", range: 1...360),
                purpose: form.purpose ?? "", urgency: DemandUrgency(rawValue: form.urgency ?? "") ?? .withinMonth))
            return Portal.done(req, to: "/firm/demands", "融资需求 #\(stored.id) 已发布到需求池")
        }
    }

    func withdrawDemand(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/demands") { principal in
            let id = try await Demands.withdraw(req.services, principal, id: req.parameters.get("id", as: Int64.self)).id
            return Portal.done(req, to: "/firm/demands", "融资需求 #\(id) 已撤回")
        }
    }

    // MARK: Products, quota estimate and applications

    func products(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let facts = try await FirmFactsLoader.load(req.services, uscc: uscc)
        let online = try await req.productStore.products(status: .online)
        let estimate = QuotaEstimate.estimate(for: facts, products: online, today: .today(), grades: req.platform.grades)
        let names = Institution.names(try await req.accounts.institutions())
        let byID = Dictionary(uniqueKeysWithValues: online.map { ($0.id, $0) })
        let offerRows: [[PortalPage.Cell]] = estimate.offers.map { offer in
            [.twoLines(offer.productName, names[offer.institutionID] ?? ""),
             .text(byID[offer.productID]?.type.label ?? ""),
             .text(Cents(offer.amountCents).yuanText), .text(AnnualRate(basisPoints: offer.rateBasisPoints).percentText),
             .text(offer.termRange.text), .text(offer.repaymentMethods.map(\.label).joined(separator: "、")),
             .text(byID[offer.productID]?.autoApproval?.rules.isEmpty == false ? "支持" : "人工审批")]
        }
        let declinedRows: [[PortalPage.Cell]] = estimate.ineligible.map {
            [.twoLines($0.productName, names[$0.institutionID] ?? ""), .text($0.reasons.joined(separator: "；"))]
        }
        let offerOptions = estimate.offers.map { ($0.productID, "\($0.productName)（参考额度 \(Cents($0.amountCents).yuanText)）") }
        let grade = facts.grade.isEmpty ? "未评价" : "\(facts.grade)（\(facts.score) 分）"
        return Portal.page(req, principal, title: "产品与测额", subtitle: "依据贵企业的公共信用综合评价 \(grade) 测算，仅供参考", [
            .table(.init(title: "可申请的产品（\(estimate.offers.count)）", id: "offers",
                         headers: ["产品", "类型", "参考额度", "参考利率", "期限", "还款方式", "自动审批"],
                         rows: offerRows, emptyText: "暂时没有符合条件的产品")),
            .form(.init(title: "申请贷款", id: "apply", action: "/firm/applications", fields: [
                .init("product_id", "产品", kind: .options(offerOptions), isRequired: true),
                .init("amount_yuan", "申请金额（元）", kind: .number, value: estimate.offers.first.map { String($0.amountCents / 100) } ?? "",
                      isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: "12", isRequired: true),
                .init("method", "还款方式", kind: .options(RepaymentMethod.allCases.map { ($0.rawValue, $0.label) },
                                                          selected: RepaymentMethod.equalInstallment.rawValue)),
                .init("purpose", "资金用途", value: "流动资金周转", isRequired: true),
            ], submitLabel: "提交申请", note: "提交即附上贵企业对该机构的有效授权书；开启自动审批的产品将即时给出结果。")),
            .table(.init(title: "暂不符合条件的产品", id: "declined", headers: ["产品", "原因"], rows: declinedRows,
                         emptyText: "所有在售产品均可申请")),
        ])
    }

    struct ApplyForm: Content {
        var product_id: String?; var amount_yuan: String?; var term_months: String?; var method: String?; var purpose: String?
    }

    func apply(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/products") { principal in
            let uscc = try principal.requireEnterprise()
            try await Commitments.requireInForce(req.services, uscc: uscc)
            let form = try req.content.decode(ApplyForm.self)
            guard let productID = Int64(form.product_id ?? "") else { throw DomainError.invalidInput(field: "产品", reason: "请选择产品") }
            let stored = try await MarketActions.apply(req.services, principal, .init(
                productID: productID, amount: try Money.cents(form.amount_yuan, field: "申请金额"),
                termMonths: try Validate.int(form.term_months, field: "期限", range: 1...360),
                method: RepaymentMethod(rawValue: form.method ?? ""), purpose: form.purpose ?? "")).application
            let message = stored.state.status == .approved ? "申请已由系统自动审批通过，请在线签约" : "申请已提交，等待金融机构受理"
            return Portal.done(req, to: "/firm/applications/\(stored.id)", message)
        }
    }

    func applications(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let page = try await req.applicationStore.applications(uscc: uscc, paging: try req.paging(defaultPerPage: 50))
        return Portal.page(req, principal, title: "我的申请", actions: [.init("申请新贷款", href: "/firm/products")], [
            .table(.init(title: "贷款申请", id: "applications", headers: ["编号", "产品", "申请金额", "期限", "状态", "更新时间"],
                         rows: page.items.map { a in
                [.link("#\(a.id)", href: "/firm/applications/\(a.id)"), .text(a.productName), .text(a.requestedAmount.yuanText),
                 .text("\(a.requestedTermMonths) 个月"), Applications.badge(a.state.status), .text(Format.time(a.updatedAt))]
            }, emptyText: "还没有申请")),
            .pagination(Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/firm/applications")),
        ])
    }

    func application(_ req: Request) async throws -> Response {
        let (principal, _) = try firm(req)
        let a = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        var blocks = Applications.summary(a, institutionName: try await req.accounts.institution(id: a.institutionID)?.name ?? "")
        var actions: [PortalPage.Action] = []
        if a.state.status == .approved {
            actions.append(.init("同意并签约", path: "/firm/applications/\(a.id)/sign", isPrimary: true,
                                 confirm: "确认按上述批准条件签订借款合同？"))
        }
        if [.submitted, .accepted].contains(a.state.status) {
            actions.append(.init("撤回申请", path: "/firm/applications/\(a.id)/withdraw", confirm: "确定撤回该申请吗？"))
        }
        if !actions.isEmpty { blocks.append(.facts(title: "操作", [.init("可办理", cell: .actions(actions))])) }
        if a.state.status == .approved {
            blocks.append(.form(.init(title: "不接受批准条件", id: "cancel", action: "/firm/applications/\(a.id)/cancel", fields: [
                .init("reason", "原因", isRequired: true)], submitLabel: "放弃签约")))
        }
        if let loan = try await req.loanStore.loan(applicationID: a.id) {
            blocks.append(.notice("已放款，查看还款计划：贷款 #\(loan.id)", tone: .success))
            blocks.append(contentsOf: Loans.blocks(loan, today: .today()))
        }
        blocks.append(Applications.timeline(try await req.applicationStore.steps(applicationID: a.id)))
        return Portal.page(req, principal, title: "申请 #\(a.id)", subtitle: a.productName, blocks)
    }

    func act(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/firm/applications/\(id ?? 0)") { principal in
            struct Form: Content { var reason: String? }
            let reason = (try? req.content.decode(Form.self).reason) ?? nil
            let event: ApplicationEvent = switch req.parameters.get("action") ?? "" {
            case "sign": .signContract
            case "withdraw": .withdraw
            case "cancel": .cancel(reason: reason ?? "")
            default: throw DomainError.notFound("该操作")
            }
            let stored = try await MarketActions.act(req.services, principal, id: id, event: event, note: reason ?? "")
            return Portal.done(req, to: "/firm/applications/\(stored.id)", "已\(event.label)，申请状态：\(stored.state.status.label)")
        }
    }

    // MARK: Loans

    func loans(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let list = try await req.loanStore.loans(uscc: uscc)
        return Portal.page(req, principal, title: "我的贷款", [
            .table(.init(title: "贷款", id: "loans", headers: ["编号", "产品", "本金", "利率", "期限", "剩余本金", "逾期天数", "分类", "状态"],
                         rows: list.map(Loans.row(prefix: "/firm/loans")), emptyText: "还没有贷款")),
        ])
    }

    func loan(_ req: Request) async throws -> Response {
        let (principal, _) = try firm(req)
        let loan = try await MarketActions.loan(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return Portal.page(req, principal, title: "贷款 #\(loan.id)", subtitle: loan.productName, Loans.blocks(loan, today: .today()))
    }
}
