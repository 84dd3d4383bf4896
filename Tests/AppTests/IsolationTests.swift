import Fluent
import App
import Domain
import Foundation
import Persistence
import Testing
import TestSupport
import VaporTesting

/// Walks every route of the application with every role, the path's ids pointing at another tenant's
/// objects (bank B's product, firm B's application, loan, demand and authorisation). Each answer must be
/// either allowed for that role, or 401/403/404 — and an allowed answer must not carry the other tenant's
/// data (bank B's or firm B's names), except where that data is public.
@Suite struct IsolationTests {
    enum Caller: String, CaseIterable {
        case anonymous, creditCenter, department, bankAdmin, bankStaff, firm
    }

    /// Who may use a route (method + path with `:name` parameters), by the path's area.
    static func allowed(_ method: String, _ path: String) -> Set<Caller> {
        let everyone = Set(Caller.allCases)
        let signedIn = everyone.subtracting([.anonymous])
        let bank: Set<Caller> = [.bankAdmin, .bankStaff]
        let government: Set<Caller> = [.creditCenter, .department]
        switch path {
        case "/", "/login", "/register", "/register/code", "/healthz", "/metrics", "/openapi.json", "/public/products", "/public/commitments", "/public/reports/verify",
             "/api/v1/catalog", "/api/v1/uscc/:code":
            return everyone
        case "/logout": return signedIn
        // The 推荐清单 publicity is public; anyone signed in may object to an entry.
        case "/public/recommendations": return everyone
        case "/public/recommendations/objections": return signedIn
        // The 守信激励名单 and the on-time repayers (with their consent) are public.
        case "/public/red-list", "/public/on-time", "/api/v1/red-list", "/api/v1/on-time-repayers": return everyone
        case "/public/red-list/objections", "/api/v1/red-list/:id/objections": return signedIn
        // 补偿公示 is public; anyone signed in may object during publicity; material only to its institution and the fund side.
        case "/public/fund": return everyone
        case "/fund/objections": return signedIn
        case "/fund/materials/:id": return bank.union([.creditCenter])
        default: break
        }
        // The transparency log holds no personal data: anyone may audit it and witnesses may cosign it.
        if path.hasPrefix("/api/v1/log/") { return everyone }
        if path.hasPrefix("/bank/staff") || path.hasPrefix("/bank/tokens") || path == "/bank/alerts/webhook" { return [.bankAdmin] }
        if path.hasPrefix("/bank") { return bank }
        if path.hasPrefix("/firm") { return [.firm] }
        if ["/console/institutions", "/console/accounts", "/console/products", "/console/commitments", "/console/authorisations",
            "/console/enterprises", "/console/repairs", "/console/red-list", "/console/monitoring", "/console/listings",
            "/console/fund", "/console/coupons"].contains(where: { path.hasPrefix($0) }) || path == "/console" {
            return [.creditCenter]
        }
        // Statistics: the credit center and the finance/regulatory departments (the test's court is neither).
        if path.hasPrefix("/console/stats") { return [.creditCenter] }
        if path.hasPrefix("/console") { return government }
        // The API.
        let api = String(path.dropFirst("/api/v1".count))
        if api.hasPrefix("/datasets") || api.hasPrefix("/batches") { return government }
        if api == "/enterprises/:uscc/report" { return bank }
        if api.hasPrefix("/enterprises") && api != "/enterprises/:uscc" && api != "/enterprises/:uscc/records/:dataset/:record/history" {
            return government.union(bank)
        }
        if api.hasPrefix("/enterprises") { return signedIn.subtracting([.firm]) } // the firm only for itself: see below
        if api == "/loans/:id/default-report" { return bank }
        if api == "/listings" { return method == "POST" ? [.creditCenter] : [.creditCenter, .firm] }
        if api == "/listings/:id/steps" { return [.creditCenter, .firm] }
        if api == "/default-reports" { return bank.union([.firm, .creditCenter]) }
        if ["/applications", "/loans"].contains(where: { api.hasPrefix($0) }) {
            if method == "POST" && api == "/applications" { return [.firm] }
            if method == "POST" && api.hasSuffix("/repayments") { return bank }
            if method == "POST" { return bank.union([.firm]) }
            // The credit center oversees every application and loan.
            return bank.union([.firm, .creditCenter])
        }
        // The credit center oversees every demand with its follow-up.
        if api == "/demands/:id" { return bank.union([.firm, .creditCenter]) }
        if api.hasPrefix("/demands") { return method == "POST" ? bank : bank.union([.firm]) }
        if api.hasPrefix("/authorisations") || api.hasPrefix("/commitments") { return [.firm] }
        if api == "/access-log" { return [.firm, .creditCenter] }
        // Objections: the firm files and withdraws its own, departments answer those on their records.
        if api == "/objections" { return method == "POST" ? [.firm] : government.union([.firm]) }
        if api.hasPrefix("/objections/") { return government.union([.firm]) }
        // Credit repair: the firm applies, the credit center decides.
        if api == "/repairs" { return method == "POST" ? [.firm] : [.firm, .creditCenter] }
        if api.hasPrefix("/repairs/") { return [.creditCenter] }
        // Recommendation lists: firms declare, departments refer, the credit center screens, reviews and pushes;
        // institutions see and answer only the pushes made to them.
        if api == "/recommendations" { return government.union([.firm]) }
        if api == "/recommendations/screen" || api == "/recommendations/push" || api.hasSuffix("/review") { return [.creditCenter] }
        if api.hasSuffix("/objections") && api.hasPrefix("/recommendations/") { return signedIn }
        if api.hasPrefix("/recommendations/") { return government.union([.firm]) }
        if api.hasPrefix("/red-list/") { return [.creditCenter] }
        if api == "/publication-consent" { return [.firm] }
        if api.hasPrefix("/recommendation-pushes") { return method == "POST" ? bank : bank.union([.creditCenter]) }
        // Post-loan warnings: an institution sees and answers its own, the credit center reads them all; the
        // webhook is the institution admin's.
        if api.hasPrefix("/risk-alerts") { return method == "POST" ? bank : bank.union([.creditCenter]) }
        if api == "/risk-webhook" { return [.bankAdmin] }
        // Risk compensation funds: the fund office (credit center) keeps the books; institutions see their own covered
        // loans and claims and file; the test's department (a court) has no fund duty.
        if api == "/fund/programmes" { return method == "POST" ? [.creditCenter] : signedIn }
        if api.hasPrefix("/fund/programmes/") { return [.creditCenter] }
        if api == "/fund/registrations" || api == "/fund/claims/:id" || (api == "/fund/claims" && method == "GET") {
            return bank.union([.creditCenter])
        }
        if api == "/fund/claims/:id/steps" { return bank.union([.creditCenter]) }
        if api.hasPrefix("/fund/") { return bank }
        // Digital credit coupons: the credit center runs the programmes and issues; a firm claims, holds and attaches its
        // own; lenders read the coupons redeemed on their loans and claim settlement (the credit center reads all).
        if api.hasPrefix("/coupons") {
            if api == "/coupons" || api == "/coupons/offers" || api == "/coupons/programmes/:id/claim" || api.hasSuffix("/attach")
                || api.hasSuffix("/detach") { return [.firm] }
            if api.hasPrefix("/coupons/programmes") { return [.creditCenter] }
            if api == "/coupons/:id/claims" { return bank }
            return bank.union([.creditCenter])
        }
        // Statistics: institutions file and read their own reports; the figures, the close, the evaluation and the
        // bulletins are the credit center's (and the finance/regulatory departments', not the test's court).
        if api == "/stats/indicators" || api == "/stats/reports/template" { return signedIn }
        if api == "/stats/reports/:month" { return bank }
        if api == "/stats/reports" || api == "/stats/reports/id/:id" { return bank.union([.creditCenter]) }
        if api.hasPrefix("/stats") { return [.creditCenter] }
        // Pre-approved credit: an institution runs pre-approval and reads its own runs, offers and lines; a firm reads its
        // open offers, accepts one, draws and repays on its own line.
        if api.hasPrefix("/preapproval/runs") { return bank }
        if api.hasPrefix("/preapproval/offers") { return [.firm] }
        if api == "/credit-lines" || api == "/credit-lines/:id" { return bank.union([.firm]) }
        if api.hasPrefix("/credit-lines/") { return [.firm] }
        // Joint modelling: a bank drives its own sessions (another bank's session is not found); the runs are the center's
        // (all) and each bank's (its own); the center's feature list is for anyone signed in.
        if api == "/joint/features" { return signedIn }
        if api == "/joint/runs" { return bank.union([.creditCenter]) }
        if api.hasPrefix("/joint/") { return bank }
        if api.hasPrefix("/catalog") || api.hasPrefix("/uscc") || api == "/products" || api.hasPrefix("/evaluations") { return signedIn }
        return []
    }

