import Plot

/// `GET /console/batches/{id}`: counts, the accounting identity, and the quarantine.
public enum BatchDetailPage {
    public static func render(_ model: Model) -> String {
        Layout.render(title: model.context.title, context: model.context, bodyClass: "page-batch", content: content(model))
    }

    static func content(_ model: Model) -> BodyNode {
        let batch = model.batch
        return .group(
            pageHeader(
                "批次 \(batch.id)",
                subtitle: "\(batch.datasetName)（\(batch.datasetID)）· \(batch.department)",
                actions: Badge.node(batch.status.label, tone: batch.status.tone)
            ),
            .unwrap(model.failureReason) { reason in
                .div(.cls("notice notice-error"), .attr("role", "alert"), .strong(.text("整批拒收：")), .text(reason))
            },
            .unwrap(model.resendOf) { previous in
                .div(.cls("notice"), .attr("role", "status"),
                     .text("该文件与"), .a(.href("/console/batches/\(previous)"), .text("批次 \(previous)")),
                     .text(" 内容完全相同，本次未作任何更改；拒收明细见该批次。"))
            },
            summaryCard(model),
            quarantineSection(model)
        )
    }

    private static func summaryCard(_ model: Model) -> BodyNode {
        let batch = model.batch
        let balances = batch.acceptedCount + batch.rejectedCount + batch.duplicateCount == batch.submittedCount
        let inProgress = batch.status == .pending || batch.status == .processing
        let meta: [(String, String)] = [
            ("文件名", batch.fileName),
            ("格式", model.format),
            ("编码", model.encoding),
            ("提交时间", Format.dateTime(batch.createdAt)),
            ("处理耗时", model.durationMilliseconds.map { Format.duration(milliseconds: $0) } ?? (inProgress ? "处理中" : "—")),
        ] + (model.uploadedBy.map { [("上传人", $0)] } ?? [])
        return .section(
            .cls("card"),
            .attr("aria-labelledby", "summary-title"),
            .h2(.cls("card-title"), .id("summary-title"), .text("处理结果")),
            .div(
                .cls("stats stats-compact"),
                countStat("提交", batch.submittedCount),
                countStat("接收", batch.acceptedCount, tone: "success"),
                countStat("拒收", batch.rejectedCount, tone: batch.rejectedCount > 0 ? "danger" : nil),
                countStat("重复", batch.duplicateCount),
                countStat("其中更新", batch.updatedCount, tone: "info")
            ),
            .p(
                .cls(balances ? "identity" : "identity identity-off"),
                .attr("aria-label", "计数核对"),
                .span(.cls("identity-term"), .text("接收 \(Format.count(batch.acceptedCount))")),
                .span(.cls("identity-op"), .text("+")),
                .span(.cls("identity-term"), .text("拒收 \(Format.count(batch.rejectedCount))")),
                .span(.cls("identity-op"), .text("+")),
                .span(.cls("identity-term"), .text("重复 \(Format.count(batch.duplicateCount))")),
                .span(.cls("identity-op"), .text(balances ? "=" : "≠")),
                .span(.cls("identity-term identity-total"), .text("提交 \(Format.count(batch.submittedCount))")),
                .if(balances, .span(.cls("identity-check"), .text("✓ 核对一致"))),
                .if(!balances && inProgress, .span(.cls("identity-note"), .text("处理中，计数尚未完成"))),
                .if(!balances && !inProgress, .span(.cls("identity-note"), .text("计数不一致，请联系平台管理员")))
            ),
            .p(.cls("muted small"), .text("“接收”含新增与更新的记录；“更新”为内容变化后替换原记录的条数；内容完全相同的记录计为“重复”。")),
            .dl(
                .cls("kv-grid"),
                .forEach(meta) { label, value in
                    .div(.cls("kv"), .dt(.text(label)), .dd(.text(value.isEmpty ? "—" : value)))
                }
            )
        )
    }

    private static func countStat(_ label: String, _ value: Int, tone: String? = nil) -> BodyNode {
        .div(
            .cls("stat" + (tone.map { " stat-\($0)" } ?? "")),
            .p(.cls("stat-label"), .text(label)),
            .p(.cls("stat-value"), .text(Format.count(value)))
        )
    }

    private static func quarantineSection(_ model: Model) -> BodyNode {
        let hasRejections = model.batch.rejectedCount > 0 || !model.quarantine.isEmpty
        return .section(
            .cls("card card-flush"),
            .id("quarantine"),
            .attr("aria-labelledby", "quarantine-title"),
            .div(
                .cls("card-header"),
                .h2(.cls("card-title"), .id("quarantine-title"), .text("拒收记录")),
                .if(hasRejections, .a(
                    .cls("btn btn-secondary btn-sm"),
                    .attr("href", Paths.quarantineCSV(model.batch.id)),
                    .attr("download", ""),
                    .text("导出拒收记录 CSV")
                ))
            ),
            .if(
                hasRejections,
                .group(
                    .p(.cls("card-note"), .text(
                        "导出的 CSV 包含被拒收的原始行及拒收原因。报送部门可在导出文件中逐行更正后，"
                            + "按原数据集在“上传数据”中重新提交；已接收的记录再次提交时计为重复，不会重复入库。"
                    )),
                    quarantineTable(model.quarantine),
                    PaginationView.node(model.quarantinePagination, unit: "条拒收记录")
                ),
                else: emptyState("没有拒收记录", "本批次的所有行均已接收或识别为重复。")
            )
        )
    }

    private static func quarantineTable(_ rows: [QuarantineRow]) -> BodyNode {
        .div(
            .cls("table-wrap"),
            .table(
                .cls("table"),
                .thead(.tr(
                    .th(.cls("num"), .text("行号")),
                    .th(.text("字段")),
                    .th(.text("原因")),
                    .th(.text("原始值"))
                )),
                .tbody(.forEach(rows) { row in
                    .tr(
                        .td(.cls("num mono"), .text(String(row.lineNumber))),
                        .td(.text(row.field.flatMap { $0.isEmpty ? nil : $0 } ?? "（整行）")),
                        .td(.text(row.reason)),
                        .td(.cls("cell-raw"), rawValue(row.rawValue))
                    )
                })
            )
        )
    }

    private static func rawValue(_ value: String?) -> BodyNode {
        guard let value else { return .span(.cls("muted"), .text("—")) }
        if value.isEmpty { return .span(.cls("muted"), .text("（空）")) }
        return .code(.text(value))
    }
}
