import Domain
import Persistence
import Services
import Vapor
import Views

/// The institution portal: products, the demand pool, the applications inbox with the authorised credit
/// report and the decision forms, loans with repayments and overdue lists, and staff.
struct BankPortal {
    func register(_ routes: any RoutesBuilder) {
        let bank = routes.grouped("bank")
        bank.get(use: home)
        bank.get("products", use: products)
        bank.post("products", use: createProduct)
        bank.get("products", ":id", use: product)
        bank.post("products", ":id", ":action", use: productAction)
        bank.get("demands", use: demands)
        bank.post("demands", ":id", "take", use: take)
        bank.get("applications", use: applications)
        bank.get("applications", ":id", use: application)
        bank.get("applications", ":id", "report", use: report)
        bank.post("applications", ":id", ":action", use: act)
        bank.get("loans", use: loans)
        bank.get("loans", ":id", use: loan)
        bank.post("loans", ":id", "repayments", use: repay)
        bank.get("staff", use: staff)
        bank.post("staff", use: addStaff)
        bank.post("tokens", use: createToken)
        bank.post("tokens", "revoke", use: revokeToken)
    }

    func bank(_ req: Request) throws -> (Principal, Institution) {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        return (principal, try principal.requireInstitution())
    }

    // MARK: Home

    func home(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let counts = try await req.applicationStore.statusCounts(institutionID: institution.id)
        let loans = try await req.loanStore.loans(institutionID: institution.id)
        let open = loans.filter { !$0.settled }
        let overdue = open.filter { $0.overdueDays > 0 }
        let pool = try await req.demandStore.pool(institutionID: institution.id).filter { $0.status == .open }
        return Portal.page(req, principal, title: institution.name, subtitle: "工作台", [
            .stats([
                .init("待受理申请", "\(counts[.submitted] ?? 0)", href: "/bank/applications?status=submitted", tone: .info),
                .init("审批中", "\(counts[.accepted] ?? 0)", href: "/bank/applications?status=accepted"),
                .init("待放款", "\(counts[.contractSigned] ?? 0)", href: "/bank/applications?status=contract_signed"),
                .init("需求池待接单", "\(pool.count)", href: "/bank/demands"),
                .init("贷款余额", open.reduce(Cents.zero) { $0 + $1.outstanding }.yuanText, hint: "\(open.count) 笔", href: "/bank/loans"),
                .init("逾期贷款", "\(overdue.count)", href: "/bank/loans?overdue=1", tone: overdue.isEmpty ? .neutral : .danger),
            ]),
        ])
    }

    // MARK: Products

    func products(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let list = try await req.productStore.products(institutionID: institution.id)
        let policy = req.platform.productPolicy
        let grades = req.platform.grades.grades.map { ($0, "\($0) 及以上") }
        return Portal.page(req, principal, title: "产品管理", subtitle: "草稿提交后由信用中心审核上架；利率上限 \(AnnualRate(basisPoints: policy.rateCapBasisPoints).percentText)", [
            .table(.init(title: "我的产品", id: "products", headers: ["产品", "类型", "额度", "利率", "期限", "自动审批", "状态"],
                         rows: list.map { p in
                [.link(p.name, href: "/bank/products/\(p.id)"), .text(p.type.label), .text(p.amountRange.text), .text(p.rateRange.text),
                 .text(p.termRange.text), .text(p.autoApproval?.rules.isEmpty == false ? "已开启" : "未开启"), Products.badge(p.status)]
            }, emptyText: "还没有产品")),
            .form(.init(title: "新建产品", id: "new-product", action: "/bank/products", fields: Products.formFields(nil, grades: grades),
                        submitLabel: "保存草稿")),
        ])
    }

