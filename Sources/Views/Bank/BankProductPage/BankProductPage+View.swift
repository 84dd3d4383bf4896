import Domain
extension BankProductPage {
    public static func render(_ model: Model) -> String {
        let p = model.product
        var actions: [PortalPage.Action] = []
        switch p.status {
        case .draft: actions.append(.init("提交审核", path: "/bank/products/\(p.id)/submit", isPrimary: true))
        case .online: actions.append(.init("下架", path: "/bank/products/\(p.id)/offline", confirm: "下架后企业将无法申请该产品，确定吗？"))
        case .offline: actions.append(.init("转为草稿", path: "/bank/products/\(p.id)/edit"))
        case .pendingReview: break
        }
        var blocks = ProductBlocks.blocks(p, choices: model.choices)
        if !actions.isEmpty { blocks.append(.facts(title: "操作", [.init("可办理", cell: .actions(actions))])) }
        if p.status == .draft {
            blocks.append(.form(.init(title: "修改草稿", id: "edit-product", action: "/bank/products/\(p.id)/update",
                                      fields: ProductBlocks.formFields(p, grades: model.grades, choices: model.choices), submitLabel: "保存修改")))
        }
        return PortalPage.render(model.context, title: p.name, subtitle: "产品 #\(p.id)", blocks)
    }
}
