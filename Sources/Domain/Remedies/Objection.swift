import Foundation

/// Where an objection (异议) stands:
///
///     pending ──confirm──▶ confirmed (异议成立: the record is withdrawn from display and counting)
///        │    ──correct──▶ corrected (已更正: the department sent a new version through the normal ingest)
///        │    ──reject───▶ rejected  (已驳回, with a reason)
///        │    ──withdraw─▶ withdrawn (the firm took it back)
///        └──escalate──▶ escalated (overdue: the credit center follows it up) ──confirm/correct/reject/withdraw──▶ …
public enum ObjectionStatus: String, CaseIterable, Sendable, Codable, Hashable {
    case pending, escalated, confirmed, corrected, rejected, withdrawn

    public var label: String {
        switch self {
        case .pending: "待处理"
        case .escalated: "已升级"
        case .confirmed: "异议成立"
        case .corrected: "已更正"
        case .rejected: "已驳回"
        case .withdrawn: "已撤回"
        }
    }

    /// Still waiting for an answer: the record is shown as under objection.
    public var isOpen: Bool { self == .pending || self == .escalated }

    /// The status `action` leads to, or nil if it is not allowed from here.
    public func target(of action: ObjectionAction) -> ObjectionStatus? {
        switch (self, action) {
        case (.pending, .escalate): .escalated
        case (.pending, .confirm), (.escalated, .confirm): .confirmed
        case (.pending, .correct), (.escalated, .correct): .corrected
        case (.pending, .reject), (.escalated, .reject): .rejected
        case (.pending, .withdraw), (.escalated, .withdraw): .withdrawn
        default: nil
        }
    }
}

public enum ObjectionAction: String, CaseIterable, Sendable, Codable {
    case confirm, correct, reject, escalate, withdraw

    public var label: String {
        switch self {
        case .confirm: "确认异议成立"
        case .correct: "更正记录"
        case .reject: "驳回异议"
        case .escalate: "升级处理"
        case .withdraw: "撤回异议"
        }
    }
}

/// A step on an objection, with what it needs.
public enum ObjectionEvent: Sendable, Equatable {
    /// The objection holds: the record stops being shown and counted.
    case confirm(note: String)
    /// The department sent `version` of the record through the normal ingest path.
    case correct(version: Int, note: String)
    case reject(reason: String)
    case escalate
    case withdraw

    public var action: ObjectionAction {
        switch self {
        case .confirm: .confirm
        case .correct: .correct
        case .reject: .reject
        case .escalate: .escalate
        case .withdraw: .withdraw
        }
    }
}

/// A firm's objection to one record of its profile.
public struct Objection: Sendable, Equatable, Codable {
    public var id: Int64
    public var uscc: String
    public var dataset: String
    public var recordID: String
    /// The version of the record the firm disputed.
    public var recordVersion: Int
    /// The department that sent the record (its batch's sender), if known.
    public var departmentID: Int64?
    public var reason: String
    /// References to supporting documents (file names, document numbers, links).
    public var attachments: [String]
    public var status: ObjectionStatus
    public var filedAt: Date
    /// The last day the department may answer.
    public var deadline: String
    /// The department's note or rejection reason.
    public var resolution: String?
    public var resolvedBy: String?
    public var resolvedAt: Date?
    /// The record version the correction created.
    public var correctedVersion: Int?
    public var escalatedAt: Date?

    public init(id: Int64 = 0, uscc: String, dataset: String, recordID: String, recordVersion: Int, departmentID: Int64?,
                reason: String, attachments: [String], filedAt: Date, deadline: Day) {
        self.id = id; self.uscc = uscc; self.dataset = dataset; self.recordID = recordID; self.recordVersion = recordVersion
        self.departmentID = departmentID; self.reason = reason; self.attachments = attachments; self.status = .pending
        self.filedAt = filedAt; self.deadline = deadline.description
    }

    /// A new objection, checked: a reason is required, attachments are trimmed references.
    public static func file(uscc: String, dataset: String, recordID: String, recordVersion: Int, departmentID: Int64?,
                            reason: String, attachments: [String], at time: Date, policy: ObjectionPolicy) throws(DomainError) -> Objection {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "异议理由不能为空") }
        guard reason.count <= 2000 else { throw .invalidInput(field: "reason", reason: "异议理由不能超过 2000 字") }
        let refs = attachments.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard refs.count <= 20, refs.allSatisfy({ $0.count <= 300 }) else {
            throw .invalidInput(field: "attachments", reason: "附件最多 20 项，每项不超过 300 字")
        }
        return Objection(uscc: uscc, dataset: dataset, recordID: recordID, recordVersion: recordVersion,
                         departmentID: departmentID, reason: reason, attachments: refs, filedAt: time,
                         deadline: policy.deadline(filedOn: Day(time)))
    }

    /// The objection after `event` by `actor`; `illegalTransition` when the status does not allow it.
    public func applying(_ event: ObjectionEvent, by actor: String, at time: Date) throws(DomainError) -> Objection {
        guard let target = status.target(of: event.action) else {
            throw .illegalTransition(entity: "异议", from: status.label, action: event.action.label)
        }
        var next = self
        next.status = target
        switch event {
        case .confirm(let note):
            next.resolution = Self.trimmed(note).nonEmpty ?? "经核实，异议成立，该记录不再公示和计分"
        case .correct(let version, let note):
            guard version > recordVersion else {
                throw .invalidInput(field: "version", reason: "请先通过数据报送提交更正后的记录（当前仍为第 \(recordVersion) 版）")
            }
            next.correctedVersion = version
            next.resolution = Self.trimmed(note).nonEmpty ?? "已报送更正后的记录（第 \(version) 版）"
        case .reject(let reason):
            guard let reason = Self.trimmed(reason).nonEmpty else { throw .invalidInput(field: "reason", reason: "驳回理由不能为空") }
            next.resolution = reason
        case .escalate:
            next.escalatedAt = time
            return next
        case .withdraw:
            next.resolution = "企业已撤回异议"
        }
        next.resolvedBy = actor
        next.resolvedAt = time
        return next
    }

    public func isOverdue(on day: Day) -> Bool {
        guard status == .pending, let deadline = Day(iso: deadline) else { return false }
        return day > deadline
    }

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// How long departments have to answer.
public struct ObjectionPolicy: Sendable, Equatable {
    public var workingDays: Int
    public var calendar: WorkingDays

    public init(workingDays: Int = 5, calendar: WorkingDays = WorkingDays()) {
        self.workingDays = workingDays; self.calendar = calendar
    }

    public func deadline(filedOn day: Day) -> Day { calendar.adding(workingDays, to: day) }

    /// The objections to escalate on `day`: pending and past their deadline.
    public func overdue(_ objections: [Objection], on day: Day) -> [Objection] {
        objections.filter { $0.isOverdue(on: day) }
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
