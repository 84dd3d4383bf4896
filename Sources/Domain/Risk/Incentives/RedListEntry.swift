/// A firm's entry on the 守信激励名单: proposed when the evaluation finds it eligible, published for the
/// publicity period (objections may be raised), valid from the day it takes effect for `validityMonths`, then
/// expired. Judged under the `RedListRules` version in force on the proposal day.
///
/// Validity: the day the entry takes effect counts, so an entry in effect from 2026-04-10 for 12 months is
/// valid through 2027-04-09 and expired from 2027-04-10; when the same day does not exist N months on, the
/// validity ends on that month's last day (from 2026-01-31 for 1 month: through 2026-02-28).
public struct RedListEntry: Sendable, Equatable, Codable {
    /// The stored entry's number (0 until stored).
    public var id: Int64 = 0
    public var uscc: String
    public var name: String
    /// The rules version that found it eligible.
    public var version: Int
    public var proposedOn: Day
    /// The stored status (never `expired`: see `status(on:)`).
    public var status: RedListStatus
    public var publicityStartedOn: Day?
    /// The last day of the publicity period.
    public var publicityEnds: Day?
    /// Objections raised during the publicity (the objection, whether answered, and the answer).
    public var objections: [ListingObjection]
    public var validFrom: Day?
    /// The last day the entry is valid.
    public var validUntil: Day?
    public var revokedOn: Day?
    public var revocationReason: String?

    /// A new entry for a firm the evaluation finds eligible on `day`; `conflict` with the reasons otherwise.
    public static func propose(_ facts: RedListFacts, on day: Day, rules: RedListRules) throws(DomainError) -> RedListEntry {
        guard let evaluation = RedList.evaluate(facts, on: day, rules: rules) else {
            throw .invalidCatalog(entry: "incentive-rules.json", reason: "\(day) 没有生效的守信激励名单规则")
        }
        guard evaluation.eligible else {
            throw .conflict("不符合守信激励名单条件：" + evaluation.reasons.map(\.text).joined(separator: "；"))
        }
        return RedListEntry(uscc: facts.uscc, name: facts.name, version: evaluation.version, proposedOn: day,
                            status: .proposed, objections: [])
    }

    /// The status on `day`: `expired` once a valid entry is past its last day.
    public func status(on day: Day) -> RedListStatus {
        if status == .valid, let validUntil, day > validUntil { return .expired }
        return status
    }

    /// Valid on `day`: in effect, not revoked, within its validity.
    public func isValid(on day: Day) -> Bool {
        guard status(on: day) == .valid, let validFrom else { return false }
        return day >= validFrom
    }

    /// The entry after `event` on `day` (the proposal day's rules version).
    public func applying(_ event: RedListEvent, on day: Day, rules: RedListRules,
                         calendar: WorkingDays = WorkingDays()) throws(DomainError) -> RedListEntry {
        guard let target = status.target(of: event.action) else {
            throw .illegalTransition(entity: "守信激励名单记录", from: status.label, action: event.action.label)
        }
        let v = try rules.required(on: proposedOn)
        var next = self
        next.status = target
        switch event {
        case .startPublicity:
            try ListingEntry.notBefore(day, proposedOn, "公示日期", "拟列入日期")
            next.publicityStartedOn = day
            next.publicityEnds = v.publicity.lastDay(openedOn: day, calendar: calendar)
        case .object(let reason):
            let reason = reason.trimmingSpaces()
            guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "异议理由不能为空") }
            try ListingEntry.notBefore(day, publicityStartedOn, "异议日期", "公示日期")
            if let ends = publicityEnds, day > ends {
                throw .invalidInput(field: "day", reason: "公示期已于 \(ends) 届满，不再受理异议")
            }
            next.objections.append(ListingObjection(filedOn: day, reason: reason,
                                                    answerDue: v.objectionAnswer.lastDay(openedOn: day, calendar: calendar)))
        case .rejectObjection(let answer), .upholdObjection(let answer):
            let answer = answer.trimmingSpaces()
            guard !answer.isEmpty else { throw .invalidInput(field: "answer", reason: "须书面答复异议的核实结果和理由") }
            guard let index = objections.lastIndex(where: \.isOpen) else {
                throw .illegalTransition(entity: "守信激励名单记录", from: status.label, action: event.action.label)
            }
            try ListingEntry.notBefore(day, objections[index].filedOn, "答复日期", "异议日期")
            next.objections[index].answeredOn = day
            next.objections[index].upheld = event.action == .upholdObjection
            next.objections[index].answer = answer
        case .activate:
            if let ends = publicityEnds, day <= ends {
                throw .conflict("公示期至 \(ends) 届满，届满前不得生效")
            }
            try ListingEntry.notBefore(day, objections.compactMap(\.answeredOn).max(), "生效日期", "异议答复日期")
            next.validFrom = day
            next.validUntil = Self.lastDay(ofMonths: v.validityMonths, from: day)
        case .revoke(let reason):
            let reason = reason.trimmingSpaces()
            guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "须写明撤销理由") }
            try ListingEntry.notBefore(day, validFrom, "撤销日期", "生效日期")
            if status(on: day) == .expired {
                throw .illegalTransition(entity: "守信激励名单记录", from: RedListStatus.expired.label, action: event.action.label)
            }
            next.revokedOn = day
            next.revocationReason = reason
        }
        return next
    }

    /// The last day of `months` months counted from `start` inclusive.
    static func lastDay(ofMonths months: Int, from start: Day) -> Day {
        let same = LoanCalendar.adding(months: months, to: start)
        return same.day < start.day ? same : same.adding(days: -1)
    }
}
