/// The platform's limits for products, set per city.
public struct ProductPolicy: Sendable, Equatable, Hashable, Codable {
    /// The highest annual rate a product may charge, in basis points.
    public var rateCapBasisPoints: Int
    /// The longest term, in months (1–360 by default).
    public var maxTermMonths: Int
    public var grades: GradeScale

    public init(rateCapBasisPoints: Int, maxTermMonths: Int = 360, grades: GradeScale = .standard) {
        self.rateCapBasisPoints = rateCapBasisPoints; self.maxTermMonths = maxTermMonths; self.grades = grades
    }

    /// A cap "at most `markupPercent` % above" a reference rate, rounded down to a whole basis point so the
    /// cap never exceeds the rule: LPR 300 bp × 1.3 = 390 bp; benchmark 435 bp × 1.3 = 565.5 → 565 bp.
    public static func capped(referenceBasisPoints: Int, markupPercent: Int) -> Int {
        referenceBasisPoints * (100 + markupPercent) / 100
    }
}
