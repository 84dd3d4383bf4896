import Domain

/// Cells and rows shared by the pre-approval and credit-line pages.
enum CreditLineCells {
    static func statusTone(_ status: CreditLineStatus) -> PortalPage.Tone {
        switch status {
        case .active: .success
        case .matured: .warning
        case .closed: .neutral
        }
    }

    static func classTone(_ c: LoanClass) -> PortalPage.Tone {
        switch c {
        case .normal: .success
        case .specialMention: .warning
        default: .danger
        }
    }

    /// "3.80%–4.20%（执行 4.02%）".
    static func rates(_ rates: RateRange, executed: AnnualRate) -> String {
        "\(rates.text)（执行 \(executed.percentText)）"
    }

    /// A line's figures today, as its firm and its lender read them (`paidLabel`: 已付利息 for the firm, 已收利息 for the
    /// lender).
    static func figures(_ s: CreditLineSummary, paidLabel: String) -> [PortalPage.Fact] {
        let l = s.line, p = s.position
        return [
            .init("状态", cell: .badge(p.status.label, tone: statusTone(p.status))),
            .init("额度", l.ledger.limit.yuanText),
            .init("已用（待还本金）", p.principal.yuanText),
            .init("可用额度", p.available.yuanText),
            .init("截至今日应计利息", p.interest.yuanText),
            .init("按当前余额每日利息", p.dailyInterest.yuanText),
            .init(paidLabel, p.interestPaid.yuanText),
            .init("年利率", l.ledger.rate.percentText),
            .init("计息方式", DayCount.label),
            .init("有效期", "\(l.ledger.openedOn) 至 \(l.ledger.maturesOn)（到期日起不能再提款，未还款项到期应还）"),
            .init("逾期天数", "\(p.overdueDays)"),
            .init("五级分类", cell: .badge(s.classification.label, tone: classTone(s.classification))),
        ]
    }

    /// Every movement of a line, newest first, with the coupon on each draw and what it has saved.
    static func ledgerTable(_ s: CreditLineSummary) -> PortalPage.Table {
        .init(title: "额度流水", id: "entries-\(s.line.id)", headers: ["流水号", "日期", "类型", "金额", "其中利息", "其中本金", "信用券"],
              rows: s.line.ledger.entries.reversed().map { e in
                  [.text("#\(e.id)"), .text(e.day.description), .text(e.kind.label), .text(e.amount.yuanText),
                   .text(e.interestPart.yuanText), .text(e.principalPart.yuanText), couponCell(e, forgone: s.couponForgone)]
              }, emptyText: "尚无提款或还款")
    }

    /// A ledger row's coupon: the cut it gives the draw and what it has saved so far (settled + accrued), or a dash.
    static func couponCell(_ e: CreditLineEntry, forgone: [Int64: DrawCouponForgone]) -> PortalPage.Cell {
        guard let c = e.coupon else { return .text("—") }
        let saved = forgone[c.couponID]?.total ?? .zero
        return .twoLines("信用券 #\(c.couponID)：降息 \(CouponFace.points(c.cutBasisPoints)) 个百分点", "已让利 \(saved.yuanText)")
    }

    /// The offer as the firm sees it on its dashboard and its credit page.
    static func offerText(_ o: PreapprovalOffer) -> String {
        "您有预授信额度：\(o.institutionName)“\(o.productName)”\(o.limit.wanYuanText)，年利率 \(o.rates.text)，期限 \(o.termMonths) 个月，"
            + "循环使用、随借随还；请于 \(o.validUntil) 前确认接受，逾期自动失效。"
    }
}

/// A line with its figures on the day shown.
public struct CreditLineSummary: Sendable, Equatable {
    public var line: CreditLine
    public var position: CreditLinePosition
    public var classification: LoanClass
    /// What each coupon redeemed on a draw has saved so far, by coupon id.
    public var couponForgone: [Int64: DrawCouponForgone]

    public init(line: CreditLine, position: CreditLinePosition, classification: LoanClass, couponForgone: [Int64: DrawCouponForgone] = [:]) {
        self.line = line; self.position = position; self.classification = classification; self.couponForgone = couponForgone
    }

    public init(line: CreditLine, asOf day: Day, thresholds: ClassificationThresholds) {
        self.init(line: line, position: line.position(asOf: day), classification: line.classification(asOf: day, thresholds: thresholds),
                  couponForgone: line.ledger.couponDraws.isEmpty ? [:] : line.ledger.couponForgone(asOf: day))
    }
}
