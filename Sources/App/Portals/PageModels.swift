import Domain
import Persistence
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
