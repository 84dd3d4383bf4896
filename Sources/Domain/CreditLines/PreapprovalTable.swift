/// The bank's pre-approval table (授信政策表): by credit grade or by default-probability band, each row with a
/// maximum limit, a rate range and a term, and a probability ceiling above which nobody is offered credit.
/// Chongqing's 知识价值信用贷款 is a table by grade (A–E: 500/400/300/160/80 万元); Dalian's 工信e贷 offered up to
/// 300 万元 at 3.8–4.2 % for one year from a joint model's probabilities (FUNDS-COUPONS.md, seed 004).
public struct PreapprovalTable: Sendable, Equatable, Hashable, Codable {
    public enum Basis: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
        case grade, probability

        public var label: String {
            switch self {
            case .grade: "按信用等级"
            case .probability: "按违约概率分档"
            }
        }
    }

    /// One row.
    public struct Band: Sendable, Equatable, Hashable, Codable {
        /// The grade this row is for (basis `grade`).
        public var grade: String?
        /// The band's upper bound, inclusive (basis `probability`); its lower bound is the previous row's.
        public var upTo: DefaultProbability?
        public var maxLimit: Cents
        public var rates: RateRange
        public var termMonths: Int

        public init(grade: String? = nil, upTo: DefaultProbability? = nil, maxLimit: Cents, rates: RateRange, termMonths: Int) {
            self.grade = grade; self.upTo = upTo; self.maxLimit = maxLimit; self.rates = rates; self.termMonths = termMonths
        }

        /// "A+" or "≤ 0.50%".
        public var key: String { grade ?? upTo.map { "≤ \($0.percentText)" } ?? "" }
    }

    public var basis: Basis
    public var bands: [Band]
    /// No offer above this probability, whatever the row.
    public var ceiling: DefaultProbability

    public init(basis: Basis, bands: [Band], ceiling: DefaultProbability) {
        self.basis = basis; self.bands = bands; self.ceiling = ceiling
    }

    /// At most this many rows.
    public static let maxBands = 50
    /// A line's term, months.
    public static let termMonths = 1...60

    /// Checks the table against itself and the product it prices: rows of the basis, grades on the scale and
    /// once each, probability bounds strictly increasing, every rate inside the product's range, every term
    /// 1–60 months (pricing holds it to the product's longest).
    public func validate(product: LoanProduct, grades: GradeScale = .standard) throws(DomainError) {
        guard !bands.isEmpty else { throw .invalidInput(field: "table.bands", reason: "授信表至少需要一档") }
        guard bands.count <= Self.maxBands else { throw .invalidInput(field: "table.bands", reason: "授信表最多 \(Self.maxBands) 档") }
        guard ceiling.ppm > 0 else { throw .invalidInput(field: "table.ceiling", reason: "违约概率上限须大于 0") }
        var seen: Set<String> = []
        var previous = 0
        for (index, band) in bands.enumerated() {
            let field = "table.bands[\(index)]"
            switch basis {
            case .grade:
                guard let grade = band.grade, grades.contains(grade) else {
                    throw .invalidInput(field: field, reason: "信用等级须为 \(grades.grades.joined(separator: "、")) 之一")
                }
                guard seen.insert(grade).inserted else { throw .invalidInput(field: field, reason: "信用等级 \(grade) 重复") }
            case .probability:
                guard let upTo = band.upTo, upTo.ppm > previous else {
                    throw .invalidInput(field: field, reason: "违约概率档的上限须逐档递增且大于 0")
                }
                previous = upTo.ppm
            }
            guard band.maxLimit.isPositive else { throw .invalidInput(field: field, reason: "最高额度须大于 0") }
            guard band.rates.minBasisPoints <= band.rates.maxBasisPoints,
                  product.rateRange.contains(basisPoints: band.rates.minBasisPoints),
                  product.rateRange.contains(basisPoints: band.rates.maxBasisPoints) else {
                throw .invalidInput(field: field, reason: "利率区间须在产品利率 \(product.rateRange.text) 之内，且下限不高于上限")
            }
            guard Self.termMonths.contains(band.termMonths) else {
                throw .invalidInput(field: field, reason: "期限须在 1 到 60 个月之间（超过产品最长期限的按产品最长期限授信）")
            }
        }
    }

    /// The row of a firm and the probability bounds the rate is positioned between, or nil when no row applies.
    func band(grade: String, probability: DefaultProbability) -> (band: Band, low: Int, high: Int)? {
        switch basis {
        case .grade:
            guard let band = bands.first(where: { $0.grade == grade }) else { return nil }
            return (band, 0, ceiling.ppm)
        case .probability:
            var low = 0
            for band in bands {
                guard let upTo = band.upTo else { continue }
                if probability.ppm <= upTo.ppm { return (band, low, min(upTo.ppm, ceiling.ppm)) }
                low = upTo.ppm
            }
            return nil
        }
    }
}
