/// An overdue report on its way to becoming a credit record (Taizhou Art. 11, RISK.md §3.5): the firm is told
/// in writing and given a cure period; if it pays within the period nothing is recorded, otherwise the report
/// becomes a credit record on the day after the period's last day.
///
///     reported ──notice──▶ pending (until the deadline) ──paid on or before the deadline──▶ cured
///                                                       └──deadline passed unpaid──▶ recordable (deadline + 1)
///
/// The cure period is counted from the notice day (which does not count) in the units of the rules version in
/// force on the notice day: working days by default, because the other periods of the procedure (objection,
/// answer, listing) are working days; its length is UNCONFIRMED in the sources (`list-rules.json`).
public struct DefaultFeedback: Sendable, Equatable, Codable {
    /// Where a report stands on a day.
    public enum Outcome: Sendable, Equatable {
        /// No written notice yet: the report cannot become a credit record.
        case awaitingNotice
        /// Notified; the firm may still pay on or before `deadline`.
        case pending(deadline: Day)
        /// Paid within the cure period: nothing is recorded.
        case cured(paidOn: Day)
        /// Not paid in time: the report is a credit record from `recordedOn` (the day after the deadline).
        case recordable(recordedOn: Day)

        /// The outcome in one Chinese sentence, e.g. "已书面告知，履行期限至 2026-03-27".
        public var text: String {
            switch self {
            case .awaitingNotice: "尚未书面告知企业，不得记入信用记录"
            case .pending(let deadline): "已书面告知，履行期限至 \(deadline)"
            case .cured(let paid): "已于 \(paid) 在履行期限内履行，不再报送"
            case .recordable(let day): "履行期限届满未履行，自 \(day) 起记入信用记录"
            }
        }
    }

    public var report: OverdueReport
    /// The day the written notice was given, once given.
    public var noticeDay: Day?

    public init(report: OverdueReport, noticeDay: Day? = nil) {
        self.report = report; self.noticeDay = noticeDay
    }

    /// The feedback after the written notice of `day`: not before the report, and only once.
    public func notified(on day: Day) throws(DomainError) -> DefaultFeedback {
        if let noticeDay {
            throw .illegalTransition(entity: "逾期报告", from: "已于 \(noticeDay) 书面告知", action: "再次告知")
        }
        guard day >= report.reportedOn else {
            throw .invalidInput(field: "noticeDay", reason: "告知日期不能早于逾期报告日期 \(report.reportedOn)")
        }
        var next = self
        next.noticeDay = day
        return next
    }

    /// The last day of the cure period (nil before the notice), under the rules in force on the notice day.
    public func deadline(rules: ListRules, calendar: WorkingDays = WorkingDays()) throws(DomainError) -> Day? {
        guard let noticeDay else { return nil }
        return try rules.required(on: noticeDay).curePeriod.lastDay(openedOn: noticeDay, calendar: calendar)
    }

    /// Where the report stands on `today`, given the day the firm paid the overdue amount (if it has). A
    /// payment after `today` is not known yet and is ignored; a payment on the deadline day cures.
    public func outcome(paidOn: Day?, today: Day, rules: ListRules,
                        calendar: WorkingDays = WorkingDays()) throws(DomainError) -> Outcome {
        let paid = paidOn.flatMap { $0 <= today ? $0 : nil }
        guard let deadline = try deadline(rules: rules, calendar: calendar) else {
            return paid.map { .cured(paidOn: $0) } ?? .awaitingNotice
        }
        if let paid, paid <= deadline { return .cured(paidOn: paid) }
        return today <= deadline ? .pending(deadline: deadline) : .recordable(recordedOn: deadline.adding(days: 1))
    }
}
