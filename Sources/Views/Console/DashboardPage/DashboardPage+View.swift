import Plot

/// `GET /console`: the operator's overview.
public enum DashboardPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-dashboard", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let chart = BarChart(
            title: "各数据集已归集记录数",
            items: model.recordsByDataset.map {
                BarChart.Item(label: $0.datasetName, value: $0.recordCount, detail: $0.datasetID)
            },
            id: "chart-records-by-dataset"
        )
        return .group(
            pageHeader(
                "概览",
                subtitle: "公共信用信息归集情况一览",
                actions: .a(.cls("btn btn-primary"), .href("/console/upload"), .text("上传数据"))
            ),
            .div(
                .cls("stats"),
                stat("企业", model.enterpriseCount, hint: "已归集登记信息的市场主体", href: "/console/enterprises"),
                stat("信用记录", model.recordCount, hint: "各数据集现行记录合计"),
                stat("批次", model.batchCount, hint: "部门报送的数据文件", href: "/console/batches"),
                stat("待更正拒收行", model.quarantinedRowCount, hint: "部门尚未更正重报的拒收行", href: "/console/quarantine",
                     tone: model.quarantinedRowCount > 0 ? "warning" : nil),
                stat("待关联记录", model.unlinkedRecordCount, hint: "尚无登记信息的统一社会信用代码下的记录", href: "/console/unlinked",
                     tone: model.unlinkedRecordCount > 0 ? "info" : nil)
            ),
            .section(
                .cls("card"),
                .attr("aria-labelledby", "records-by-dataset"),
                .h2(.cls("card-title"), .id("records-by-dataset"), .text("各数据集记录数")),
                .if(
                    model.recordsByDataset.isEmpty,
                    emptyState("暂无记录", "部门上传数据后，这里会显示各数据集的记录数。"),
                    else: .div(.cls("chart"), chart.node())
                )
            ),
            .if(!model.gradeDistribution.isEmpty, .section(
                .cls("card"),
                .attr("aria-labelledby", "grade-distribution"),
                .h2(.cls("card-title"), .id("grade-distribution"), .text("公共信用综合评价等级分布")),
                .div(.cls("chart"), BarChart(
                    title: "各评价等级的企业数",
                    items: model.gradeDistribution.map { BarChart.Item(label: $0.grade, value: $0.count) },
                    unit: "家", id: "chart-grades"
                ).node())
            )),
            .section(
                .cls("card"),
                .attr("aria-labelledby", "latest-batches"),
                .div(
                    .cls("card-header"),
                    .h2(.cls("card-title"), .id("latest-batches"), .text("最近批次")),
                    .a(.cls("card-link"), .href("/console/batches"), .text("全部批次 →"))
                ),
                .if(
                    model.latestBatches.isEmpty,
                    emptyState("还没有批次", "上传第一个数据文件后，批次会显示在这里。"),
                    else: BatchTable.node(Array(model.latestBatches.prefix(10)), compact: true)
                )
            )
        )
    }

    private static func stat(_ label: String, _ value: Int, hint: String, href: String? = nil, tone: String? = nil) -> BodyNode {
        let body: [BodyNode] = [
            .p(.cls("stat-label"), .text(label)),
            .p(.cls("stat-value"), .text(Format.count(value))),
            .p(.cls("stat-hint"), .text(hint)),
        ]
        let classes = "stat" + (tone.map { " stat-\($0)" } ?? "")
        if let href {
            return .a(.cls(classes + " stat-link"), .attr("href", href), .group(body.map { .component($0) }))
        }
        return .div(.cls(classes), .group(body))
    }
}
