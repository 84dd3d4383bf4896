import Foundation

/// Where a pushed firm stands with one institution.
public enum PushStatus: String, Sendable, Codable, CaseIterable {
    /// Pushed; the institution has not reported contact yet.
    case awaiting
    /// The institution contacted or visited the firm; no credit decision yet.
    case contacted
    /// Credit granted (授信).
    case granted
    /// A loan was disbursed.
    case disbursed
    /// Declined, with the reason and the help offered.
    case declined
    /// The firm left the list after the push (the institution is told why).
    case withdrawn

    public var label: String {
        switch self {
        case .awaiting: "待对接"
        case .contacted: "已对接走访"
        case .granted: "已授信"
        case .disbursed: "已放款"
        case .declined: "已婉拒"
        case .withdrawn: "已撤回"
        }
    }

    /// A credit decision stops the 30-day clock; contact alone does not.
    public var isDecided: Bool { self == .granted || self == .disbursed || self == .declined }
}

/// The loan an institution reports for a pushed firm.
public struct PushLoan: Sendable, Equatable, Codable {
    public var amountCents: Int64
    public var rateBasisPoints: Int
    public var disbursedOn: Day
    public var creditLoan: Bool
    public var firstLoan: Bool
    public var renewalWithoutRepayment: Bool

    public init(amountCents: Int64, rateBasisPoints: Int, disbursedOn: Day, creditLoan: Bool, firstLoan: Bool,
                renewalWithoutRepayment: Bool) {
        self.amountCents = amountCents; self.rateBasisPoints = rateBasisPoints; self.disbursedOn = disbursedOn
        self.creditLoan = creditLoan; self.firstLoan = firstLoan; self.renewalWithoutRepayment = renewalWithoutRepayment
    }
}

/// What an institution reports about a pushed firm.
public enum PushResponse: Sendable, Equatable {
    case contacted(note: String)
    case granted(amountCents: Int64, note: String)
    case disbursed(PushLoan, note: String)
    case declined(reason: String, help: String)

    public var status: PushStatus {
        switch self {
        case .contacted: .contacted
        case .granted: .granted
        case .disbursed: .disbursed
        case .declined: .declined
        }
    }
}

/// One step recorded on a push.
public struct PushStep: Sendable, Equatable, Codable {
    public var status: PushStatus
    public var at: Date
    public var by: String
    public var note: String
}

/// The 红黄绿灯 of a push: green while on time or decided, amber once the decision is overdue, red (and on the
/// operator's desk) when it is overdue by more than the escalation period.
public enum PushLight: String, Sendable, Codable, CaseIterable {
    case green, amber, red

    public var label: String {
        switch self {
        case .green: "绿灯"
        case .amber: "黄灯"
        case .red: "红灯"
        }
    }
}

/// One recommended firm pushed to one institution, with the clock for its credit decision.
public struct RecommendationPush: Sendable, Equatable, Codable {
    public var id: Int64
    public var entryID: Int64
    public var uscc: String
    public var firmName: String
    public var institutionID: Int64
    public var institutionName: String
    public var amountCents: Int64
    public var termMonths: Int
    public var purpose: String
    public var pushedOn: Day
    /// The last day for a credit decision.
    public var dueOn: Day
    /// The day the light turns red.
    public var escalatesOn: Day
    public var status: PushStatus
    public var grantedCents: Int64?
    public var loan: PushLoan?
    public var declineReason: String?
    public var helpOffered: String?
    public var withdrawnReason: String?
    public var decidedOn: Day?
    /// The day the platform put the overdue push on the operator's desk (红灯), once.
    public var escalatedOn: Day?
    public var steps: [PushStep]

    /// A push made on `day` under the rules in force that day.
    public init(id: Int64 = 0, entry: RecommendationEntry, institutionID: Int64, institutionName: String, day: Day,
                decisionDays: Int, escalationDays: Int, by: String, at time: Date) {
        self.id = id; self.entryID = entry.id; self.uscc = entry.uscc; self.firmName = entry.firmName
        self.institutionID = institutionID; self.institutionName = institutionName
        self.amountCents = entry.amountCents; self.termMonths = entry.termMonths; self.purpose = entry.purpose
        self.pushedOn = day
        self.dueOn = day.adding(days: decisionDays)
        self.escalatesOn = day.adding(days: decisionDays + escalationDays)
        self.status = .awaiting
        self.steps = [PushStep(status: .awaiting, at: time, by: by, note: "推送至\(institutionName)")]
    }

