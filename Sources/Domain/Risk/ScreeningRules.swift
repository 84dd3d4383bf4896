import Foundation

/// The screening of a firm for the recommendation list (申报清单 → 推荐清单): the national five criteria as
/// checks on the data hub, with every number and list as versioned data. Each version has the day it takes
/// effect; a decision made on a day is replayed under the version in force that day (`inForce(on:)`).
public struct ScreeningRules: Sendable, Equatable, Codable, VersionedRules {
    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        /// ISO `YYYY-MM-DD`: the first day this version applies.
        public var effectiveFrom: String
        /// 合规持续经营: whole months since establishment.
        public var minimumMonthsInBusiness: Int
        /// Registry statuses that count as operating (存续 …).
        public var operatingStatuses: [String]
        /// 固定经营场所: an abnormal-operation listing whose reason contains one of these fails the firm.
        public var unreachableAbnormalReasons: [String]
        /// 信用状况良好: a listing of one of these kinds, of the firm or its legal representative, fails it.
        public var blockingListKinds: [String]
        /// Tax credit grades that fail the firm.
        public var blockedTaxGrades: [String]
        /// 贷款用途依法合规: a declared purpose containing one of these fails the demand.
        public var blockedPurposes: [String]
        /// The credit center's own check (信用核查) must have passed.
        public var requireCreditCheck: Bool
        /// Calendar days a reviewed list is publicised (公示) before it may be pushed.
        public var publicityDays: Int
        /// Calendar days an institution has, from the push, to record a credit decision (授信决定).
        public var decisionDays: Int
        /// Calendar days past the decision deadline after which an undecided push turns red and goes to the
        /// operator (红黄绿灯: amber once overdue, red after this).
        public var escalationDays: Int

    }

    public var name: String
    public var source: String
    /// Oldest first.
    public var versions: [Version]

    public init(name: String, source: String, versions: [Version]) {
        self.name = name; self.source = source; self.versions = versions
    }


    /// The rules shipped with the platform (`screening-rules.json`).
    public static func bundled() throws(DomainError) -> ScreeningRules {
        guard let url = Bundle.module.url(forResource: "screening-rules", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: "screening-rules.json", reason: "安装包中缺少推荐清单初筛规则文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> ScreeningRules {
        let rules: ScreeningRules
        do { rules = try JSONDecoder().decode(ScreeningRules.self, from: data) } catch {
            throw .invalidCatalog(entry: "screening-rules.json", reason: "推荐清单初筛规则文件格式有误：\(error)")
        }
        for version in rules.versions {
            guard version.effectiveDay != nil else {
                throw .invalidCatalog(entry: "screening-rules.json", reason: "推荐清单初筛规则第 \(version.version) 版的生效日期“\(version.effectiveFrom)”不是 YYYY-MM-DD")
            }
            guard version.publicityDays >= 0, version.decisionDays > 0, version.escalationDays >= 0 else {
                throw .invalidCatalog(entry: "screening-rules.json", reason: "推荐清单规则第 \(version.version) 版的公示期、授信决定期限或升级期限不能为负（授信决定期限须大于 0）")
            }
        }
        return rules
    }
}
