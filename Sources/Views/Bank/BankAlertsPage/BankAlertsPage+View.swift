import Domain

extension BankAlertsPage {
    public static func render(_ model: Model) -> String {
        let levels = WarningLevel.allCases.reversed()
        var blocks: [PortalPage.Block] = [
            .stats(levels.map { level in
                let n = model.openByLevel[level] ?? 0
                return .init("未办结\(level.title)", "\(n)", href: "/bank/alerts?level=\(level.rawValue)",
                             tone: n > 0 ? AlertCells.tone(level) : .neutral)
            }),
            .stats([
                .init("绿灯（期限内）", "\(model.openByLight[.green] ?? 0)", tone: .success),
                .init("黄灯（已超期）", "\(model.openByLight[.amber] ?? 0)", tone: (model.openByLight[.amber] ?? 0) > 0 ? .warning : .neutral),
                .init("红灯（已升级至信用中心）", "\(model.openByLight[.red] ?? 0)",
                      tone: (model.openByLight[.red] ?? 0) > 0 ? .danger : .neutral),
            ]),
            .form(.init(title: "筛选", id: "filter", action: "/bank/alerts", method: .get, fields: [
                .init("level", "预警等级", kind: .options([("", "全部")] + levels.map { ($0.rawValue, $0.title) },
                                                      selected: model.level?.rawValue ?? "")),
                .init("status", "处理状态", kind: .options([("", "全部")] + AlertResponse.Status.allCases.map { ($0.rawValue, $0.label) },
                                                       selected: model.status?.rawValue ?? "")),
            ], submitLabel: "筛选")),
            .table(.init(title: "贷后风险预警", id: "alerts",
                         headers: ["编号", "企业", "等级", "风险信号", "生成日", "状态", "时限"],
                         rows: model.rows.map { r in
                [.link("#\(r.alert.id)", href: "/bank/alerts/\(r.alert.id)"), .twoLines(r.alert.firmName, r.alert.uscc),
                 AlertCells.level(r.alert.level, score: r.alert.score), .text(AlertCells.signals(r.alert)),
                 .text(r.alert.openedOn.description), AlertCells.status(r.alert.status),
                 r.alert.isOpen ? AlertCells.light(r.escalation) : .text("已办结")]
            }, emptyText: "没有符合条件的预警")),
            .pagination(model.pagination),
        ]
        if model.mayConfigureWebhook {
            blocks.append(.form(.init(title: "预警推送地址（Webhook）", id: "webhook", action: "/bank/alerts/webhook", fields: [
                .init("url", "接收地址", value: model.webhookURL ?? "", isRequired: true, hint: "https://…；新预警生成后由平台推送"),
            ], submitLabel: model.webhookURL == nil ? "设置" : "更换地址并重新生成密钥",
                note: "推送内容为预警编号、等级、评分和信号代码（JSON），请求头 X-Xyd-Signature 为 t=时间戳,v1=HMAC-SHA256(密钥, \"时间戳.正文\")。"
                    + "密钥只在设置后显示一次；推送失败会自动重试。")))
        }
        return PortalPage.render(model.context, title: "风险预警",
                                 subtitle: "平台监测到本机构在贷或获授权企业的风险信号：请按时签收，并反馈确认、排除或处置情况", blocks)
    }
}
