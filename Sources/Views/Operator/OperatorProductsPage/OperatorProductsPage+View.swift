import Domain
extension OperatorProductsPage {
    public static func render(_ model: Model) -> String {
        let names = model.institutionNames
        var blocks: [PortalPage.Block] = []
        for p in model.pending {
            blocks += ProductBlocks.blocks(p, institutionName: names[p.institutionID], title: "待审核：\(p.name)")
            blocks.append(.facts(title: "审核 \(p.name)", [.init("审核", cell: .actions([
                .init("通过并上架", path: "/console/products/\(p.id)/approve", isPrimary: true)]))]))
            blocks.append(.form(.init(title: "退回 \(p.name)", id: "reject-\(p.id)", action: "/console/products/\(p.id)/reject",
                                      fields: [.init("reason", "退回理由", isRequired: true)], submitLabel: "退回修改")))
        }
        if model.pending.isEmpty { blocks.append(.notice("没有待审核的产品。", tone: .info)) }
        blocks.append(.table(.init(title: "在售产品（\(model.online.count)）", id: "online", headers: ["产品", "金融机构", "类型", "额度", "年利率"],
                                   rows: model.online.map { p in
            [.text(p.name), .text(names[p.institutionID] ?? ""), .text(p.type.label), .text(p.amountRange.text), .text(p.rateRange.text)]
        }, emptyText: "暂无在售产品")))
        return PortalPage.render(model.context, title: "产品审核", subtitle: "金融机构提交的产品经审核后在产品超市上架", blocks)
    }
}
