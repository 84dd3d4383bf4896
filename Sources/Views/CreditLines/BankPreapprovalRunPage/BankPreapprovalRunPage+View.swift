import Domain

extension BankPreapprovalRunPage {
    public static func render(_ model: Model) -> String {
        let r = model.run
        func counts(_ d: [String: Int]) -> String {
            d.isEmpty ? "无" : d.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \(Format.count($0.value))" }.joined(separator: "；")
        }
        let bands = r.table.bands.map {
            "\($0.key)：最高 \($0.maxLimit.wanYuanText)，利率 \($0.rates.text)，期限 \($0.termMonths) 个月"
        }
        return PortalPage.render(model.context, title: "预授信批次 #\(r.id)", subtitle: "\(r.productName) · \(r.ranOn) 运行",
                                 actions: [.init("导出 CSV", href: "/bank/preapprovals/\(r.id)/offers.csv"),
                                           .init("返回预授信", href: "/bank/preapprovals")], [
            .stats([
                .init("企业范围", Format.count(r.universe), hint: "已开通企业账户的注册企业"),
                .init("要约", Format.count(r.offers), tone: .success),
                .init("授信总额", r.offeredTotal.wanYuanText),
                .init("计算耗时", Format.duration(milliseconds: r.elapsedMillis)),
            ]),
            .facts(title: "运行参数", [
                .init("违约概率来源", r.source.label),
                .init("仅推荐清单", r.requireRecommended ? "是" : "否"),
                .init("授信表", "\(r.table.basis.label)；违约概率上限 \(r.table.ceiling.percentText)"),
                .init("授信档", bands.joined(separator: "；")),
                .init("要约有效期至", r.validUntil.description),
                .init("排除（未测算）", counts(r.excluded)),
                .init("测算未授信", counts(r.declined)),
                .init("要约摘要（透明日志）", cell: .mono(r.offersDigest)),
            ]),
            .table(.init(title: "要约（\(Format.count(model.pagination.totalCount))）", id: "offers",
                         headers: ["企业", "预授信额度", "利率", "期限", "违约概率", "状态", "理由"],
                         rows: model.offers.map { o in
                             [.twoLines(o.firmName, o.uscc), .text(o.limit.wanYuanText), .text(CreditLineCells.rates(o.rates, executed: o.rate)),
                              .text(Format.months(o.termMonths)), .text(o.probability.percentText),
                              .badge(o.statusLabel(on: model.today), tone: o.status == .accepted ? .success : (o.isOpen(on: model.today) ? .info : .neutral)),
                              .text(o.reasons.joined(separator: "；"))]
                         }, emptyText: "本批次没有要约")),
            .pagination(model.pagination),
        ])
    }
}
