import Domain

extension FirmNoticesPage {
    public static func render(_ model: Model) -> String {
        PortalPage.render(model.context, title: "逾期告知", subtitle: "金融机构报送逾期前的书面告知：在履行期限内履行的，不记入信用记录", [
            .table(.init(title: "告知书", id: "notices", headers: ["编号", "告知日期", "告知内容", "履行期限", "结果"], rows: model.reports.map { r in
                [.mono("#\(r.id)"), .text(r.feedback.noticeDay?.description ?? ""), .text(r.noticeText), .text(r.deadline.description),
                 .badge(r.status.label + (r.curedOn.map { "（\($0) 履行）" } ?? "") + (r.recordedOn.map { "（\($0) 起）" } ?? ""),
                        tone: r.status == .recorded ? .danger : r.status == .cured ? .success : .warning)]
            }, emptyText: "没有逾期告知")),
        ])
    }
}
