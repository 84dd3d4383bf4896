import Domain
import Persistence
import Services
import Vapor
import Views

/// The operator's side of the marketplace: product review, the commitment template and signed commitments,
/// paper authorisations, and the marketplace at a glance.
struct OperatorMarket {
    func register(_ routes: any RoutesBuilder) {
        let console = routes.grouped("console")
        console.get("market", use: overview)
        console.get("products", use: products)
        console.post("products", ":id", ":action", use: review)
        console.get("commitments", use: commitments)
        console.post("commitments", "template", use: publishTemplate)
        console.post("authorisations", use: recordOffline)
    }

    /// The marketplace at a glance.
    func overview(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let s = try await MarketStats.load(req.db, today: Day.today().description)
        func n(_ map: [String: Int], _ key: String) -> String { String(map[key] ?? 0) }
        let applications = ApplicationStatus.allCases.map { PortalPage.ChartItem(label: $0.label, value: s.applicationsByStatus[$0.rawValue] ?? 0) }
        let classes = LoanClass.allCases.map { PortalPage.ChartItem(label: $0.label, value: s.loansByClass[$0.rawValue] ?? 0) }
        return Portal.page(req, principal, title: "撮合概况", subtitle: "融资对接一览", [
            .stats([
                .init("入驻机构", String(s.institutions), href: "/console/institutions"),
                .init("在售产品", n(s.productsByStatus, "online"), hint: "待审核 \(n(s.productsByStatus, "pending_review"))",
                      href: "/console/products", tone: (s.productsByStatus["pending_review"] ?? 0) > 0 ? .warning : .neutral),
                .init("企业账户", n(s.enterpriseAccountsByStatus, "active"), hint: "待审核 \(n(s.enterpriseAccountsByStatus, "pending"))",
                      href: "/console/accounts", tone: (s.enterpriseAccountsByStatus["pending"] ?? 0) > 0 ? .warning : .neutral),
                .init("信用承诺", String(s.commitmentsInForce), href: "/console/commitments"),
                .init("有效授权", String(s.authorisationsActive), hint: "近 30 天查询 \(s.accessesLast30Days) 次"),
            ]),
            .stats([
                .init("融资需求", String(s.demandsByStatus.values.reduce(0, +)), hint: "待接单 \(n(s.demandsByStatus, "open"))"),
                .init("平均接单用时", s.meanMinutesToTake.map { String(format: "%.0f 分钟", $0) } ?? "—"),
                .init("贷款", String(s.loans), hint: "逾期 \(s.loansOverdue) 笔", tone: s.loansOverdue > 0 ? .danger : .neutral),
                .init("贷款余额", Cents(s.outstandingCents).yuanText),
            ]),
            .chart(title: "贷款申请按状态", items: applications, unit: "笔"),
            .chart(title: "贷款五级分类", items: classes, unit: "笔"),
        ])
    }

    func products(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let names = Institution.names(try await req.accounts.institutions())
        let pending = try await req.productStore.products(status: .pendingReview)
        let online = try await req.productStore.products(status: .online)
        var blocks: [PortalPage.Block] = []
        for p in pending {
            blocks += Products.blocks(p, institutionName: names[p.institutionID]).map { block in
                if case .facts(_, let facts) = block { return .facts(title: "待审核：\(p.name)", facts) }
                return block
            }
            blocks.append(.facts(title: "审核 \(p.name)", [.init("审核", cell: .actions([
                .init("通过并上架", path: "/console/products/\(p.id)/approve", isPrimary: true)]))]))
            blocks.append(.form(.init(title: "退回 \(p.name)", id: "reject-\(p.id)", action: "/console/products/\(p.id)/reject",
                                      fields: [.init("reason", "退回理由", isRequired: true)], submitLabel: "退回修改")))
        }
        if pending.isEmpty { blocks.append(.notice("没有待审核的产品。", tone: .info)) }
        blocks.append(.table(.init(title: "在售产品（\(online.count)）", id: "online", headers: ["产品", "金融机构", "类型", "额度", "年利率"],
                                   rows: online.map { p in
            [.text(p.name), .text(names[p.institutionID] ?? ""), .text(p.type.label), .text(p.amountRange.text), .text(p.rateRange.text)]
        }, emptyText: "暂无在售产品")))
        return Portal.page(req, principal, title: "产品审核", subtitle: "金融机构提交的产品经审核后在产品超市上架", blocks)
    }

