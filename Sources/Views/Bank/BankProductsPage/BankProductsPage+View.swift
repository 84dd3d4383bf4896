import Domain
extension BankProductsPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "产品管理",
                          subtitle: "草稿提交后由信用中心审核上架；利率上限 \(Format.percent(model.rateCap))", [
            .table(.init(title: "我的产品", id: "products", headers: ["产品", "类型", "额度", "利率", "期限", "自动审批", "状态"],
                         rows: model.products.map { p in
                [.link(p.name, href: "/bank/products/\(p.id)"), .text(p.type.label), .text(p.amountRange.text), .text(p.rateRange.text),
                 .text(p.termRange.text), .text(p.autoApproval?.rules.isEmpty == false ? "已开启" : "未开启"), ProductBlocks.badge(p.status)]
            }, emptyText: "还没有产品")),
            .form(.init(title: "新建产品", id: "new-product", action: "/bank/products",
                        fields: ProductBlocks.formFields(nil, grades: model.grades, choices: model.choices), submitLabel: "保存草稿")),
        ])
    }
}
