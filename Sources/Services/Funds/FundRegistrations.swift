import Domain
import Foundation
import Persistence

/// 入库: every disbursed platform loan and every revolving line opened on the platform is checked against each fund
/// the platform runs, under the version in force on its disbursement (opening) day, and the outcome kept — covered, or
/// the reasons it is not. Disbursement and a line's opening check their own at once; a daily sweep checks any missed
/// (a process stopped in between), so each is checked exactly once per fund (the registration's primary key; a line's
/// key is `line:<id>`, `FundBorrowing`).
public enum FundRegistrations {
    /// Checks loan `loanId` under every fund not checked before; returns the checks stored now.
    @discardableResult
    public static func register(_ context: ServiceContext, loanId: Int64) async throws -> [FundRegistrationRecord] {
        guard let loan = try await context.loanStore.loan(id: loanId) else { return [] }
        var out: [FundRegistrationRecord] = []
        for programme in try await context.fundStore.programmes() {
            guard try await context.fundStore.registration(scheme: programme.schemeCode, loanId: String(loanId)) == nil else { continue }
            out.append(try await check(context, loan: loan, programme: programme))
        }
        return try await context.fundStore.register(out, actor: "platform", at: context.clock.now())
    }

    /// Checks revolving line `lineId` (its limit, rate and term, opened on its first day) under every fund not checked before.
    @discardableResult
    public static func register(_ context: ServiceContext, lineId: Int64) async throws -> [FundRegistrationRecord] {
        guard let line = try await context.creditLineStore.line(id: lineId)?.line else { return [] }
        var out: [FundRegistrationRecord] = []
        for programme in try await context.fundStore.programmes() {
            guard try await context.fundStore.registration(scheme: programme.schemeCode, loanId: FundBorrowing.line(lineId).key) == nil else {
                continue
            }
            out.append(try await check(context, line: line, programme: programme))
        }
        return try await context.fundStore.register(out, actor: "platform", at: context.clock.now())
    }

    /// Checks every loan and line not yet checked under some fund (the daily sweep). Returns how many checks were stored.
    public static func sweep(_ context: ServiceContext) async throws -> Int {
        let programmes = try await context.fundStore.programmes()
        guard !programmes.isEmpty else { return 0 }
        var checked: [String: Set<String>] = [:]
        for p in programmes { checked[p.schemeCode] = try await context.fundStore.checkedLoanIds(scheme: p.schemeCode) }
        var stored = 0
        for loan in try await context.loanStore.allLoans() {
            let missing = programmes.filter { !(checked[$0.schemeCode]?.contains(String(loan.id)) ?? false) }
            guard !missing.isEmpty else { continue }
            var records: [FundRegistrationRecord] = []
            for programme in missing { records.append(try await check(context, loan: loan, programme: programme)) }
            stored += try await context.fundStore.register(records, actor: "platform", at: context.clock.now()).count
        }
        for id in try await context.creditLineStore.allLineIDs() {
            let key = FundBorrowing.line(id).key
            let missing = programmes.filter { !(checked[$0.schemeCode]?.contains(key) ?? false) }
            guard !missing.isEmpty, let line = try await context.creditLineStore.line(id: id)?.line else { continue }
            var records: [FundRegistrationRecord] = []
            for programme in missing { records.append(try await check(context, line: line, programme: programme)) }
            stored += try await context.fundStore.register(records, actor: "platform", at: context.clock.now()).count
        }
        return stored
    }

    /// The check of one loan under one fund (nothing stored).
    static func check(_ context: ServiceContext, loan: LoanStore.Stored, programme: FundProgramme) async throws -> FundRegistrationRecord {
        try await check(context, facts: try await loanFacts(context, loan: loan), firmName: loan.firmName, programme: programme)
    }

    /// The check of one line under one fund (nothing stored).
    static func check(_ context: ServiceContext, line: CreditLine, programme: FundProgramme) async throws -> FundRegistrationRecord {
        try await check(context, facts: try await lineFacts(context, line: line), firmName: line.firmName, programme: programme)
    }

    static func check(_ context: ServiceContext, facts: FundLoanFacts, firmName: String,
                      programme: FundProgramme) async throws -> FundRegistrationRecord {
        let institution = try await institutionFacts(context, scheme: programme.schemeCode, institutionId: Int64(facts.institutionId) ?? 0)
        let outcome: FundRegistrationOutcome
        if try await context.registry.enterprise(facts.firmUSCC) == nil {
            outcome = .notCovered([FundReason(code: "no_registry", text: "平台没有该企业的登记信息")])
        } else {
            let firm = try await firmFacts(context, uscc: facts.firmUSCC, on: facts.disbursedOn)
            outcome = FundRegistration.check(loan: facts, firm: firm, institution: institution, scheme: programme.scheme,
                                             on: context.clock.today)
        }
        return FundRegistrationRecord(schemeCode: programme.schemeCode, loanId: facts.loanId, institutionId: facts.institutionId,
                                      firmUSCC: facts.firmUSCC, firmName: firmName, amount: facts.amount, checkedOn: context.clock.today,
                                      outcome: outcome)
    }

