/// What a financing demand may ask for, by the firm's size in the registry (微型, 小型, 中型, 大型): a demand beyond it
/// is a typing mistake or not a small firm's demand (a 5亿 demand over 240 months from a micro firm). Terms of more
/// than ten years are not working-capital or investment loans the platform's products offer.
public enum DemandLimits {
    public static let maximumTermMonths = 120

    /// The largest amount (cents) a firm of `scale` may ask for; unknown sizes are held to the small firm's.
    public static func maximumAmount(scale: String?) -> Int64 {
        switch scale {
        case "微型": 10_000_000 * 100
        case "中型": 200_000_000 * 100
        case "大型": 1_000_000_000 * 100
        default: 50_000_000 * 100
        }
    }

    public static func check(amountCents: Int64, termMonths: Int, scale: String?) throws(DomainError) {
        let maximum = maximumAmount(scale: scale)
        if amountCents > maximum {
            throw .invalidInput(field: "amount", reason: "\(scale ?? "小型")企业的单笔融资需求不超过\(Cents(maximum).wanYuanText)，请核对金额（单位：元）")
        }
        if termMonths > maximumTermMonths {
            throw .invalidInput(field: "termMonths", reason: "融资期限不超过\(maximumTermMonths)个月（10年）")
        }
    }
}
