import Domain

extension FirmProductsPage {
    public static func render(_ model: Model) -> String {
        let names = model.institutionNames
        let byID = Dictionary(model.products.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let offerRows: [[PortalPage.Cell]] = model.offers.map { offer in
            [.twoLines(offer.productName, names[offer.institutionID] ?? ""),
             .text(byID[offer.productID]?.type.label ?? ""),
             .text(Format.money(cents: offer.amountCents)), .text(Format.percent(basisPoints: offer.rateBasisPoints)),
             .text(offer.termRange.text), .text(offer.repaymentMethods.map(\.label).joined(separator: "、")),
             .text(byID[offer.productID]?.autoApproval?.rules.isEmpty == false ? "支持" : "人工审批")]
        }
        let declinedRows: [[PortalPage.Cell]] = model.declined.map {
            [.twoLines($0.productName, names[$0.institutionID] ?? ""), .text($0.reasons.joined(separator: "；"))]
        }
        let offerOptions = model.offers.map { ($0.productID, "\($0.productName)（参考额度 \(Format.money(cents: $0.amountCents))）") }
        let chosen = model.offers.first { $0.productID == model.chosenProductID }
        let grade = model.grade.isEmpty ? "未评价" : "\(model.grade)（\(model.score) 分）"
        let working: [String] = model.offers.map { offer in offer.productName + "：" + offer.working.joined(separator: "；") }
        return PortalPage.render(model.context, title: "产品与测额", subtitle: "依据贵企业的公共信用综合评价 \(grade) 测算，仅供参考",
                                 (model.incentive.map { [PortalPage.Block.notice($0, tone: .success)] } ?? []) + [
            .table(.init(title: "可申请的产品（\(model.offers.count)）", id: "offers",
                         headers: ["产品", "类型", "参考额度", "参考利率", "期限", "还款方式", "自动审批"],
                         rows: offerRows, emptyText: "暂时没有符合条件的产品")),
            .text(title: "额度与利率怎么算", paragraphs: working),
            .form(.init(title: "申请贷款", id: "apply", action: "/firm/applications", fields: [
                .init("product_id", "产品", kind: .options(offerOptions, selected: chosen?.productID), isRequired: true),
                .init("amount_yuan", "申请金额（元）", kind: .number, value: (chosen ?? model.offers.first).map { String($0.amountCents / 100) } ?? "",
                      isRequired: true),
                .init("term_months", "期限（月）", kind: .number, value: "12", isRequired: true),
                .init("method", "还款方式", kind: .options(RepaymentMethod.allCases.map { ($0.rawValue, $0.label) },
                                                          selected: RepaymentMethod.equalInstallment.rawValue)),
                .init("purpose", "资金用途", value: "流动资金周转", isRequired: true),
            ], submitLabel: "提交申请", note: "提交即附上贵企业对该机构的有效授权书；开启自动审批的产品将即时给出结果。")),
            .table(.init(title: "暂不符合条件的产品", id: "declined", headers: ["产品", "原因"], rows: declinedRows,
                         emptyText: "所有在售产品均可申请")),
        ])
    }
}
