import Foundation

/// The marketplace's limits by firm size as versioned data (`market-rules.json`): the largest financing demand a firm
/// of each size may publish and its longest term, and the indicative most one product may offer a firm of each size
/// (the quota estimate, the auto-approval rule "不超过系统测算额度" and pre-approval limits all keep to it). A demand or
/// a decision is judged under the version in force on its day, so it can be replayed later.
public struct MarketRules: Sendable, Equatable, Codable, VersionedRules {
    public struct Version: Sendable, Equatable, Codable, RuleVersion {
        public var version: Int
        /// ISO `YYYY-MM-DD`: the first day this version applies.
        public var effectiveFrom: String
        /// Largest demand by size class (微型, 小型, 中型, 大型), in yuan; a firm of unknown size is held to 小型's.
        public var demandMaximumYuan: [String: Int64]
        public var demandMaximumTermMonths: Int
        /// Indicative most one product may offer a firm of each size, in yuan; a size not listed (大型) is not capped.
        public var quotaCapYuan: [String: Int64]
        /// Names of the fields above whose value is a configurable default found in no source.
        public var unconfirmed: [String]

        /// The largest demand (cents) a firm of `scale` may publish.
        public func demandMaximumCents(scale: String?) -> Int64 {
            (demandMaximumYuan[scale ?? ""] ?? demandMaximumYuan["小型"] ?? 0) * 100
        }

        /// The same version with another list of unconfirmed fields (comparisons that ignore it).
        public func withUnconfirmed(_ fields: [String]) -> Version {
            var copy = self
            copy.unconfirmed = fields
            return copy
        }

        /// The indicative cap (cents) of one product's offer to a firm of `scale`; nil when that size is not capped.
        public func quotaCapCents(scale: String?) -> Int64? {
            scale.flatMap { quotaCapYuan[$0] }.map { $0 * 100 }
        }
    }

    public var name: String
    public var source: String
    /// Oldest first.
    public var versions: [Version]

    public init(name: String, source: String, versions: [Version]) {
        self.name = name; self.source = source; self.versions = versions
    }

    /// The version in force on `day`, or `invalidCatalog` when none is.
    public func required(on day: Day) throws(DomainError) -> Version {
        guard let version = inForce(on: day) else {
            throw .invalidCatalog(entry: "market-rules.json", reason: "\(day) 没有生效的信贷市场规模限额")
        }
        return version
    }

    /// The rules shipped with the platform (`market-rules.json`).
    public static func bundled() throws(DomainError) -> MarketRules {
        guard let url = Bundle.module.url(forResource: "market-rules", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            throw .invalidCatalog(entry: "market-rules.json", reason: "安装包中缺少信贷市场规模限额文件")
        }
        return try decode(data)
    }

    public static func decode(_ data: Data) throws(DomainError) -> MarketRules {
        let rules: MarketRules
        do { rules = try JSONDecoder().decode(MarketRules.self, from: data) } catch {
            throw .invalidCatalog(entry: "market-rules.json", reason: "信贷市场规模限额文件格式有误：\(error)")
        }
        for v in rules.versions {
            guard v.effectiveDay != nil else {
                throw .invalidCatalog(entry: "market-rules.json", reason: "第 \(v.version) 版的生效日期应为 YYYY-MM-DD")
            }
            guard v.demandMaximumTermMonths > 0, v.demandMaximumYuan["小型"].map({ $0 > 0 }) == true,
                  (v.demandMaximumYuan.values.allSatisfy { $0 > 0 }), (v.quotaCapYuan.values.allSatisfy { $0 > 0 }) else {
                throw .invalidCatalog(entry: "market-rules.json", reason: "第 \(v.version) 版的金额与期限须为正数，且须给出小型企业的需求上限")
            }
        }
        guard !rules.versions.isEmpty else { throw .invalidCatalog(entry: "market-rules.json", reason: "没有任何版本") }
        return rules
    }

    /// The first version shipped (what the platform applied before the rules were data): the default of facts built
    /// without rules, e.g. in fixtures.
    public static let firstShipped = Version(
        version: 1, effectiveFrom: "2020-01-01",
        demandMaximumYuan: ["微型": 10_000_000, "小型": 50_000_000, "中型": 200_000_000, "大型": 1_000_000_000],
        demandMaximumTermMonths: 120, quotaCapYuan: ["微型": 1_000_000, "小型": 5_000_000, "中型": 20_000_000], unconfirmed: [])
}
