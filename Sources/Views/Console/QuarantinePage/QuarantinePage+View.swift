extension QuarantinePage {
    public static func render(_ model: Model) -> String {
        var filters: [PortalPage.Field] = []
        if !model.departmentOptions.isEmpty {
            filters.append(.init("department", "报送部门", kind: .select([SelectOption(value: "", label: "全部部门")] + model.departmentOptions)))
        }
        filters += [
            .init("dataset", "数据集", kind: .select([SelectOption(value: "", label: "全部数据集")] + model.datasetOptions)),
            .init("reason", "问题字段", kind: .select([SelectOption(value: "", label: "全部原因")] + model.reasonOptions)),
        ]
        return PortalPage.render(model.context, title: "待更正的拒收行",
                                 subtitle: "部门重新报送并被接收后，对应的拒收行自动标记为已更正，不再计入",
                                 actions: [.init("导出 CSV", href: model.exportHref)], [
            .stats([.init("待更正", Format.count(model.total), hint: "行", tone: model.total > 0 ? .warning : .success)]),
            .table(.init(title: "按部门与原因", id: "counts", headers: ["报送部门", "数据集", "问题字段", "待更正行数"],
                         rows: model.counts.map { [.text($0.department), .text($0.dataset), .link($0.reason, href: $0.href), .text(Format.count($0.count))] },
                         emptyText: "没有待更正的拒收行")),
            .form(.init(title: "筛选", id: "filter", action: "/console/quarantine", method: .get, fields: filters, submitLabel: "筛选")),
            .table(.init(title: "拒收行", id: "rows", headers: ["批次", "行号", "数据集", "记录编号", "报送部门", "问题"],
                         rows: model.rows.map {
                             [.link("#\($0.batchID)", href: "/console/batches/\($0.batchID)#quarantine"), .text(String($0.rowNumber)),
                              .text($0.datasetName), .mono($0.recordID.isEmpty ? "—" : $0.recordID), .text($0.department), .text($0.problems)]
                         }, emptyText: "没有符合条件的拒收行")),
            .pagination(model.pagination),
        ])
    }
}
