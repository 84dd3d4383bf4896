import Domain
import Foundation
import Persistence

/// Default feedback (逾期违约反馈, RISK.md §3.5): a lender reports an overdue platform loan; the platform gives the
/// firm the written notice at once, with the cure period of the rules in force that day; if the firm pays within
/// it nothing is recorded, otherwise the report becomes a credit record (a 重点关注名单 entry in `credit.list`,
/// through the normal ingest path) on the day after the period.
public enum DefaultReports {
    /// The lender reports one of its loans that is overdue today (days and amount from the platform's ledger).
    public static func report(_ context: ServiceContext, _ principal: Principal, loanID: Int64?) async throws -> DefaultReport {
        let institution = try principal.requireInstitution()
        guard let loanID, let loan = try await context.loanStore.loan(id: loanID), loan.institutionID == institution.id else {
            throw DomainError.notFound("本机构的该笔贷款")
        }
        let today = context.clock.today
        let position = loan.ledger.position(asOf: today)
        guard position.overdueDays > 0 else { throw DomainError.conflict("该笔贷款当前没有逾期，无需报送") }
        let overdue = OverdueReport(loanReference: "贷款 #\(loan.id)", uscc: loan.uscc, lender: institution.name,
                                    overdueDays: position.overdueDays, amount: position.amountOverdue, reportedOn: today)
        try overdue.validate()
        let feedback = try DefaultFeedback(report: overdue).notified(on: today)
        let calendar = context.platform.policy.objectionPolicy.calendar
        guard let deadline = try feedback.deadline(rules: context.platform.listRules, calendar: calendar) else {
            throw DomainError.conflict("未能确定履行期限")
        }
        return try await context.defaultReportStore.create(
            DefaultReport(loanID: loan.id, institutionID: institution.id, firmName: loan.firmName, feedback: feedback, deadline: deadline,
                          reportedBy: principal.displayName, reportedAt: context.clock.now()), actor: principal.name)
    }

    /// The reports a principal sees: a firm its notices, an institution its reports, the credit center all.
    public static func visible(_ context: ServiceContext, _ principal: Principal, paging: Paging) async throws -> ResultPage<DefaultReport> {
        switch principal.role {
        case .enterprise: return try await context.defaultReportStore.reports(uscc: try principal.requireEnterprise(), paging: paging)
        case .institutionAdmin, .institutionStaff:
            return try await context.defaultReportStore.reports(institutionID: try principal.requireInstitution().id, paging: paging)
        case .creditCenter: return try await context.defaultReportStore.reports(paging: paging)
        case .department: throw DomainError.forbidden("逾期报告仅限企业本身、报送机构和信用中心查看")
        }
    }

    /// The daily job: every report whose cure period ended before today is cured (the overdue amount was paid
    /// by the deadline, per the ledger) or recorded. Returns (cured, recorded).
    @discardableResult
    public static func settleDue(_ context: ServiceContext) async throws -> (cured: Int, recorded: Int) {
        let today = context.clock.today
        var cured = 0, recorded = 0
        for var report in try await context.defaultReportStore.due(before: today) {
            guard let loan = try await context.loanStore.loan(id: report.loanID) else { continue }
            let atDeadline = loan.ledger.position(asOf: report.deadline)
            // Paid in time when nothing was overdue any more on the deadline; the day is the last repayment by then.
            let paidOn = atDeadline.amountOverdue == .zero
                ? loan.ledger.repayments.map(\.day).filter { $0 <= report.deadline }.max() ?? report.deadline : nil
            let outcome = try report.feedback.outcome(paidOn: paidOn, today: today, rules: context.platform.listRules,
                                                      calendar: context.platform.policy.objectionPolicy.calendar)
            guard report.settle(outcome) else { continue }
            if report.status == .recorded {
                report.recordID = try await record(context, report)
                recorded += 1
            } else {
                cured += 1
            }
            try await context.defaultReportStore.settle(report, actor: "platform", at: context.clock.now())
        }
        return (cured, recorded)
    }

    /// Writes the credit record through the normal ingest path (a batch with its log entry), then re-evaluates the firm.
    static func record(_ context: ServiceContext, _ report: DefaultReport) async throws -> String {
        let r = report.feedback.report
        let recordID = "DEFAULT-\(report.id)"
        let reason = "金融机构报送逾期未履行：\(r.loanReference)逾期 \(r.overdueDays) 天，逾期金额 \(r.amount.yuanText)，书面告知后履行期限至 \(report.deadline) 仍未履行"
        let csv = CSVWriting.line(["record_id", "uscc", "list_type", "listed_on", "removed_on", "authority", "reason"]) + "\n"
            + CSVWriting.line([recordID, r.uscc, "watch", (report.recordedOn ?? context.clock.today).description, "",
                               "信易贷平台（\(r.lender)报送）", reason]) + "\n"
        let platform = Principal(name: "platform", displayName: "信易贷平台", role: .creditCenter, department: nil)
        let summary = try await Ingestion.load(context, dataset: try context.catalog.require("credit.list"), principal: platform,
                                               source: .api, fileName: "default-\(report.id).csv", format: .csv,
                                               chunks: MemoryChunks(bytes: Array(csv.utf8)))
        guard summary.rejected == 0 else { throw DomainError.invalidFile(reason: "逾期记录未能写入数据中心") }
        try await Evaluations.refresh(context, firms: [r.uscc])
        return recordID
    }
}