    /// A revolving line as the fund sees it: its limit is the amount at risk, opened on its first day for its term, at its
    /// rate; the product's type; the firm's first borrowing on the platform if it had no earlier loan or line.
    static func lineFacts(_ context: ServiceContext, line: CreditLine) async throws -> FundLoanFacts {
        let product = try await context.productStore.product(id: line.productID)
        let opened = line.ledger.openedOn
        let earlierLoan = try await context.loanStore.loans(uscc: line.uscc).contains { $0.ledger.schedule.start < opened }
        let earlierLine = try await context.creditLineStore.lines(uscc: line.uscc)
            .contains { $0.line.id != line.id && ($0.line.ledger.openedOn, $0.line.id) < (opened, line.id) }
        var facts = FundLoanFacts(loanId: FundBorrowing.line(line.id).key, institutionId: String(line.institutionID), firmUSCC: line.uscc,
                                  amount: line.ledger.limit, rate: line.ledger.rate, disbursedOn: opened, maturesOn: line.ledger.maturesOn,
                                  productType: product?.type ?? .other, firstLoan: !earlierLoan && !earlierLine,
                                  purpose: "循环额度（随借随还）", throughPlatform: true)
        facts.referenceRate = AnnualRate(basisPoints: context.platform.policy.rateReferenceBasisPoints)
        return facts
    }

    /// The loan as the fund sees it: its terms from the schedule, the product's type, whether it is the firm's first
    /// loan on the platform, the purpose from the application.
    static func loanFacts(_ context: ServiceContext, loan: LoanStore.Stored) async throws -> FundLoanFacts {
        let schedule = loan.ledger.schedule
        let application = try await context.applicationStore.application(id: loan.applicationID)
        var product: LoanProduct?
        if let application { product = try await context.productStore.product(id: application.productID) }
        let earlier = try await context.loanStore.loans(uscc: loan.uscc)
            .contains { $0.id != loan.id && ($0.ledger.schedule.start, $0.id) < (schedule.start, loan.id) }
        let terms = LoanTerms(amount: schedule.principal, rate: schedule.rate, termMonths: schedule.termMonths, method: schedule.method)
        var facts = FundLoanFacts(loanId: String(loan.id), institutionId: String(loan.institutionID), firmUSCC: loan.uscc,
                                  terms: terms, disbursedOn: schedule.start, productType: product?.type ?? .other,
                                  firstLoan: !earlier, purpose: application?.purpose ?? "", throughPlatform: true)
        facts.referenceRate = AnnualRate(basisPoints: context.platform.policy.rateReferenceBasisPoints)
        return facts
    }

    static func firmFacts(_ context: ServiceContext, uscc: String, on day: Day) async throws -> FundFirmFacts {
        let kept = try await FirmFactsLoader.kept(context, uscc: uscc)
        let firm = try await FirmFactsLoader.load(context, uscc: uscc, kept: kept)
        let live = try await context.recommendationStore.entries(statuses: [.listed, .pushed], usccs: [uscc], limit: 1).first
        return FundFirmFacts(firm: firm, sizeClass: FirmSizeClass(registry: kept.firm), recommendation: live?.status)
    }

    static func institutionFacts(_ context: ServiceContext, scheme: String, institutionId: Int64) async throws -> FundInstitutionFacts {
        let institution = try await context.accounts.institution(id: institutionId)
        let agreement = try await context.fundStore.agreements(scheme: scheme).first { $0.institutionId == String(institutionId) }
        let pause = try await context.fundStore.pauses(scheme: scheme)[String(institutionId)]?.state ?? FundPauseState()
        return FundInstitutionFacts(institutionId: String(institutionId), name: institution?.name ?? String(institutionId),
                                    agreementFrom: agreement?.signedOn, agreementUntil: agreement?.until,
                                    active: institution != nil, registrationsPaused: pause.registrationsPaused,
                                    claimsPaused: pause.claimsPaused)
    }

    /// The registration checks a principal may read: an institution its own, the fund side all.
    public static func book(_ context: ServiceContext, _ principal: Principal, scheme: String?, coveredOnly: Bool,
                            paging: Paging) async throws -> ResultPage<FundRegistrationRecord> {
        let institution: String?
        if principal.role.isInstitution {
            institution = String(try principal.requireInstitution().id)
        } else if FundDuties.isFundSide(principal) {
            institution = nil
        } else {
            throw DomainError.forbidden("风险补偿基金入库信息仅限贷款机构和基金管理部门查看")
        }
        return try await context.fundStore.registrations(institutionId: institution, scheme: scheme, coveredOnly: coveredOnly,
                                                         paging: paging)
    }
}

extension FirmSizeClass {
    /// The registry's 企业规模 (个体工商户 by entity type); a firm without a size is taken as micro, the smallest class a
    /// fund covers, and the check then says so only if the scheme excludes it.
    public init(registry firm: EnterpriseSummary?) {
        if firm?.entityType.contains("个体") == true { self = .individual; return }
        switch firm?.scale ?? "" {
        case "大型": self = .large
        case "中型": self = .medium
        case "小型": self = .small
        default: self = .micro
        }
    }
}
