import Domain
import Foundation

/// Cells and tables the fund pages share.
enum FundCells {
    static func tone(_ status: FundClaimStatus) -> PortalPage.Tone {
        switch status {
        case .paid: .success
        case .rejected, .withdrawn: .neutral
        case .objected, .awaitingMaterial: .warning
        case .publicity, .payment: .info
        default: .info
        }
    }

    static func percent(_ basisPoints: Int?) -> String {
        guard let bp = basisPoints else { return "—" }
        return "\(bp / 100).\(String(format: "%02d", abs(bp % 100)))%"
    }

    /// Claims as rows linking to `base` + id.
    static func claimsTable(_ claims: [FundClaimRecord], base: String, title: String = "补偿申请", today: Day) -> PortalPage.Table {
        .init(title: title, id: "claims",
              headers: ["编号", "基金", "企业 / 贷款", "机构", "本金损失", "补偿（基金承担）", "状态", "本步时限"],
              rows: claims.map { c in
                  [.link(c.claim.claimId, href: "\(base)/\(c.id)"), .text(c.schemeName), .twoLines(c.firmName, FundBorrowing.label(key: c.loanId)),
                   .text(c.institutionName), .text(c.computation.principalLoss.yuanText),
                   .twoLines(c.computation.compensation.yuanText, "基金 \(c.computation.fundShare.yuanText)" + (c.computationFixed ? "" : "（预估）")),
                   .badge(c.status.label, tone: tone(c.status)),
                   .text(c.claim.deadline.map { d in c.claim.isOverdue(on: today) ? "\(d)（已超期）" : "\(d)" } ?? "—")]
              }, emptyText: "暂无补偿申请")
    }

    static func registrationsTable(_ rows: [FundRegistrationRecord], claimPath: ((FundRegistrationRecord) -> String?)? = nil) -> PortalPage.Table {
        .init(title: "入库核验", id: "registrations",
              headers: ["基金", "贷款 / 额度", "企业", "金额（额度）", "核验日", "结果"] + (claimPath == nil ? [] : ["操作"]),
              rows: rows.map { r in
                  var cells: [PortalPage.Cell] = [.text(r.schemeCode), .text(FundBorrowing.label(key: r.loanId)), .twoLines(r.firmName, r.firmUSCC),
                                                  .text(r.amount.yuanText), .text(r.checkedOn.description),
                                                  r.isCovered ? .badge("已入库（第 \(r.coverage?.version ?? 0) 版）", tone: .success)
                                                              : .twoLines("未入库", r.reasons.map(\.text).joined(separator: "；"))]
                  if let claimPath { cells.append(claimPath(r).map { .link("申请补偿", href: $0) } ?? .text("")) }
                  return cells
              }, emptyText: "暂无入库核验记录")
    }
}
