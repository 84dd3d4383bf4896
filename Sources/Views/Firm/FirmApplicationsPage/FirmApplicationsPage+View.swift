import Domain
extension FirmApplicationsPage {
    public static func render(_ model: Model) -> String {
        let window = model.window
        return PortalPage.render(model.context, title: "我的申请", actions: [.init("申请新贷款", href: "/firm/products")], [
            .table(.init(title: "贷款申请", id: "applications", headers: ["编号", "产品", "申请金额", "期限", "状态", "更新时间"],
                         rows: model.applications.map { a in
                [.link("#\(a.id)", href: "/firm/applications/\(a.id)"), .text(a.productName), .text(Format.money(a.requestedAmount)),
                 .text(Format.months(a.requestedTermMonths)), ApplicationBlocks.badge(a.state.status), .text(Format.time(a.updatedAt))]
            }, emptyText: "还没有申请")),
            .pagination(Pagination(page: window.page, pageSize: window.perPage, totalCount: window.total, path: "/firm/applications")),
        ])
    }
}
