/// What a financing demand may ask for: an amount within the limit of the firm's size and a term within the longest,
/// under the market rules in force on the day it is published (`MarketRules`).
public enum DemandLimits {
    public static func check(amountCents: Int64, termMonths: Int, scale: String?, rules: MarketRules.Version) throws(DomainError) {
        let maximum = rules.demandMaximumCents(scale: scale)
        if amountCents > maximum {
            throw .invalidInput(field: "amount", reason: "\(scale ?? "小型")企业的单笔融资需求不超过\(Cents(maximum).wanYuanText)，请核对金额（单位：元）")
        }
        if termMonths > rules.demandMaximumTermMonths {
            let years = rules.demandMaximumTermMonths % 12 == 0 ? "（\(rules.demandMaximumTermMonths / 12)年）" : ""
            throw .invalidInput(field: "termMonths", reason: "融资期限不超过\(rules.demandMaximumTermMonths)个月\(years)")
        }
    }
}
