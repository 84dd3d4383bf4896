import Domain

extension PublicOnTimePage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "按时还款企业", subtitle: "通过本平台融资并按期足额还款的企业（经企业同意公示）", [
            .table(.init(title: "按时还款企业", id: "on-time", headers: ["企业", "统一社会信用代码", "首笔贷款", "贷款笔数", "已按期还款期数"],
                         rows: model.firms.map { f in
                [.text(f.name), .mono(f.uscc), .text(f.since.description), .text("\(f.loans)"), .text("\(f.installmentsPaid)")]
            }, emptyText: "暂无同意公示的按时还款企业")),
        ])
    }
}
