import Domain
import Foundation

extension JointRunsPage {
    public static func render(_ model: Model) -> String {
        let evaluated = model.runs.compactMap(\.auc)
        let headers = ["时间"] + (model.showsInstitution ? ["金融机构"] : []) + ["模型", "信用中心特征", "银行特征数", "提交对齐 / 对齐企业",
                                                                         "密钥", "AUC", "模型摘要"]
        let rows: [[PortalPage.Cell]] = model.runs.map { run in
            [.text(Format.dateTime(run.createdAt))] + (model.showsInstitution ? [.text(run.institutionName)] : []) + [
                .twoLines(run.name, run.runId), .text(run.centerFeatureLabels.joined(separator: "、")), .text(String(run.bankFeatureCount)),
                .text("\(Format.count(run.offeredCount)) / \(Format.count(run.alignedCount))"), .text("\(run.keyBits) 位"),
                run.auc.map { .badge(String(format: "%.4f", $0), tone: $0 >= 0.7 ? .success : .warning) } ?? .badge("待银行报告", tone: .neutral),
                .mono(String(run.modelDigest.prefix(16)) + "…"),
            ]
        }
        return PortalPage.render(model.context, title: "联合建模",
                                 subtitle: "银行与信用中心各自保留数据：对齐只交换加密后的标识，训练只交换同态加密的残差与梯度，双方都看不到对方的特征与标签", [
            .stats([
                .init("建模次数", Format.count(model.runs.count)),
                .init("已报告 AUC", Format.count(evaluated.count)),
                .init("最高 AUC", evaluated.max().map { String(format: "%.4f", $0) } ?? "—"),
                .init("参与对齐企业（累计）", Format.count(model.runs.reduce(0) { $0 + $1.alignedCount })),
            ]),
            .table(.init(title: "建模记录", id: "runs", headers: headers, rows: rows,
                         emptyText: "尚无联合建模记录：银行使用 xyd party 与信用中心发起联合建模后显示在这里")),
            .table(.init(title: "信用中心可提供的特征", id: "features", headers: ["特征", "名称", "来源数据集", "企业授权"],
                         rows: model.features.map {
                             [.mono($0.name), .text($0.label), .text($0.datasetName),
                              $0.needsConsent ? .badge("需企业授权", tone: .info) : .badge("公开信息", tone: .neutral)]
                         }, emptyText: "没有可提供的特征")),
            .text(title: "如何核验", paragraphs: [
                "每次建模写入透明日志（联合建模）：模型摘要、信用中心特征摘要、对齐企业数与银行报告的 AUC；企业可在“授权管理”中看到其数据参与过哪些建模。",
                "只有签署了覆盖所需数据类别的有效授权、已注册且存续的企业才会进入对齐。",
            ]),
        ])
    }
}
