import Domain

extension BankPreapprovalsPage {
    public static func render(_ model: Model) -> String {
        let rows: [[PortalPage.Cell]] = model.runs.map { r in
            [.link("#\(r.id)", href: "/bank/preapprovals/\(r.id)"), .text(r.productName), .text(r.source.label),
             .text(r.requireRecommended ? "是" : "否"), .text(Format.count(r.universe)), .text(Format.count(r.offers)),
             .text(r.offeredTotal.wanYuanText), .text(r.ranOn.description), .text(r.validUntil.description),
             .text(Format.duration(milliseconds: r.elapsedMillis))]
        }
        let products = model.products.map { SelectOption(value: $0.id, label: "\($0.name)（利率 \($0.rateRange.text)，最长 \($0.termRange.maxMonths) 个月）") }
        let form = PortalPage.Form(
            title: "发起预授信", id: "run", action: "/bank/preapprovals",
            fields: [
                .init("product_id", "产品", kind: .select(products), isRequired: true),
                .init("valid_until", "要约有效期至", kind: .date, value: model.today.adding(days: 30).description, isRequired: true),
                .init("require_recommended", "企业范围", kind: .select([
                    SelectOption(value: "0", label: "平台全部注册企业（已开通企业账户、无失信记录）"),
                    SelectOption(value: "1", label: "仅推荐清单内企业"),
                ])),
                .init("source", "违约概率来源", kind: .select(ProbabilitySource.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) })),
                .init("basis", "授信表", kind: .select(PreapprovalTable.Basis.allCases.map { SelectOption(value: $0.rawValue, label: $0.label) })),
                .init("ceiling", "违约概率上限（%）", kind: .text, value: "5", isRequired: true),
                .init("bands", "授信档（每行一档）", kind: .textarea, value: "A+,3000000,3.80,4.00,12\nA,2000000,3.90,4.10,12\nB,1000000,4.00,4.20,12",
                      isRequired: true,
                      hint: "每行：信用等级或违约概率上限（%）, 最高额度（元）, 最低利率（%）, 最高利率（%）, 期限（月）；按违约概率分档时，上限逐行递增"),
                .init("probabilities", "违约概率文件（按上传来源时填写）", kind: .textarea,
                      hint: "联合建模结果：每行“统一社会信用代码,违约概率”，概率为 0 到 1 之间的小数或百分数；大批量请用接口 POST /api/v1/preapproval/runs"),
            ],
            submitLabel: "运行预授信",
            note: "平台只向贵机构提供授信结果（额度、利率、期限及理由），不提供企业的特征数据。",
            confirm: "确认运行预授信？符合条件的企业将在其首页看到预授信额度，本产品此前未被接受的要约将被替代。")
        return PortalPage.render(model.context, title: "预授信（主动授信）",
                                 subtitle: "对平台注册企业批量测算预授信额度；企业确认后形成循环额度，随借随还。",
                                 actions: [.init("循环额度", href: "/bank/credit-lines")], [
            .table(.init(title: "预授信批次（\(model.runs.count)）", id: "runs",
                         headers: ["批次", "产品", "概率来源", "仅推荐清单", "企业范围", "要约", "授信总额", "运行日", "有效期至", "计算耗时"],
                         rows: rows, emptyText: "尚未运行预授信")),
            model.products.isEmpty ? .notice("贵机构没有已上线的产品，上线产品后方可发起预授信。", tone: .info) : .form(form),
        ])
    }
}
