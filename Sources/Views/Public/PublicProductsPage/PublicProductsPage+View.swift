import Domain

extension PublicProductsPage {
    public static func render(_ model: Model) -> String {
        let names = Institution.names(model.institutions)
        return PortalPage.render(model.context, title: "产品超市", subtitle: "各金融机构在售的信易贷产品", [
            .form(.init(title: "筛选", id: "filter", action: "/public/products", method: .get, fields: [
                .init("type", "产品类型", kind: .options([("", "全部")] + ProductType.allCases.map { ($0.rawValue, $0.label) },
                                                         selected: model.type?.rawValue ?? "")),
                .init("institution", "金融机构", kind: .options([("", "全部")] + model.institutions.map { (String($0.id), $0.name) },
                                                               selected: model.institutionID ?? "")),
            ], submitLabel: "筛选")),
            .table(.init(title: "在售产品（\(model.products.count)）", id: "products",
                         headers: ["产品", "金融机构", "类型", "额度", "年利率", "期限", "申请条件"], rows: model.products.map { p in
                [.text(p.name), .text(names[p.institutionID] ?? ""), .text(p.type.label), .text(p.amountRange.text),
                 .text(p.rateRange.text), .text(p.termRange.text),
                 .text(p.eligibility.minimumGrade.map { "信用等级 \($0) 及以上" } ?? "不限等级")]
            }, emptyText: "暂无在售产品")),
        ])
    }
}
