import Domain
import Foundation

/// A taken demand's follow-up as both sides read it: the steps in order and the first-contact deadline.
public struct DemandProgress: Sendable, Equatable {
    public var steps: [DemandFollowUp]
    /// The last day for the first contact (nil before the demand is taken).
    public var contactDeadline: Day?
    public var contactOverdue: Bool

    public init(steps: [DemandFollowUp], contactDeadline: Day?, contactOverdue: Bool) {
        self.steps = steps; self.contactDeadline = contactDeadline; self.contactOverdue = contactOverdue
    }

    /// Where a demand's follow-up stands under `rules` today.
    public init(demand: FinancingDemand, steps: [DemandFollowUp], rules: DemandFollowUpRules, today: Day) {
        let deadline = demand.takenAt.map { rules.contactDeadline(takenAt: $0) }
        self.init(steps: steps, contactDeadline: deadline, contactOverdue: rules.isContactOverdue(demand, steps: steps, today: today))
    }

    /// The officer who took the demand (the firm's contact at the bank): the latest step's, else the take's.
    public var officer: DemandFollowUp? { steps.last }

    /// "已联系企业 · 12月3日" — the latest step after the take, or the deadline while nobody has called.
    var latestCell: PortalPage.Cell {
        if let last = steps.last(where: { $0.step != .taken }) {
            return .twoLines(last.step.label, Format.date(last.at))
        }
        guard let deadline = contactDeadline else { return .text("—") }
        return contactOverdue ? .badge("未在 \(deadline) 前联系企业", tone: .danger) : .twoLines("待联系企业", "期限 \(deadline)")
    }

    var officerText: String {
        guard let officer else { return "—" }
        return officer.officer + (officer.officerPhone.map { " · \($0)" } ?? "")
    }

    /// The steps as a table, oldest first.
    var table: PortalPage.Block {
        .table(.init(title: "对接进展", id: "follow-ups", headers: ["时间", "进展", "经办人", "联系电话", "说明"], rows: steps.map {
            [.text(Format.time($0.at)), .badge($0.step.label, tone: $0.step == .declined ? .warning : $0.step == .applied ? .success : .info),
             .text($0.officer), .text($0.officerPhone ?? "—"), .text($0.note.isEmpty ? "—" : $0.note)]
        }, emptyText: "尚无金融机构接单"))
    }
}
