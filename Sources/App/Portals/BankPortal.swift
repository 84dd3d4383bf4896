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
        return Portal.html(BankHomePage.render(.init(
            context: Portal.context(req, principal), institutionName: institution.name,
            submitted: counts[.submitted] ?? 0, accepted: counts[.accepted] ?? 0, contractSigned: counts[.contractSigned] ?? 0,
            openDemands: pool.count, outstanding: open.reduce(Cents.zero) { $0 + $1.outstanding }, openLoans: open.count,
            overdueLoans: overdue.count)))
    }

    // MARK: Products

    func products(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let list = try await req.productStore.products(institutionID: institution.id)
        return Portal.html(BankProductsPage.render(.init(
            context: Portal.context(req, principal), products: list,
            rateCap: AnnualRate(basisPoints: req.platform.productPolicy.rateCapBasisPoints), grades: req.platform.grades.grades,
            choices: Products.choices(req.catalog))))
    }

    func createProduct(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/products") { principal in
            let institution = try principal.requireInstitution()
            let draft = try Products.fromForm(try req.content.decode(Products.Form.self), institutionID: institution.id)
            let stored = try await FormKeys.renaming(Products.formKeys) { try await ProductActions.createDraft(req.services, principal, draft) }
            return Portal.done(req, to: "/bank/products/\(stored.id)", "产品“\(stored.name)”已保存为草稿")
        }
    }

    func product(_ req: Request) async throws -> Response {
        let (principal, _) = try bank(req)
        let p = try await ProductActions.own(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return Portal.html(BankProductPage.render(.init(context: Portal.context(req, principal), product: p,
                                                         grades: req.platform.grades.grades, choices: Products.choices(req.catalog))))
    }

    func productAction(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        return try await Portal.form(req, back: "/bank/products/\(id)") { principal in
            let institution = try principal.requireInstitution()
            let productID = req.parameters.get("id", as: Int64.self)
            if req.parameters.get("action") == "update" {
                let edited = try Products.fromForm(try req.content.decode(Products.Form.self), institutionID: institution.id)
                _ = try await FormKeys.renaming(Products.formKeys) { try await ProductActions.updateDraft(req.services, principal, id: productID, with: edited) }
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
        let pool = try await req.demandStore.pool(institutionID: institution.id).filter { $0.status == .open }
        var rows: [BankDemandsPage.Demand] = []
        for d in pool {
            let firm = try await req.registry.enterprise(d.uscc)
            let grade = try await req.evaluationStore.current(d.uscc)?.grade ?? "未评价"
            rows.append(.init(demand: d, firmName: firm?.name, grade: grade))
        }
        let taken = try await req.demandStore.taken(institutionID: institution.id)
        let steps = try await req.demandStore.followUps(demandIDs: taken.compactMap { Int64($0.id) })
        var takenRows: [BankDemandsPage.Taken] = []
        for d in taken {
            takenRows.append(.init(demand: d, firmName: try await req.registry.enterprise(d.uscc)?.name, progress: DemandProgress(
                demand: d, steps: Int64(d.id).flatMap { steps[$0] } ?? [], rules: req.platform.policy.demandFollowUp,
                today: req.platform.clock.today)))
        }
        return Portal.html(BankDemandsPage.render(.init(context: Portal.context(req, principal), demands: rows, taken: takenRows)))
    }

    func take(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/demands") { principal in
            let demand = try await Demands.take(req.services, principal, demandID: req.parameters.get("id", as: Int64.self))
            let minutes = Int((demand.timeToTake ?? 0) / 60)
            return Portal.done(req, to: "/bank/demands/\(demand.id)", "已接单 #\(demand.id)（发布后 \(minutes) 分钟），请尽快联系企业")
        }
    }

    // MARK: Applications

    func applications(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let status = ApplicationStatus(rawValue: req.query[String.self, at: "status"] ?? "")
        let page = try await req.applicationStore.applications(institutionID: institution.id, status: status,
                                                               paging: try req.paging())
        return Portal.html(BankApplicationsPage.render(.init(
            context: Portal.context(req, principal), status: status,
            applications: page.items.map { ApplicationSummary($0, institutionName: institution.name) }, window: PageWindow(page))))
    }

    func application(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let a = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        let loan = try await req.loanStore.loan(applicationID: a.id)
        let steps = try await req.applicationStore.steps(applicationID: a.id)
        return Portal.html(BankApplicationPage.render(.init(
            context: Portal.context(req, principal), application: ApplicationSummary(a, institutionName: institution.name),
            loanID: loan?.id, steps: steps, today: req.platform.clock.today,
            incentive: try await RedLists.validEntry(req.services, uscc: a.uscc).flatMap { RedLists.incentiveText($0, req.services) },
            coupon: try await CouponPortals.applicationText(req, applicationID: a.id, loanCoupon: loan?.coupon))))
    }

    /// The authorised credit report: logged in the firm's access log with the authorisation used.
    func report(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let a = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        let purpose: AuthorisationPurpose = [.disbursed, .settled].contains(a.state.status) ? .postLoan : .loanApplication
        return try await Self.creditReport(req, principal, institution, uscc: a.uscc, purpose: purpose, action: "查阅信用报告（申请 #\(a.id)）")
    }

    /// The credit report of `uscc` read under the firm's authorisation for `purpose` (the read is logged and the firm
    /// told), laid out after the national standard.
    static func creditReport(_ req: Request, _ principal: Principal, _ institution: Institution, uscc: String,
                             purpose: AuthorisationPurpose, action: String) async throws -> Response {
        let report = try await CreditReports.load(req.services, institution: institution, actor: principal.displayName, uscc: uscc,
                                                  purpose: purpose, action: action)
        var context = Portal.context(req, principal, title: "信用报告：\(report.loaded.profile.name ?? uscc)")
        context.flash = FlashMessage(kind: .success, text: "依据授权书 #\(report.authorisation.id) 查询，本次查询已记录并告知企业。")
        var page = report.loaded.pageModel(uscc: uscc, context: context, catalog: req.catalog)
        page.sanctionFlags = try await Sanctions.reasons(req.services, uscc: uscc, effect: .flagInReports).map(\.text)
        let readable = Set(req.catalog.datasets.filter { Viewer.institution(authorisedCategories: Set(report.categories)).mayRead($0) }.map(\.id))
        let loans = try await req.loanStore.loans(uscc: uscc)
        page.report = .init(
            number: ReportVerification.Number(accessID: report.accessID).text, generatedAt: req.platform.clock.now(),
            institutionName: institution.name, reader: principal.displayName, purpose: purpose.label,
            authorisationID: report.authorisation.id,
            verificationCode: try await ReportVerification.code(req.services, accessID: report.accessID, uscc: uscc),
            summary: CreditReportSummary(records: report.loaded.profile.groups.flatMap(\.records), readable: readable,
                                         sanctions: page.sanctionFlags.count),
            platformLoans: loans.map { loan in
                .init(lender: loan.institutionID == institution.id ? "本机构" : "其他机构", principal: loan.ledger.schedule.principal,
                      outstanding: loan.outstanding, disbursedOn: loan.ledger.schedule.start, termMonths: loan.ledger.schedule.termMonths,
                      classification: loan.classification, overdueDays: loan.overdueDays, settled: loan.settled)
            })
        return Portal.html(EnterpriseProfilePage.render(page))
    }

    struct DecisionForm: Content {
        var amount_yuan: String?; var rate: String?; var term_months: String?; var method: String?; var reason: String?; var day: String?
    }

    func act(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/bank/applications/\(id ?? 0)") { principal in
            let form = try req.content.decode(DecisionForm.self)
            var day = req.platform.clock.today
            var checks = FieldChecks()
            let event: ApplicationEvent
            switch req.parameters.get("action") ?? "" {
            case "accept": event = .accept
            case "approve":
                let method = checks.run("method") { () throws -> RepaymentMethod in
                    guard let method = RepaymentMethod(rawValue: form.method ?? "") else {
                        throw DomainError.invalidInput(field: "还款方式", reason: "请选择还款方式")
                    }
                    return method
                }
                let amount = checks.run("amount_yuan") { try Money.cents(form.amount_yuan, field: "批准金额") }
                let rate = checks.run("rate") { try Money.basisPoints(form.rate, field: "年利率") }
                let term = checks.run("term_months") { try Validate.int(form.term_months, field: "期限（月）", range: 1...360) }
                try checks.finish()
                event = .approve(LoanTerms(amount: amount ?? .zero, rate: AnnualRate(basisPoints: rate ?? 0), termMonths: term ?? 1,
                                           method: method ?? .equalInstallment))
            case "reject": event = .reject(reason: form.reason ?? "")
            case "disburse":
                event = .disburse
                day = checks.run("day") { try Validate.day(form.day, field: "放款日期") } ?? day
                try checks.finish()
            default: throw DomainError.notFound("该操作")
            }
            let stored = try await FormKeys.renaming(["amount": "amount_yuan", "rate": "rate", "reason": "reason", "放款日期": "day"]) {
                try await MarketActions.act(req.services, principal, id: id, event: event, disbursedOn: day, note: form.reason ?? "")
            }
            return Portal.done(req, to: "/bank/applications/\(stored.id)", "已\(event.label)，申请状态：\(stored.state.status.label)")
        }
    }

    // MARK: Loans

    func loans(_ req: Request) async throws -> Response {
        let (principal, institution) = try bank(req)
        let overdueOnly = req.query[String.self, at: "overdue"] == "1"
        let list = try await req.loanStore.loans(institutionID: institution.id, overdueOnly: overdueOnly)
        return Portal.html(BankLoansPage.render(.init(context: Portal.context(req, principal), overdueOnly: overdueOnly,
                                                       loans: list.map(LoanSummary.init))))
    }

    func loan(_ req: Request) async throws -> Response {
        let (principal, _) = try bank(req)
        let loan = try await MarketActions.loan(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return Portal.html(BankLoanPage.render(.init(context: Portal.context(req, principal), loan: try await LoanSummary.named(req, loan), today: req.platform.clock.today)))
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

    // MARK: Staff and API tokens (the rules: `StaffAccounts` and `APITokens` in Services)

    func staff(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let overview = try await StaffAccounts.overview(req.services, principal)
        return Portal.html(BankStaffPage.render(.init(
            context: Portal.context(req, principal), staff: overview.staff,
            tokens: overview.tokens.map { BankStaffPage.Token(id: $0.id, name: $0.name, scope: $0.scope, createdAt: $0.createdAt, revokedAt: $0.revokedAt) })))
    }

    func addStaff(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/staff") { principal in
            struct Form: Content { var username: String?; var name: String?; var password: String?; var role: String? }
            let form = try req.content.decode(Form.self)
            let username = try await StaffAccounts.add(req.services, principal, .init(
                username: form.username, name: form.name, password: form.password, role: form.role))
            return Portal.done(req, to: "/bank/staff", "已添加员工 \(username)")
        }
    }

    func createToken(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/staff") { principal in
            struct Form: Content { var name: String?; var scope: String? }
            let form = try req.content.decode(Form.self)
            let created = try await APITokens.create(req.services, principal, name: form.name, scope: form.scope)
            return Portal.done(req, to: "/bank/staff", "令牌 \(created.name) 已生成（只显示这一次）：\(created.token)")
        }
    }

    func revokeToken(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/bank/staff") { principal in
            struct Form: Content { var id: String? }
            let id = try BoundedInteger.parse(try req.content.decode(Form.self).id ?? "", field: "令牌编号", in: 1...Int64.max)
            let token = try await APITokens.revoke(req.services, principal, id: id)
            return Portal.done(req, to: "/bank/staff", "令牌 \(token.name) 已吊销")
        }
    }
}
