import CreditLog
import Domain
import Foundation

/// The log entry of each kind of event. Entries carry identifiers, kinds and digests only: a firm appears
/// as the digest of its code (`subject`), people by the digest of their account name, free text and stored
/// details by their SHA-256, so the public log holds no personal or credit data and the platform (or the
/// firm) can still show which entry belongs to which record.
public enum LogEvents {
    /// The pseudonymous subject of entries about a firm.
    public static func subject(uscc: String) -> String {
        LogEntry.digest(of: Array("firm:\(uscc)".utf8))
    }

    /// An actor value: an identifier as is, anything else (names, Chinese text) as its digest.
    static func actor(_ name: String) -> String { LogEntry.identifierOrDigest(name) }

    /// SHA-256 of a value's canonical JSON.
    public static func digest(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .millisecondsSince1970
        return LogEntry.digest(of: (try? encoder.encode(value)) ?? Data())
    }

    static func entry(_ kind: LogEntry.Kind, at time: Date, actor: String, _ attributes: [String: String]) throws -> LogEntry {
        try LogEntry(kind: kind, time: time, actor: actor, attributes: attributes)
    }

    /// A read of a firm's data by an institution (one access-log row).
    public static func dataAccess(_ access: AuthorisationStore.Access, id: Int64) throws -> LogEntry {
        try entry(.dataAccess, at: access.at, actor: access.institutionID.map { "institution:\($0)" } ?? "platform", [
            "access": String(id), "subject": subject(uscc: access.uscc),
            "purpose": LogEntry.identifierOrDigest(access.purpose),
            "authorisation": access.authorisationID.map(String.init) ?? "none",
            "categories": LogEntry.identifierOrDigest(access.categories.sorted().joined(separator: "+").nonEmptyOr("none")),
            "action": LogEntry.identifierOrDigest(access.action), "staff": actor(access.actor),
        ])
    }

    public static func authorisationGranted(_ authorisation: Authorisation, detail: String, by user: String,
                                            at time: Date = Date()) throws -> LogEntry {
        let grantee = switch authorisation.scope {
        case .allRegisteredInstitutions: "all"
        case .institutions(let ids): LogEntry.identifierOrDigest(ids.sorted().joined(separator: "+").nonEmptyOr("none"))
        }
        return try entry(.authorisationGranted, at: time, actor: actor(user), [
            "authorisation": authorisation.id, "subject": subject(uscc: authorisation.uscc), "grantee": grantee,
            "scopeDigest": LogEntry.digest(of: Array(detail.utf8)),
        ])
    }

    public static func authorisationRevoked(id: Int64, uscc: String, at time: Date) throws -> LogEntry {
        try entry(.authorisationRevoked, at: time, actor: "enterprise", [
            "authorisation": String(id), "subject": subject(uscc: uscc),
        ])
    }

    /// A step of an application's state machine (submission included).
    public static func applicationDecision(_ application: ApplicationStore.Stored, actor name: String,
                                           event: String) throws -> LogEntry {
        try entry(.applicationDecision, at: application.updatedAt, actor: actor(name), [
            "application": String(application.id), "lender": String(application.institutionID),
            "decision": application.state.status.rawValue, "event": event, "detailDigest": digest(application),
        ])
    }

    /// The firm signed the loan contract: the application, its lender and the SHA-256 of the signed PDF.
    public static func contractSigned(_ application: ApplicationStore.Stored, sha256: String, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.applicationDecision, at: time, actor: actor(name), [
            "application": String(application.id), "lender": String(application.institutionID),
            "decision": ApplicationStatus.contractSigned.rawValue, "event": "contract", "contract": sha256,
        ])
    }

    /// A loan opened on disbursement, or a repayment reported by the lender.
    /// `rows`: the source row the entry stands for and its digest (a repayment), so the row can be verified.
    public static func loanStatus(loanID: Int64, lender: Int64, status: String, report: some Encodable,
                                  by name: String = "platform", at time: Date = Date(),
                                  rows: [String: String] = [:]) throws -> LogEntry {
        try entry(.loanStatusReported, at: time, actor: actor(name), [
            "loan": String(loanID), "lender": String(lender), "status": status, "reportDigest": digest(report),
        ].merging(rows) { a, _ in a })
    }

    /// The digest of a repayment row's columns, as its log entry carries it.
    public static func repaymentDigest(_ row: LoanStore.RepaymentRow) -> String {
        LogEntry.digest(of: Array("repayment\n\(row.id)\n\(row.loan_id)\n\(row.paid_on)\n\(row.amount)\n\(row.reported_by)\n\(row.created_at)".utf8))
    }

    /// A firm's public credit evaluation: which inputs, which result (digests only).
    public static func evaluation(_ evaluation: Evaluation, at time: Date) throws -> LogEntry {
        let records = evaluation.explanation.flatMap(\.recordIDs).sorted().joined(separator: "\n")
        return try entry(.evaluation, at: time, actor: "platform", [
            "subject": subject(uscc: evaluation.uscc), "model": String(evaluation.modelVersion),
            "inputDigest": LogEntry.digest(of: Array("\(evaluation.uscc)\n\(evaluation.asOf)\n\(records)".utf8)),
            "resultDigest": digest(evaluation),
        ])
    }

    /// A department batch: dataset, department, and the digest of its accepted rows.
    public static func batchIngested(_ batch: BatchSummary) throws -> LogEntry {
        try entry(.batchIngested, at: batch.finishedAt, actor: LogEntry.identifierOrDigest(batch.submittedBy), [
            "source": batch.departmentID.map { "department:\($0)" } ?? "platform:\(batch.source)",
            "batch": String(batch.id), "dataset": LogEntry.identifierOrDigest(batch.dataset),
            "records": String(batch.accepted), "digest": LogEntry.identifierOrDigest("sha256:" + batch.digest),
        ])
    }
}

