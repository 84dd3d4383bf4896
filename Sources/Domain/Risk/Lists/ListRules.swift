import Foundation

/// The numbers of default feedback and of the serious-dishonesty lists (cure period, objection window,
/// disclosure limit, the 严重失信债务人 threshold …) as versioned data (`list-rules.json`). Each version has the
/// day it takes effect; a report or a listing is judged under the version in force on the day it started
/// (the notice day of an overdue report, the proposal day of a listing), so it can be replayed later.
public struct ListRules: Sendable, Equatable, Codable, VersionedRules {
    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        /// ISO `YYYY-MM-DD`: the first day this version applies.
        public var effectiveFrom: String
        /// 履行期限: after the written notice of an overdue report, the firm may still pay before the report
        /// becomes a credit record (Taizhou Art. 11 says only "适当"; the length is a configurable default).
        public var curePeriod: ProcedurePeriod
        /// After the prior written notice of a listing, the days the party has to object (陈述申辩).
        public var objectionWindow: ProcedurePeriod
        /// The time the listing authority has to answer an objection (Zhejiang Art. 31: 5 working days).
        public var objectionAnswer: ProcedurePeriod
        /// 涉金融: the body lists within this period after the decision takes effect (460号: 5 working days).
        public var listingDeadline: ProcedurePeriod
        /// Bad information is disclosed and used for this many years from the end of the act.
        public var disclosureYears: Int
        /// Whether the disclosure runs on while the party is still on the list (Zhejiang Art. 16), rather
        /// than stopping at the limit regardless (Shandong Art. 38).
        public var disclosureExtendedWhileListed: Bool
        /// Creditor types that make a 失信被执行人 a 严重失信债务人 (banks, and any other financial institution
        /// the operator adds).
        public var seriousDebtorCreditorTypes: [String]
        /// The amount a 失信被执行人's debt must exceed (strictly) to make them a 严重失信债务人.
        public var seriousDebtorThreshold: Cents
        /// Names of the fields above whose value is not found in any source (a configurable default).
        public var unconfirmed: [String]


        /// The last day to list a party after the decision it rests on took effect on `day` (460号: within
        /// 5 working days), for the operator's to-do list.
        public func listingDue(afterDecisionOn day: Day, calendar: WorkingDays = WorkingDays()) -> Day {
            listingDeadline.lastDay(openedOn: day, calendar: calendar)
        }
    }

    public var name: String
    /// Where each number comes from (sections of shared/docs/RISK.md), UNCONFIRMED defaults marked.
    public var source: String
    /// Oldest first.
    public var versions: [Version]

    public init(name: String, source: String, versions: [Version]) {
        self.name = name; self.source = source; self.versions = versions
    }

    /// The version in force on `day`, or `invalidCatalog` when none is (a day before the first version).
    public func required(on day: Day) throws(DomainError) -> Version {
        guard let version = inForce(on: day) else {
            throw .invalidCatalog(entry: "list-rules.json", reason: "\(day) 没有生效的失信名单规则")
        }
        return version
    }

    /// The rules shipped with the platform (`list-rules.json`).
    public static func bundled() throws(DomainError) -> ListRules {
        guard let url = Bundle.module.url(forResource: "list-rules", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: "list-rules.json", reason: "安装包中缺少失信名单规则文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> ListRules {
        let rules: ListRules
        do { rules = try JSONDecoder().decode(ListRules.self, from: data) } catch {
            throw .invalidCatalog(entry: "list-rules.json", reason: "失信名单规则文件格式有误：\(error)")
        }
        for v in rules.versions {
            func bad(_ reason: String) -> DomainError {
                .invalidCatalog(entry: "list-rules.json", reason: "失信名单规则第 \(v.version) 版\(reason)")
            }
            guard v.effectiveDay != nil else { throw bad("的生效日期“\(v.effectiveFrom)”不是 YYYY-MM-DD") }
            guard [v.curePeriod, v.objectionWindow, v.objectionAnswer, v.listingDeadline].allSatisfy({ $0.days >= 0 }) else {
                throw bad("的期限不能为负数")
            }
            guard v.disclosureYears > 0 else { throw bad("的信息公开年限必须大于零") }
            guard v.seriousDebtorThreshold.value >= 0 else { throw bad("的严重失信债务人金额标准不能为负数") }
            guard !v.seriousDebtorCreditorTypes.isEmpty else { throw bad("未列出严重失信债务人的债权人类型") }
        }
        guard Set(rules.versions.map(\.version)).count == rules.versions.count else {
            throw .invalidCatalog(entry: "list-rules.json", reason: "失信名单规则的版本号重复")
        }
        return rules
    }
}
