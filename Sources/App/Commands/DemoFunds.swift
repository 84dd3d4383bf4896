import Domain
import Fluent
import Foundation
import Persistence
import Services
import Vapor
import Views

/// The demo city's risk compensation funds: the seed-001 (凌源) scheme and a Guangxi-style 4:3:2:1 guarantee scheme
/// adopted for Dalian, the offices that review claims (金融发展局, 领导小组, 财政局) with sign-ins, capital booked,
/// guaranteed and pure-credit loans disbursed through the platform months ago, and claims left in every state of the
/// review — one paid and partly recovered.
enum DemoFunds {
    static let offices: [(code: String, name: String)] = [("jrj", "市金融发展局"), ("ldxz", "市信易贷工作领导小组办公室"), ("czj", "市财政局")]

    static func seed(_ app: Application) async throws -> [String] {
        let services = app.services
        guard try await services.fundStore.programmes().isEmpty else { return [] }
        let institutions = try await app.accounts.institutions()
        let products = try await app.services.productStore.products(status: .online)
        guard let guaranteed = products.first(where: { $0.type == .guaranteed }),
              let pure = products.first(where: { $0.type == .pureCredit && $0.termRange.contains(months: 12) && $0.autoApproval != nil }),
              let guarantor = institutions.first(where: { String($0.id) == guaranteed.institutionID }),
              let lender = institutions.first(where: { String($0.id) == pure.institutionID }) else { return [] }
        let today = Day.today()
        func on(_ day: Day) -> ServiceContext { app.services(clock: .fixed(day.date.addingTimeInterval(10 * 3600))) }
        let office = Principal(name: "admin", displayName: "信用中心管理员", role: .creditCenter, department: nil)

        // The reviewing offices, with sign-ins (password as the demo's).
        let hash = try await app.password.async.hash(DemoCommand.password)
        var department: [String: Principal] = [:]
        for (code, name) in offices {
            var d = try await app.accounts.department(code: code)
            if d == nil {
                d = try await app.accounts.createDepartment(code: code, name: name, datasets: [])
                try await app.accounts.createUser(username: code, displayName: "\(name)经办人", passwordHash: hash, role: .department,
                                                  departmentID: d?.id)
            }
            department[code] = Principal(name: code, displayName: "\(name)经办人", role: .department, department: d)
        }

        // Two funds, their capital, and every institution signed onto the guarantee scheme.
        let opened = today.adding(days: -420)
        let city = try await FundProgrammes.open(on(opened), office, template: "lingyuan-2020", code: "dl-xyd",
                                                 name: "大连市中小微企业信易贷风险缓释基金", region: "大连市", districtPrefixes: ["2102"])
        let shared = try await FundProgrammes.open(on(opened), office, template: "guangxi-4321", code: "dl-4321",
                                                   name: "大连市政府性融资担保风险分担（4:3:2:1）", region: "大连市", districtPrefixes: ["2102"])
        _ = try await FundProgrammes.book(on(opened), office, scheme: city.schemeCode, .capital, amount: Cents(yuan: 10_000_000),
                                          institutionId: nil, day: opened, memo: "市财政首期资金到账")
        _ = try await FundProgrammes.book(on(today.adding(days: -60)), office, scheme: city.schemeCode, .injection,
                                          amount: Cents(yuan: 2_000_000), institutionId: nil, day: today.adding(days: -60),
                                          memo: "按地方金融业税收的 20% 注资")
        _ = try await FundProgrammes.book(on(opened), office, scheme: shared.schemeCode, .capital, amount: Cents(yuan: 5_000_000),
                                          institutionId: nil, day: opened, memo: "市县财政风险分担资金到账")
        for institution in institutions {
            _ = try await FundProgrammes.sign(on(opened), office, scheme: shared.schemeCode, institutionId: institution.id,
                                              signedOn: opened, until: nil)
        }

        // Loans disbursed through the platform about seven months ago: nine guaranteed, two pure credit to listed firms.
        let taken = Set(try await services.loanStore.allLoans().map(\.uscc)).union(try await services.monitoringStore.watchedFirms())
        let listed = try await services.recommendationStore.entries(statuses: [.listed, .pushed]).map(\.uscc).filter { !taken.contains($0) }
        var firms: [EnterpriseSummary] = []
        var page = 20
        while firms.count < 9, page <= 40 {
            let found = try await app.registry.search(EnterpriseQuery(paging: Paging(page: page, perPage: 100)))
            if found.items.isEmpty { break }
            firms += found.items.filter { $0.status == "存续" && $0.scale != "大型" && !taken.contains($0.uscc) && !listed.contains($0.uscc) }
            page += 1
        }
        let disbursed = today.adding(days: -210)
        var guaranteedLoans: [Int64] = []
        for (n, firm) in firms.prefix(9).enumerated() {
            if let id = try await loan(app, firm: firm.uscc, product: guaranteed, institution: guarantor, amount: Cents(yuan: Int64(300_000 + 50_000 * n)),
                                       on: disbursed.adding(days: n)) { guaranteedLoans.append(id) }
        }
        var pureLoans: [Int64] = []
        for (n, uscc) in listed.prefix(2).enumerated() {
            if let id = try await loan(app, firm: uscc, product: pure, institution: lender, amount: Cents(yuan: Int64(400_000 + 100_000 * n)),
                                       on: disbursed.adding(days: n)) { pureLoans.append(id) }
        }
        try await MarketActions.reclassifyLoans(services, asOf: today)

        // Claims in every state of the review.
        // The paid claim last: the journal runs in date order, and its payment and recovery are the latest entries.
        let states: [FundClaimStatus] = [.payment, .publicity, .objected, .approval, .verification, .filed, .awaitingMaterial, .rejected, .paid]
        var made: [String] = []
        for (loanID, state) in zip(guaranteedLoans, states) {
            if let record = try await claim(app, scheme: shared.schemeCode, loanID: loanID, institution: guarantor, reach: state,
                                            departments: department, guaranteePaid: true) {
                made.append("\(record.claim.claimId) \(record.status.label)")
            }
        }
        for (loanID, state) in zip(pureLoans, [FundClaimStatus.paid, .filed]) {
            // The seed-001 trigger is 损失: the lender has classified the loan so.
            let staff = Principal(name: "demo-\(lender.code)", displayName: "\(lender.name)客户经理", role: .institutionStaff,
                                  department: nil, institution: lender)
            _ = try await MarketActions.reportClass(on(today.adding(days: -25)), staff, loanID: loanID, .loss)
            if let record = try await claim(app, scheme: city.schemeCode, loanID: loanID, institution: lender, reach: state,
                                            departments: department, guaranteePaid: false) {
                made.append("\(record.claim.claimId) \(record.status.label)")
            }
        }
        return ["风险补偿基金：\(city.name)、\(shared.name)；补偿申请 \(made.count) 件（\(made.joined(separator: "，"))）；核查、审批、拨付部门账号 jrj、ldxz、czj"]
    }

