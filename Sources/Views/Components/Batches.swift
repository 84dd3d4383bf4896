import Foundation
import Plot

/// The processing state of an upload batch.
public enum BatchStatus: String, Sendable, CaseIterable {
    /// Stored, waiting to be processed.
    case pending
    /// Being parsed and validated.
    case processing
    /// Every row accepted or recognised as a duplicate.
    case completed
    /// Finished, some rows rejected into quarantine.
    case completedWithRejections
    /// The same file (same bytes) had been loaded before: nothing was changed.
    case resent
    /// The whole file was rejected (e.g. unknown column, unreadable encoding) or processing failed.
    case failed

    public var label: String {
        switch self {
        case .pending: "排队中"
        case .processing: "处理中"
        case .completed: "已完成"
        case .completedWithRejections: "部分拒收"
        case .resent: "重复提交，未作更改"
        case .failed: "整批失败"
        }
    }

    var tone: BadgeTone {
        switch self {
        case .pending: .neutral
        case .processing: .info
        case .completed: .success
        case .completedWithRejections: .warning
        case .resent: .neutral
        case .failed: .danger
        }
    }
}

/// One upload batch as listed in tables. `accepted + rejected + duplicates = submitted`;
/// `updated` counts the accepted rows that replaced an earlier version of a record.
public struct BatchRow: Sendable, Equatable {
    public var id: String
    public var datasetID: String
    public var datasetName: String
    public var department: String
    public var fileName: String
    public var submittedCount: Int
    public var acceptedCount: Int
    public var updatedCount: Int
    public var duplicateCount: Int
    public var rejectedCount: Int
    public var status: BatchStatus
    public var createdAt: Date

    public init(id: String, datasetID: String, datasetName: String, department: String, fileName: String,
                submittedCount: Int, acceptedCount: Int, updatedCount: Int, duplicateCount: Int, rejectedCount: Int,
                status: BatchStatus, createdAt: Date) {
        self.id = id; self.datasetID = datasetID; self.datasetName = datasetName; self.department = department
        self.fileName = fileName; self.submittedCount = submittedCount; self.acceptedCount = acceptedCount
        self.updatedCount = updatedCount; self.duplicateCount = duplicateCount; self.rejectedCount = rejectedCount
        self.status = status; self.createdAt = createdAt
    }
}

enum BatchTable {
    /// The batch table; `compact` drops the file name and department columns (dashboard).
    static func node<C: HTML.BodyContext>(_ batches: [BatchRow], compact: Bool = false) -> Node<C> {
        .div(
            .cls("table-wrap"),
            .table(
                .cls("table"),
                .thead(.tr(
                    .th(.text("批次号")),
                    .th(.text("数据集")),
                    .if(!compact, .th(.text("部门"))),
                    .if(!compact, .th(.text("文件名"))),
                    .th(.cls("num"), .text("提交")),
                    .th(.cls("num"), .text("接收")),
                    .th(.cls("num"), .text("更新")),
                    .th(.cls("num"), .text("重复")),
                    .th(.cls("num"), .text("拒收")),
                    .th(.text("状态")),
                    .th(.text("时间"))
                )),
                .tbody(.forEach(batches) { batch in
                    .tr(
                        .td(.a(.cls("mono"), .attr("href", Paths.batch(batch.id)), .text(batch.id))),
                        .td(
                            .span(.cls("cell-title"), .text(batch.datasetName)),
                            .span(.cls("cell-sub mono"), .text(batch.datasetID))
                        ),
                        .if(!compact, .td(.text(batch.department))),
                        .if(!compact, .td(.cls("cell-file"), .attr("title", batch.fileName), .text(batch.fileName))),
                        .td(.cls("num"), .text(Format.count(batch.submittedCount))),
                        .td(.cls("num"), .text(Format.count(batch.acceptedCount))),
                        .td(.cls("num"), .text(Format.count(batch.updatedCount))),
                        .td(.cls("num"), .text(Format.count(batch.duplicateCount))),
                        .td(.cls(batch.rejectedCount > 0 ? "num text-danger" : "num"), .text(Format.count(batch.rejectedCount))),
                        .td(Badge.node(batch.status.label, tone: batch.status.tone)),
                        .td(.cls("nowrap"), timeNode(batch.createdAt))
                    )
                })
            )
        )
    }
}

/// `<time datetime="…">2025-03-01 14:05</time>`.
func timeNode<C: HTML.BodyContext>(_ date: Date) -> Node<C> {
    .time(.attr("datetime", Format.machineDateTime(date)), .text(Format.dateTime(date)))
}

/// The heading block of a page: title, optional subtitle, optional actions on the right.
func pageHeader<C: HTML.BodyContext>(_ title: String, subtitle: String? = nil, actions: Node<C> = .empty) -> Node<C> {
    .div(
        .cls("page-header"),
        .div(
            .cls("page-heading"),
            .h1(.cls("page-title"), .text(title)),
            .unwrap(subtitle) { .p(.cls("page-subtitle"), .text($0)) }
        ),
        .div(.cls("page-actions"), actions)
    )
}

/// A friendly empty-state box.
func emptyState<C: HTML.BodyContext>(_ title: String, _ message: String? = nil) -> Node<C> {
    .div(
        .cls("empty-state"),
        .p(.cls("empty-title"), .text(title)),
        .unwrap(message) { .p(.cls("empty-text"), .text($0)) }
    )
}
