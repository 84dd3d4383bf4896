import Plot

/// `GET /console/enterprises/{uscc}`: registration card and records by category.
public enum EnterpriseProfilePage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-profile", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let displayName = model.registration?.name ?? model.uscc
        return .group(
            .p(.cls("breadcrumb"), .a(.href("/console/enterprises"), .text("企业")), .text(" / 信用画像")),
            pageHeader(
                displayName,
                subtitle: "统一社会信用代码 \(model.uscc) · 共 \(Format.count(model.recordCount)) 条记录"
            ),
            .unwrap(model.registration, { registrationCard($0) }, else: .div(
                .cls("notice notice-info"),
                .attr("role", "note"),
                .text("尚未归集到登记信息，以下为已归集的其他记录")
            )),
            .forEach(model.sanctionFlags) { flag in
                .div(.cls("notice notice-danger"), .attr("role", "alert"), .text("失信惩戒：" + flag))
            },
            .unwrap(model.evaluation) { evaluationCard($0) },
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
        let capital = registration.registeredCapitalWan.flatMap { $0.isEmpty ? nil : "\($0) 万元" }
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
                else: .ol(.cls("timeline"), .forEach(group.records) { record in
                    .li(recordItem(record))
                })
            )
        )
    }

    private static func recordItem(_ record: Record) -> BodyNode {
        .article(
            .cls("timeline-item tone-\(record.tone.rawValue)"),
            .div(
                .cls("timeline-head"),
                .span(.cls("timeline-date mono"), .text(record.date.isEmpty ? "日期未知" : record.date)),
                .span(.cls("timeline-dataset"), .attr("title", record.datasetID), .text(record.datasetName)),
                toneLabel(record.tone),
                .if(record.versions > 1, Badge.node("已更新 \(record.versions - 1) 次", tone: .info)),
                .if(record.underObjection, Badge.node("异议处理中", tone: .warning))
            ),
            .if(!record.fields.isEmpty, .dl(
                .cls("kv-list"),
                .forEach(record.fields) { field in
                    .div(
                        .cls("kv"),
                        .dt(.text(field.label)),
                        .dd(.text(field.value.isEmpty ? "—" : field.value))
                    )
                }
            )),
            .p(
                .cls("timeline-source"),
                .text("来源：\(record.sourceDepartment.isEmpty ? "—" : record.sourceDepartment) · 归集日期 "),
                .time(.attr("datetime", Format.machineDateTime(record.collectedAt)), .text(Format.date(record.collectedAt)))
            )
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