    /// A loan of `amount` to `firm` on `product`, disbursed on `day` (the firm authorises the lender, applies, the lender
    /// approves for 12 months, the firm signs). Nil when the product or the firm's data refuse it.
    static func loan(_ app: Application, firm: String, product: LoanProduct, institution: Institution, amount: Cents,
                     on day: Day) async throws -> Int64? {
        let context = app.services(clock: .fixed(day.date.addingTimeInterval(9 * 3600)))
        guard let summary = try await app.registry.enterprise(firm) else { return nil }
        _ = try await AuthorisationStore(database: app.db).create(Authorisation(
            id: "", uscc: firm, scope: .institutions([String(institution.id)]), categories: app.platform.catalog.authorisedCategories,
            purposes: [.loanApplication, .postLoan], validFrom: day, validUntil: day.adding(days: 730), signedAt: day.date),
            by: summary.legalRep)
        let owner = Principal(name: "demo-\(firm)", displayName: summary.legalRep, role: .enterprise, department: nil, uscc: firm)
        let staff = Principal(name: "demo-\(institution.code)", displayName: "\(institution.name)客户经理", role: .institutionStaff,
                              department: nil, institution: institution)
        let method = product.repaymentMethods.first ?? .equalInstallment
        do {
            let submitted = try await MarketActions.apply(context, owner, .init(productID: Int64(product.id) ?? 0, amount: amount,
                                                                                termMonths: 12, method: method, purpose: "补充流动资金"))
            var id = submitted.application.id
            var status = submitted.application.state.status
            let terms = LoanTerms(amount: amount, rate: AnnualRate(basisPoints: max(product.rateRange.minBasisPoints, 420)), termMonths: 12,
                                  method: method)
            if status == .submitted { status = try await MarketActions.act(context, staff, id: id, event: .accept).state.status }
            if status == .accepted { status = try await MarketActions.act(context, staff, id: id, event: .approve(terms)).state.status }
            if status == .approved {
                status = try await Contracts.sign(context, owner, applicationID: id, factor: .seeded, render: ContractPDF.render).state.status
            }
            if status == .contractSigned {
                id = try await MarketActions.act(context, staff, id: id, event: .disburse, disbursedOn: day).id
            }
            return try await app.services.loanStore.loan(applicationID: id)?.id
        } catch let error as DomainError {
            app.logger.info("demo fund loan skipped", metadata: ["firm": "\(firm)", "reason": "\(error.message)"])
            return nil
        }
    }

