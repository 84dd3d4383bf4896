import CreditLog
import Domain
import Foundation

/// The log entries of pre-approved credit. No new kind: a run and an acceptance are decisions on credit
/// (`applicationDecision`, the application named `preapproval-run:<id>` or `preapproval-offer:<id>`), and every
/// movement of a line is a status report on it (`loanStatusReported`, the loan named `line:<id>`, statuses prefixed
/// `line_` so that the repayment audit of loans never reads them).
extension LogEvents {
    /// A run: the product, the source of its probabilities, how many offers and their digest (no firm named).
    public static func preapprovalRun(_ run: PreapprovalRun, at time: Date) throws -> LogEntry {
        try entry(.applicationDecision, at: time, actor: actor(run.ranBy), [
            "application": "preapproval-run:\(run.id)", "lender": String(run.institutionID), "decision": "preapproved",
            "product": String(run.productID), "source": run.source.rawValue, "offers": String(run.offers),
            "offersDigest": run.offersDigest, "tableDigest": digest(run.table), "validUntil": run.validUntil.description,
        ])
    }

    /// A firm accepting an offer (the line it opens is its own entry).
    public static func preapprovalAccepted(_ offer: PreapprovalOffer, lineID: Int64, by name: String, at time: Date) throws -> LogEntry {
        try entry(.applicationDecision, at: time, actor: actor(name), [
            "application": "preapproval-offer:\(offer.id)", "lender": String(offer.institutionID), "decision": "accepted",
            "subject": subject(uscc: offer.uscc), "run": String(offer.runID), "line": String(lineID),
        ])
    }

    /// A movement of a line: opened, a draw, a repayment, a reclassification. `entryRow` names the ledger row.
    public static func creditLine(_ line: CreditLine, status: String, by name: String, at time: Date,
                                  entryRow: (id: Int64, digest: String)? = nil) throws -> LogEntry {
        var attributes = [
            "loan": "line:\(line.id)", "lender": String(line.institutionID), "status": status,
            "subject": subject(uscc: line.uscc), "reportDigest": digest(line),
        ]
        if let entryRow { attributes["entry"] = String(entryRow.id); attributes["rowDigest"] = entryRow.digest }
        return try entry(.loanStatusReported, at: time, actor: actor(name), attributes)
    }

    /// The digest of a ledger row's columns, as its entry carries it (a draw's coupon and cut when it has one).
    public static func creditLineEntryDigest(lineID: Int64, _ e: CreditLineEntry, actor: String, createdAt: Int64) -> String {
        var text = "line-entry\n\(e.id)\n\(lineID)\n\(e.kind.rawValue)\n\(e.day)\n\(e.amount.value)\n\(e.interestPart.value)\n\(e.principalPart.value)\n\(actor)\n\(createdAt)"
        if let coupon = e.coupon { text += "\ncoupon\n\(coupon.couponID)\n\(coupon.cutBasisPoints)" }
        return LogEntry.digest(of: Array(text.utf8))
    }
}
