import Fluent
import App
import Domain
import Foundation
import Persistence
import Vapor

/// A small marketplace on top of `Fixtures`: two banks (tenants) with an admin, a clerk and an API token
/// each; bank A has an online product with auto-approval and an online one without, bank B a draft; the
/// commitment template; and enterprise accounts (with tokens) for the two sample firms. The firms'
/// registrations must already be loaded.
public struct MarketFixtures: Sendable {
    public let base: Fixtures
    public let bankA: Institution
    public let bankB: Institution
    public let bankAToken: String
    public let bankBToken: String
    public let firmAToken: String
    public let firmBToken: String
    public let autoProductID: Int64
    public let manualProductID: Int64
    public let draftProductID: Int64

    public static func seed(_ app: Application, base: Fixtures, enterpriseAccounts: Bool = true) async throws -> MarketFixtures {
        let accounts = app.accounts
        let hash = try await app.password.async.hash(Fixtures.password)
        let bankA = try await accounts.createInstitution(code: "banka", name: "甲银行", kind: .bank)
        let bankB = try await accounts.createInstitution(code: "bankb", name: "乙银行", kind: .bank)
        for (bank, code) in [(bankA, "banka"), (bankB, "bankb")] {
            try await accounts.createUser(username: "\(code)-admin", displayName: "\(bank.name)管理员", passwordHash: hash,
                                          role: .institutionAdmin, departmentID: nil, institutionID: bank.id)
            try await accounts.createUser(username: "\(code)-staff", displayName: "\(bank.name)客户经理", passwordHash: hash,
                                          role: .institutionStaff, departmentID: nil, institutionID: bank.id,
                                          phone: code == "banka" ? "13911110001" : "13911110002")
        }
        let firmA = SampleFiles.firmA, firmB = SampleFiles.firmB
        if enterpriseAccounts {
            try await accounts.createUser(username: "firm-a", displayName: "王伟", passwordHash: hash, role: .enterprise,
                                          departmentID: nil, uscc: firmA, phone: "13800000001")
            try await accounts.createUser(username: "firm-b", displayName: "李娜", passwordHash: hash, role: .enterprise,
                                          departmentID: nil, uscc: firmB, phone: "13800000002")
        }
        let products = ProductStore(database: app.db)
        let all = RepaymentMethod.allCases
        let auto = try await products.save(LoanProduct(
            id: "", institutionID: String(bankA.id), name: "甲行纳税贷", type: .pureCredit,
            amountRange: AmountRange(minYuan: 10_000, maxYuan: 1_000_000), rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 500),
            termRange: TermRange(minMonths: 3, maxMonths: 36), repaymentMethods: all,
            eligibility: EligibilityRules(minimumYearsInBusiness: 1),
            autoApproval: AutoApprovalRules([.maximumAmount(cents: 50_000_000), .noDishonestRecord, .noOverdueLoans]),
            status: .online))
        let manual = try await products.save(LoanProduct(
            id: "", institutionID: String(bankA.id), name: "甲行经营贷", type: .guaranteed,
            amountRange: AmountRange(minYuan: 10_000, maxYuan: 5_000_000), rateRange: RateRange(minBasisPoints: 380, maxBasisPoints: 560),
            termRange: TermRange(minMonths: 3, maxMonths: 36), repaymentMethods: all, status: .online))
        let draft = try await products.save(LoanProduct(
            id: "", institutionID: String(bankB.id), name: "乙行草稿产品", type: .pureCredit,
            amountRange: AmountRange(minYuan: 10_000, maxYuan: 100_000), rateRange: RateRange(minBasisPoints: 350, maxBasisPoints: 400),
            termRange: TermRange(minMonths: 3, maxMonths: 12), repaymentMethods: all))
        try await CommitmentStore(database: app.db).publishTemplate(title: "企业信用承诺书", body: "一、信息真实。\n二、按期还款。", by: "admin")
        return MarketFixtures(
            base: base, bankA: bankA, bankB: bankB,
            bankAToken: try await accounts.createToken(name: "banka-api", role: .institutionStaff, departmentID: nil, institutionID: bankA.id),
            bankBToken: try await accounts.createToken(name: "bankb-api", role: .institutionStaff, departmentID: nil, institutionID: bankB.id),
            firmAToken: try await accounts.createToken(name: "firm-a-api", role: .enterprise, departmentID: nil, uscc: firmA),
            firmBToken: try await accounts.createToken(name: "firm-b-api", role: .enterprise, departmentID: nil, uscc: firmB),
            autoProductID: Int64(auto.id) ?? 0, manualProductID: Int64(manual.id) ?? 0, draftProductID: Int64(draft.id) ?? 0)
    }

    /// Bank A's ¥100,000 loan to firm A on the manual product, applied for, approved, signed and disbursed on `day`;
    /// returns the loan's id.
    public func openLoan(_ app: Application, on day: Day) async throws -> Int64 {
        let applications = ApplicationStore(database: app.db)
        let stored = try await applications.create(.init(
            uscc: SampleFiles.firmA, firmName: "大连海韵科技有限公司", productID: manualProductID, productName: "甲行经营贷",
            institutionID: bankA.id, authorisationID: nil, requestedAmount: Cents(10_000_000), requestedTermMonths: 12,
            requestedMethod: .equalInstallment, purpose: "周转"), actor: "王伟")
        let terms = LoanTerms(amount: Cents(10_000_000), rate: AnnualRate(basisPoints: 400), termMonths: 12, method: .equalInstallment)
        for event: ApplicationEvent in [.accept, .approve(terms), .signContract] {
            try await applications.apply(event, to: stored.id, actor: "甲银行")
        }
        try await applications.apply(.disburse, to: stored.id, actor: "甲银行") { unit, next in
            try await LoanStore.open(in: unit, application: next, ledger: LoanLedger(schedule: try terms.schedule(start: day)),
                                     asOf: day, thresholds: .default)
        }
        guard let loan = try await LoanStore(database: app.db).loan(applicationID: stored.id) else {
            throw DomainError.notFound("放款后的贷款")
        }
        return loan.id
    }
}
