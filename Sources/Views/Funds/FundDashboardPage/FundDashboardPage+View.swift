import Domain
import Foundation

extension FundDashboardPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        let links = model.programmes.map { PortalPage.Link($0.name, href: "/console/fund?scheme=\($0.schemeCode)") }
        if let d = model.dashboard {
            let code = d.programme.schemeCode
            let leverage = d.leverageHundredths.map { "\($0 / 100).\(String(format: "%02d", $0 % 100)) 倍" } ?? "—"
            blocks.append(.stats([
                .init("专户余额", Format.figure(d.cash), hint: "应付未付代偿 \(Format.figure(d.payable))"),
                .init("在保贷款", "\(Format.count(d.coveredLoans)) 笔", hint: "入库 \(Format.figure(d.coveredAmount))，余额 \(Format.figure(d.outstanding))"),
                .init("放大倍数", leverage, hint: "在保余额 ÷ 专户余额"),
                .init("代偿率", FundCells.percent(d.payoutRateBasisPoints), hint: "已拨付 \(Format.figure(d.paid)) ÷ 入库金额"),
                .init("追偿回收率", FundCells.percent(d.recoveryRateBasisPoints), hint: "分回基金 \(Format.figure(d.recovered)) ÷ 已拨付"),
                .init("在办申请", "\(d.claimsByStatus.filter { !$0.status.isFinal }.reduce(0) { $0 + $1.count })",
                      href: "/console/fund/claims"),
            ]))
            blocks.append(.chart(title: "补偿申请（按状态）", items: d.claimsByStatus.filter { $0.count > 0 }
                .map { .init(label: $0.status.label, value: $0.count) }, unit: "件"))
            blocks.append(.table(.init(title: "按机构", id: "institutions",
                                       headers: ["机构", "在保笔数", "入库金额", "在保余额", "逾期余额", "申请", "已拨付", "分回基金", "熔断"],
                                       rows: d.institutions.map { i in
                [.text(i.name), .text("\(i.coveredLoans)"), .text(i.coveredAmount.yuanText), .text(i.outstanding.yuanText),
                 .text(i.overdue.yuanText), .text("\(i.claims)"), .text(i.paid.yuanText), .text(i.recovered.yuanText),
                 i.pause.registrationsPaused || i.pause.claimsPaused
                    ? .badge([i.pause.registrationsPaused ? "暂停入库" : nil, i.pause.claimsPaused ? "暂缓补偿" : nil]
                                .compactMap { $0 }.joined(separator: "、"), tone: .danger)
                    : .badge("正常", tone: .success)]
            }, emptyText: "尚无入库贷款")))
            blocks.append(.table(.init(title: "年度收支", id: "years",
                                       headers: ["年度", "年初余额", "财政投入（首期与注资）", "机构缴存", "利息", "追偿返还", "核定代偿", "拨付代偿", "年末余额"],
                                       rows: d.yearStatements.map { y in
                [.text("\(y.year)"), .text(y.openingCash.yuanText), .text(y.injections.yuanText), .text(y.contributions.yuanText),
                 .text(y.interest.yuanText), .text(y.recoveries.yuanText), .text(y.compensationApproved.yuanText),
                 .text(y.compensationPaid.yuanText), .text(y.closingCash.yuanText)]
            }, emptyText: "尚无记账", link: .init("导出审计明细（CSV）", href: "/console/fund/\(code)/journal.csv"))))
            blocks.append(.table(.init(title: "试算平衡", id: "trial", headers: ["科目", "余额（借正贷负）"],
                                       rows: d.ledger.trialBalance().map { [.text($0.account.label), .text($0.balance.yuanText)] }
                                           + [[.text("合计"), .text(d.ledger.trialBalance().reduce(Cents.zero) { $0 + $1.balance }.yuanText)]],
                                       emptyText: "尚无记账")))
            blocks.append(.table(.init(title: "记账凭证（最近 50 笔）", id: "journal", headers: ["日期", "类别", "摘要", "补偿申请", "借", "贷", "金额"],
                                       rows: d.ledger.entries.suffix(50).reversed().flatMap { e in
                e.postings.map { p in
                    [.text(e.day.description), .text(e.kind.label), .text(e.memo), .text(e.claimId ?? ""), .text(p.debit.label),
                     .text(p.credit.label), .text(p.amount.yuanText)]
                }
            }, emptyText: "尚无记账")))
            if model.mayManage {
                blocks.append(.form(.init(title: "资金入账", id: "book", action: "/console/fund/\(code)/book", fields: [
                    .init("kind", "类别", kind: .options([("capital", "首期资金"), ("injection", "财政注资"), ("contribution", "机构缴存"),
                                                          ("interest", "专户利息")]), isRequired: true),
                    .init("amount", "金额（元）", kind: .number, isRequired: true),
                    .init("institution", "缴存机构（机构缴存时）", kind: .options([("", "—")] + model.institutions.map { (String($0.id), $0.name) })),
                    .init("day", "记账日期", kind: .date),
                    .init("memo", "摘要"),
                ], submitLabel: "入账", confirm: "确认入账？记账凭证不可修改。")))
                let signed = Set(model.agreements.filter { $0.schemeCode == code }.map(\.institutionId))
                blocks.append(.form(.init(title: "签订合作协议", id: "agreement", action: "/console/fund/\(code)/agreements", fields: [
                    .init("institution", "机构", kind: .options(model.institutions.map { (String($0.id), $0.name + (signed.contains(String($0.id)) ? "（已签）" : "")) }),
                          isRequired: true),
                    .init("signed_on", "签订日期", kind: .date, isRequired: true),
                    .init("until", "截止日期（长期可不填）", kind: .date),
                ], submitLabel: "登记协议")))
            }
        } else {
            blocks.append(.notice("平台尚未开设风险补偿基金。", tone: .info))
        }
        if model.mayManage {
            blocks.append(.form(.init(title: "开设基金", id: "open", action: "/console/fund/open", fields: [
                .init("template", "依据方案", kind: .options(model.templates.map { ($0.code, "\($0.name)（\($0.region)）") }), isRequired: true),
                .init("code", "基金代码（字母、数字、连字符）", isRequired: true),
                .init("name", "基金名称", isRequired: true),
                .init("region", "适用地区", value: "大连市"),
                .init("districts", "本地企业行政区划代码前缀（逗号分隔）", value: "2102"),
            ], submitLabel: "开设", note: "方案的各版本（生效日期、补偿比例、上限、熔断线）按模板执行，企业须为本地注册。")))
        }
        return PortalPage.render(model.context, title: "风险补偿基金", subtitle: model.dashboard?.programme.name,
                                 actions: links + [.init("补偿审核", href: "/console/fund/claims"),
                                                   .init("基金模拟", href: "/console/fund/simulate")], blocks)
    }
}
