import Domain
import Foundation
import Plot

extension EnterpriseProfilePage {
    /// The frame of a credit report a lender reads (after 《公共信用信息报告标准（2022年版）》): a numbered, timestamped
    /// header with the authorisation it was read under and a verification code anyone can check against the log, the
    /// summary of flags first, and the firm's loans on the platform (other lenders not named).
    public struct Report: Sendable, Equatable {
        public struct PlatformLoan: Sendable, Equatable {
            /// 本机构 or 其他机构.
            public var lender: String
            public var principal: Cents
            public var outstanding: Cents
            public var disbursedOn: Day
            public var termMonths: Int
            public var classification: LoanClass
            public var overdueDays: Int
            public var settled: Bool
            public init(lender: String, principal: Cents, outstanding: Cents, disbursedOn: Day, termMonths: Int,
                        classification: LoanClass, overdueDays: Int, settled: Bool) {
                self.lender = lender; self.principal = principal; self.outstanding = outstanding; self.disbursedOn = disbursedOn
                self.termMonths = termMonths; self.classification = classification; self.overdueDays = overdueDays; self.settled = settled
            }
        }

        public var number: String
        public var generatedAt: Date
        public var institutionName: String
        public var reader: String
        public var purpose: String
        public var authorisationID: String
        public var verificationCode: String
        public var summary: CreditReportSummary
        public var platformLoans: [PlatformLoan]

        public init(number: String, generatedAt: Date, institutionName: String, reader: String, purpose: String, authorisationID: String,
                    verificationCode: String, summary: CreditReportSummary, platformLoans: [PlatformLoan]) {
            self.number = number; self.generatedAt = generatedAt; self.institutionName = institutionName; self.reader = reader
            self.purpose = purpose; self.authorisationID = authorisationID; self.verificationCode = verificationCode
            self.summary = summary; self.platformLoans = platformLoans
        }
    }

    static func reportHeader(_ r: Report) -> BodyNode {
        let facts: [(String, String, Bool)] = [
            ("报告编号", r.number, true), ("出具时间", Format.dateTime(r.generatedAt), false), ("查询机构", r.institutionName, false),
            ("查询人", r.reader, false), ("查询用途", r.purpose, false), ("授权书", "#" + r.authorisationID, true),
            ("验证码", r.verificationCode, true),
        ]
        return .section(
            .cls("card report-header"),
            .attr("aria-labelledby", "report-title"),
            .div(.cls("card-header"),
                 .h2(.cls("card-title"), .id("report-title"), .text("公共信用信息报告（授权查询版）")),
                 .button(.cls("btn btn-secondary no-print"), .attr("type", "button"), .attr("onclick", "window.print()"), .text("打印 / 另存为 PDF"))),
            .dl(.cls("kv-grid"), .forEach(facts) { label, value, mono in
                .div(.cls("kv"), .dt(.text(label)), .dd(.if(mono, .cls("mono")), .text(value)))
            }),
            .p(.cls("field-hint"), .text("任何人可在 /public/reports/verify 输入报告编号与验证码核验本报告：验证码由该次查询在透明日志中的记录算出，报告被改动或伪造即无法通过。")),
            .h3(.text("信息概要")),
            .ul(.cls("report-summary"), .forEach(r.summary.items) { item in
                .li(.cls(item.isRaised ? "summary-item raised" : "summary-item"),
                    .span(.text(item.label)), Badge.node(item.text, tone: item.isRaised ? .danger : item.count == nil ? .neutral : .success))
            }),
            .h3(.text("在本平台的融资（\(r.platformLoans.count) 笔）")),
            .if(r.platformLoans.isEmpty, .p(.cls("field-hint"), .text("该企业在本平台没有贷款。")), else: .div(.cls("table-wrap"), .table(
                .cls("table table-compact"),
                .thead(.tr(.th(.text("放款机构")), .th(.text("放款日")), .th(.cls("num"), .text("本金")), .th(.text("期限")),
                           .th(.cls("num"), .text("余额")), .th(.text("五级分类")), .th(.cls("num"), .text("逾期天数")))),
                .tbody(.forEach(r.platformLoans) { loan in
                    .tr(.td(.text(loan.lender)), .td(.cls("nowrap"), .text(loan.disbursedOn.description)),
                        .td(.cls("num"), .text(Format.money(loan.principal))), .td(.text(Format.months(loan.termMonths))),
                        .td(.cls("num"), .text(loan.settled ? "已结清" : Format.money(loan.outstanding))),
                        .td(Badge.node(loan.classification.label, tone: loan.classification == .normal ? .success : .danger)),
                        .td(.cls("num"), .text(loan.overdueDays > 0 ? String(loan.overdueDays) : "—")))
                })
            )))
        )
    }
}
