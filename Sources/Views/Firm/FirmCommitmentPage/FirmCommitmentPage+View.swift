import Domain
extension FirmCommitmentPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        if let current = model.signed.first(where: \.isInForce) {
            blocks.append(.notice("贵企业已于 \(Format.time(current.commitment.signedAt)) 签署第 \(current.commitment.templateVersion) 版信用承诺书，已在平台公示。", tone: .success))
        } else if let last = model.signed.first, let reason = last.invalidReason {
            blocks.append(.notice("原信用承诺书已失效：\(reason)。请重新签署。", tone: .warning))
        }
        if let template = model.template {
            blocks.append(.text(title: template.title, paragraphs: template.body.split(separator: "\n").map(String.init)))
            blocks.append(.form(.init(title: "在线签署", id: "sign-commitment", action: "/firm/commitment", fields: [
                .init("signer", "签署人（法定代表人）", value: model.legalRepresentative ?? "", isRequired: true),
                .init("version", "版本", kind: .hidden, value: String(template.version)),
            ], submitLabel: "同意并签署", note: "签署即表示贵企业作出上述承诺；签署时间、版本和内容摘要将被记录并公示。")))
        } else {
            blocks.append(.notice("平台尚未发布信用承诺书模板，请稍后再来。", tone: .info))
        }
        blocks.append(.table(.init(title: "签署记录", id: "history", headers: ["签署时间", "版本", "签署人", "内容摘要", "状态"],
                                   rows: model.signed.map { s in
            [.text(Format.time(s.commitment.signedAt)), .text("第 \(s.commitment.templateVersion) 版"), .text(s.commitment.signerName),
             .mono(String(s.commitment.contentHash.prefix(16)) + "…"),
             s.isInForce ? .badge("有效", tone: .success) : .badge("已失效：\(s.invalidReason ?? "")", tone: .neutral)]
        }, emptyText: "尚未签署")))
        return PortalPage.render(model.context, title: "信用承诺", blocks)
    }
}
