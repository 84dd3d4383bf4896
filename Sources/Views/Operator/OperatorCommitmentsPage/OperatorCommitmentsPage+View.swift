import Domain
extension OperatorCommitmentsPage {
    public static func render(_ model: Model) -> String {
        let template = model.template
        let window = model.window
        return PortalPage.render(model.context, title: "信用承诺书与线下授权", [
            .form(.init(title: template.map { "承诺书模板（现行第 \($0.version) 版）" } ?? "承诺书模板（尚未发布）", id: "template",
                        action: "/console/commitments/template", fields: [
                .init("title", "标题", value: template?.title ?? "信用承诺书", isRequired: true),
                .init("body", "正文", kind: .textarea, value: template?.body ?? "", isRequired: true),
            ], submitLabel: "发布新版本", note: "发布后企业签署新版本；已签署的承诺书保留其签署时的版本。")),
            .table(.init(title: "已签署（\(window.total)）", id: "signed", headers: ["企业", "统一社会信用代码", "签署人", "签署时间", "版本"],
                         rows: model.signed.map { c in
                [.text(c.firmName), .mono(c.uscc), .text(c.signerName), .text(Format.time(c.signedAt)), .text("第 \(c.templateVersion) 版")]
            }, emptyText: "暂无")),
            .pagination(Pagination(page: window.page, pageSize: window.perPage, totalCount: window.total, path: "/console/commitments")),
            .form(.init(title: "登记线下（纸质）授权书", id: "offline", action: "/console/authorisations", fields: [
                .init("uscc", "统一社会信用代码", isRequired: true),
                .init("scan_ref", "扫描件编号", isRequired: true, hint: "纸质授权书扫描件的存档编号"),
                .init("categories", "数据类别", kind: .checkboxes(model.categories.filter(\.needsAuthorisation)
                    .map { SelectOption(value: $0.id, label: $0.name, isSelected: true) })),
                .init("valid_until", "有效期至", kind: .date, value: model.today.adding(days: 365).description, isRequired: true),
            ], submitLabel: "登记", note: "授权范围为全部入驻金融机构，用途为贷款申请和贷后管理。")),
        ])
    }
}