    /// Routes that may show firm B's or bank B's public data (registry, public lists, online products).
    static let showsPublicData: Set<String> = [
        "/public/products", "/public/commitments", "/api/v1/enterprises", "/api/v1/enterprises/:uscc", "/api/v1/products",
        "/api/v1/enterprises/:uscc/records/:dataset/:record/history", "/console/institutions", "/console/accounts",
        "/console/products", "/console/commitments", "/console/enterprises", "/console/enterprises/:uscc", "/bank/demands",
        "/public/recommendations", "/public/red-list", "/public/on-time", "/api/v1/red-list", "/api/v1/on-time-repayers",
    ]

    @Test(arguments: Backend.allCases)
    func everyRouteWithEveryRole(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let base = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: base.marketToken)
            try await app.reevaluate()
            let f = try await MarketFixtures.seed(app, base: base)
            let other = try await Self.otherTenantObjects(app, f)
            let tokens: [Caller: String] = [
                .creditCenter: base.centerToken, .department: base.courtToken,
                .bankAdmin: try await app.accounts.createToken(name: "a-admin", role: .institutionAdmin, departmentID: nil,
                                                                institutionID: f.bankA.id),
                .bankStaff: f.bankAToken, .firm: f.firmAToken,
            ]
            var walked = 0
            for route in app.routes.all {
                let method = route.method.rawValue
                let pattern = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return ":" + name }
                    return component.description
                }.joined(separator: "/")
                if pattern.hasPrefix("/static") || pattern.contains("**") { continue }
                let path = Self.fill(pattern, other)
                let allowed = Self.allowed(method, pattern)
                for caller in Caller.allCases {
                    let reply = try await send(app, route.method, path, token: tokens[caller], body: method == "POST" ? "{}" : nil,
                                               contentType: method == "POST" ? "application/json" : nil)
                    walked += 1
                    let code = reply.status.code
                    if !allowed.contains(caller) {
                        // Refused, or (web pages) sent to sign in / to the caller's own home page.
                        let redirected = code == 303 && !pattern.hasPrefix("/api")
                        #expect([401, 403, 404].contains(code) || redirected, "\(caller) \(method) \(pattern) → \(code)")
                    }
                    guard (200..<300).contains(code), caller != .creditCenter else { continue }
                    if !Self.showsPublicData.contains(pattern) || caller == .firm {
                        #expect(!reply.body.contains("大连北港物流"), "\(caller) \(method) \(pattern) shows firm B")
                    }
                    // Bank B's draft product is seen by bank B and the credit center only.
                    #expect(!reply.body.contains("乙行草稿产品"), "\(caller) \(method) \(pattern) shows bank B's draft")
                }
            }
            #expect(walked >= 6 * 80)
        }
    }

    struct Other {
        let application: Int64; let loan: Int64; let product: String; let demand: String; let authorisation: String
        var run: Int64 = 0; var offer: Int64 = 0; var line: Int64 = 0
    }

    /// Bank B's and firm B's objects: an application of firm B at bank B that became a loan, bank B's draft
    /// product, a demand taken by bank B and firm B's authorisation.
    static func otherTenantObjects(_ app: Application, _ f: MarketFixtures) async throws -> Other {
        let products = ProductStore(database: app.db)
        let online = try await products.save(LoanProduct(
            id: "", institutionID: String(f.bankB.id), name: "乙行在售产品", type: .pureCredit,
            amountRange: AmountRange(minYuan: 10_000, maxYuan: 1_000_000), rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 500),
            termRange: TermRange(minMonths: 3, maxMonths: 36), repaymentMethods: RepaymentMethod.allCases, status: .online))
        let authorisation = try await AuthorisationStore(database: app.db).create(Authorisation(
            id: "", uscc: SampleFiles.firmB, scope: .institutions([String(f.bankB.id)]), categories: ["tax"],
            purposes: [.loanApplication], validFrom: .today(), validUntil: Day.today().adding(days: 30), signedAt: Date()), by: "李娜")
        let applications = ApplicationStore(database: app.db)
        let stored = try await applications.create(.init(
            uscc: SampleFiles.firmB, firmName: "大连北港物流有限公司", productID: Int64(online.id) ?? 0, productName: "乙行在售产品",
            institutionID: f.bankB.id, authorisationID: Int64(authorisation.id), requestedAmount: Cents(10_000_000),
            requestedTermMonths: 12, requestedMethod: .equalInstallment, purpose: "周转"), actor: "李娜")
        let terms = LoanTerms(amount: Cents(10_000_000), rate: AnnualRate(basisPoints: 400), termMonths: 12, method: .equalInstallment)
        for event: ApplicationEvent in [.accept, .approve(terms), .signContract] {
            try await applications.apply(event, to: stored.id, actor: "乙银行")
        }
        try await applications.apply(.disburse, to: stored.id, actor: "乙银行") { unit, next in
            try await LoanStore.open(in: unit, application: next, ledger: LoanLedger(schedule: try terms.schedule(start: .today())),
                                     asOf: .today(), thresholds: .default)
        }
        let loan = try #require(try await LoanStore(database: app.db).loan(applicationID: stored.id))
        var demand = try FinancingDemand(id: "", uscc: SampleFiles.firmB, amountCents: 100_000, termMonths: 6, purpose: "周转",
                                         urgency: .withinWeek, publishedAt: Date())
        let demands = DemandStore(database: app.db)
        demand = try await demands.create(demand)
        try demand.take(by: String(f.bankB.id), at: Date())
        _ = try await demands.update(demand, expecting: .open)
        // Bank B's pre-approval of firm B, accepted as a line (and bank A's of firm A, so that lists have an item).
        let (run, offer, line) = try await preapprovedLine(app, institution: f.bankB.id, productID: Int64(online.id) ?? 0,
                                                           uscc: SampleFiles.firmB, firmName: "大连北港物流有限公司")
        _ = try await preapprovedLine(app, institution: f.bankA.id, productID: f.autoProductID, uscc: SampleFiles.firmA,
                                      firmName: "大连海韵科技有限公司")
        return Other(application: stored.id, loan: loan.id, product: String(f.draftProductID), demand: demand.id,
                     authorisation: authorisation.id, run: run, offer: offer, line: line)
    }

    /// A run with one offer to the firm, stored as a run would store it, and the firm's acceptance of it.
    static func preapprovedLine(_ app: Application, institution: Int64, productID: Int64, uscc: String,
                                firmName: String) async throws -> (run: Int64, offer: Int64, line: Int64) {
        let table = PreapprovalTable(basis: .grade, bands: [.init(grade: "A", maxLimit: Cents(yuan: 500_000),
                                                                  rates: RateRange(minBasisPoints: 400, maxBasisPoints: 450), termMonths: 12)],
                                     ceiling: DefaultProbability(ppm: 50_000))
        let terms = PreapprovalPricing.Terms(limit: Cents(yuan: 500_000), rate: AnnualRate(basisPoints: 420),
                                             rates: RateRange(minBasisPoints: 400, maxBasisPoints: 450), termMonths: 12, reasons: ["信用等级 A"])
        let offers = [PreapprovalStore.NewOffer(uscc: uscc, firmName: firmName, terms: terms, probability: DefaultProbability(ppm: 8_000))]
        let run = try await PreapprovalStore(database: app.db).store(PreapprovalRun(
            id: 0, institutionID: institution, productID: productID, productName: "", source: .uploaded, table: table, scaling: nil,
            requireRecommended: false, validUntil: Day.today().adding(days: 30), ranOn: .today(), ranBy: "staff", universe: 1, excluded: [:],
            declined: [:], offers: 1, offeredTotal: terms.limit, offersDigest: PreapprovalStore.digest(offers), elapsedMillis: 1),
            offers: offers, at: Date())
        let offer = try #require(try await PreapprovalStore(database: app.db).openOffers(uscc: uscc, on: .today()).first)
        let line = try await CreditLineStore(database: app.db).open(offerID: offer.id, uscc: uscc, on: .today(), actor: "firm", at: Date(),
                                                                    thresholds: .default)
        return (run.id, offer.id, line.line.id)
    }

    static func fill(_ pattern: String, _ other: Other) -> String {
        var parts: [String] = []
        let components = pattern.split(separator: "/").map(String.init)
        for (index, part) in components.enumerated() {
            guard part.hasPrefix(":") else { parts.append(part); continue }
            let area = index > 0 ? components[index - 1] : ""
            let value: String = switch (part, area) {
            case (":uscc", _): SampleFiles.firmB
            case (":id", "applications"): String(other.application)
            case (":id", "loans"): String(other.loan)
            case (":id", "products"): other.product
            case (":id", "demands"): other.demand
            case (":id", "authorisations"): other.authorisation
            case (":id", "runs"), (":id", "preapprovals"): String(other.run)
            case (":id", "offers"), (":id", "preapproval-offers"): String(other.offer)
            case (":id", "credit-lines"): String(other.line)
            case (":id", "batches"): "1"
            case (":id", "accounts"): "1"
            case (":action", _): "accept"
            case (":dataset", _): "market.registration"
            case (":record", _): "R2"
            case (":code", _): SampleFiles.firmB
            default: "1"
            }
            parts.append(value)
        }
        return "/" + parts.joined(separator: "/")
    }
}
