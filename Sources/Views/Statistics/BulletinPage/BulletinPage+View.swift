import Domain
import Plot

extension BulletinPage {
    public static func render(_ model: Model) -> String {
        var context = model.context
        context.title = title(model.period)
        let toolbar: BodyNode = .div(.cls("page-actions bulletin-toolbar"),
            .a(.cls("btn btn-secondary"), .attr("href", "/console/stats/evaluation?period=\(Paths.encode(StatArea.periodParameter(model.period) ?? ""))"),
               .text("返回考核评价")),
            .unwrap(model.pdfHref) { .a(.cls("btn btn-secondary"), .attr("href", $0), .text("下载 PDF")) })
        return Layout.render(title: context.title, context: context, bodyClass: "page-bulletin", content: .group(
            toolbar,
            .article(.cls("bulletin"),
                     .p(.cls("bulletin-issuer"), .text(model.issuer)),
                     .p(.cls("bulletin-number"), .text(model.number)),
                     .h1(.cls("bulletin-title"), .text(title(model.period))),
                     section("一、总体情况", .p(.text(summary(model)))),
                     section("二、金融机构评价情况", LeagueTable.card(title: "金融机构积分排名", scheme: model.institutions.scheme,
                                                            table: model.institutions.table, values: [:], names: model.institutions.names,
                                                            expandable: false, id: "institutions")),
                     section("三、区县评价情况", LeagueTable.card(title: "区县积分排名", scheme: model.districts.scheme, table: model.districts.table,
                                                          values: [:], names: model.districts.names, expandable: false, id: "districts")),
                     section("四、通报表扬", .p(.text(commendation(model)))),
                     section("五、数据核验", .group(model.digests.isEmpty
                        ? [.p(.text("本期数据尚未结账，数字以发布时平台统计为准。"))]
                        : model.digests.map { d in
                            .p(.cls("bulletin-digest"), .text("\(d.month.label)结账快照摘要（SHA-256）："), .span(.cls("mono"), .text(d.digest)))
                        } + [.p(.cls("small muted"), .text("可在平台透明日志中查验上述摘要，按同一数据重算可得相同数字。"))])),
                     .div(.cls("bulletin-signature"), .p(.text(model.issuer)), .p(.text(dateText(model.issuedOn)))))
        ))
    }

    static func section(_ heading: String, _ body: BodyNode) -> BodyNode {
        .section(.cls("bulletin-section"), .h2(.text(heading)), body)
    }

    /// `2026年4月10日`.
    static func dateText(_ day: Day) -> String { "\(day.year)年\(day.month)月\(day.day)日" }

    static func value(_ model: Model, _ code: String) -> String {
        guard let indicator = IndicatorCatalog.indicator(code) else { return "—" }
        return (model.values[code] ?? .undefined).text(indicator.unit)
    }

    /// The summary paragraph, every figure from the model.
    static func summary(_ model: Model) -> String {
        let registered = value(model, "platform.firms_registered")
        return "\(StatArea.periodTitle(model.period))，全市信易贷平台注册企业\(registered)，占全市登记企业的\(model.coverage.text(.percent))；"
            + "数据归集率\(value(model, "collection.rate"))，按时归集率\(value(model, "collection.timeliness"))。"
            + "平台新发放贷款\(value(model, "lending.loans"))、\(value(model, "lending.loan_amount"))，"
            + "其中信用贷款\(value(model, "lending.credit_loan_amount"))，占比\(value(model, "lending.credit_loan_share"))；"
            + "获贷企业\(value(model, "lending.loan_firms"))，占平台注册企业的\(model.borrowerShare.text(.percent))，其中首贷户\(value(model, "lending.first_loan_firms"))。"
    }

    static func commendation(_ model: Model) -> String {
        let name = { (id: String) in model.institutions.names[id] ?? id }
        let volume = model.topVolume.map { "\(name($0.institution))（\($0.value.text(.cents))）" }.joined(separator: "、")
        let growth = model.topGrowth.map { "\(name($0.institution))（增长\($0.value.text(.percent))）" }.joined(separator: "、")
        var parts: [String] = []
        if !volume.isEmpty { parts.append("信用贷款投放金额居前的金融机构：\(volume)") }
        if !growth.isEmpty { parts.append("放款金额增速居前的金融机构：\(growth)") }
        return parts.isEmpty ? "本期无通报表扬的金融机构。" : "对以下金融机构予以通报表扬。" + parts.joined(separator: "；") + "。"
    }
}
