import Domain

extension FirmCouponsPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        let usable = model.coupons.filter { $0.status == .held || $0.status == .attached }
        blocks.append(.stats([
            .init("可用信用券", "\(usable.count) 张"),
            .init("已核销", "\(model.coupons.filter { $0.status == .redeemed || $0.status == .settled }.count) 张"),
            .init("已过期", "\(model.coupons.filter { $0.status == .expired }.count) 张"),
        ]))
        blocks.append(.table(.init(title: "我的信用券", id: "coupons",
                                   headers: ["券号", "项目", "面值", "状态", "有效期至", "适用产品", "使用情况", "操作"],
                                   rows: model.coupons.map { item in
            let c = item.coupon
            let use: String = if let r = c.redemption {
                "\(r.placeLabel)：\(r.lineID == nil ? "合同利率" : "额度利率") \(r.contractRate.percentText)，券后 \(r.rate.percentText)"
            } else if let t = c.target, item.status == .attached {
                "已绑定\(t.label)"
            } else { "" }
            let actions: PortalPage.Cell = item.status == .attached
                ? .actions([.init("解除绑定", path: "/firm/coupons/\(c.id)/detach", confirm: "确认解除信用券 \(c.number) 与申请的绑定？")])
                : .text("")
            return [.mono(c.number), .text(item.programmeName), .text(c.face.label), badge(item.status), .text(c.expiresOn.description),
                    .text(item.acceptsAll ? "全部产品" : item.products.joined(separator: "、")), .text(use), actions]
        }, emptyText: "暂无信用券")))
        let attachable = model.coupons.filter { $0.status == .held || $0.status == .attached }
        if !attachable.isEmpty && !model.applications.isEmpty {
            blocks.append(.form(.init(title: "申请时使用信用券", id: "attach", action: "/firm/coupons/attach", fields: [
                .init("coupon", "信用券", kind: .options(attachable.map { (String($0.coupon.id), "\($0.coupon.number) · \($0.coupon.face.label)") }),
                      isRequired: true),
                .init("application", "融资申请（放款前）", kind: .options(model.applications.map { (String($0.id), $0.label) }), isRequired: true),
            ], submitLabel: "绑定到申请", note: "每笔申请限用一张，须为该券适用的产品；放款时按券后利率计息，银行可在申请中看到该券。",
               confirm: "确认将该信用券绑定到所选申请？")))
        } else if !attachable.isEmpty {
            blocks.append(.notice("您有可用的信用券。向适用产品提交融资申请后，可在此将信用券绑定到申请。", tone: .info))
        }
        if !attachable.isEmpty {
            blocks.append(.notice("适用产品的循环额度提款时也可使用信用券：在“循环额度”页提款时选择，按该笔提款让利至额度到期。", tone: .info))
        }
        if !model.offers.isEmpty {
            blocks.append(.table(.init(title: "可领取的信用券", id: "offers", headers: ["项目", "面值", "有效期至", "领取"],
                                       rows: model.offers.map { o in
                [.text(o.name), .text(o.face.label), .text(o.expiresOn.description),
                 o.reasons.isEmpty ? .actions([.init("领取", path: "/firm/coupons/claim", fields: ["programme": String(o.programmeID)],
                                                     isPrimary: true, confirm: "确认领取“\(o.name)”？")])
                                   : .text("不符合条件：" + o.reasons.joined(separator: "；"))]
            }, emptyText: "")))
        }
        return PortalPage.render(model.context, title: "我的信用券", subtitle: "数字信用券：申请或循环额度提款时使用，放款（提款）时降息", blocks)
    }

    static func badge(_ status: CouponStatus) -> PortalPage.Cell {
        let tone: PortalPage.Tone = switch status {
        case .held: .info
        case .attached: .warning
        case .redeemed, .settled: .success
        case .expired: .neutral
        }
        return .badge(status.label, tone: tone)
    }
}
