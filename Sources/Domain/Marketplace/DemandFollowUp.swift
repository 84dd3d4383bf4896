import Foundation

/// What the institution that took a demand did with it (issue 16, demand hall): the officer who took it, then
/// contact, a visit, and the outcome — turned into a loan application, or not pursued with a reason the firm reads.
public enum DemandFollowUpStep: String, Codable, Sendable, CaseIterable, Hashable {
    case taken
    case contacted
    case visited
    case applied
    case declined

    public var label: String {
        switch self {
        case .taken: "接单"
        case .contacted: "已联系企业"
        case .visited: "已实地走访"
        case .applied: "已转为贷款申请"
        case .declined: "不予对接"
        }
    }

    /// The steps an officer records after taking (接单 is recorded by the take itself).
    public static let recordable: [DemandFollowUpStep] = [.contacted, .visited, .applied, .declined]

    /// The outcomes: the demand is 已办结 after either.
    public var isOutcome: Bool { self == .applied || self == .declined }
}

/// One step of the follow-up, with the officer who recorded it (name and phone: the firm's contact at the bank).
public struct DemandFollowUp: Sendable, Equatable, Codable, Hashable {
    public var id: Int64
    public var demandID: Int64
    public var institutionID: Int64
    public var step: DemandFollowUpStep
    public var note: String
    public var officer: String
    public var officerPhone: String?
    public var at: Date

    public init(id: Int64 = 0, demandID: Int64, institutionID: Int64, step: DemandFollowUpStep, note: String, officer: String,
                officerPhone: String?, at: Date) {
        self.id = id; self.demandID = demandID; self.institutionID = institutionID; self.step = step; self.note = note
        self.officer = officer; self.officerPhone = officerPhone; self.at = at
    }
}

/// The rules of the follow-up: only the taking institution records steps, only while the demand is taken; a step
/// once the outcome is in is refused; 不予对接 needs a reason; the first contact is due `contactWithin` working days
/// after the take.
public struct DemandFollowUpRules: Sendable, Equatable {
    public var contactWithin: Int
    public var workingDays: WorkingDays

    public init(contactWithin: Int = 3, workingDays: WorkingDays = WorkingDays()) {
        self.contactWithin = contactWithin; self.workingDays = workingDays
    }

    /// The step as recorded (note trimmed), or why not.
    public func check(_ step: DemandFollowUpStep, note: String, demand: FinancingDemand, institutionID: Int64) throws(DomainError) -> String {
        guard demand.takenBy == String(institutionID) else { throw .notFound("该融资需求") }
        guard DemandFollowUpStep.recordable.contains(step) else {
            throw .invalidInput(field: "进展", reason: "请选择已联系企业、已实地走访、已转为贷款申请或不予对接")
        }
        guard demand.status == .taken else {
            throw .illegalTransition(entity: "融资需求", from: demand.status.label, action: "登记跟进")
        }
        let note = MarketplaceText.trimmed(note)
        if step == .declined && note.count < 4 {
            throw .invalidInput(field: "说明", reason: "不予对接须写明原因（至少 4 个字），企业会看到这一原因")
        }
        guard note.count <= 500 else { throw .invalidInput(field: "说明", reason: "说明不超过 500 字") }
        return note
    }

    /// The last day by which the firm must have been contacted.
    public func contactDeadline(takenAt: Date) -> Day {
        workingDays.adding(contactWithin, to: Day(takenAt))
    }

    /// Whether the first contact is late: the demand is still taken, no step after the take, and the deadline passed.
    public func isContactOverdue(_ demand: FinancingDemand, steps: [DemandFollowUp], today: Day) -> Bool {
        guard demand.status == .taken, let takenAt = demand.takenAt else { return false }
        return !steps.contains { $0.step != .taken } && today > contactDeadline(takenAt: takenAt)
    }
}
