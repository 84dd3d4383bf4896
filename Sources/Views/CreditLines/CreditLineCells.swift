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

    public init(line: CreditLine, position: CreditLinePosition, classification: LoanClass) {
        self.line = line; self.position = position; self.classification = classification
    }

    public init(line: CreditLine, asOf day: Day, thresholds: ClassificationThresholds) {
        self.init(line: line, position: line.position(asOf: day), classification: line.classification(asOf: day, thresholds: thresholds))
    }
}