    /// Files a claim on a covered loan 24 days ago and takes it through the review up to `target`.
    static func claim(_ app: Application, scheme: String, loanID: Int64, institution: Institution, reach target: FundClaimStatus,
                      departments: [String: Principal], guaranteePaid: Bool) async throws -> FundClaimRecord? {
        let today = Day.today()
        func on(_ day: Day) -> ServiceContext { app.services(clock: .fixed(day.date.addingTimeInterval(10 * 3600))) }
        let staff = Principal(name: "demo-\(institution.code)", displayName: "\(institution.name)客户经理", role: .institutionStaff,
                              department: nil, institution: institution)
        let office = Principal(name: "admin", displayName: "基金办公室经办人", role: .creditCenter, department: nil)
        guard try await app.services.fundStore.registration(scheme: scheme, loanId: String(loanID))?.isCovered == true,
              let programme = try await app.services.fundStore.programmes().first(where: { $0.schemeCode == scheme }),
              let version = programme.scheme.version(on: today) else { return nil }
        let filed = today.adding(days: -24)
        var attachments: [FundAttachment] = []
        for requirement in version.materials {
            let key = try await FundClaims.upload(on(filed), staff, kind: requirement.kind, fileName: "\(requirement.kind.label).pdf",
                                                  contentType: "application/pdf", bytes: Array("演示材料：\(requirement.kind.label)".utf8))
            attachments.append(FundAttachment(kind: requirement.kind, file: key,
                                              signedBy: requirement.kind == .truthfulnessStatement ? "\(institution.name)法定代表人" : ""))
        }
        var record: FundClaimRecord
        do {
            record = try await FundClaims.file(on(filed), staff, .init(scheme: scheme, loanId: loanID, attachments: attachments,
                                                                       guaranteePaidOn: guaranteePaid ? filed.adding(days: -3) : nil))
        } catch let error as DomainError {
            app.logger.info("demo fund claim skipped", metadata: ["loan": "\(loanID)", "reason": "\(error.message)"])
            return nil
        }
        func step(_ who: Principal, _ day: Day, _ action: FundClaimAction) async throws {
            record = try await FundClaims.step(on(day), who, id: record.id, action)
        }
        let verifier = departments["jrj"], group = departments["ldxz"], treasury = departments["czj"]
        switch target {
        case .filed: return record
        case .awaitingMaterial:
            try await step(office, filed.adding(days: 2), .requestMaterial("借款合同扫描件不清晰，请补充盖章清晰的借款合同"))
            return record
        case .rejected:
            try await step(office, filed.adding(days: 2), .reject("该笔贷款发放时未履行贷前调查程序，属于银行自身违规，不予补偿"))
            return record
        default: break
        }
        try await step(office, filed.adding(days: 2), .pass)
        guard target != .verification, let verifier else { return record }
        try await step(verifier, filed.adding(days: 4), .pass)
        guard target != .approval, let group else { return record }
        try await step(group, filed.adding(days: 6), .approve)
        if target == .publicity { return record }
        if target == .objected {
            try await step(Principal(name: "demo-public", displayName: "社会公众", role: .enterprise, department: nil),
                           filed.adding(days: 8), .object("该企业近期仍有正常经营的招投标记录，请核实是否确属损失"))
            return record
        }
        try await step(office, filed.adding(days: 15), .closePublicity)
        guard target == .paid, let treasury else { return record }
        try await step(treasury, filed.adding(days: 17), .pay)
        record = try await FundClaims.recover(on(today.adding(days: -2)), staff, id: record.id, gross: Cents(yuan: 60_000),
                                              costs: Cents(yuan: 4_000), day: today.adding(days: -2), note: "执行回款")
        return record
    }
}
