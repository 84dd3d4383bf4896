import Foundation
import Plot

extension EnterpriseProfilePage {
    /// What the credit center sees of a firm beyond its records: loans on the platform, the authorisations it gave
    /// and the latest reads of its data (all display strings).
    public struct Oversight: Sendable, Equatable {
        public struct Loan: Sendable, Equatable {
            public var id: Int64
            public var lender: String
            public var product: String
            public var amount: String
            public var outstanding: String
            public var classification: String
            public var overdueDays: Int
            public var settled: Bool
            public init(id: Int64, lender: String, product: String, amount: String, outstanding: String, classification: String,
                        overdueDays: Int, settled: Bool) {
                self.id = id; self.lender = lender; self.product = product; self.amount = amount; self.outstanding = outstanding
                self.classification = classification; self.overdueDays = overdueDays; self.settled = settled
            }
        }

        public struct Grant: Sendable, Equatable {
            public var id: String
            public var grantees: String
            public var categories: String
            public var validity: String
            public var state: String
            public init(id: String, grantees: String, categories: String, validity: String, state: String) {
                self.id = id; self.grantees = grantees; self.categories = categories; self.validity = validity; self.state = state
            }
        }

        public struct Read: Sendable, Equatable {
            public var at: Date
            public var reader: String
            public var purpose: String
            public var action: String
            public init(at: Date, reader: String, purpose: String, action: String) {
                self.at = at; self.reader = reader; self.purpose = purpose; self.action = action
            }
        }

        public var loans: [Loan]
        public var grants: [Grant]
        public var reads: [Read]
        /// All reads ever recorded (the table shows the latest).
        public var readCount: Int

        public init(loans: [Loan], grants: [Grant], reads: [Read], readCount: Int) {
            self.loans = loans; self.grants = grants; self.reads = reads; self.readCount = readCount
        }
    }

    static func oversightCards(_ o: Oversight) -> BodyNode {
        .section(
            .cls("card"),
            .attr("aria-labelledby", "oversight-title"),
            .div(.cls("card-header"), .h2(.cls("card-title"), .id("oversight-title"), .text("贷款、授权与查询记录"))),
            .h3(.text("平台贷款（\(o.loans.count) 笔）")),
            .if(o.loans.isEmpty, .p(.cls("field-hint"), .text("该企业在平台上没有贷款。")), else: .div(.cls("table-wrap"), .table(
                .cls("table table-compact"),
                .thead(.tr(.th(.text("贷款")), .th(.text("放款机构")), .th(.text("产品")), .th(.cls("num"), .text("金额")),
                           .th(.cls("num"), .text("余额")), .th(.text("五级分类")), .th(.cls("num"), .text("逾期天数")))),
                .tbody(.forEach(o.loans) { loan in
                    .tr(.td(.cls("mono"), .text("#\(loan.id)")), .td(.text(loan.lender)), .td(.text(loan.product)),
                        .td(.cls("num"), .text(loan.amount)), .td(.cls("num"), .text(loan.settled ? "已结清" : loan.outstanding)),
                        .td(Badge.node(loan.classification, tone: loan.classification == "正常" ? .success : .danger)),
                        .td(.cls("num"), .text(loan.overdueDays > 0 ? String(loan.overdueDays) : "—")))
                })
            ))),
            .h3(.text("企业授权（\(o.grants.count) 份）")),
            .if(o.grants.isEmpty, .p(.cls("field-hint"), .text("该企业尚未授权任何机构查询非公开信息。")), else: .div(.cls("table-wrap"), .table(
                .cls("table table-compact"),
                .thead(.tr(.th(.text("授权书")), .th(.text("被授权机构")), .th(.text("信息类别")), .th(.text("有效期")), .th(.text("状态")))),
                .tbody(.forEach(o.grants) { grant in
                    .tr(.td(.cls("mono"), .text("#\(grant.id)")), .td(.text(grant.grantees)), .td(.text(grant.categories)),
                        .td(.cls("nowrap"), .text(grant.validity)), .td(.text(grant.state)))
                })
            ))),
            .h3(.text("最近的查询记录（共 \(Format.count(o.readCount)) 次）")),
            .if(o.reads.isEmpty, .p(.cls("field-hint"), .text("尚无机构查询该企业的非公开信息。")), else: .div(.cls("table-wrap"), .table(
                .cls("table table-compact"),
                .thead(.tr(.th(.text("时间")), .th(.text("查询方")), .th(.text("用途")), .th(.text("操作")))),
                .tbody(.forEach(o.reads) { read in
                    .tr(.td(.cls("nowrap"), .text(Format.dateTime(read.at))), .td(.text(read.reader)), .td(.text(read.purpose)),
                        .td(.text(read.action)))
                })
            )))
        )
    }
}
