import Domain
import Foundation
extension FirmHomePage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = []
        // Overdue first, in red; then the next installment of each running loan.
        for r in model.repayments where r.overdueAmount.isPositive {
            blocks.append(.notice("贷款 #\(r.loanID)（\(r.lender)）已逾期 \(r.overdueDays) 天，逾期金额 \(r.overdueAmount.yuanText)。"
                                  + "请尽快还款：逾期将影响信用评价，并可能被报送逾期信息。", tone: .danger))
        }
        if !model.repayments.isEmpty {
            blocks.append(.table(.init(title: "近期还款", id: "next-installments", headers: ["贷款", "贷款机构", "下期还款日", "应还金额", "状态"],
                                       rows: model.repayments.map { r in
                [.link("贷款 #\(r.loanID)", href: "/firm/loans/\(r.loanID)"), .text(r.lender), .text(r.nextDue.description),
                 .text(r.nextAmount.yuanText),
                 r.overdueAmount.isPositive ? .badge("逾期 \(r.overdueDays) 天", tone: .danger) : .badge("正常", tone: .success)]
            }, emptyText: "")))
        }
        if !model.preapprovals.isEmpty {
            blocks.append(.table(.init(
                title: "您有预授信额度", id: "preapprovals", headers: ["机构 / 产品", "额度", "年利率", "期限", "有效期至", "操作"],
                rows: model.preapprovals.map { o in
                    [.twoLines(o.institutionName, o.productName), .text(o.limit.wanYuanText), .text(o.rates.text),
                     .text(Format.months(o.termMonths)), .text(o.validUntil.description),
                     .actions([.init("接受额度", path: "/firm/preapproval-offers/\(o.id)/accept",
                                     confirm: "确认接受\(o.institutionName)“\(o.productName)”预授信额度 \(o.limit.wanYuanText)？接受后形成循环额度，提款按日计息。")])]
                }, emptyText: "", link: .init("查看授信理由", href: "/firm/credit-lines"))))
        }
        if !model.hasCommitment { blocks.append(.notice("请先签署信用承诺书：签署后方可发布融资需求、申请贷款。", tone: .warning)) }
        // Outcomes of objections and repair applications of the last 30 days.
        let since = model.now.addingTimeInterval(-30 * 86_400)
        for objection in model.objections {
            if let at = objection.resolvedAt, at >= since, objection.status != .withdrawn {
                blocks.append(.notice("异议 #\(objection.id) 处理结果：\(objection.status.label)。\(objection.resolution ?? "")",
                                      tone: objection.status == .rejected ? .warning : .success))
            } else if objection.status == .escalated {
                blocks.append(.notice("异议 #\(objection.id) 报送部门逾期未处理，已提交信用中心督办。", tone: .info))
            }
        }
        for repair in model.repairs {
            if let at = repair.reviewedAt, at >= since {
                blocks.append(.notice("信用修复申请 #\(repair.id)：\(repair.status.label)。\(repair.reviewNote ?? "")",
                                      tone: repair.status == .approved ? .success : .warning))
            }
        }
        if model.activeAuthorisations == 0 {
            blocks.append(.notice("贵企业尚未授权任何金融机构查询非公开信用信息；申请贷款前请在“授权管理”中授权。", tone: .info))
        }
        blocks.append(.stats([
            .init("信用等级", model.grade ?? "未评价", hint: model.score.map { "\($0) 分" }, href: "/firm/profile", tone: .info),
            .init("信用承诺", model.hasCommitment ? "已签署" : "未签署", href: "/firm/commitment",
                  tone: model.hasCommitment ? .success : .warning),
            .init("有效授权", "\(model.activeAuthorisations)", hint: "份", href: "/firm/authorisations"),
            .init("贷款申请", "\(model.applicationCount)", hint: "笔", href: "/firm/applications"),
            .init("贷款余额", Format.money(model.outstanding), href: "/firm/loans"),
        ] + (model.creditLineAvailable.map { [PortalPage.Stat("循环额度可用", Format.money($0), href: "/firm/credit-lines", tone: .success)] } ?? [])))
        blocks.append(.text(title: "办理流程", paragraphs: [
            "① 签署信用承诺书 → ② 授权金融机构查询 → ③ 在“产品与测额”查看可申请的产品和参考额度 → ④ 提交申请 → ⑤ 银行审批后在线签约 → ⑥ 放款后查看还款计划。",
        ]))
        return PortalPage.render(model.context, title: "企业首页", subtitle: "欢迎使用信易贷", blocks)
    }
}
