import Domain

extension RecommendationsPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        let c = model.counts
        let total = c.values.reduce(0, +)
        if model.isCreditCenter {
            blocks.append(.stats([
                .init("申报清单", "\(total)", hint: "累计申报（含未通过）"),
                .init("待初筛", "\(c[.declared] ?? 0)", href: "/console/recommendations?status=declared"),
                .init("待审核", "\(c[.screened] ?? 0)", href: "/console/recommendations?status=screened", tone: .info),
                .init("公示中", "\(c[.publicity] ?? 0)", href: "/console/recommendations?status=publicity", tone: .info),
                .init("待推送", "\(c[.listed] ?? 0)", href: "/console/recommendations?status=listed", tone: .success),
                .init("已推送", "\(c[.pushed] ?? 0)", href: "/console/recommendations?status=pushed", tone: .success),
            ]))
            let l = model.lights
            blocks.append(.stats([
                .init("绿灯（期限内）", "\(l.green)", tone: .success),
                .init("黄灯（逾期未决）", "\(l.amber)", tone: l.amber > 0 ? .warning : .neutral),
                .init("红灯（已升级）", "\(l.red)", hint: "逾期超过升级期限，请督办", tone: l.red > 0 ? .danger : .neutral),
                .init("已作出授信决定", "\(l.decided)"),
            ]))
            blocks.append(.chart(title: "推荐清单各环节企业数", items: [
                .init(label: "申报", value: total),
                .init(label: "初筛通过", value: (c[.screened] ?? 0) + (c[.publicity] ?? 0) + (c[.listed] ?? 0) + (c[.pushed] ?? 0)),
                .init(label: "公示中", value: c[.publicity] ?? 0),
                .init(label: "已列入", value: (c[.listed] ?? 0) + (c[.pushed] ?? 0)),
                .init(label: "已推送", value: c[.pushed] ?? 0),
            ], unit: "户"))
        }
        blocks.append(.form(.init(title: "筛选", id: "filter", action: "/console/recommendations", method: .get, fields: [
            .init("status", "状态", kind: .options([("", "全部")] + RecommendationStatus.allCases.map { ($0.rawValue, $0.label) },
                                                  selected: model.status?.rawValue ?? "")),
            .init("q", "企业名称或代码", value: model.query),
        ], submitLabel: "筛选")))
        blocks.append(.table(.init(title: model.isCreditCenter ? "申报清单" : "本部门推荐的企业", id: "entries",
                                   headers: ["编号", "企业", "来源", "金额 / 期限", "用途", "初筛", "状态", "操作"],
                                   rows: model.entries.map { e in
            [model.isCreditCenter ? .link("#\(e.id)", href: "/console/recommendations/\(e.id)") : .mono("#\(e.id)"),
             .twoLines(e.firmName, e.uscc), .twoLines(e.source.label, e.referrer),
             .twoLines(Format.money(cents: e.amountCents), Format.months(e.termMonths)), .text(e.purpose),
             RecommendationCells.screening(e),
             .twoLines(e.status.label, e.status == .publicity ? "公示至 \(e.publicityUntil?.description ?? "")"
                       : e.status == .removed ? (e.removalReason ?? "") : ""),
             model.isCreditCenter ? actions(e) : .text("")]
        }, emptyText: "没有符合条件的企业")))
        blocks.append(.pagination(model.pagination))
        if model.isCreditCenter {
            // Listed entries, and those whose publicity is over (listed when pushed, unless an objection is open).
            let ready = model.entries.filter { $0.status == .listed || $0.status == .pushed || $0.publicityOver(on: model.today) }
            blocks.append(.form(.init(title: "一键推送", id: "push", action: "/console/recommendations/push", fields: [
                .init("entries", "推送的企业（本页已列入推荐清单或公示期满的企业）", kind: .checkboxes(ready.map {
                    SelectOption(value: String($0.id), label: "#\($0.id) \($0.firmName) \(Format.money(cents: $0.amountCents))"
                                 + ($0.status == .pushed ? "（已推送，可追加机构）" : ""), isSelected: $0.status != .pushed)
                })),
                .init("institutions", "推送给", kind: .checkboxes(model.institutions.map {
                    SelectOption(value: String($0.id), label: $0.name)
                }), hint: "不选则按产品匹配（金额、期限、准入条件）和企业现有贷款机构自动选择"),
            ], submitLabel: "推送", note: "推送后金融机构须在规则规定的期限内作出授信决定，逾期转黄灯、红灯并提示督办。")))
            blocks.append(.form(.init(title: "初筛", id: "screen", action: "/console/recommendations/screen", fields: [],
                                      submitLabel: "对待初筛企业执行初筛",
                                      note: "按五项标准逐户核查：成立满 12 个月、存续、无“无法联系”经营异常、企业及法定代表人无失信名单、纳税信用非 D 级、用途合规、信用核查通过。")))
        }
        blocks.append(.form(.init(title: model.isCreditCenter ? "录入走访或推荐" : "推荐企业", id: "refer",
                                  action: "/console/recommendations", fields: [
            .init("uscc", "统一社会信用代码", isRequired: true),
            .init("amount_yuan", "融资金额（元）", kind: .number, isRequired: true),
            .init("term_months", "期限（月）", kind: .number, value: "12", isRequired: true),
            .init("purpose", "资金用途", isRequired: true),
            .init("note", model.isCreditCenter ? "走访记录或推荐理由" : "推荐理由", kind: .textarea, isRequired: true),
        ] + (model.isCreditCenter ? [.init("source", "来源", kind: .options([("visit", "走访摸排"), ("referral", "部门推荐")]))] : []),
                                  submitLabel: "加入申报清单", note: "加入后立即按五项标准初筛，结果和原因显示在列表中。")))
        return PortalPage.render(model.context, title: "推荐清单",
                                 subtitle: "申报清单 → 初筛 → 审核 → 公示 → 推荐清单 → 一键推送 → 30 日内授信决定", blocks)
    }

    static func actions(_ e: RecommendationEntry) -> PortalPage.Cell {
        guard e.status == .screened else { return .link("详情", href: "/console/recommendations/\(e.id)") }
        return .actions([.init("审核通过并公示", path: "/console/recommendations/\(e.id)/review", fields: ["approve": "true"],
                               isPrimary: true, confirm: "审核通过后进入公示期，期满无异议列入推荐清单。确认？")])
    }
}
