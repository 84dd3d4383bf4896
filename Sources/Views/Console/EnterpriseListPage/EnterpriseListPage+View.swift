import Plot

/// `GET /console/enterprises`: search and browse enterprises.
public enum EnterpriseListPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-enterprises", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        .group(
            pageHeader("企业", subtitle: "已归集登记信息的市场主体"),
            searchForm(model),
            .section(
                .cls("card card-flush"),
                .attr("aria-label", "查询结果"),
                .if(
                    model.rows.isEmpty,
                    model.isFiltered
                        ? emptyState("没有符合条件的企业", "请调整名称、统一社会信用代码或筛选条件后重试。")
                        : emptyState("暂无企业", "市场监管局报送登记信息（market.registration）后，企业会显示在这里。"),
                    else: table(model.rows)
                ),
                PaginationView.node(model.pagination, unit: "家企业")
            )
        )
    }

    private static func searchForm(_ model: Model) -> BodyNode {
        .form(
            .cls("card filter-form"),
            .method(.get),
            .action("/console/enterprises"),
            .attr("role", "search"),
            Forms.field(
                label: "名称或统一社会信用代码",
                for: "filter-q",
                control: .input(
                    .type(.search),
                    .name("q"),
                    .id("filter-q"),
                    .attr("value", model.query),
                    .attr("placeholder", "例如：大连 轴承 或 91210200…（多个词以空格分开）"),
                    .attr("autocomplete", "off")
                )
            ),
            Forms.field(
                label: "行政区划",
                for: "filter-district",
                control: Forms.select(name: "district", id: "filter-district", options: model.districtOptions, allLabel: "全部行政区划")
            ),
            Forms.field(
                label: "行业",
                for: "filter-industry",
                control: Forms.select(name: "industry", id: "filter-industry", options: model.industryOptions, allLabel: "全部行业")
            ),
            .if(!model.gradeOptions.isEmpty, Forms.field(
                label: "信用等级",
                for: "filter-grade",
                control: Forms.select(name: "grade", id: "filter-grade", options: model.gradeOptions, allLabel: "全部等级")
            )),
            .div(
                .cls("filter-actions"),
                .button(.type(.submit), .cls("btn btn-primary"), .text("查询")),
                .if(model.isFiltered, .a(.cls("btn btn-ghost"), .href("/console/enterprises"), .text("清除条件")))
            )
        )
    }

    private static func table(_ rows: [Row]) -> BodyNode {
        .div(
            .cls("table-wrap"),
            .table(
                .cls("table"),
                .thead(.tr(
                    .th(.text("统一社会信用代码")),
                    .th(.text("名称")),
                    .th(.text("类型")),
                    .th(.text("行政区划")),
                    .th(.text("行业")),
                    .th(.text("规模")),
                    .th(.text("状态")),
                    .th(.text("信用等级")),
                    .th(.cls("num"), .text("记录数"))
                )),
                .tbody(.forEach(rows) { row in
                    .tr(
                        .td(.a(.cls("mono"), .attr("href", Paths.enterprise(row.uscc)), .text(row.uscc))),
                        .td(.cls("cell-name"), .text(row.name)),
                        .td(.text(row.entityType)),
                        .td(.text(row.districtLabel)),
                        .td(.text(row.industryLabel)),
                        .td(.text(row.scale)),
                        .td(statusBadge(row.status)),
                        .td(row.grade.map { Badge.node($0, tone: .info) } ?? .text("未评价")),
                        .td(.cls("num"), .text(Format.count(row.recordCount)))
                    )
                })
            )
        )
    }
}

/// The registration status (存续/吊销/注销/迁出) as a badge; empty for unknown.
func statusBadge<C: HTML.BodyContext>(_ status: String) -> Node<C> {
    switch status {
    case "": .text("—")
    case "存续": Badge.node(status, tone: .success)
    case "吊销": Badge.node(status, tone: .danger)
    case "注销": Badge.node(status, tone: .neutral)
    default: Badge.node(status, tone: .info)
    }
}
