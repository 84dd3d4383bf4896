import Domain

extension BankApplicationsPage {
    public static func render(_ model: Model) -> String {
        let options = ApplicationStatus.allCases.map { ($0.rawValue, $0.label) }
        let status = model.status?.rawValue ?? ""
        let window = model.window
        return PortalPage.render(model.context, title: "贷款申请", [
            .form(.init(title: "筛选", id: "filter", action: "/bank/applications", method: .get, fields: [
                .init("status", "状态", kind: .options([("", "全部")] + options, selected: status)),
            ], submitLabel: "筛选")),
            .table(.init(title: "申请（\(window.total)）", id: "applications",
                         headers: ["编号", "企业", "产品", "申请金额", "期限", "状态", "提交时间"], rows: model.applications.map { a in
                [.link("#\(a.id)", href: "/bank/applications/\(a.id)"), .twoLines(a.firmName, a.uscc), .text(a.productName),
                 .text(Format.money(a.requestedAmount)), .text(Format.months(a.requestedTermMonths)), ApplicationBlocks.badge(a.state.status),
                 .text(Format.time(a.createdAt))]
            }, emptyText: "没有符合条件的申请")),
            .pagination(Pagination(page: window.page, pageSize: window.perPage, totalCount: window.total, path: "/bank/applications",
                                   query: [QueryItem(name: "status", value: status)])),
        ])
    }
}
