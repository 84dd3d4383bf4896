extension UnlinkedRecordsPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "待关联记录",
                          subtitle: "统一社会信用代码尚无登记信息的记录；市场监管局报送该企业登记信息后自动关联到其信用画像",
                          actions: [.init("导出 CSV", href: "/console/unlinked.csv")], [
            .stats([.init("待关联", Format.count(model.total), hint: "条记录", tone: model.total > 0 ? .info : .success)]),
            .table(.init(title: "记录", id: "unlinked", headers: ["统一社会信用代码", "数据集", "记录编号", "批次", "归集时间"],
                         rows: model.rows.map {
                             [.mono($0.uscc), .text($0.datasetName), .mono($0.recordID),
                              .link("#\($0.batchID)", href: "/console/batches/\($0.batchID)"), .text(Format.dateTime($0.collectedAt))]
                         }, emptyText: "没有待关联的记录")),
            .pagination(model.pagination),
        ])
    }
}
