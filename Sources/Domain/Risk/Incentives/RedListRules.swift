import Foundation

/// The criteria and periods of the 守信激励名单 (red list, RISK.md §4 and §8.4) as versioned data
/// (`incentive-rules.json`): tax grade A, a top grade of the platform's credit evaluation, a clean repayment
/// history on the platform for N months, no blocking listing; a publicity period before the entry takes
/// effect (Henan Art. 28) and a validity (set by the listing authority, Henan Art. 37). An evaluation or an
/// entry is judged under the version in force on its day, so it can be replayed later.
public struct RedListRules: Sendable, Equatable, Codable, VersionedRules {
    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        /// ISO `YYYY-MM-DD`: the first day this version applies.
        public var effectiveFrom: String
        /// Tax credit grades that qualify (纳税信用 A级, the national memorandum [R50]).
        public var taxGrades: [String]
        /// Grades of the platform's credit evaluation that qualify (its top bands).
        public var evaluationGrades: [String]
        /// Whole months of repayment history on the platform without any overdue day.
        public var cleanRepaymentMonths: Int
        /// 公示 before the entry takes effect; objections may be raised within it.
        public var publicity: ProcedurePeriod
        /// The time to answer an objection raised during the publicity.
        public var objectionAnswer: ProcedurePeriod
        /// How long an entry is valid from the day it takes effect, in months.
        public var validityMonths: Int
        /// Names of the fields above whose value is not found in any source (a configurable default).
        public var unconfirmed: [String]

    }

    public var name: String
    /// Where each criterion and number comes from (sections of shared/docs/RISK.md), UNCONFIRMED defaults marked.
    public var source: String
    /// Oldest first.
    public var versions: [Version]

    public init(name: String, source: String, versions: [Version]) {
        self.name = name; self.source = source; self.versions = versions
    }


    /// The version in force on `day`, or `invalidCatalog` when none is.
    public func required(on day: Day) throws(DomainError) -> Version {
        guard let version = inForce(on: day) else {
            throw .invalidCatalog(entry: "incentive-rules.json", reason: "\(day) 没有生效的守信激励名单规则")
        }
        return version
    }

    /// The rules shipped with the platform (`incentive-rules.json`).
    public static func bundled() throws(DomainError) -> RedListRules {
        guard let url = Bundle.module.url(forResource: "incentive-rules", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: "incentive-rules.json", reason: "安装包中缺少守信激励名单规则文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> RedListRules {
        let rules: RedListRules
        do { rules = try JSONDecoder().decode(RedListRules.self, from: data) } catch {
            throw .invalidCatalog(entry: "incentive-rules.json", reason: "守信激励名单规则文件格式有误：\(error)")
        }
        for v in rules.versions {
            func bad(_ reason: String) -> DomainError {
                .invalidCatalog(entry: "incentive-rules.json", reason: "守信激励名单规则第 \(v.version) 版\(reason)")
            }
            guard v.effectiveDay != nil else { throw bad("的生效日期“\(v.effectiveFrom)”不是 YYYY-MM-DD") }
            guard !v.taxGrades.isEmpty, !v.evaluationGrades.isEmpty else { throw bad("未列出符合条件的纳税信用等级或评价等级") }
            guard v.cleanRepaymentMonths >= 0, v.publicity.days >= 0 else { throw bad("的月数或公示期不能为负数") }
            guard v.validityMonths > 0 else { throw bad("的有效期必须大于零") }
        }
        guard Set(rules.versions.map(\.version)).count == rules.versions.count else {
            throw .invalidCatalog(entry: "incentive-rules.json", reason: "守信激励名单规则的版本号重复")
        }
        return rules
    }
}
