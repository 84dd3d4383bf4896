import Domain
import FluentKit
import Persistence

/// Every marketplace action, once, for the portals and the API alike: check who may do it, call the domain,
/// store the result. Controllers only decode input and render output.
public enum MarketActions {
    // MARK: Applications

    public struct ApplyInput: Sendable {
        public var productID: Int64
        public var amount: Cents
        public var termMonths: Int
        public var method: RepaymentMethod?
        public var purpose: String

        public init(productID: Int64, amount: Cents, termMonths: Int, method: RepaymentMethod?, purpose: String) {
            self.productID = productID; self.amount = amount; self.termMonths = termMonths; self.method = method
            self.purpose = purpose
        }
    }

    /// A firm applies to an online product under an authorisation covering the institution; products with
    /// auto-approval rules decide at once and the rules that decided are recorded.
    public static func apply(_ context: ServiceContext, _ principal: Principal, _ input: ApplyInput) async throws -> ApplicationStore.Submitted {
        let uscc = try principal.requireEnterprise()
        guard let product = try await context.readCache.product(context, id: input.productID), product.status == .online,
              let institutionID = Int64(product.institutionID) else { throw DomainError.notFound("该在售产品") }
        guard let authorisation = try await CreditReports.authorisation(context, uscc: uscc, institutionID: institutionID,
                                                                         purpose: .loanApplication) else {
            throw DomainError.conflict("申请前请先授权该金融机构查询贵企业的信用信息（用途：贷款申请）")
        }
        let purpose = try Validate.text(input.purpose, field: "资金用途")
        guard product.amountRange.contains(input.amount.value) else {
            throw DomainError.invalidInput(field: "申请金额", reason: "应在产品额度 \(product.amountRange.text) 内")
        }
        guard product.termRange.contains(months: input.termMonths) else {
            throw DomainError.invalidInput(field: "期限", reason: "应在产品期限 \(product.termRange.text) 内")
        }
        if let method = input.method, !product.repaymentMethods.contains(method) {
            throw DomainError.invalidInput(field: "还款方式", reason: "该产品不支持\(method.label)")
        }
        let kept = try await FirmFactsLoader.kept(context, uscc: uscc)
        try await Sanctions.refuse(context, uscc: uscc, effect: .blockNewApplications, what: "新增融资申请", kept: kept)
        let method = input.method ?? product.repaymentMethods.first ?? .equalInstallment
        let application = ApplicationStore.Stored(
            uscc: uscc, firmName: kept.firm?.name ?? uscc, productID: input.productID, productName: product.name,
            institutionID: institutionID, authorisationID: Int64(authorisation.id), requestedAmount: input.amount,
            requestedTermMonths: input.termMonths, requestedMethod: method, purpose: purpose)
        // The decision needs nothing of the application itself but the credit already committed to the firm,
        // which the store reads inside the submitting transaction (shared with other applicants: group commit)
        // and hands to `decide`; so the rules are evaluated here once the facts are loaded, and the
        // application is stored already decided.
        var decide: @Sendable (Int64) -> ApplicationStore.Submission.Decision = { _ in .none }
        if let rules = product.autoApproval?.rules, !rules.isEmpty {
            let facts = try await FirmFactsLoader.load(context, uscc: uscc, kept: kept)
            let request = AutoApproval.Request(amountCents: input.amount.value, termMonths: input.termMonths, repaymentMethod: method)
            let today = context.clock.today, grades = context.platform.grades
            decide = { committed in
                var facts = facts
                facts.committedCents = committed
                switch AutoApproval.decide(product, facts, request: request, today: today, grades: grades) {
                case .approve(let terms, let decidedBy):
                    let loanTerms = LoanTerms(amount: Cents(terms.amountCents), rate: AnnualRate(basisPoints: terms.rateBasisPoints),
                                              termMonths: terms.termMonths, method: terms.repaymentMethod)
                    let texts = decidedBy.map { id in rules.first { $0.id == id }?.text ?? id }
                    return .autoApproved(loanTerms, rules: decidedBy, note: texts.joined(separator: "；"))
                case .manualReview(let reasons):
                    return .passedOn(note: reasons.map(\.text).joined(separator: "；"))
                }
            }
        }
        return try await context.committers.applications.submit(
            .init(application: application, actor: principal.displayName, at: context.clock.now(), decide: decide))
    }