    func createProduct(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/products") { principal in
            let institution = try principal.requireInstitution()
            let draft = try Products.fromForm(try req.content.decode(Products.Form.self), institutionID: institution.id)
            let stored = try await ProductActions.createDraft(req.services, principal, draft)
            return Portal.done(req, to: "/bank/products/\(stored.id)", "产品“\(stored.name)”已保存为草稿")
        }
    }

    func product(_ req: Request) async throws -> Response {
        let (principal, _) = try bank(req)
        let p = try await ProductActions.own(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        var actions: [PortalPage.Action] = []
        switch p.status {
        case .draft: actions.append(.init("提交审核", path: "/bank/products/\(p.id)/submit", isPrimary: true))
        case .online: actions.append(.init("下架", path: "/bank/products/\(p.id)/offline", confirm: "下架后企业将无法申请该产品，确定吗？"))
        case .offline: actions.append(.init("转为草稿", path: "/bank/products/\(p.id)/edit"))
        case .pendingReview: break
        }
        var blocks = Products.blocks(p)
        if !actions.isEmpty { blocks.append(.facts(title: "操作", [.init("可办理", cell: .actions(actions))])) }
        if p.status == .draft {
            let grades = req.platform.grades.grades.map { ($0, "\($0) 及以上") }
            blocks.append(.form(.init(title: "修改草稿", id: "edit-product", action: "/bank/products/\(p.id)/update",
                                      fields: Products.formFields(p, grades: grades), submitLabel: "保存修改")))
        }
        return Portal.page(req, principal, title: p.name, subtitle: "产品 #\(p.id)", blocks)
    }

    func productAction(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        return try await Portal.form(req, back: "/bank/products/\(id)") { principal in
            let institution = try principal.requireInstitution()
            let productID = req.parameters.get("id", as: Int64.self)
            if req.parameters.get("action") == "update" {
                let edited = try Products.fromForm(try req.content.decode(Products.Form.self), institutionID: institution.id)
                try await ProductActions.updateDraft(req.services, principal, id: productID, with: edited)
                return Portal.done(req, to: "/bank/products/\(id)", "草稿已保存")
            }
            let action: ProductAction = switch req.parameters.get("action") ?? "" {
            case "submit": .submit
            case "offline": .takeOffline
            case "edit": .edit
            default: throw DomainError.notFound("该操作")
            }
            let next = try await ProductActions.act(req.services, principal, id: productID, action)
            return Portal.done(req, to: "/bank/products/\(id)", "产品状态：\(next.status.label)")
        }
    }

    // MARK: Demand pool

    func demands(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let pool = try await req.demandStore.pool(institutionID: institution.id)
        var rows: [[PortalPage.Cell]] = []
        for d in pool {
            let firm = try await req.registry.enterprise(d.uscc)
            let grade = try await req.evaluationStore.current(d.uscc)?.grade ?? "未评价"
            rows.append([.text("#\(d.id)"), .twoLines(firm?.name ?? d.uscc, d.uscc), .text(grade), .text(Cents(d.amountCents).yuanText),
                         .text("\(d.termMonths) 个月"), .text(d.purpose), .text(d.urgency.label), .text(Format.time(d.publishedAt)),
                         d.status == .open ? .actions([.init("抢单", path: "/bank/demands/\(d.id)/take", isPrimary: true)])
                            : .badge("本机构已接单", tone: .success)])
        }
        return Portal.page(req, principal, title: "需求池", subtitle: "企业发布的融资需求，先到先得", [
            .table(.init(title: "融资需求", id: "pool", headers: ["编号", "企业", "信用等级", "金额", "期限", "用途", "时效", "发布时间", "操作"],
                         rows: rows, emptyText: "需求池暂无待接单需求")),
        ])
    }

    func take(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/demands") { principal in
            let demand = try await Demands.take(req.services, principal, demandID: req.parameters.get("id", as: Int64.self))
            let minutes = Int((demand.timeToTake ?? 0) / 60)
            return Portal.done(req, to: "/bank/demands", "已接单 #\(demand.id)（发布后 \(minutes) 分钟），请尽快联系企业")
        }
    }

    // MARK: Applications

    func applications(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let status = ApplicationStatus(rawValue: req.query[String.self, at: "status"] ?? "")
        let page = try await req.applicationStore.applications(institutionID: institution.id, status: status,
                                                               paging: try req.paging())
        let options = ApplicationStatus.allCases.map { ($0.rawValue, $0.label) }
        return Portal.page(req, principal, title: "贷款申请", [
            .form(.init(title: "筛选", id: "filter", action: "/bank/applications", method: .get, fields: [
                .init("status", "状态", kind: .options([("", "全部")] + options, selected: status?.rawValue ?? "")),
            ], submitLabel: "筛选")),
            .table(.init(title: "申请（\(page.total)）", id: "applications",
                         headers: ["编号", "企业", "产品", "申请金额", "期限", "状态", "提交时间"], rows: page.items.map { a in
                [.link("#\(a.id)", href: "/bank/applications/\(a.id)"), .twoLines(a.firmName, a.uscc), .text(a.productName),
                 .text(a.requestedAmount.yuanText), .text("\(a.requestedTermMonths) 个月"), Applications.badge(a.state.status),
                 .text(Format.time(a.createdAt))]
            }, emptyText: "没有符合条件的申请")),
            .pagination(Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/bank/applications",
                                   query: [QueryItem(name: "status", value: status?.rawValue ?? "")])),
        ])
    }

    func application(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let a = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        var blocks = Applications.summary(a, institutionName: institution.name)
        blocks.append(.facts(title: "信用报告", [.init("授权查询", cell: .link("查看该企业的授权信用报告", href: "/bank/applications/\(a.id)/report"))]))
        let path = "/bank/applications/\(a.id)"
        switch a.state.status {
        case .submitted:
            blocks.append(.facts(title: "操作", [.init("可办理", cell: .actions([.init("受理", path: "\(path)/accept", isPrimary: true)]))]))
        case .accepted:
            blocks.append(.form(.init(title: "批准", id: "approve", action: "\(path)/approve", fields: [
                .init("amount_yuan", "批准金额（元）", kind: .number, value: String(a.requestedAmount.value / 100), isRequired: true),
                .init("rate", "年利率（%）", kind: .number, value: "4.35", isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: String(a.requestedTermMonths), isRequired: true),
                .init("method", "还款方式", kind: .options(RepaymentMethod.allCases.map { ($0.rawValue, $0.label) },
                                                          selected: a.requestedMethod.rawValue)),
            ], submitLabel: "批准")))
            blocks.append(.form(.init(title: "拒绝", id: "reject", action: "\(path)/reject", fields: [
                .init("reason", "拒绝理由", kind: .textarea, isRequired: true)], submitLabel: "拒绝")))
        case .contractSigned:
            blocks.append(.form(.init(title: "放款", id: "disburse", action: "\(path)/disburse", fields: [
                .init("day", "放款日期", kind: .date, value: Day.today().description, isRequired: true)], submitLabel: "确认放款")))
        default: break
        }
        if let loan = try await req.loanStore.loan(applicationID: a.id) {
            blocks.append(.facts(title: "贷款", [.init("贷款", cell: .link("贷款 #\(loan.id)：还款计划与还款登记", href: "/bank/loans/\(loan.id)"))]))
        }
        blocks.append(Applications.timeline(try await req.applicationStore.steps(applicationID: a.id)))
        return Portal.page(req, principal, title: "申请 #\(a.id)", subtitle: "\(a.firmName) · \(a.productName)", blocks)
    }

    /// The authorised credit report: logged in the firm's access log with the authorisation used.
    func report(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let a = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        let purpose: AuthorisationPurpose = [.disbursed, .settled].contains(a.state.status) ? .postLoan : .loanApplication
        let report = try await CreditReports.load(req.services, institution: institution, actor: principal.displayName, uscc: a.uscc,
                                                  purpose: purpose, action: "查阅信用报告（申请 #\(a.id)）")
        var context = Portal.context(req, principal, title: "信用报告：\(report.loaded.profile.name ?? a.uscc)")
        context.flash = FlashMessage(kind: .success, text: "依据授权书 #\(report.authorisation.id) 查询，本次查询已记录并告知企业。")
        return Portal.html(EnterpriseProfilePage.render(report.loaded.pageModel(uscc: a.uscc, context: context, catalog: req.catalog)))
    }

    struct DecisionForm: Content {
        var amount_yuan: String?; var rate: String?; var term_months: String?; var method: String?; var reason: String?; var day: String?
    }

    func act(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/bank/applications/\(id ?? 0)") { principal in
            let form = try req.content.decode(DecisionForm.self)
            var day = Day.today()
            let event: ApplicationEvent
            switch req.parameters.get("action") ?? "" {
            case "accept": event = .accept
            case "approve":
                guard let method = RepaymentMethod(rawValue: form.method ?? "") else {
                    throw DomainError.invalidInput(field: "还款方式", reason: "请选择还款方式")
                }
                event = .approve(LoanTerms(amount: try Money.cents(form.amount_yuan, field: "批准金额"),
                                           rate: AnnualRate(basisPoints: try Money.basisPoints(form.rate, field: "年利率")),
                                           termMonths: try Validate.int(form.term_months, field: "期限", range: 1...360),
                                           method: method))
            case "reject": event = .reject(reason: form.reason ?? "")
            case "disburse":
                event = .disburse
                day = try Validate.day(form.day, field: "放款日期")
            default: throw DomainError.notFound("该操作")
            }
            let stored = try await MarketActions.act(req.services, principal, id: id, event: event, disbursedOn: day, note: form.reason ?? "")
            return Portal.done(req, to: "/bank/applications/\(stored.id)", "已\(event.label)，申请状态：\(stored.state.status.label)")
        }
    }

    // MARK: Loans

    func loans(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let overdueOnly = req.query[String.self, at: "overdue"] == "1"
        let list = try await req.loanStore.loans(institutionID: institution.id, overdueOnly: overdueOnly)
        return Portal.page(req, principal, title: overdueOnly ? "逾期贷款" : "贷款",
                           actions: [overdueOnly ? .init("全部贷款", href: "/bank/loans") : .init("只看逾期", href: "/bank/loans?overdue=1")], [
            .table(.init(title: "贷款（\(list.count)）", id: "loans",
                         headers: ["编号", "产品 / 企业", "本金", "利率", "期限", "剩余本金", "逾期天数", "分类", "状态"],
                         rows: list.map(Loans.row(prefix: "/bank/loans")), emptyText: overdueOnly ? "没有逾期贷款" : "还没有贷款")),
        ])
    }

    func loan(_ req: Request) async throws -> Response {
        let (principal, _) = try bank(req)
        let loan = try await MarketActions.loan(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        var blocks = Loans.blocks(loan, today: .today())
        if !loan.settled {
            let due = loan.ledger.position(asOf: .today()).amountDue
            blocks.insert(.form(.init(title: "登记还款", id: "repay", action: "/bank/loans/\(loan.id)/repayments", fields: [
                .init("day", "还款日期", kind: .date, value: Day.today().description, isRequired: true),
                .init("amount_yuan", "还款金额（元）", kind: .number,
                      value: due.isPositive ? String(format: "%.2f", Double(due.value) / 100) : "", isRequired: true),
            ], submitLabel: "登记")), at: 1)
        }
        return Portal.page(req, principal, title: "贷款 #\(loan.id)", subtitle: "\(loan.firmName) · \(loan.productName)", blocks)
    }

    func repay(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/bank/loans/\(id ?? 0)") { principal in
            struct Form: Content { var day: String?; var amount_yuan: String? }
            let form = try req.content.decode(Form.self)
            let loan = try await MarketActions.repay(req.services, principal, loanID: id, day: try Validate.day(form.day, field: "还款日期"),
                                                     amount: try Money.cents(form.amount_yuan, field: "还款金额"))
            return Portal.done(req, to: "/bank/loans/\(loan.id)", "还款已登记，剩余本金 \(loan.outstanding.yuanText)")
        }
    }

    // MARK: Staff and API tokens

    func staff(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        guard principal.role == .institutionAdmin else { throw DomainError.forbidden("仅机构管理员可管理员工") }
        let people = try await req.accounts.users(role: .institutionAdmin, institutionID: institution.id)
            + req.accounts.users(role: .institutionStaff, institutionID: institution.id)
        let tokens = try await req.accounts.tokens(institutionID: institution.id)
        return Portal.page(req, principal, title: "员工与接口令牌", [
            .table(.init(title: "员工", id: "staff", headers: ["用户名", "姓名", "角色", "状态"], rows: people.map {
                [.text($0.username), .text($0.displayName), .text($0.role.label), .badge($0.status.label, tone: $0.status == .active ? .success : .neutral)]
            }, emptyText: "没有员工")),
            .form(.init(title: "添加员工", id: "new-staff", action: "/bank/staff", fields: [
                .init("username", "用户名", isRequired: true), .init("name", "姓名", isRequired: true),
                .init("password", "初始密码", kind: .password, isRequired: true, hint: "至少 10 位"),
                .init("role", "角色", kind: .options([(Role.institutionStaff.rawValue, Role.institutionStaff.label),
                                                       (Role.institutionAdmin.rawValue, Role.institutionAdmin.label)])),
            ], submitLabel: "添加")),
            .table(.init(title: "接口令牌", id: "tokens", headers: ["名称", "权限", "创建时间", "状态", "操作"], rows: tokens.map { t in
                [.text(t.name), .text(t.scope.label), .text(Format.time(t.createdAt)),
                 t.revokedAt == nil ? .badge("有效", tone: .success) : .badge("已吊销", tone: .neutral),
                 t.revokedAt == nil ? .actions([.init("吊销", path: "/bank/tokens/revoke", fields: ["name": t.name],
                                                      confirm: "吊销后使用该令牌的系统将无法访问，确定吗？")]) : .text("")]
            }, emptyText: "还没有接口令牌")),
            .form(.init(title: "新建接口令牌", id: "new-token", action: "/bank/tokens", fields: [
                .init("name", "名称", isRequired: true, hint: "如 信贷系统对接"),
                .init("scope", "权限", kind: .options(TokenScope.allCases.map { ($0.rawValue, $0.label) }, selected: "read")),
            ], submitLabel: "生成令牌", note: "令牌只显示一次，平台只保存其摘要。")),
        ])
    }

    func addStaff(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/staff") { principal in
            let institution = try principal.requireInstitution()
            guard principal.role == .institutionAdmin else { throw DomainError.forbidden("仅机构管理员可管理员工") }
            struct Form: Content { var username: String?; var name: String?; var password: String?; var role: String? }
            let form = try req.content.decode(Form.self)
            let role = Role(rawValue: form.role ?? "") == .institutionAdmin ? Role.institutionAdmin : .institutionStaff
            let username = try Validate.code(form.username, field: "用户名")
            let hash = try await req.password.async.hash(try Validate.password(form.password))
            try await req.accounts.createUser(username: username, displayName: try Validate.text(form.name, field: "姓名"),
                                              passwordHash: hash, role: role, departmentID: nil, institutionID: institution.id)
            return Portal.done(req, to: "/bank/staff", "已添加员工 \(username)")
        }
    }

    func createToken(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/staff") { principal in
            let institution = try principal.requireInstitution()
            guard principal.role == .institutionAdmin else { throw DomainError.forbidden("仅机构管理员可管理接口令牌") }
            struct Form: Content { var name: String?; var scope: String? }
            let form = try req.content.decode(Form.self)
            let name = "\(institution.code)-" + (try Validate.code(form.name.map { $0.replacingOccurrences(of: " ", with: "-") }, field: "名称"))
            let token = try await req.accounts.createToken(name: name, role: .institutionStaff, departmentID: nil,
                                                           institutionID: institution.id,
                                                           scope: TokenScope(rawValue: form.scope ?? "") ?? .read)
            return Portal.done(req, to: "/bank/staff", "令牌 \(name) 已生成（只显示这一次）：\(token)")
        }
    }

    func revokeToken(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/staff") { principal in
            let institution = try principal.requireInstitution()
            guard principal.role == .institutionAdmin else { throw DomainError.forbidden("仅机构管理员可管理接口令牌") }
            struct Form: Content { var name: String? }
            let name = try req.content.decode(Form.self).name ?? ""
            guard try await req.accounts.tokens(institutionID: institution.id).contains(where: { $0.name == name }) else {
                throw DomainError.notFound("该令牌")
            }
            try await req.accounts.revokeToken(name: name)
            return Portal.done(req, to: "/bank/staff", "令牌 \(name) 已吊销")
        }
    }
}
