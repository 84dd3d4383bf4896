/// A bank's answer to one warning alert, as a small state machine:
///
///     open ──acknowledge──▶ acknowledged ──confirm──▶ confirmed ──handle──▶ handled
///                               │ └──────────────handle (measure)──────────▶ handled
///                               └──dismiss (reason)──▶ dismissed
///
/// The bank must first acknowledge (签收); then it confirms the risk, dismisses the alert with a reason, or
/// records the measure it took (a confirmed alert still needs its measure). Dismissed and handled are final.
/// Recording a measure is only a record: the platform never reclassifies a loan, the class stays the bank's.
public struct AlertResponse: Sendable, Equatable, Codable {
    /// Where the answer stands.
    public enum Status: String, CaseIterable, Sendable, Codable, Hashable {
        case open, acknowledged, confirmed, dismissed, handled

        public var label: String {
            switch self {
            case .open: "待签收"
            case .acknowledged: "已签收"
            case .confirmed: "已确认风险"
            case .dismissed: "已排除"
            case .handled: "已处置"
            }
        }

        /// No further step is possible.
        public var isFinal: Bool { self == .dismissed || self == .handled }

        /// The status `action` leads to, or nil if it is not allowed from here.
        public func target(of action: Action) -> Status? {
            switch (self, action) {
            case (.open, .acknowledge): .acknowledged
            case (.acknowledged, .confirm): .confirmed
            case (.acknowledged, .dismiss): .dismissed
            case (.acknowledged, .handle), (.confirmed, .handle): .handled
            default: nil
            }
        }
    }

    /// What the bank does next.
    public enum Action: String, CaseIterable, Sendable, Codable {
        case acknowledge, confirm, dismiss, handle

        public var label: String {
            switch self {
            case .acknowledge: "签收预警"
            case .confirm: "确认风险"
            case .dismiss: "排除预警"
            case .handle: "登记处置措施"
            }
        }
    }

    /// A step with what it needs.
    public enum Event: Sendable, Equatable {
        case acknowledge
        /// The bank confirms the risk is real; the note is optional.
        case confirm(note: String)
        /// The bank judges the alert unfounded; the reason is required.
        case dismiss(reason: String)
        /// The measure taken (压降额度, 追加担保, 提前收回 …) is required.
        case handle(measure: String)

        public var action: Action {
            switch self {
            case .acknowledge: .acknowledge
            case .confirm: .confirm
            case .dismiss: .dismiss
            case .handle: .handle
            }
        }
    }

    public var status: Status
    public var openedOn: Day
    public var acknowledgedOn: Day?
    public var confirmedOn: Day?
    /// The day it was dismissed or handled.
    public var closedOn: Day?
    public var confirmationNote: String?
    public var dismissalReason: String?
    public var measure: String?

    /// A new alert waiting for the bank.
    public init(openedOn: Day) {
        self.status = .open; self.openedOn = openedOn
    }

    /// Longest reason, note or measure accepted.
    public static let maximumTextLength = 2_000

    /// The response after `event` on `day`; `illegalTransition` when the status does not allow it, `invalidInput`
    /// for a missing reason or measure, or a day before the previous step.
    public func applying(_ event: Event, on day: Day) throws(DomainError) -> AlertResponse {
        guard let target = status.target(of: event.action) else {
            throw .illegalTransition(entity: "预警", from: status.label, action: event.action.label)
        }
        let previous = closedOn ?? confirmedOn ?? acknowledgedOn ?? openedOn
        guard day >= previous else {
            throw .invalidInput(field: "day", reason: "处理日期 \(day) 不能早于上一步的日期 \(previous)")
        }
        var next = self
        next.status = target
        switch event {
        case .acknowledge:
            next.acknowledgedOn = day
        case .confirm(let note):
            next.confirmationNote = try Self.text(note, field: "note", name: "确认说明", required: false)
            next.confirmedOn = day
        case .dismiss(let reason):
            next.dismissalReason = try Self.text(reason, field: "reason", name: "排除理由", required: true)
            next.closedOn = day
        case .handle(let measure):
            next.measure = try Self.text(measure, field: "measure", name: "处置措施", required: true)
            next.closedOn = day
        }
        return next
    }

    static func text(_ raw: String, field: String, name: String, required: Bool) throws(DomainError) -> String? {
        let text = MarketplaceText.trimmed(raw)
        if text.isEmpty {
            if required { throw .invalidInput(field: field, reason: "\(name)不能为空") }
            return nil
        }
        guard text.count <= maximumTextLength else {
            throw .invalidInput(field: field, reason: "\(name)不能超过 \(maximumTextLength) 字")
        }
        return text
    }
}
