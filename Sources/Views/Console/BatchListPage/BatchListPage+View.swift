import Plot

/// `GET /console/batches`: uploaded files and their outcome.
public enum BatchListPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-batches", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let isFiltered = model.datasetOptions.contains(where: \.isSelected)
        return .group(
            pageHeader(
                "批次",
                subtitle: "每次上传的数据文件为一个批次：接收 + 拒收 + 重复 = 提交",
                actions: .a(.cls("btn btn-primary"), .href("/console/upload"), .text("上传数据"))
            ),
            .form(
                .cls("card filter-form"),
                .method(.get),
                .action("/console/batches"),
                Forms.field(
                    label: "数据集",
                    for: "filter-dataset",
                    control: .select(
                        .attr("name", "dataset"),
                        .attr("id", "filter-dataset"),
                        .attr("data-autosubmit", "true"),
                        .group([Forms.option(value: "", label: "全部数据集", isSelected: !isFiltered)]
                            + model.datasetOptions.map { Forms.option(value: $0.value, label: $0.label, isSelected: $0.isSelected) })
                    )
                ),
                .div(
                    .cls("filter-actions"),
                    .button(.type(.submit), .cls("btn btn-secondary"), .text("筛选")),
                    .if(isFiltered, .a(.cls("btn btn-ghost"), .href("/console/batches"), .text("清除条件")))
                )
            ),
            .section(
                .cls("card card-flush"),
                .attr("aria-label", "批次列表"),
                .if(
                    model.batches.isEmpty,
                    isFiltered
                        ? emptyState("该数据集还没有批次")
                        : emptyState("还没有批次", "在“上传数据”中选择数据集并上传文件后，批次会显示在这里。"),
                    else: BatchTable.node(model.batches)
                ),
                PaginationView.node(model.pagination, unit: "个批次")
            )
        )
    }
}
