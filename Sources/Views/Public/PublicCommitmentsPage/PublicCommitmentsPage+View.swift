import Domain
extension PublicCommitmentsPage {
    public static func render(_ model: Model) -> String {
        let window = model.window
        return PortalPage.render(model.context, title: "信用承诺公示", subtitle: "以下企业已签署信用承诺书，接受社会监督", [
            .table(.init(title: "已签署企业（\(window.total)）", id: "commitments",
                         headers: ["企业名称", "统一社会信用代码", "签署人", "签署时间", "承诺书版本", "内容摘要"],
                         rows: model.commitments.map { c in
                [.text(c.firmName), .mono(c.uscc), .text(c.signerName), .text(Format.time(c.signedAt)), .text("第 \(c.templateVersion) 版"),
                 .mono(String(c.contentHash.prefix(16)) + "…")]
            }, emptyText: "暂无公示")),
            .pagination(Pagination(page: window.page, pageSize: window.perPage, totalCount: window.total, path: "/public/commitments")),
        ])
    }
}