    func review(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/products") { principal in
            struct Form: Content { var reason: String? }
            let action: ProductAction = switch req.parameters.get("action") ?? "" {
            case "approve": .approve
            case "reject": .reject(reason: (try? req.content.decode(Form.self).reason) ?? "")
            default: throw DomainError.notFound("该操作")
            }
            let next = try await ProductActions.act(req.services, principal, id: req.parameters.get("id", as: Int64.self), action)
            return Portal.done(req, to: "/console/products", "产品“\(next.name)”：\(next.status.label)")
        }
    }

    func commitments(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let template = try await req.commitmentStore.latestTemplate()
        let signed = try await req.commitmentStore.inForce(paging: try req.paging())
        let categories = req.catalog.authorisedCategories
        return Portal.page(req, principal, title: "信用承诺书与线下授权", [
            .form(.init(title: template.map { "承诺书模板（现行第 \($0.version) 版）" } ?? "承诺书模板（尚未发布）", id: "template",
                        action: "/console/commitments/template", fields: [
                .init("title", "标题", value: template?.title ?? "信用承诺书", isRequired: true),
                .init("body", "正文", kind: .textarea, value: template?.body ?? "", isRequired: true),
            ], submitLabel: "发布新版本", note: "发布后企业签署新版本；已签署的承诺书保留其签署时的版本。")),
            .table(.init(title: "已签署（\(signed.total)）", id: "signed", headers: ["企业", "统一社会信用代码", "签署人", "签署时间", "版本"],
                         rows: signed.items.map { s in
                [.text(s.commitment.firmName), .mono(s.commitment.uscc), .text(s.commitment.signerName),
                 .text(Format.time(s.commitment.signedAt)), .text("第 \(s.commitment.templateVersion) 版")]
            }, emptyText: "暂无")),
            .pagination(Pagination(page: signed.page, pageSize: signed.perPage, totalCount: signed.total, path: "/console/commitments")),
            .form(.init(title: "登记线下（纸质）授权书", id: "offline", action: "/console/authorisations", fields: [
                .init("uscc", "统一社会信用代码", isRequired: true),
                .init("scan_ref", "扫描件编号", isRequired: true, hint: "纸质授权书扫描件的存档编号"),
                .init("categories", "数据类别", kind: .checkboxes(req.catalog.categories.filter { categories.contains($0.id) }
                    .map { SelectOption(value: $0.id, label: $0.name, isSelected: true) })),
                .init("valid_until", "有效期至", kind: .date, value: Day.today().adding(days: 365).description, isRequired: true),
            ], submitLabel: "登记", note: "授权范围为全部入驻金融机构，用途为贷款申请和贷后管理。")),
        ])
    }

    func publishTemplate(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/commitments") { principal in
            struct Form: Content { var title: String?; var body: String? }
            let form = try req.content.decode(Form.self)
            let template = try await Commitments.publishTemplate(req.services, principal, title: form.title, body: form.body)
            return Portal.done(req, to: "/console/commitments", "已发布第 \(template.version) 版承诺书")
        }
    }

    func recordOffline(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/commitments") { principal in
            struct Form: Content { var uscc: String?; var scan_ref: String?; var categories: [String]?; var valid_until: String? }
            let form = try req.content.decode(Form.self)
            let stored = try await Authorisations.recordOffline(
                req.services, principal, uscc: try USCC.validated(form.uscc ?? ""), categories: form.categories ?? [],
                validUntil: try Validate.day(form.valid_until, field: "有效期至"), scanReference: form.scan_ref)
            return Portal.done(req, to: "/console/commitments", "已登记线下授权书 #\(stored.id)")
        }
    }
}