    /// An application the caller may act on: an institution's own, or the firm's own (404 otherwise, so
    /// nobody learns that another tenant's application exists).
    public static func application(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> ApplicationStore.Stored {
        guard let id, let application = try await context.applicationStore.application(id: id) else {
            throw DomainError.notFound("该申请")
        }
        try checkParty(principal, institutionID: application.institutionID, uscc: application.uscc, what: "申请")
        return application
    }

    /// What an institution does to an application (accept, approve, reject, disburse, …) or a firm does
    /// (withdraw, sign, cancel). Disbursement opens the loan with its schedule in the same transaction.
    public static func act(_ context: ServiceContext, _ principal: Principal, id: Int64?, event: ApplicationEvent,
                           disbursedOn: Day? = nil, note: String = "") async throws -> ApplicationStore.Stored {
        guard event.action != .signContract else {
            // Signing goes through `Contracts.sign`, with the one-time code.
            throw DomainError.invalidInput(field: "code", reason: "签署借款合同须输入发送到企业手机的短信验证码")
        }
        let application = try await application(context, principal, id: id)
        let firmActions: Set<ApplicationAction> = [.withdraw, .signContract, .cancel]
        let isFirmAction = firmActions.contains(event.action)
        if isFirmAction { _ = try principal.requireEnterprise() } else { _ = try principal.requireInstitution() }
        if case .approve(let terms) = event {
            try terms.validate(rateCap: AnnualRate(basisPoints: context.platform.productPolicy.rateCapBasisPoints))
            guard terms.amount <= application.requestedAmount else {
                throw DomainError.invalidInput(field: "amount", reason: "批准金额\(terms.amount.yuanText)不能超过企业申请的\(application.requestedAmount.yuanText)")
            }
        }
        let thresholds = context.platform.policy.classification
        let today = context.clock.today
        let disbursedOn = disbursedOn ?? today
        if event.action == .disburse, application.state.status == .contractSigned {
            // The money leaves after the contract is signed (the last step, dated by the use case's clock) and not in the future.
            let signedOn = Day(application.updatedAt)
            guard disbursedOn >= signedOn else {
                throw DomainError.invalidInput(field: "放款日期", reason: "不能早于合同签订日 \(signedOn)")
            }
            guard disbursedOn <= today else { throw DomainError.invalidInput(field: "放款日期", reason: "不能晚于今天（\(today)）") }
        }
        let stored = try await context.applicationStore.apply(event, to: application.id, actor: principal.displayName, note: note,
                                                              at: context.clock.now()) { unit, next in
            guard event.action == .disburse else { return }
            guard let terms = next.state.terms else { throw DomainError.conflict("该申请没有批准条件，不能放款") }
            // A digital credit coupon attached to the application is redeemed here (rate after it, budget charged).
            try await CouponDisbursement.openLoan(in: unit, application: next, terms: terms, disbursedOn: disbursedOn, today: today,
                                                  thresholds: thresholds, actor: principal.displayName, at: context.clock.now())
        }
        // 入库: the new loan is checked against each fund at once (the daily sweep catches one missed here).
        if event.action == .disburse, let loan = try await context.loanStore.loan(applicationID: stored.id) {
            try await FundRegistrations.register(context, loanId: loan.id)
        }
        return stored
    }

    // MARK: Loans

    public static func loan(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> LoanStore.Stored {
        guard let id, let loan = try await context.loanStore.loan(id: id) else { throw DomainError.notFound("该贷款") }
        try checkParty(principal, institutionID: loan.institutionID, uscc: loan.uscc, what: "贷款")
        return loan
    }

    /// The lending institution and the borrowing firm are parties to an application or loan; the credit
    /// center oversees all. Anyone else gets 404, so nobody learns that another tenant's object exists.
    public static func checkParty(_ principal: Principal, institutionID: Int64, uscc: String, what: String) throws {
        switch principal.role {
        case .institutionAdmin, .institutionStaff:
            guard institutionID == principal.institution?.id else { throw DomainError.notFound("该\(what)") }
        case .enterprise:
            guard uscc == principal.uscc else { throw DomainError.notFound("该\(what)") }
        case .creditCenter: break
        case .department: throw DomainError.forbidden("政府部门不能查看\(what)")
        }
    }

    /// The lending institution reports a repayment; the loan is reclassified at once, and settling it
    /// settles the application.
    public static func repay(_ context: ServiceContext, _ principal: Principal, loanID: Int64?, day: Day, amount: Cents) async throws -> LoanStore.Stored {
        _ = try principal.requireInstitution()
        let loan = try await loan(context, principal, id: loanID)
        let today = context.clock.today
        guard day <= today else { throw DomainError.invalidInput(field: "还款日期", reason: "不能晚于今天") }
        let thresholds = context.platform.policy.classification
        let actor = principal.displayName
        // The repayment and the settlement it may cause are one unit: both are kept, or neither.
        return try await context.database.write { unit in
            let updated = try await LoanStore.recordRepayment(loanID: loan.id, Repayment(day: day, amount: amount), reportedBy: actor,
                                                              asOf: today, thresholds: thresholds, in: unit)
            if updated.settled {
                try await ApplicationStore.apply(.settle, to: loan.applicationID, actor: actor, note: "贷款已结清",
                                                 at: context.clock.now(), in: unit)
            }
            return updated
        }
    }

    /// The lender reports the loan's five-tier class: the loan is never classified better than the report, and
    /// worse when its overdue days say so.
    public static func reportClass(_ context: ServiceContext, _ principal: Principal, loanID: Int64?,
                                   _ loanClass: LoanClass) async throws -> LoanStore.Stored {
        _ = try principal.requireInstitution()
        let loan = try await loan(context, principal, id: loanID)
        return try await context.loanStore.reportClass(loanID: loan.id, loanClass, reportedBy: principal.displayName,
                                                       asOf: context.clock.today, thresholds: context.platform.policy.classification)
    }

    /// The daily job: every open loan's overdue days and classification as of `day` (default today).
    public static func reclassifyLoans(_ context: ServiceContext, asOf day: Day? = nil) async throws {
        let store = context.loanStore
        let day = day ?? context.clock.today
        for id in try await store.openLoanIDs() {
            try await store.reclassify(loanID: id, asOf: day, thresholds: context.platform.policy.classification)
        }
        // Revolving lines are classified by the same thresholds, the same day.
        try await CreditLines.reclassifyAll(context, asOf: day)
    }
}