extension LogEvents {
    /// A step on an objection: filed, escalated, resolved or withdrawn. The record is named by its dataset
    /// and the digest of its identifier; reasons and notes by their digest (inside `detailDigest`).
    public static func objection(_ objection: Objection, step: String, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.objection, at: time, actor: actor(name), [
            "objection": String(objection.id), "subject": subject(uscc: objection.uscc),
            "target": LogEntry.identifierOrDigest(objection.dataset) + ":" + LogEntry.digest(of: Array(objection.recordID.utf8)),
            "step": step, "status": objection.status.rawValue, "detailDigest": digest(objection),
        ])
    }

    /// A file the firm attached to its objection as evidence, named by its SHA-256 (the file itself stays off the log).
    public static func objectionEvidence(_ objection: Objection, sha256: String, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.objection, at: time, actor: actor(name), [
            "objection": String(objection.id), "subject": subject(uscc: objection.uscc),
            "target": LogEntry.identifierOrDigest(objection.dataset) + ":" + LogEntry.digest(of: Array(objection.recordID.utf8)),
            "step": "evidence", "status": objection.status.rawValue, "detailDigest": digest(objection), "evidence": sha256,
        ])
    }

    /// A step on a credit repair application: applied, approved or rejected.
    public static func repair(_ repair: RepairApplication, step: String, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.repair, at: time, actor: actor(name), [
            "repair": String(repair.id), "subject": subject(uscc: repair.uscc),
            "target": LogEntry.identifierOrDigest(repair.dataset) + ":" + LogEntry.digest(of: Array(repair.recordID.utf8)),
            "step": step, "status": repair.status.rawValue, "digest": digest(repair),
        ])
    }
}

extension LogEvents {
    /// A step on a 推荐清单 entry: declared, screened, reviewed, listed, removed. Reasons by their digest.
    public static func recommendation(_ entry: RecommendationEntry, step: String, actor name: String, at time: Date) throws -> LogEntry {
        try self.entry(.recommendation, at: time, actor: actor(name), [
            "entry": String(entry.id), "subject": subject(uscc: entry.uscc), "step": step,
            "status": entry.status.rawValue, "detailDigest": digest(entry),
        ])
    }

    /// A push of a recommended firm to an institution, and each report the institution makes on it.
    public static func recommendationPush(_ push: RecommendationPush, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.recommendationPush, at: time, actor: actor(name), [
            "push": String(push.id), "entry": String(push.entryID), "subject": subject(uscc: push.uscc),
            "institution": String(push.institutionID), "status": push.status.rawValue, "detailDigest": digest(push),
        ])
    }
}

extension LogEvents {
    /// A push still undecided on its escalation day, put on the operator's desk by the platform.
    public static func recommendationPushEscalated(_ push: RecommendationPush, at time: Date) throws -> LogEntry {
        try entry(.recommendationPush, at: time, actor: "platform", [
            "push": String(push.id), "entry": String(push.entryID), "subject": subject(uscc: push.uscc),
            "institution": String(push.institutionID), "status": "escalated", "step": "escalated",
            "detailDigest": digest(push),
        ])
    }
}

extension LogEvents {
    /// A step on a 守信激励名单 entry: proposed into publicity, objected to, answered, in effect, revoked.
    public static func redList(_ entry: RedListEntry, step: String, actor name: String, at time: Date) throws -> LogEntry {
        try self.entry(.redList, at: time, actor: actor(name), [
            "entry": String(entry.id), "subject": subject(uscc: entry.uscc), "step": step,
            "status": entry.status.rawValue, "detailDigest": digest(entry),
        ])
    }

    /// A firm's consent to (or withdrawal of consent to) publishing something about it, e.g. its on-time repayment.
    public static func publicationConsent(uscc: String, kind: String, granted: Bool, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.publicationConsent, at: time, actor: actor(name), [
            "subject": subject(uscc: uscc), "kind": kind, "granted": granted ? "yes" : "no",
        ])
    }
}

extension LogEvents {
    /// A step of the listing procedure on the platform: proposed, noticed, objected, answered, listed, published, removed.
    public static func listing(_ listing: ListingEntry, step: String, actor name: String, at time: Date) throws -> LogEntry {
        try entry(.listing, at: time, actor: actor(name), [
            "listing": LogEntry.identifierOrDigest(listing.id), "subject": subject(uscc: listing.subject?.identifier ?? ""),
            "list": LogEntry.identifierOrDigest(listing.kind.rawValue), "step": step, "status": listing.status.rawValue,
            "detailDigest": digest(listing),
        ])
    }
}

