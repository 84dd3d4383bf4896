import Domain

extension PublicProductsPage {
    public static func render(_ model: Model) -> String {
        let names = Institution.names(model.institutions)
        return PortalPage.render(model.context, title: "产品超市", subtitle: "各金融机构在售的信易贷产品：按需要的金额、期限、担保方式和可接受的利率筛选", [
            .form(.init(title: "筛选", id: "filter", action: "/public/products", method: .get, fields: [
                .init("amount", "需要金额（万元）", kind: .number, value: model.typed.amountWan),
                .init("term", "期限（月）", kind: .number, value: model.typed.termMonths),
                .init("type", "担保方式", kind: .options([("", "全部")] + ProductType.allCases.map { ($0.rawValue, $0.label) },
                                                         selected: model.search.type?.rawValue ?? "")),
                .init("max_rate", "可接受的最高年利率（%）", kind: .number, value: model.typed.maxRate),
                .init("institution", "金融机构", kind: .options([("", "全部")] + model.institutions.map { (String($0.id), $0.name) },
                                                               selected: model.search.institutionID ?? "")),
            ], submitLabel: "筛选")),
            .table(.init(title: "在售产品（\(model.products.count)）", id: "products",
                         headers: ["产品", "金融机构", "担保方式", "额度", "年利率", "期限", "申请条件"], rows: model.products.map { p in
                [.link(p.name, href: "/public/products/\(p.id)"), .text(names[p.institutionID] ?? ""), .text(p.type.label),
                 .text(p.amountRange.text), .text(p.rateRange.text), .text(p.termRange.text),
                 .text(p.eligibility.minimumGrade.map { "信用等级 \($0) 及以上" } ?? "不限等级")]
            }, emptyText: "没有符合条件的在售产品，可放宽金额、期限或利率再试")),
        ])
    }
}
