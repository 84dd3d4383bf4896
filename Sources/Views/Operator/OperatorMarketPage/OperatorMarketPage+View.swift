import Domain
import Foundation

extension OperatorMarketPage {
    public static func render(_ model: Model) -> String {
        let s = model.figures
        func n(_ map: [String: Int], _ key: String) -> String { String(map[key] ?? 0) }
        let applications = ApplicationStatus.allCases.map { PortalPage.ChartItem(label: $0.label, value: s.applicationsByStatus[$0.rawValue] ?? 0) }
        let classes = LoanClass.allCases.map { PortalPage.ChartItem(label: $0.label, value: s.loansByClass[$0.rawValue] ?? 0) }
        return PortalPage.render(model.context, title: "撮合概况", subtitle: "融资对接一览", [
            .stats([
                .init("入驻机构", String(s.institutions), href: "/console/institutions"),
                .init("在售产品", n(s.productsByStatus, "online"), hint: "待审核 \(n(s.productsByStatus, "pending_review"))",
                      href: "/console/products", tone: (s.productsByStatus["pending_review"] ?? 0) > 0 ? .warning : .neutral),
                .init("企业账户", n(s.enterpriseAccountsByStatus, "active"), hint: "待审核 \(n(s.enterpriseAccountsByStatus, "pending"))",
                      href: "/console/accounts", tone: (s.enterpriseAccountsByStatus["pending"] ?? 0) > 0 ? .warning : .neutral),
                .init("信用承诺", Format.count(s.commitmentsInForce), href: "/console/commitments"),
                .init("有效授权", Format.count(s.authorisationsActive), hint: "近 30 天查询 \(s.accessesLast30Days) 次"),
            ]),
            .stats([
                .init("融资需求", Format.count(s.demandsByStatus.values.reduce(0, +)), hint: "待接单 \(n(s.demandsByStatus, "open"))"),
                .init("平均接单用时", s.meanMinutesToTake.map { String(format: "%.0f 分钟", $0) } ?? "—"),
                .init("贷款", Format.count(s.loans), hint: "逾期 \(s.loansOverdue) 笔", tone: s.loansOverdue > 0 ? .danger : .neutral),
                .init("贷款余额", Format.figure(cents: s.outstandingCents)),
            ]),
            .chart(title: "贷款申请按状态", items: applications, unit: "笔"),
            .chart(title: "贷款五级分类", items: classes, unit: "笔"),
        ])
    }
}
