import Domain
import Foundation

extension FundSimulatorPage {
    public static func render(_ model: Model) -> String {
        let f = model.form
        var blocks: [PortalPage.Block] = [
            .form(.init(title: "模拟设置", id: "simulate", action: "/console/fund/simulate", method: .get, fields: [
                .init("scheme", "基金", kind: .options(model.programmes.map { ($0.schemeCode, $0.name) }, selected: f.scheme), isRequired: true),
                .init("compare", "对比方案（可选）", kind: .options([("", "—")] + model.templates.map { ($0.code, $0.name) }
                                                              + model.programmes.map { ($0.schemeCode, "在运行：\($0.name)") },
                                                              selected: f.compareWith)),
                .init("paths", "模拟路径数", kind: .number, value: "\(f.paths)", isRequired: true, hint: "1–100000；路径越多越准，越慢"),
                .init("years", "模拟年数", kind: .number, value: "\(f.years)", isRequired: true),
                .init("injection", "每年财政注资（元，可选）", kind: .number, value: f.injectionYuan),
                .init("recovery", "违约后追回比例（%）", kind: .number, value: "\(f.recoveryPercent)"),
                .init("share", "调整规则对比：补偿比例改为（%，仅固定比例基金）", kind: .number, value: f.variantSharePercent),
                .init("loan_cap", "调整规则对比：单笔补偿上限改为（元）", kind: .number, value: f.variantPerLoanCapYuan),
                .init("institution_cap", "调整规则对比：每家机构累计上限改为（元）", kind: .number, value: f.variantPerInstitutionCapYuan),
            ], submitLabel: "开始模拟", note: "违约概率按五级分类和信用评价等级（平台假设，待以本地历史数据校准）；补偿按方案规则逐笔计算，与补偿审核使用同一套计算。")),
        ]
        if !model.runs.isEmpty {
            blocks.append(.stats([
                .init("在保贷款", "\(model.loans) 笔"), .init("起始余额", model.startingBalance.yuanText),
            ] + model.runs.map { r in
                .init("\(r.label)：资金耗尽概率", String(format: "%.1f%%", r.result.probabilityOfRunningDry * 100),
                      hint: r.result.dryYear.map { "P\(r.result.dryPercentile) 情景第 \($0) 年末耗尽" } ?? "P\(r.result.dryPercentile) 情景模拟期内不耗尽",
                      tone: r.result.dryYear == nil ? .success : .danger)
            }))
            for r in model.runs {
                blocks.append(.table(.init(title: "\(r.label) · 年末余额分布", id: "years-\(r.result.version)",
                                           headers: ["年", "均值", "P5", "P50", "P95", "余额为负的概率"],
                                           rows: r.result.years.map { y in
                    [.text("第 \(y.year) 年"), .text(y.balance.mean.yuanText), .text(y.balance.p5.yuanText), .text(y.balance.p50.yuanText),
                     .text(y.balance.p95.yuanText), .text(String(format: "%.1f%%", y.probabilityNegative * 100))]
                }, emptyText: "—")))
                blocks.append(.chart(title: "\(r.label) · 年末余额中位数（万元）",
                                     items: r.result.years.map { .init(label: "第 \($0.year) 年", value: Int($0.balance.p50.value / 1_000_000)) },
                                     unit: "万元"))
            }
        }
        return PortalPage.render(model.context, title: "基金模拟", subtitle: "蒙特卡洛模拟：资金余额分布、耗尽年份与规则调整的影响",
                                 actions: [.init("返回基金", href: "/console/fund")], blocks)
    }
}
