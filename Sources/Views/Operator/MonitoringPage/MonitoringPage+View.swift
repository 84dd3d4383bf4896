import Domain

extension MonitoringPage {
    public static func render(_ model: Model) -> String {
        let levels = Array(WarningLevel.allCases.reversed())
        let blocks: [PortalPage.Block] = [
            .stats([
                .init("监测企业", "\(model.watched)", hint: "在贷或已授权金融机构的企业"),
                .init("近 30 天风险信号", "\(model.signals)"),
                .init("未办结预警", "\(model.open)"),
                .init("红灯（已升级）", "\(model.byLight[.red] ?? 0)", hint: "金融机构逾期未签收或未反馈，请督办",
                      tone: (model.byLight[.red] ?? 0) > 0 ? .danger : .neutral),
                .init("黄灯（已超期）", "\(model.byLight[.amber] ?? 0)", tone: (model.byLight[.amber] ?? 0) > 0 ? .warning : .neutral),
            ]),
            .stats(levels.map { level in
                let n = model.byLevel[level] ?? 0
                return .init(level.title, "\(n)", tone: n > 0 ? AlertCells.tone(level) : .neutral)
            }),
            .chart(title: "近 30 天每日新增预警", items: model.perDay.map { .init(label: $0.label, value: $0.count) }, unit: "条"),
            .chart(title: "未办结预警按等级", items: levels.map { .init(label: $0.title, value: model.byLevel[$0] ?? 0) }, unit: "条"),
            .table(.init(title: "未办结预警按区县", id: "districts", headers: ["区县", "预警数"],
                         rows: model.byDistrict.map { [.text($0.label), .text("\($0.count)")] }, emptyText: "暂无未办结预警")),
            .table(.init(title: "未办结预警按金融机构", id: "institutions", headers: ["金融机构", "预警数"],
                         rows: model.byInstitution.map { [.text($0.label), .text("\($0.count)")] }, emptyText: "暂无未办结预警")),
            .table(.init(title: "已升级的预警（金融机构逾期未反馈）", id: "escalated",
                         headers: ["编号", "企业", "金融机构", "等级", "风险信号", "生成日", "状态", "时限"],
                         rows: model.escalated.map { e in
                [.mono("#\(e.alert.id)"), .twoLines(e.alert.firmName, e.alert.uscc), .text(e.institution),
                 AlertCells.level(e.alert.level, score: e.alert.score), .text(AlertCells.signals(e.alert)),
                 .text(e.alert.openedOn.description), AlertCells.status(e.alert.status), AlertCells.light(e.escalation)]
            }, emptyText: "没有已升级的预警")),
        ]
        return PortalPage.render(model.context, title: "贷后监测",
                                 subtitle: "在贷及已授权企业的风险信号与预警：按等级、区县和金融机构统计，逾期未反馈的预警升级至信用中心", blocks)
    }
}
