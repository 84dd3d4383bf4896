import Domain

extension RecommendationPage {
    public static func render(_ model: Model) -> String {
        let e = model.entry
        var blocks: [PortalPage.Block] = [.facts(title: "申报信息", [
            .init("企业", "\(e.firmName)（\(e.uscc)）"),
            .init("来源", "\(e.source.label) · \(e.referrer)"),
            .init("融资金额", Format.money(cents: e.amountCents)),
            .init("期限", Format.months(e.termMonths)),
            .init("用途", e.purpose),
            .init("说明", e.note.isEmpty ? "—" : e.note),
            .init("申报时间", Format.time(e.declaredAt)),
            .init("状态", cell: .badge(e.status.label, tone: RecommendationCells.tone(e.status))),
            .init("初筛", cell: RecommendationCells.screening(e)),
        ])]
        if let s = e.screening, !s.passed {
            blocks.append(.table(.init(title: "未通过的标准", id: "rejections", headers: ["标准", "代码", "原因"],
                                       rows: s.rejections.map { [.text($0.criterion.rawValue), .mono($0.code), .text($0.text)] },
                                       emptyText: "")))
        }
        if let note = e.reviewNote, e.reviewedBy != nil {
            blocks.append(.facts(title: "审核", [.init("审核人", e.reviewedBy ?? ""), .init("意见", note.isEmpty ? "—" : note)]))
        }
        if let from = e.publicityFrom, let until = e.publicityUntil {
            blocks.append(.notice("公示期 \(from) 至 \(until)（\(until) 起可列入推荐清单）；公示期内的异议进入“异议”处理。",
                                  tone: e.status == .publicity ? .info : .neutral))
        }
        if let reason = e.removalReason {
            blocks.append(.notice("已移出推荐清单：\(reason)", tone: .danger))
        }
        if e.status == .screened {
            blocks.append(.form(.init(title: "审核", id: "review", action: "/console/recommendations/\(e.id)/review", fields: [
                .init("approve", "审核结论", kind: .options([("true", "通过，进入公示"), ("false", "不通过")]), isRequired: true),
                .init("note", "审核意见（不通过须写明理由）", kind: .textarea),
            ], submitLabel: "提交审核")))
        }
        if e.status == .listed || e.status == .pushed {
            let pushed = Set(model.pushes.map(\.institutionID))
            blocks.append(.form(.init(title: "推送", id: "push", action: "/console/recommendations/push", fields: [
                .init("entries[]", "企业", kind: .hidden, value: String(e.id)),
                .init("institutions", "推送给", kind: .checkboxes(model.suggestions.filter { !pushed.contains($0.institutionID) }.map {
                    SelectOption(value: String($0.institutionID), label: "\($0.name)（\($0.reason)）", isSelected: true)
                }), hint: model.suggestions.isEmpty ? "没有在售产品匹配该企业的需求，也没有现有贷款机构" : "按产品匹配和现有贷款机构建议"),
            ], submitLabel: "推送")))
        }
        blocks.append(.table(.init(title: "推送与反馈", id: "pushes", headers: ["机构", "推送日", "授信决定期限", "状态", "反馈"],
                                   rows: model.pushes.map { p in
            [.text(p.institutionName), .text(p.pushedOn.description), RecommendationCells.clock(p, today: model.today),
             .badge(p.status.label, tone: RecommendationCells.tone(p.status)), .text(BankPushesPage.outcome(p))]
        }, emptyText: "尚未推送")))
        return PortalPage.render(model.context, title: "推荐清单 · \(e.firmName)", actions: [.init("返回推荐清单", href: "/console/recommendations")], blocks)
    }
}
