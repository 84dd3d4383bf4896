import Foundation

/// A lender's overdue report on a loan made through the platform, as the platform keeps it: the report with its
/// written notice (`DefaultFeedback`), and how it ended — cured within the period (nothing recorded) or recorded as
/// a credit record on the day after the period.
public struct DefaultReport: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case pending, cured, recorded

        public var label: String {
            switch self {
            case .pending: "履行期限内"
            case .cured: "已履行，不予记录"
            case .recorded: "已记入信用记录"
            }
        }
    }

    public var id: Int64
    public var loanID: Int64
    public var institutionID: Int64
    public var firmName: String
    public var feedback: DefaultFeedback
    public var status: Status
    /// The last day of the cure period.
    public var deadline: Day
    public var curedOn: Day?
    public var recordedOn: Day?
    /// The record written to the data hub when recorded (`credit.list` record id).
    public var recordID: String?
    public var reportedBy: String
    public var reportedAt: Date

    public init(id: Int64 = 0, loanID: Int64, institutionID: Int64, firmName: String, feedback: DefaultFeedback, deadline: Day,
                reportedBy: String, reportedAt: Date) {
        self.id = id; self.loanID = loanID; self.institutionID = institutionID; self.firmName = firmName; self.feedback = feedback
        self.status = .pending; self.deadline = deadline; self.reportedBy = reportedBy; self.reportedAt = reportedAt
    }

    /// The written notice to the firm, in Chinese.
    public var noticeText: String {
        let r = feedback.report
        return "\(r.lender)报送：贵企业贷款（\(r.loanReference)）截至 \(r.reportedOn) 已逾期 \(r.overdueDays) 天，逾期金额 \(r.amount.yuanText)。"
            + "请于 \(deadline) 前履行；期限内履行的，不记入信用记录；逾期仍未履行的，将自 \(deadline.adding(days: 1)) 起记入信用记录（重点关注名单）。"
    }

    /// Applies the outcome of `today` (cured or recordable); returns true when it changed.
    public mutating func settle(_ outcome: DefaultFeedback.Outcome) -> Bool {
        guard status == .pending else { return false }
        switch outcome {
        case .cured(let paid): status = .cured; curedOn = paid; return true
        case .recordable(let day): status = .recorded; recordedOn = day; return true
        case .pending, .awaitingNotice: return false
        }
    }
}
