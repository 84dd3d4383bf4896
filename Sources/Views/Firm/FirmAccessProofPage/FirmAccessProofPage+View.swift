extension FirmAccessProofPage {
    public static func render(_ model: Model) -> String {
        var facts: [PortalPage.Fact] = [
            .init("结果", cell: .badge(model.verified ? "已验证" : "未验证", tone: model.verified ? .success : .warning)),
            .init("日志条目", cell: .mono(model.entry)), .init("叶子哈希", cell: .mono(model.leafHash)),
        ]
        if let index = model.leafIndex { facts.append(.init("日志序号", String(index))) }
        if let size = model.treeSize, let root = model.rootHash {
            facts += [.init("检查点大小", String(size)), .init("根哈希", cell: .mono(root)),
                      .init("包含证明", cell: .mono(model.proof.joined(separator: " "))),
                      .init("见证方", model.witnesses.isEmpty ? "尚无" : model.witnesses.joined(separator: "、"))]
        }
        return PortalPage.render(model.context, title: "查询留痕验证", subtitle: "查询记录 #\(model.accessID)", [
            .notice(model.message, tone: model.verified ? .success : .warning),
            .facts(title: "透明日志证明", facts),
            .facts(title: "自行复核（任何人都可用公开接口，按 RFC 9162 计算根哈希并与检查点比对）", [
                .init("签名检查点", cell: .mono("GET /api/v1/log/checkpoint")),
                .init("包含证明", cell: .mono("GET /api/v1/log/proof/inclusion?leaf_hash=\(model.leafHash)")),
            ]),
        ])
    }
}
