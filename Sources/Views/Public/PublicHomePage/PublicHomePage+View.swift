import Domain
import Plot

extension PublicHomePage {
    public static func render(_ model: Model) -> String {
        let t = model.totals
        func value(_ code: String, _ unit: IndicatorUnit) -> String { (t[code] ?? .undefined).text(unit) }
        let chart = model.monthly.map { m in
            PortalPage.ChartItem(label: "\(m.month.month)月", value: Int(clamping: (m.value.value ?? 0) / 1_000_000))
        }
        return PortalPage.render(model.context, title: "信易贷 · 让守信企业贷得到、贷得快、贷得省",
                                 subtitle: "归集公共信用信息，连接企业与金融机构；非公开信息仅在企业授权范围内使用，所有访问留痕可查",
                                 actions: [.init("进入产品超市", href: "/public/products"), .init("企业注册", href: "/register"),
                                           .init("登录", href: "/login")], [
            .stats([
                .init("入驻金融机构", value("platform.institutions_online", .entities)),
                .init("上线金融产品", value("platform.products_online", .entities)),
                .init("注册企业", value("platform.firms_registered", .firms)),
                .init("累计放款", value("lending.loan_amount", .cents), hint: value("lending.loans", .items)),
                .init("获贷企业", value("lending.loan_firms", .firms)),
                .init("信用贷款占比", value("lending.credit_loan_share", .percent)),
            ]),
            .chart(title: "近12个月放款金额（万元）", items: chart, unit: "万元"),
            .table(.init(title: "政策依据", id: "policies", headers: ["文件", "发文单位", "要点"],
                         rows: policies.map { [.text($0.title), .text($0.issuer), .text($0.summary)] }, emptyText: "")),
            .text(title: "常见问题", paragraphs: questions.map { "问：\($0.question)　答：\($0.answer)" }),
        ])
    }
}
