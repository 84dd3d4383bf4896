/// In-line quota estimate (在线测额): for each online product, an indicative amount and rate for the firm, or
/// the reasons it is not eligible. Indicative only; the institution decides.
///
/// Formulas (deterministic, integer arithmetic):
/// - Amount scales with the score's position on the 0–1000 scale (clamped):
///   `amount = min + (max − min) × score / 1000`, rounded down to a whole 1,000 yuan (100,000 cents) and
///   never below the product's minimum. Score 0 → minimum, 1000 → maximum.
/// - Rate falls as the grade improves, between the product's minimum grade (or the worst grade on the scale
///   when it has none) and the best grade: with `r` the firm's rank (0 = best) and `m` the rank of that
///   minimum grade, `rate = minRate + (maxRate − minRate) × r / m`, rounded half up to 1 basis point
///   (`m = 0` → minRate). A grade not on the scale is priced as `m` (the top of the range).
public struct QuotaEstimate: Sendable, Equatable, Hashable, Codable {
    /// An indicative offer for one eligible product.
    public struct Offer: Sendable, Equatable, Hashable, Codable {
        public var productID: String
        public var productName: String
        public var institutionID: String
        public var amountCents: Int64
        public var rateBasisPoints: Int
        public var termRange: TermRange
        public var repaymentMethods: [RepaymentMethod]
        /// How the amount and rate were derived, in Chinese, one step a line.
        public var working: [String] = []
    }

    /// A product the firm is not eligible for, with the reasons.
    public struct Declined: Sendable, Equatable, Hashable, Codable {
        public var productID: String
        public var productName: String
        public var institutionID: String
        public var reasons: [String]
    }

    public var uscc: String
    /// Lowest rate first, then highest amount, then product id.
    public var offers: [Offer]
    /// In the order the products were given.
    public var ineligible: [Declined]

    public static let maxScore = 1000
    /// Amounts are rounded down to this step: 1,000 yuan.
    public static let amountStepCents: Int64 = 100_000

    /// Estimates every online product for the firm; drafts, products under review and offline ones are
    /// skipped.
    public static func estimate(for facts: FirmFacts, products: [LoanProduct], today: Day,
                                grades: GradeScale = .standard) -> QuotaEstimate {
        var offers: [Offer] = []
        var declined: [Declined] = []
        for product in products where product.status == .online {
            switch Eligibility.check(product, facts, today: today, grades: grades) {
            case .eligible:
                offers.append(offer(product, facts, grades: grades))
            case .ineligible(let reasons):
                declined.append(Declined(productID: product.id, productName: product.name,
                                         institutionID: product.institutionID, reasons: reasons))
            }
        }
        offers.sort {
            ($0.rateBasisPoints, -$0.amountCents, $0.productID) < ($1.rateBasisPoints, -$1.amountCents, $1.productID)
        }
        return QuotaEstimate(uscc: facts.uscc, offers: offers, ineligible: declined)
    }

    /// The indicative offer of one product, assuming the firm is eligible, with its working.
    public static func offer(_ product: LoanProduct, _ facts: FirmFacts, grades: GradeScale = .standard) -> Offer {
        let range = product.amountRange
        let byScore = amount(range, score: facts.score)
        let final = amount(range, score: facts.score, cap: facts.quotaCapCents)
        let rateBP = rate(product, grade: facts.grade, grades: grades)
        func yuan(_ cents: Int64) -> String { MarketplaceText.yuan(cents) }
        var working = ["额度按公共信用综合评价得分测算：\(yuan(range.minCents)) +（\(yuan(range.maxCents)) − \(yuan(range.minCents))）× \(min(max(facts.score, 0), maxScore)) ÷ \(maxScore)，按千元取整 = \(yuan(byScore))"]
        if final < byScore, let cap = facts.quotaCapCents {
            working.append("\(facts.scale ?? "")企业单户参考额度不超过 \(yuan(cap))，取 \(yuan(final))")
        }
        working.append("利率按信用等级 \(facts.grade.isEmpty ? "（无）" : facts.grade) 在产品区间 \(AnnualRate(basisPoints: product.rateRange.minBasisPoints).percentText)–\(AnnualRate(basisPoints: product.rateRange.maxBasisPoints).percentText) 中定位：\(AnnualRate(basisPoints: rateBP).percentText)（等级越好利率越低）")
        working.append("测算仅供参考，以金融机构审批为准")
        return Offer(productID: product.id, productName: product.name, institutionID: product.institutionID,
                     amountCents: final, rateBasisPoints: rateBP, termRange: product.termRange,
                     repaymentMethods: product.repaymentMethods, working: working)
    }

    /// The amount for a score (see the type's documentation), then held to `cap` (the firm's size's, `FirmFacts.quotaCapCents`),
    /// never below the product's own minimum.
    public static func amount(_ range: AmountRange, score: Int, cap: Int64? = nil) -> Int64 {
        let s = Int64(min(max(score, 0), maxScore))
        let raw = range.minCents + (range.maxCents - range.minCents) * s / Int64(maxScore)
        let rounded = raw / amountStepCents * amountStepCents
        let inRange = min(max(rounded, range.minCents), range.maxCents)
        guard let cap else { return inRange }
        return max(min(inRange, cap), range.minCents)
    }

    /// The rate for a grade: see the type's documentation.
    public static func rate(_ product: LoanProduct, grade: String, grades: GradeScale = .standard) -> Int {
        let range = product.rateRange
        let worst = max(grades.grades.count - 1, 0)
        let m = product.eligibility.minimumGrade.flatMap(grades.rank(of:)) ?? worst
        guard m > 0 else { return range.minBasisPoints }
        let r = min(grades.rank(of: grade) ?? m, m)
        let spread = range.maxBasisPoints - range.minBasisPoints
        return range.minBasisPoints + (2 * spread * r + m) / (2 * m)
    }
}
