import Domain

extension ReportVerifyPage {
    public static func render(_ model: Model) -> String {
        var blocks: [PortalPage.Block] = [
            .form(.init(title: "输入报告上的编号与验证码", id: "verify", action: "/public/reports/verify", method: .get, fields: [
                .init("number", "报告编号", value: model.number, isRequired: true, hint: "如 XYD-R-0000000042"),
                .init("code", "验证码", value: model.code, isRequired: true, hint: "16 位，数字与 a–f"),
            ], submitLabel: "核验")),
        ]
        if let outcome = model.outcome {
            blocks.append(.notice(outcome.message, tone: outcome.isGenuine ? .success : .danger))
            if !outcome.facts.isEmpty { blocks.append(.facts(title: "该报告的查询记录", outcome.facts.map { .init($0.label, $0.value) })) }
        }
        return PortalPage.render(model.context, title: "信用报告核验", subtitle: "核对一份信用报告是否由本平台依据企业授权出具、内容未被改动", blocks)
    }
}
