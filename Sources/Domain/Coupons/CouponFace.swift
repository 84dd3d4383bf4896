/// What a coupon is worth (面值): a cut of the loan's annual rate in basis points (Dalian: 0.2 percentage points = 20),
/// or a share of the loan's interest up to a cap (Hangzhou: up to 25 % of the interest; the denomination is the cap).
public enum CouponFace: Sendable, Equatable, Hashable, Codable {
    /// The loan's annual rate is cut by this many basis points (never below zero).
    case rateCut(basisPoints: Int)
    /// This share (basis points of the interest: 1,000 = 10 %) of the loan's interest, at most `cap` over the loan.
    case interestShare(basisPoints: Int, cap: Cents)

    /// `降息 0.20 个百分点` or `利息的 10.00%（上限 ¥5,000.00）`.
    public var label: String {
        switch self {
        case .rateCut(let bp): "降息 \(CouponFace.points(bp)) 个百分点"
        case .interestShare(let bp, let cap): "补贴利息的 \(AnnualRate(basisPoints: bp).percentText)（每笔上限 \(cap.yuanText)）"
        }
    }

    /// The kind's code in the API: `rate_cut` or `interest_share`.
    public var kind: String {
        switch self {
        case .rateCut: "rate_cut"
        case .interestShare: "interest_share"
        }
    }

    public var basisPoints: Int {
        switch self {
        case .rateCut(let bp), .interestShare(let bp, _): bp
        }
    }

    public var cap: Cents? {
        if case .interestShare(_, let cap) = self { return cap }
        return nil
    }

    /// `0.20` for 20 basis points.
    public static func points(_ bp: Int) -> String {
        let whole = bp / 100, rest = bp % 100
        return "\(whole).\(rest < 10 ? "0" : "")\(rest)"
    }

    /// Checks a face value an operator entered: a cut of 1–300 basis points, or a share of 1–10,000 basis points
    /// with a positive cap.
    public func validate() throws(DomainError) {
        switch self {
        case .rateCut(let bp):
            guard (1...300).contains(bp) else { throw .invalidInput(field: "face", reason: "降息幅度须在 0.01 至 3.00 个百分点之间") }
        case .interestShare(let bp, let cap):
            guard (1...10_000).contains(bp) else { throw .invalidInput(field: "face", reason: "利息补贴比例须在 0.01% 至 100% 之间") }
            guard cap.isPositive else { throw .invalidInput(field: "cap", reason: "利息补贴须设每笔上限，且大于零") }
        }
    }
}
