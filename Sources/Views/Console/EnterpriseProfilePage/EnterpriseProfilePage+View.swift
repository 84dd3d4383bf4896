import Plot

/// `GET /console/enterprises/{uscc}`: registration card and records by category.
public enum EnterpriseProfilePage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-profile", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let displayName = model.registration?.name ?? model.uscc
        return .group(
            pageHeader(
                displayName,
                subtitle: "统一社会信用代码 \(model.uscc) · 共 \(Format.count(model.recordCount)) 条记录"
            ),
            .unwrap(model.report) { reportHeader($0) },
            .unwrap(model.registration, { registrationCard($0) }, else: .div(
                .cls("notice notice-info"),
                .attr("role", "note"),
                .text("尚未归集到登记信息，以下为已归集的其他记录")
            )),
            .forEach(model.sanctionFlags) { flag in
                .div(.cls("notice notice-danger"), .attr("role", "alert"), .text("失信惩戒：" + flag))
            },
            .unwrap(model.evaluation) { evaluationCard($0) },
            .unwrap(model.oversight) { oversightCards($0) },
            .if(!model.withheldDatasetNames.isEmpty, .div(
                .cls("notice notice-warning"),
                .attr("role", "note"),
                .text("以下数据集须经企业授权后方可查看，未在本页显示：" + model.withheldDatasetNames.joined(separator: "、"))
            )),
            .if(model.groups.count > 1, groupIndex(model.groups)),
            .if(
                model.groups.isEmpty,
                .section(.cls("card"), emptyState("暂无其他记录", "该企业在各数据集中还没有已归集的记录。")),
                else: .group(model.groups.enumerated().map { index, group in groupSection(group, index: index) })
            )
        )
    }

    private static func registrationCard(_ registration: Registration) -> BodyNode {
        let capital = registration.registeredCapitalWan.flatMap { $0.isEmpty ? nil : "\(Format.decimal($0))万元" }
        let items: [(String, String?, Bool)] = [
            ("企业名称", registration.name, false),
            ("统一社会信用代码", registration.uscc, true),
            ("主体类型", registration.entityType, false),
            ("法定代表人", registration.legalRepresentative, false),
            ("法定代表人证件号", registration.legalRepresentativeID, true),
            ("注册资本", capital, false),
            ("成立日期", registration.establishedOn, false),
            ("行业", registration.industryLabel, false),
            ("行政区划", registration.districtLabel, false),
            ("企业规模", registration.scale, false),
            ("登记状态", registration.status, false),
            ("住所", registration.address, false),
        ]
        return .section(
            .cls("card"),
            .attr("aria-labelledby", "registration-title"),
            .div(
                .cls("card-header"),
                .h2(.cls("card-title"), .id("registration-title"), .text("登记信息")),
                statusBadge(registration.status)
            ),
            .dl(
                .cls("kv-grid"),
                .forEach(items) { label, value, isMono in
                    .div(
                        .cls(label == "住所" ? "kv kv-wide" : "kv"),
                        .dt(.text(label)),
                        .dd(
                            .if(isMono, .cls("mono")),
                            .text(value.flatMap { $0.isEmpty ? nil : $0 } ?? "—")
                        )
                    )
                }
            )
        )
    }

    private static func groupIndex(_ groups: [RecordGroup]) -> BodyNode {
        .nav(
            .cls("chips"),
            .attr("aria-label", "记录类别"),
            .forEach(groups.enumerated()) { index, group in
                .a(
                    .cls("chip"),
                    .attr("href", "#group-\(index + 1)"),
                    .text(group.categoryName),
                    .span(.cls("chip-count"), .text(Format.count(group.records.count)))
                )
            }
        )
    }

    private static func groupSection(_ group: RecordGroup, index: Int) -> BodyNode {
        let headingID = "group-\(index + 1)"
        let datasets = DatasetRecords.split(group.records)
        return .section(
            .cls("card record-group"),
            .attr("aria-labelledby", headingID + "-title"),
            .id(headingID),
            .div(
                .cls("card-header"),
                .h2(.cls("card-title"), .id(headingID + "-title"), .text(group.categoryName)),
                .span(.cls("count-pill"), .text("\(Format.count(group.records.count)) 条"))
            ),
            .if(
                group.records.isEmpty,
                emptyState("暂无记录"),
                else: .group(datasets.enumerated().map { offset, dataset in
                    datasetBlock(dataset, id: "\(headingID)-\(offset + 1)")
                })
            )
        )
    }

    /// One dataset's records as a compact table grouped by month, folded when long, with the monthly trend of its
    /// main figure above the table when there are at least three months of it.
    private static func datasetBlock(_ dataset: DatasetRecords, id: String) -> BodyNode {
        let negatives = dataset.records.filter { $0.tone == .negative }.count
        let disputed = dataset.records.filter(\.underObjection).count
        let trend = dataset.trend
        return .details(
            .cls("dataset-block"),
            .id(id),
            .if(dataset.records.count <= DatasetRecords.openUpTo, .attribute(named: "open", value: nil, ignoreIfValueIsEmpty: false)),
            .summary(
                .span(.cls("dataset-name"), .attr("title", dataset.id), .text(dataset.name)),
                .span(.cls("count-pill"), .text("\(Format.count(dataset.records.count)) 条")),
                .unwrap(dataset.records.first.map(\.date)) { .span(.cls("field-hint"), .text("最近 " + ($0.isEmpty ? "日期未知" : $0))) },
                .if(negatives > 0, Badge.node("不良 \(negatives) 条", tone: .danger)),
                .if(disputed > 0, Badge.node("异议处理中 \(disputed) 条", tone: .warning))
            ),
            .unwrap(trend) { chart in
                .div(.cls("dataset-trend"), LineChart(title: chart.title, points: chart.points, id: id + "-trend").node())
            },
            .div(.cls("table-wrap"), .table(
                .cls("table table-compact"),
                .thead(.tr(
                    .th(.text("日期")),
                    .forEach(dataset.labels) { .th(.text($0)) },
                    .th(.text("标记")),
                    .th(.text("来源 · 归集"))
                )),
                .tbody(.forEach(dataset.months) { month in
                    .group(
                        .tr(.cls("month-row"), .th(.attr("colspan", String(dataset.labels.count + 3)), .attr("scope", "rowgroup"),
                                                    .text(month.title))),
                        .forEach(month.records) { record in recordRow(record, labels: dataset.labels) }
                    )
                })
            ))
        )
    }

    private static func recordRow(_ record: Record, labels: [String]) -> Node<HTML.TableContext> {
        let values = Dictionary(record.fields.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        return .tr(
            .cls("tone-\(record.tone.rawValue)"),
            .td(.cls("mono nowrap"), .text(record.date.isEmpty ? "日期未知" : record.date)),
            .forEach(labels) { label in .td(.text(values[label].flatMap { $0.isEmpty ? nil : $0 } ?? "—")) },
            .td(
                toneLabel(record.tone),
                .if(record.versions > 1, Badge.node("已更新 \(record.versions - 1) 次", tone: .info)),
                .if(record.underObjection, Badge.node("异议处理中", tone: .warning))
            ),
            .td(.cls("field-hint"),
                .text("\(record.sourceDepartment.isEmpty ? "—" : record.sourceDepartment) · "),
                .time(.attr("datetime", Format.machineDateTime(record.collectedAt)), .text(Format.date(record.collectedAt))))
        )
    }

    private static func toneLabel(_ tone: RecordTone) -> BodyNode {
        switch tone {
        case .neutral: .empty
        case .positive: Badge.node("良好", tone: .success)
        case .negative: Badge.node("不良", tone: .danger)
        }
    }
}
