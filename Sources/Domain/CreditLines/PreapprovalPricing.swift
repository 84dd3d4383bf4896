/// One firm's pre-approval: from its probability and grade, the table's row, then the limit, rate and term, each
/// step stated in Chinese for the offer. Integer arithmetic throughout.
///
/// - Limit: the row's maximum, held to the product's own maximum and to the indicative cap of the firm's size
///   (`MarketRules.Version.quotaCapCents`, in force on the run's day), rounded down to a whole 1,000 yuan; below the product's minimum there is no offer.
/// - Rate: inside the row's range by the probability: `min + (max − min) × (p − low) ÷ (high − low)`, rounded half
///   up to a basis point, where `low`–`high` are the row's probability bounds (a grade row: 0 to the ceiling).
/// - Term: the row's, at most the product's longest.
public enum PreapprovalPricing {
    /// A firm in the eligible universe, as pricing sees it (no features: grade, probability, size).
    public struct Candidate: Sendable, Equatable, Hashable {
        public var uscc: String
        public var grade: String
        public var probability: DefaultProbability
        public var scale: String?
        /// The cap of the firm's size under the market rules in force (nil: not capped).
        public var capCents: Int64?
        /// `capCents` left out takes the cap of `scale` under the first rules shipped (fixtures).
        public init(uscc: String, grade: String, probability: DefaultProbability, scale: String?, capCents: Int64?? = nil) {
            self.uscc = uscc; self.grade = grade; self.probability = probability; self.scale = scale
            self.capCents = capCents ?? MarketRules.firstShipped.quotaCapCents(scale: scale)
        }
    }

    public struct Terms: Sendable, Equatable, Hashable, Codable {
        public var limit: Cents
        public var rate: AnnualRate
        public var rates: RateRange
        public var termMonths: Int
        public var reasons: [String]
        public init(limit: Cents, rate: AnnualRate, rates: RateRange, termMonths: Int, reasons: [String]) {
            self.limit = limit; self.rate = rate; self.rates = rates; self.termMonths = termMonths; self.reasons = reasons
        }
    }

    public enum Outcome: Sendable, Equatable, Hashable {
        case offer(Terms)
        case none(reason: String)
    }

    public static func price(_ candidate: Candidate, table: PreapprovalTable, product: LoanProduct,
                             source: ProbabilitySource) -> Outcome {
        let p = candidate.probability
        guard p <= table.ceiling else {
            return .none(reason: "违约概率 \(p.percentText) 高于授信上限 \(table.ceiling.percentText)")
        }
        guard let (band, low, high) = table.band(grade: candidate.grade, probability: p) else {
            return .none(reason: table.basis == .grade
                         ? "信用等级 \(candidate.grade.isEmpty ? "（未评级）" : candidate.grade) 不在授信表中"
                         : "违约概率 \(p.percentText) 不在任何授信档内")
        }
        var reasons = ["违约概率 \(p.percentText)（来源：\(source.label)）"]
        reasons.append((table.basis == .grade ? "信用等级 \(band.key)" : "违约概率档 \(band.key)")
                       + " 对应：最高额度 \(MarketplaceText.yuan(band.maxLimit.value))，利率 \(band.rates.text)，期限 \(band.termMonths) 个月")
        var limit = band.maxLimit.value
        if product.amountRange.maxCents < limit {
            limit = product.amountRange.maxCents
            reasons.append("产品单户额度上限 \(MarketplaceText.yuan(limit))，取 \(MarketplaceText.yuan(limit))")
        }
        if let scale = candidate.scale, let cap = candidate.capCents, cap < limit {
            limit = cap
            reasons.append("\(scale)企业单户额度不超过 \(MarketplaceText.yuan(cap))")
        }
        limit = limit / QuotaEstimate.amountStepCents * QuotaEstimate.amountStepCents
        guard limit >= product.amountRange.minCents, limit > 0 else {
            return .none(reason: "可授信额度低于产品最低额度 \(MarketplaceText.yuan(product.amountRange.minCents))")
        }
        let spread = band.rates.maxBasisPoints - band.rates.minBasisPoints
        let span = max(high - low, 0)
        let position = min(max(p.ppm - low, 0), span)
        let rate = span == 0 ? band.rates.minBasisPoints
            : band.rates.minBasisPoints + Int(LoanMath.divideRoundingHalfUp(Int64(spread) * Int64(position), by: Int64(span)))
        reasons.append("执行利率按违约概率在区间内定位：\(MarketplaceText.rate(rate))（概率越低利率越低）")
        let term = min(band.termMonths, product.termRange.maxMonths)
        if term < band.termMonths { reasons.append("期限按产品最长期限取 \(term) 个月") }
        reasons.append("预授信额度 \(MarketplaceText.yuan(limit))，循环使用，随借随还")
        return .offer(Terms(limit: Cents(limit), rate: AnnualRate(basisPoints: rate), rates: band.rates, termMonths: term,
                            reasons: reasons))
    }
}
