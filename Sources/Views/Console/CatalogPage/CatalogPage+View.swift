import Plot

/// `GET /console/catalog`: datasets, publicity levels and fields.
public enum CatalogPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-catalog", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let subtitle = "共 \(model.datasets.count) 个数据集" + (model.version.map { " · 第 \($0) 版" } ?? "")
        return .group(
            pageHeader("数据目录", subtitle: subtitle),
            .section(
                .cls("card"),
                .attr("aria-labelledby", "catalog-rules"),
                .h2(.cls("card-title"), .id("catalog-rules"), .text("通用规则")),
                .ul(
                    .cls("help-list"),
                    .li(.text("每条记录都必须包含记录编号（"), .code("record_id"), .text("，来源系统编号，数据集内唯一）和统一社会信用代码（"), .code("uscc"),
                        .text("，18 位）。")),
                    .li(.text("日期写作 YYYY-MM-DD，月份写作 YYYY-MM，且不能晚于今天；金额以元为单位，最多两位小数，不能为负数。")),
                    .li(.text("公开：任何人可查看；授权查询：须经企业授权；政务共享：仅限政府部门与信用中心。")),
                    .li(.text("标记为“个人信息”的字段除信用中心外一律脱敏显示。"))
                )
            ),
            .if(model.datasets.isEmpty, .section(.cls("card"), emptyState("目录为空", "尚未加载任何数据集。"))),
            .if(model.datasets.count > 1, .nav(
                .cls("chips"),
                .attr("aria-label", "数据集"),
                .forEach(model.datasets) { dataset in
                    .a(.cls("chip"), .attr("href", "#" + anchor(dataset.id)), .text(dataset.name))
                }
            )),
            .group(model.datasets.map(datasetSection))
        )
    }

    static func anchor(_ datasetID: String) -> String {
        "ds-" + datasetID
    }

    private static func publicityBadge(_ publicity: Publicity) -> BodyNode {
        switch publicity {
        case .public: Badge.node(publicity.label, tone: .success)
        case .authorised: Badge.node(publicity.label, tone: .warning)
        case .government: Badge.node(publicity.label, tone: .info)
        }
    }

    private static func datasetSection(_ dataset: Dataset) -> BodyNode {
        let titleID = anchor(dataset.id) + "-title"
        return .section(
            .cls("card card-flush dataset"),
            .attr("id", anchor(dataset.id)),
            .attr("aria-labelledby", titleID),
            .div(
                .cls("card-header"),
                .div(
                    .h2(.cls("card-title"), .attr("id", titleID), .text(dataset.name)),
                    .p(.cls("dataset-meta"),
                       .code(.text(dataset.id)),
                       .text(" · \(dataset.department) · 类别：\(dataset.category)"))
                ),
                publicityBadge(dataset.publicity)
            ),
            .if(
                dataset.fields.isEmpty,
                emptyState("该数据集没有额外字段"),
                else: .div(
                    .cls("table-wrap"),
                    .table(
                        .cls("table"),
                        .thead(.tr(
                            .th(.text("字段")),
                            .th(.text("中文名")),
                            .th(.text("类型")),
                            .th(.text("必填")),
                            .th(.text("说明"))
                        )),
                        .tbody(.forEach(dataset.fields) { field in
                            .tr(
                                .td(.code(.text(field.name))),
                                .td(
                                    .text(field.chineseName),
                                    .if(field.isPersonal, .group(.text(" "), Badge.node("个人信息", tone: .danger)))
                                ),
                                .td(.cls("nowrap"), .text(field.type)),
                                .td(field.isRequired
                                    ? .span(.cls("required-mark"), .text("必填"))
                                    : .span(.cls("muted"), .text("选填"))),
                                .td(.text(field.note.isEmpty ? "—" : field.note))
                            )
                        })
                    )
                )
            )
        )
    }
}