extension String {
    func nonEmptyOr(_ fallback: String) -> String { isEmpty ? fallback : self }
}

extension LogEvents {
    /// A post-loan warning opened for an institution, or raised by new signals while open: the level, the
    /// signal codes and the digest of the alert (signal texts stay out of the log).
    public static func riskAlert(_ alert: RiskAlert, step: String, at time: Date) throws -> LogEntry {
        try entry(.riskAlert, at: time, actor: "platform", [
            "alert": String(alert.id), "subject": subject(uscc: alert.uscc), "institution": String(alert.institutionID),
            "level": alert.level.rawValue, "score": String(alert.score), "step": step, "rules": String(alert.rulesVersion),
            "signals": LogEntry.identifierOrDigest(alert.codes.map(\.rawValue).joined(separator: "+").nonEmptyOr("none")),
            "detailDigest": digest(alert),
        ])
    }

    /// An institution's answer to an alert (acknowledge, confirm, dismiss, handle); its note by the alert's digest.
    public static func riskAlertResponse(_ alert: RiskAlert, action: AlertResponse.Action, actor name: String,
                                         at time: Date) throws -> LogEntry {
        try entry(.riskAlertResponse, at: time, actor: actor(name), [
            "alert": String(alert.id), "subject": subject(uscc: alert.uscc), "institution": String(alert.institutionID),
            "action": action.rawValue, "status": alert.status.rawValue, "detailDigest": digest(alert),
        ])
    }
}

extension LogEvents {
    /// A decision of a risk compensation fund: a programme opened, an agreement, a loan registered or not, a claim's
    /// step, a journal entry, a stop line crossed. `about` is what it concerns (`loan:12`, `claim:3`, `journal:7` …).
    public static func fund(_ scheme: String, about: String, decision: String, actor name: String, at time: Date,
                            detail: some Encodable) throws -> LogEntry {
        try entry(.fundDecision, at: time, actor: actor(name), [
            "fund": LogEntry.identifierOrDigest(scheme), "application": LogEntry.identifierOrDigest(about),
            "decision": LogEntry.identifierOrDigest(decision), "detailDigest": digest(detail),
        ])
    }
}

extension LogEvents {
    /// A step of the statistics: a month closed or re-opened (the snapshot's digest), a report accepted or returned, a
    /// bulletin published (its digest). `period` is the month or period (`2026-03`, `2026-Q1`).
    public static func statistics(period: String, step: String, digest: String, actor name: String, at time: Date,
                                  extra: [String: String] = [:]) throws -> LogEntry {
        try entry(.statistics, at: time, actor: actor(name), [
            "period": LogEntry.identifierOrDigest(period), "step": LogEntry.identifierOrDigest(step), "digest": digest,
        ].merging(extra.mapValues(LogEntry.identifierOrDigest)) { a, _ in a })
    }
}

extension LogEvents {
    /// A step of a digital credit coupon or its programme: a version saved, a coupon issued, attached, detached,
    /// redeemed (or sent back for want of budget), expired, a settlement claim accepted or refused. `coupon` is the
    /// coupon's id (`programme` for a programme's own steps); amounts and the firm appear only as digests.
    public static func coupon(programme: Int64, coupon: String, step: String, status: String, uscc: String?, actor name: String,
                              at time: Date, detail: some Encodable, extra: [String: String] = [:]) throws -> LogEntry {
        var attributes = [
            "programme": String(programme), "coupon": LogEntry.identifierOrDigest(coupon), "step": LogEntry.identifierOrDigest(step),
            "status": LogEntry.identifierOrDigest(status), "detailDigest": digest(detail),
        ]
        if let uscc { attributes["subject"] = subject(uscc: uscc) }
        return try entry(.coupon, at: time, actor: actor(name), attributes.merging(extra.mapValues(LogEntry.identifierOrDigest)) { a, _ in a })
    }

    /// A joint-modelling run (`step` trained: the model's digest, which center features, how many aligned firms;
    /// evaluated: the AUC the bank reported). The firms are not named: they see the run through `joint_run_members`.
    public static func jointModel(_ run: JointRun, step: String, at time: Date) throws -> LogEntry {
        var attributes = [
            "run": LogEntry.identifierOrDigest(run.runId), "institution": String(run.institutionID),
            "step": LogEntry.identifierOrDigest(step), "featureDigest": run.featureDigest, "ids": String(run.alignedCount),
            "modelDigest": run.modelDigest, "offered": String(run.offeredCount), "keyBits": String(run.keyBits),
            "features": LogEntry.identifierOrDigest(run.centerFeatures.joined(separator: "+").nonEmptyOr("none")),
            "nameDigest": digest(run.name),
        ]
        if let auc = run.auc { attributes["auc"] = String(format: "%.4f", auc) }
        return try entry(.jointModel, at: time, actor: "institution:\(run.institutionID)", attributes)
    }
}
