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
        let active = authorisations.filter { $0.revokedAt == nil && $0.validUntil >= req.platform.clock.today }
        let applications = try await req.applicationStore.applications(uscc: uscc)
        let loans = try await req.loanStore.loans(uscc: uscc)
        let outstanding = loans.filter { !$0.settled }.reduce(Cents.zero) { $0 + $1.outstanding }
        let objections = try await req.remedyStore.objections(uscc: uscc)
        let repairs = try await req.remedyStore.repairs(uscc: uscc)
        var model = FirmHomePage.Model(
            context: Portal.context(req, principal), grade: evaluation?.grade, score: evaluation?.score,
            hasCommitment: commitment != nil, activeAuthorisations: active.count, applicationCount: applications.total,
            outstanding: outstanding, objections: objections, repairs: repairs, now: req.platform.clock.now())
        // 您有预授信额度: the offers still open today, and what its active lines leave to draw.
        model.preapprovals = try await Preapprovals.openOffers(req.services, principal)
        let today = req.platform.clock.today
        let lines = try await CreditLines.firmLines(req.services, principal).map { $0.line.position(asOf: today) }.filter { $0.status == .active }
        model.creditLineAvailable = lines.isEmpty ? nil : lines.reduce(Cents.zero) { $0 + $1.available }
        // The next installment of each loan, and what is overdue.
        let lenders = Institution.names(try await req.accounts.institutions())
        model.repayments = loans.filter { !$0.settled }.compactMap { loan in
            let position = loan.ledger.position(asOf: today)
            guard !position.isSettled, let next = position.installments.first(where: { $0.status != .paid }) else { return nil }
            return FirmHomePage.Repayment(loanID: loan.id, lender: lenders[String(loan.institutionID)] ?? "—", nextDue: next.installment.due,
                                          nextAmount: next.remaining, overdueAmount: position.amountOverdue, overdueDays: position.overdueDays)
        }
        return Portal.html(FirmHomePage.render(model))
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
        let template = try await req.commitmentStore.latestTemplate()
        return Portal.html(FirmCommitmentPage.render(.init(
            context: Portal.context(req, principal), signed: signed.map(SignedCommitment.init), template: template,
            legalRepresentative: identity?.legalRepresentative)))
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
        let log = try await req.authorisationStore.accesses(uscc: uscc, paging: try req.paging())
        let authorisedCategories = req.catalog.authorisedCategories
        return Portal.html(FirmAuthorisationsPage.render(.init(
            context: Portal.context(req, principal), authorisations: list, institutions: institutions,
            categories: req.catalog.categories.map {
                CategoryChoice(id: $0.id, name: $0.name, needsAuthorisation: authorisedCategories.contains($0.id))
            },
            accesses: log.items.map {
                FirmAuthorisationsPage.Access(id: $0.id, at: $0.at, institutionID: $0.institutionID, actor: $0.actor,
                                              categories: $0.categories, authorisationID: $0.authorisationID,
                                              purpose: $0.purpose, action: $0.action)
            },
            accessWindow: PageWindow(log), today: req.platform.clock.today,
            jointModels: try await JointModelling.participations(req.services, principal))))
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
        return Portal.html(FirmAccessProofPage.render(.init(
            context: Portal.context(req, principal), accessID: id, verified: proof.verified, message: proof.message,
            entry: proof.entry, leafHash: proof.leafHash, leafIndex: proof.leafIndex, treeSize: proof.treeSize,
            rootHash: proof.rootHash, proof: proof.proof, witnesses: proof.witnesses)))
    }

    // MARK: Demands

    func demands(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let list = try await req.demandStore.demands(uscc: uscc)
        let names = Institution.names(try await req.accounts.institutions())
        let steps = try await req.demandStore.followUps(demandIDs: list.filter { $0.takenBy != nil }.compactMap { Int64($0.id) })
        let progress = Dictionary(uniqueKeysWithValues: list.filter { $0.takenBy != nil }.map {
            ($0.id, DemandProgress(demand: $0, steps: Int64($0.id).flatMap { steps[$0] } ?? [], rules: req.platform.policy.demandFollowUp,
                                   today: req.platform.clock.today))
        })
        return Portal.html(FirmDemandsPage.render(.init(context: Portal.context(req, principal), demands: list,
                                                       institutionNames: names, progress: progress)))
    }

    func publishDemand(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/demands") { principal in
            _ = try principal.requireEnterprise()
            struct Form: Content { var amount_yuan: String?; var term_months: String?; var purpose: String?; var urgency: String? }
            let form = try req.content.decode(Form.self)
            var checks = FieldChecks()
            let amount = checks.run("amount_yuan") { try Money.cents(form.amount_yuan, field: "融资金额") }
            let term = checks.run("term_months") { try Validate.int(form.term_months, field: "期限（月）", range: 1...360) }
            try checks.finish()
            let stored = try await FormKeys.renaming(["amount": "amount_yuan", "termMonths": "term_months", "purpose": "purpose"]) {
                try await Demands.publish(req.services, principal, .init(
                    amount: amount ?? .zero, termMonths: term ?? 1,
                    purpose: form.purpose ?? "", urgency: DemandUrgency(rawValue: form.urgency ?? "") ?? .withinMonth))
            }
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
        let online = try await req.services.readCache.onlineProducts(req.services)
        let estimate = QuotaEstimate.estimate(for: facts, products: online, today: req.platform.clock.today, grades: req.platform.grades)
        let names = Institution.names(try await req.accounts.institutions())
        // A firm on the 守信激励名单 sees each offer with the preference its product declares (rate cut, amount raise).
        let redList = try await RedLists.validEntry(req.services, uscc: uscc)
        let byID = Dictionary(online.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let today = req.platform.clock.today
        var preferences: [String] = []
        return Portal.html(FirmProductsPage.render(.init(
            context: Portal.context(req, principal), grade: facts.grade, score: facts.score,
            offers: estimate.offers.map { offer in
                let product = byID[offer.productID]
                let incentive = IncentiveOffer.make(entry: redList, on: today, preference: product?.redListPreference ?? RedListPreference(),
                                                    rate: AnnualRate(basisPoints: offer.rateBasisPoints), amount: Cents(offer.amountCents),
                                                    maximumAmount: product.map { Cents($0.amountRange.maxCents) },
                                                    catalogue: req.platform.measures)
                if product?.redListPreference != nil, let text = incentive.text { preferences.append("\(offer.productName)：\(text)") }
                return FirmProductsPage.Offer(productID: offer.productID, productName: offer.productName, institutionID: offer.institutionID,
                                              amountCents: incentive.adjustedAmount.value, rateBasisPoints: incentive.adjustedRate.basisPoints,
                                              termRange: offer.termRange, repaymentMethods: offer.repaymentMethods,
                                              working: offer.working + (product?.redListPreference != nil ? incentive.text.map { ["守信激励：\($0)"] } ?? [] : []))
            },
            declined: estimate.ineligible.map {
                FirmProductsPage.Declined(productName: $0.productName, institutionID: $0.institutionID, reasons: $0.reasons)
            },
            products: online, institutionNames: names,
            incentive: redList.flatMap { entry in
                let lines = [RedLists.incentiveText(entry, req.services)].compactMap { $0 } + preferences
                return lines.isEmpty ? nil : lines.joined(separator: "。")
            },
            chosenProductID: req.query[String.self, at: "product"].map { String($0.prefix(20)) })))
    }

    struct ApplyForm: Content {
        var product_id: String?; var amount_yuan: String?; var term_months: String?; var method: String?; var purpose: String?
    }

    func apply(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/products") { principal in
            let uscc = try principal.requireEnterprise()
            try await Commitments.requireInForce(req.services, uscc: uscc)
            let form = try req.content.decode(ApplyForm.self)
            var checks = FieldChecks()
            let productID = checks.run("product_id") { () throws -> Int64 in
                guard let id = Int64(form.product_id ?? "") else { throw DomainError.invalidInput(field: "产品", reason: "请选择产品") }
                return id
            }
            let amount = checks.run("amount_yuan") { try Money.cents(form.amount_yuan, field: "申请金额") }
            let term = checks.run("term_months") { try Validate.int(form.term_months, field: "期限（月）", range: 1...360) }
            try checks.finish()
            let stored = try await FormKeys.renaming(["amount": "amount_yuan", "termMonths": "term_months", "method": "method"]) {
                try await MarketActions.apply(req.services, principal, .init(
                    productID: productID ?? 0, amount: amount ?? .zero, termMonths: term ?? 1,
                    method: RepaymentMethod(rawValue: form.method ?? ""), purpose: form.purpose ?? "")).application
            }
            let message = stored.state.status == .approved ? "申请已由系统自动审批通过，请在线签约" : "申请已提交，等待金融机构受理"
            return Portal.done(req, to: "/firm/applications/\(stored.id)", message)
        }
    }

    func applications(_ req: Request) async throws -> Response {
        let (principal, uscc) = try firm(req)
        let page = try await req.applicationStore.applications(uscc: uscc, paging: try req.paging(defaultPerPage: 50))
        return Portal.html(FirmApplicationsPage.render(.init(
            context: Portal.context(req, principal), applications: page.items.map { ApplicationSummary($0) },
            window: PageWindow(page))))
    }

    func application(_ req: Request) async throws -> Response {
        let (principal, _) = try firm(req)
        let a = try await MarketActions.application(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        let institutionName = try await req.accounts.institution(id: a.institutionID)?.name ?? ""
        var loan: LoanSummary?
        if let stored = try await req.loanStore.loan(applicationID: a.id) { loan = try await LoanSummary.named(req, stored) }
        let steps = try await req.applicationStore.steps(applicationID: a.id)
        return Portal.html(FirmApplicationPage.render(.init(
            context: Portal.context(req, principal), application: ApplicationSummary(a, institutionName: institutionName),
            loan: loan, steps: steps, today: req.platform.clock.today)))
    }

    func act(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        return try await Portal.form(req, back: "/firm/applications/\(id ?? 0)") { principal in
            struct Form: Content { var reason: String? }
            let reason = (try? req.content.decode(Form.self).reason) ?? nil
            let event: ApplicationEvent = switch req.parameters.get("action") ?? "" {
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
        return Portal.html(FirmLoansPage.render(.init(context: Portal.context(req, principal), loans: list.map(LoanSummary.init))))
    }

    func loan(_ req: Request) async throws -> Response {
        let (principal, _) = try firm(req)
        let loan = try await MarketActions.loan(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return Portal.html(FirmLoanPage.render(.init(context: Portal.context(req, principal), loan: try await LoanSummary.named(req, loan), today: req.platform.clock.today)))
    }
}
