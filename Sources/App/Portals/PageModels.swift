import Domain
import Persistence
import Vapor
import Views

// Stored values as the pages' models take them: the one place where a store's row type becomes a Views value.

extension ApplicationSummary {
    init(_ a: ApplicationStore.Stored, institutionName: String = "") {
        self.init(id: a.id, uscc: a.uscc, firmName: a.firmName, productName: a.productName, institutionName: institutionName,
                  authorisationID: a.authorisationID, requestedAmount: a.requestedAmount, requestedTermMonths: a.requestedTermMonths,
                  requestedMethod: a.requestedMethod, purpose: a.purpose, state: a.state, createdAt: a.createdAt, updatedAt: a.updatedAt)
    }
}

extension LoanSummary {
    init(_ l: LoanStore.Stored) {
        self.init(id: l.id, firmName: l.firmName, productName: l.productName, ledger: l.ledger, classification: l.classification,
                  overdueDays: l.overdueDays, outstanding: l.outstanding, settled: l.settled, coupon: l.coupon?.text)
    }

    /// The loan with its lender's name and the officer who approved it (from the application's steps), for a loan page.
    static func named(_ req: Request, _ l: LoanStore.Stored) async throws -> LoanSummary {
        var summary = LoanSummary(l)
        summary.lenderName = try await req.accounts.institution(id: l.institutionID)?.name
        let steps = try await req.applicationStore.steps(applicationID: l.applicationID)
        // The officer who approved it; an automatic approval names the officer who disbursed.
        summary.officer = steps.last { $0.action == ApplicationAction.approve.label }?.actor
            ?? steps.last { $0.action == ApplicationAction.disburse.label }?.actor
        return summary
    }
}

extension SignedCommitment {
    init(_ s: CommitmentStore.Signed) {
        self.init(commitment: s.commitment, isInForce: s.isInForce, invalidReason: s.invalidReason)
    }
}

extension PageWindow {
    init<T: Sendable>(_ page: ResultPage<T>) {
        self.init(page: page.page, perPage: page.perPage, total: page.total)
    }
}
