import Foundation

/// Whether a penalty may be repaired (信用修复) on a given day, by the rules in force at its decision date.
public enum RepairEligibility: Sendable, Equatable {
    /// The minimum publication period is served: the firm may apply from `earliest` (on or before today).
    case eligible(earliest: Day, lastPublished: Day)
    /// Too early: the firm may apply from `earliest`.
    case tooEarly(earliest: Day)
    /// Past its maximum period: it already stopped being published and counted.
    case expired(lastPublished: Day)
    /// The regime in force at the decision date does not publish this severity (or knows no such severity).
    case notPublished

    public var mayApply: Bool { if case .eligible = self { true } else { false } }

    /// The first day the firm may apply, when repair can still matter.
    public var earliest: Day? {
        switch self {
        case .eligible(let day, _), .tooEarly(let day): day
        case .expired, .notPublished: nil
        }
    }

    public var label: String {
        switch self {
        case .eligible(let earliest, let last): "可申请修复（\(earliest) 起；否则公示至 \(last)）"
        case .tooEarly(let earliest): "最短公示期未满，\(earliest) 起可申请"
        case .expired(let last): "已于 \(last) 公示期满，不再公示和计分，无需修复"
        case .notPublished: "按处罚决定时施行的规定不予公示，无需修复"
        }
    }

    public static func of(severity: String, decided: Day, asOf: Day, periods: PublicationPeriods) -> RepairEligibility {
        guard let earliest = periods.earliestRepairDay(severity: severity, decided: decided),
              let last = periods.lastCountedDay(severity: severity, decided: decided) else { return .notPublished }
        if asOf > last { return .expired(lastPublished: last) }
        if asOf < earliest { return .tooEarly(earliest: earliest) }
        return .eligible(earliest: earliest, lastPublished: last)
    }

    /// Checks an application on `asOf`: throws a conflict naming the earliest day when it is too early.
    public static func require(severity: String, decided: Day, asOf: Day, periods: PublicationPeriods) throws(DomainError) {
        switch of(severity: severity, decided: decided, asOf: asOf, periods: periods) {
        case .eligible: return
        case .tooEarly(let earliest):
            throw .conflict("最短公示期尚未届满，最早可于 \(earliest) 申请信用修复")
        case .expired(let last): throw .conflict("该处罚已于 \(last) 公示期满，不再公示和计分，无需申请修复")
        case .notPublished: throw .conflict("该处罚按决定时施行的规定不予公示，无需申请修复")
        }
    }
}

public enum RepairStatus: String, CaseIterable, Sendable, Codable, Hashable {
    case pending, approved, rejected

    public var label: String {
        switch self {
        case .pending: "待审核"
        case .approved: "已修复"
        case .rejected: "未通过"
        }
    }
}

/// A firm's application to repair one penalty record.
public struct RepairApplication: Sendable, Equatable, Codable {
    public static let dataset = "admin.penalty"

    public var id: Int64
    public var uscc: String
    public var dataset: String
    public var recordID: String
    public var severity: String
    public var decidedOn: String
    /// How the firm corrected the wrong and met its obligations.
    public var proof: String
    public var attachments: [String]
    /// The credit commitment signed afresh with the application.
    public var commitmentID: Int64
    public var status: RepairStatus
    public var appliedAt: Date
    public var reviewNote: String?
    public var reviewedBy: String?
    public var reviewedAt: Date?

    public init(id: Int64 = 0, uscc: String, recordID: String, severity: String, decidedOn: Day, proof: String,
                attachments: [String], commitmentID: Int64, appliedAt: Date) {
        self.id = id; self.uscc = uscc; self.dataset = Self.dataset; self.recordID = recordID; self.severity = severity
        self.decidedOn = decidedOn.description; self.proof = proof; self.attachments = attachments
        self.commitmentID = commitmentID; self.status = .pending; self.appliedAt = appliedAt
    }

    /// A checked application: eligible on the day it is made, with proof of correction.
    public static func apply(uscc: String, recordID: String, severity: String, decidedOn: Day, proof: String,
                             attachments: [String], commitmentID: Int64, at time: Date,
                             periods: PublicationPeriods) throws(DomainError) -> RepairApplication {
        let proof = proof.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !proof.isEmpty else { throw .invalidInput(field: "proof", reason: "请说明纠正失信行为、履行法定义务的情况") }
        guard proof.count <= 4000 else { throw .invalidInput(field: "proof", reason: "整改说明不能超过 4000 字") }
        try RepairEligibility.require(severity: severity, decided: decidedOn, asOf: Day(time), periods: periods)
        let refs = attachments.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        return RepairApplication(uscc: uscc, recordID: recordID, severity: severity, decidedOn: decidedOn, proof: proof,
                                 attachments: refs, commitmentID: commitmentID, appliedAt: time)
    }

    /// The operator's decision; only a pending application may be decided, a rejection needs a reason.
    public func deciding(approve: Bool, note: String, by actor: String, at time: Date) throws(DomainError) -> RepairApplication {
        guard status == .pending else {
            throw .illegalTransition(entity: "信用修复申请", from: status.label, action: approve ? "批准" : "驳回")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve, note.isEmpty { throw .invalidInput(field: "note", reason: "驳回须说明理由") }
        var next = self
        next.status = approve ? .approved : .rejected
        next.reviewNote = note.isEmpty ? "经审核，准予信用修复，该处罚信息停止公示、共享和计分" : note
        next.reviewedBy = actor
        next.reviewedAt = time
        return next
    }
}