    /// The light on `today`: decided pushes are green; undecided ones turn amber after the due day and red
    /// from the escalation day.
    public func light(on today: Day) -> PushLight {
        if status.isDecided || status == .withdrawn { return .green }
        if today >= escalatesOn { return .red }
        return today > dueOn ? .amber : .green
    }

    /// Days left for the decision (negative once overdue); nil once decided.
    public func daysLeft(on today: Day) -> Int? {
        guard !status.isDecided, status != .withdrawn else { return nil }
        return today.days(until: dueOn)
    }

    /// Records the institution's report. Contact may be reported once, before a decision; a grant may be
    /// followed by the disbursement; a decline is final, as is a disbursement.
    public mutating func record(_ response: PushResponse, by actor: String, today: Day, at time: Date) throws(DomainError) {
        let allowed: Bool = switch (status, response) {
        case (.awaiting, _): true
        case (.contacted, .granted), (.contacted, .disbursed), (.contacted, .declined): true
        case (.granted, .disbursed): true
        default: false
        }
        guard allowed else {
            throw .illegalTransition(entity: "推送", from: status.label, action: response.status.label)
        }
        var note: String
        switch response {
        case .contacted(let text):
            note = MarketplaceText.trimmed(text)
        case .granted(let amount, let text):
            guard amount > 0 else { throw .invalidInput(field: "grantedAmount", reason: "授信金额须大于 0") }
            grantedCents = amount
            note = MarketplaceText.trimmed(text)
        case .disbursed(let loan, let text):
            guard loan.amountCents > 0 else { throw .invalidInput(field: "loan.amount", reason: "放款金额须大于 0") }
            guard (1...10_000).contains(loan.rateBasisPoints) else {
                throw .invalidInput(field: "loan.rateBasisPoints", reason: "年利率须在 0.01%–100% 之间（以基点计）")
            }
            guard loan.disbursedOn >= pushedOn, loan.disbursedOn <= today else {
                throw .invalidInput(field: "loan.disbursedOn", reason: "放款日期须在推送日 \(pushedOn) 与今天之间")
            }
            self.loan = loan
            if grantedCents == nil { grantedCents = loan.amountCents }
            note = MarketplaceText.trimmed(text)
        case .declined(let reason, let help):
            let reason = MarketplaceText.trimmed(reason), help = MarketplaceText.trimmed(help)
            guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "婉拒时须说明原因") }
            guard !help.isEmpty else { throw .invalidInput(field: "help", reason: "婉拒时须说明为企业提供的帮助（如解释原因、推荐其他产品）") }
            declineReason = reason; helpOffered = help
            note = reason
        }
        guard note.count <= 1000 else { throw .invalidInput(field: "note", reason: "说明不能超过 1000 字") }
        status = response.status
        if status.isDecided, decidedOn == nil { decidedOn = today }
        steps.append(PushStep(status: status, at: time, by: actor, note: note))
    }

    /// Records, once, that the push is still undecided on or after its escalation day (红灯) on `today`. False when
    /// the light is not red or the escalation was already recorded.
    public mutating func escalate(on today: Day, at time: Date) -> Bool {
        guard escalatedOn == nil, light(on: today) == .red else { return false }
        escalatedOn = today
        steps.append(PushStep(status: status, at: time, by: "platform",
                              note: "超过决策期限（\(dueOn)）仍未反馈授信结果，已升级至信用中心"))
        return true
    }

    /// The firm left the list: the institution sees why; a decided push keeps its decision.
    public mutating func withdraw(reason: String, at time: Date) {
        guard !status.isDecided, status != .withdrawn else { return }
        status = .withdrawn
        withdrawnReason = reason
        steps.append(PushStep(status: .withdrawn, at: time, by: "platform", note: reason))
    }
}
