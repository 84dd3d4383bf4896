import Domain
import Foundation

extension CouponProgrammesPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = [.text(title: "说明", paragraphs: [
            "信用券由信用中心按项目发放：面值为降息若干个百分点，或按比例补贴利息（每笔设上限）。每次保存即生成新版本，自生效日起适用；已发放的券始终按发放时的版本执行。",
            "预算在放款核销时按“全部还款计划内的让利利息”预估占用，并发放款也不会超支；银行按贷款台账逐期申领结算，平台核对到分。过期在读取时即判定，每日任务记入日志。",
        ])]
        if model.programmes.isEmpty { blocks.append(.notice("尚未设立信用券项目。", tone: .info)) }
        for entry in model.programmes {
            let p = entry.programme, u = entry.use
            guard let v = p.inForce(on: model.today) ?? p.latest else { continue }
            blocks.append(.stats([
                .init("预算", Format.figure(u.budget), hint: "已占用 \(Format.figure(u.charged))，剩余 \(Format.figure(u.remaining))"),
                .init("预算使用", "\(u.usedBasisPoints / 100).\(String(format: "%02d", u.usedBasisPoints % 100))%",
                      tone: u.usedBasisPoints >= 9_000 ? .warning : .neutral),
                .init("已发放", "\(u.issued) 张", hint: "持有 \(u.held)，已绑定 \(u.attached)"),
                .init("已核销", "\(u.redeemed + u.settled) 张", hint: "其中已结算完毕 \(u.settled)"),
                .init("已结算", Format.figure(u.settledAmount), hint: "银行申领经核准的让利利息"),
                .init("已过期", "\(u.expired) 张"),
            ]))
            blocks.append(.chart(title: "\(v.name)：预算使用（元）", items: [
                .init(label: "已占用", value: Int(u.charged.value / 100)),
                .init(label: "其中已结算", value: Int(u.settledAmount.value / 100)),
                .init(label: "剩余", value: Int(max(u.remaining.value, 0) / 100)),
            ], unit: "元"))
            blocks.append(.chart(title: "\(v.name)：信用券状态", items: [
                .init(label: CouponStatus.held.label, value: u.held), .init(label: CouponStatus.attached.label, value: u.attached),
                .init(label: CouponStatus.redeemed.label, value: u.redeemed), .init(label: CouponStatus.settled.label, value: u.settled),
                .init(label: CouponStatus.expired.label, value: u.expired),
            ], unit: "张"))
            blocks.append(.table(.init(title: "\(v.name)（\(p.code)）的版本", id: "versions-\(p.id)",
                                       headers: ["版本", "生效日期", "面值", "预算", "领取条件", "每户限领", "发放期", "有效期至", "适用产品"],
                                       rows: p.versions.reversed().map { x in
                [.text("第 \(x.version) 版" + (x.version == v.version ? "（现行）" : "")), .text(x.effectiveFrom), .text(x.face.label),
                 .text(x.budget.yuanText), .text(x.eligibility.summary), .text("\(x.perFirm) 张"),
                 .text("\(x.issueFrom) 至 \(x.issueUntil)"), .text(x.expiresOn.description), .text(productText(x.products, model))]
            }, emptyText: "", link: .init("编辑（生成新版本）", href: "/console/coupons?programme=\(p.id)#editor"))))
            blocks.append(.form(.init(title: "发放“\(v.name)”", id: "issue-\(p.id)", action: "/console/coupons/\(p.id)/issue", fields: [
                .init("usccs", "企业统一社会信用代码（每行一个；留空则向全部符合条件的已评价企业发放）", kind: .textarea),
            ], submitLabel: "批量发放", note: "不符合领取条件或已达每户限领的企业不发放，结果逐户列明。",
               confirm: "确认按现行版本发放信用券？发放记录将记入透明日志。")))
        }
        blocks.append(editor(model))
        return PortalPage.render(model.context, title: "数字信用券", subtitle: "项目、预算与发放",
                                 actions: [.init("新建项目", href: "/console/coupons#editor")], blocks)
    }

    static func productText(_ ids: [Int64], _ model: Model) -> String {
        guard !ids.isEmpty else { return "全部产品" }
        let labels = Dictionary(model.products.map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a })
        return ids.map { labels[$0] ?? "产品 #\($0)" }.joined(separator: "、")
    }

    /// The editor: prefilled with the selected programme's newest version; saving makes the next version.
    static func editor(_ model: Model) -> PortalPage.Block {
        let v = model.selected?.latest
        let face = v?.face ?? .rateCut(basisPoints: 20)
        let lists = Set(v?.eligibility.lists ?? [])
        let quals = Set(v?.eligibility.qualifications ?? [])
        let products = Set(v?.products ?? [])
        let points = String(format: "%.2f", Double(face.basisPoints) / 100)
        return .form(.init(title: model.selected.map { "编辑“\($0.name)”（保存为第 \(($0.latest?.version ?? 0) + 1) 版）" } ?? "新建信用券项目",
                           id: "editor", action: "/console/coupons/save", fields: [
            .init("code", "项目代码（字母、数字、连字符）", value: model.selected?.code ?? "", isRequired: true),
            .init("name", "项目名称", value: v?.name ?? "", isRequired: true),
            .init("effective_from", "生效日期", kind: .date, value: model.today.description, isRequired: true),
            .init("budget_yuan", "预算（元）", kind: .number, value: v.map { String($0.budget.value / 100) } ?? "", isRequired: true),
            .init("face_kind", "面值类型", kind: .options([("rate_cut", "降息（百分点）"), ("interest_share", "补贴利息（比例）")], selected: face.kind)),
            .init("face_points", "面值数值：降息的百分点数或补贴利息的百分比", kind: .number, value: points, isRequired: true,
                  hint: "降息 0.2 个百分点填 0.2；补贴利息的 10% 填 10"),
            .init("cap_yuan", "每笔补贴上限（元，补贴利息时必填）", kind: .number, value: face.cap.map { String($0.value / 100) } ?? ""),
            .init("grades", "适用评价等级（逗号分隔，留空不限）", value: v?.eligibility.grades.joined(separator: ",") ?? ""),
            .init("lists", "须在名单（任一）", kind: .checkboxes(CouponList.allCases.map {
                SelectOption(value: $0.rawValue, label: $0.label, isSelected: lists.contains($0)) })),
            .init("qualifications", "须有资质（任一）", kind: .checkboxes(CouponEligibility.knownQualifications.map {
                SelectOption(value: $0, label: $0, isSelected: quals.contains($0)) })),
            .init("industries", "适用行业代码（GB/T 4754，逗号分隔，留空不限）", value: v?.eligibility.industries.joined(separator: ",") ?? ""),
            .init("per_firm", "每户限领（张）", kind: .number, value: String(v?.perFirm ?? 1), isRequired: true),
            .init("issue_from", "发放开始日", kind: .date, value: (v?.issueFrom ?? model.today).description, isRequired: true),
            .init("issue_until", "发放截止日", kind: .date, value: (v?.issueUntil ?? model.today.adding(days: 90)).description, isRequired: true),
            .init("expires_on", "有效期至（此日后未核销即过期）", kind: .date, value: (v?.expiresOn ?? model.today.adding(days: 365)).description,
                  isRequired: true),
            .init("products", "适用产品（不选即全部产品）", kind: .checkboxes(model.products.map {
                SelectOption(value: String($0.id), label: $0.label, isSelected: products.contains($0.id)) })),
            .init("note", "说明", kind: .textarea, value: v?.note ?? ""),
        ], submitLabel: model.selected == nil ? "保存项目" : "保存为新版本",
           note: "已发放的券不受新版本影响；预算不能低于已核销占用的金额。",
           confirm: "确认保存？新版本自生效日起适用于发放与预算，并记入透明日志。"))
    }
}
