/// Overdue-day limits of the five-tier classification (*configurable* per city). A loan is classified by the
/// worst tier whose limit its overdue days *exceed*: with the defaults (2023 rules), 1–90 days overdue is
/// 关注, 91–270 次级, 271–360 可疑, 361 and more 损失, and 0 days 正常.
public struct ClassificationThresholds: Hashable, Sendable, Codable {
    /// More overdue days than this: at least 关注 (default 0, i.e. anything overdue).
    public var specialMentionAfterDays: Int
    /// More overdue days than this: at least 次级 (default 90).
    public var substandardAfterDays: Int
    /// More overdue days than this: at least 可疑 (default 270).
    public var doubtfulAfterDays: Int
    /// More overdue days than this: 损失 (default 360).
    public var lossAfterDays: Int

    /// The limits, checked: non-negative and strictly increasing.
    public init(specialMentionAfterDays: Int = 0, substandardAfterDays: Int = 90, doubtfulAfterDays: Int = 270,
                lossAfterDays: Int = 360) throws(DomainError) {
        self.specialMentionAfterDays = specialMentionAfterDays
        self.substandardAfterDays = substandardAfterDays
        self.doubtfulAfterDays = doubtfulAfterDays
        self.lossAfterDays = lossAfterDays
        try validate()
    }

    private init(uncheckedSpecialMention a: Int, substandard b: Int, doubtful c: Int, loss d: Int) {
        specialMentionAfterDays = a; substandardAfterDays = b; doubtfulAfterDays = c; lossAfterDays = d
    }

    public static let `default` = ClassificationThresholds(uncheckedSpecialMention: 0, substandard: 90, doubtful: 270, loss: 360)

    public func validate() throws(DomainError) {
        guard specialMentionAfterDays >= 0 else {
            throw .invalidInput(field: "specialMentionAfterDays", reason: "逾期天数界限不能为负数")
        }
        guard specialMentionAfterDays < substandardAfterDays, substandardAfterDays < doubtfulAfterDays,
              doubtfulAfterDays < lossAfterDays else {
            throw .invalidInput(field: "thresholds", reason: "关注、次级、可疑、损失的逾期天数界限必须依次递增")
        }
    }

    /// The tier of a loan `overdueDays` days overdue, never better than `floor` (a tier the institution
    /// assigned for other reasons, e.g. a restructured loan).
    public func classify(overdueDays: Int, atLeast floor: LoanClass = .normal) -> LoanClass {
        let byDays: LoanClass =
            overdueDays > lossAfterDays ? .loss
            : overdueDays > doubtfulAfterDays ? .doubtful
            : overdueDays > substandardAfterDays ? .substandard
            : overdueDays > specialMentionAfterDays ? .specialMention
            : .normal
        return max(byDays, floor)
    }

    enum CodingKeys: String, CodingKey {
        case specialMentionAfterDays, substandardAfterDays, doubtfulAfterDays, lossAfterDays
    }

    /// Decodes a configuration; missing limits take their defaults, and inconsistent limits are rejected.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ClassificationThresholds.default
        self.init(
            uncheckedSpecialMention: try c.decodeIfPresent(Int.self, forKey: .specialMentionAfterDays) ?? d.specialMentionAfterDays,
            substandard: try c.decodeIfPresent(Int.self, forKey: .substandardAfterDays) ?? d.substandardAfterDays,
            doubtful: try c.decodeIfPresent(Int.self, forKey: .doubtfulAfterDays) ?? d.doubtfulAfterDays,
            loss: try c.decodeIfPresent(Int.self, forKey: .lossAfterDays) ?? d.lossAfterDays)
        do { try validate() } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.message))
        }
    }
}
