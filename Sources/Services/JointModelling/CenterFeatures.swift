import CreditLog
import Domain
import Foundation
import JointModel

/// The credit center's side of a joint model: numeric features computed from the data hub's records, one row per
/// aligned firm. Each feature reads one catalog dataset; a feature whose dataset is government-shared (政务共享) is
/// outside the catalog's allowed scope for joint modelling and is refused, and the authorised-level (授权查询)
/// datasets among the chosen features are the categories a firm's authorisation must cover for its id to enter the
/// PSI. The values never leave the center: only encrypted residual halves and the final partial scores do.
public struct CenterFeature: Sendable, Equatable {
    public let name: String
    public let label: String
    public let dataset: String

    /// The raw value for one firm from its records of this feature's dataset (before standardisation).
    let value: @Sendable (_ records: [StoredRecord], _ today: Day) -> Double

    public static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.dataset == b.dataset }
}

public enum CenterFeatures {
    static func number(_ text: String?) -> Double { Double(text ?? "") ?? 0 }

    /// Records of the last `months` months by a `YYYY-MM` period field.
    static func recent(_ records: [StoredRecord], field: String, months: Int, today: Day) -> [StoredRecord] {
        let from = String(today.adding(days: -30 * months).description.prefix(7))
        return records.filter { ($0.content[field] ?? "") >= from }
    }

    static func latest(_ records: [StoredRecord], by field: String) -> StoredRecord? {
        records.max { ($0.content[field] ?? "", $0.recordID) < ($1.content[field] ?? "", $1.recordID) }
    }

    /// The features the center offers, in training order.
    public static let all: [CenterFeature] = [
        CenterFeature(name: "reg_capital_log", label: "注册资本（对数）", dataset: "market.registration") { records, _ in
            log1p(number(records.first?.content["reg_capital_wan"]))
        },
        CenterFeature(name: "firm_age_years", label: "成立年限", dataset: "market.registration") { records, today in
            guard let day = records.first.flatMap({ Day(iso: $0.content["established_on"] ?? "") }) else { return 0 }
            return Double(day.wholeMonths(until: today)) / 12
        },
        CenterFeature(name: "penalties_3y", label: "近三年行政处罚次数", dataset: "admin.penalty") { records, today in
            let from = today.adding(days: -3 * 365).description
            return Double(records.filter { ($0.content["decided_on"] ?? "") >= from }.count)
        },
        CenterFeature(name: "tax_grade_a", label: "纳税信用 A 级", dataset: "tax.rating") { records, _ in
            latest(records, by: "year")?.content["grade"] == "A" ? 1 : 0
        },
        CenterFeature(name: "tax_paid_12m_log", label: "近12个月纳税额（对数）", dataset: "tax.payment") { records, today in
            log1p(recent(records, field: "period", months: 12, today: today).reduce(0) { $0 + number($1.content["tax_paid"]) })
        },
        CenterFeature(name: "tax_arrears_12m", label: "近12个月欠税", dataset: "tax.payment") { records, today in
            recent(records, field: "period", months: 12, today: today).contains { number($0.content["arrears"]) > 0 } ? 1 : 0
        },
        CenterFeature(name: "insured_count_log", label: "参保人数（对数）", dataset: "social.insurance") { records, _ in
            log1p(number(latest(records, by: "period")?.content["insured_count"]))
        },
        CenterFeature(name: "social_arrears_12m", label: "近12个月社保欠费", dataset: "social.insurance") { records, today in
            recent(records, field: "period", months: 12, today: today).contains { number($0.content["arrears"]) > 0 } ? 1 : 0
        },
        CenterFeature(name: "utility_days_late", label: "公用事业缴费平均逾期天数", dataset: "utility.payment") { records, today in
            let recent = recent(records, field: "period", months: 12, today: today)
            return recent.isEmpty ? 0 : recent.reduce(0) { $0 + number($1.content["days_late"]) } / Double(recent.count)
        },
        CenterFeature(name: "court_defendant_cases", label: "作为被告的司法案件数", dataset: "judicial.case") { records, _ in
            Double(records.filter { $0.content["role"] == "被告" }.count)
        },
        CenterFeature(name: "dishonest_active", label: "失信被执行人（未移出）", dataset: "judicial.dishonest") { records, _ in
            records.contains { ($0.content["removed_on"] ?? "").isEmpty } ? 1 : 0
        },
    ]

    /// The features by name (all when `names` is empty), checked against the catalog: known dataset, not
    /// government-shared.
    public static func select(_ names: [String], catalog: Catalog) throws -> [CenterFeature] {
        var chosen: [CenterFeature] = []
        for name in names.isEmpty ? all.map(\.name) : names {
            guard let feature = all.first(where: { $0.name == name }) else {
                throw DomainError.invalidInput(field: "features", reason: "信用中心没有特征“\(Echo.short(name, max: 40))”，可选 \(all.map(\.name).joined(separator: "、"))")
            }
            guard let spec = catalog.dataset(feature.dataset) else { throw DomainError.unknownDataset(feature.dataset) }
            guard spec.level != .government else {
                throw DomainError.forbidden("特征“\(feature.label)”来自政务共享数据，不在数据目录允许联合建模的范围内")
            }
            if !chosen.contains(feature) { chosen.append(feature) }
        }
        return chosen
    }

    /// The catalog categories of the authorised-level datasets the features read: what a firm's authorisation must cover.
    public static func consentCategories(_ features: [CenterFeature], catalog: Catalog) -> Set<String> {
        Set(features.compactMap { catalog.dataset($0.dataset) }.filter { $0.level == .authorised }.map(\.category))
    }

    /// SHA-256 over the features' names and datasets, in order: the identifier of "which features" in the log.
    public static func digest(_ features: [CenterFeature]) -> String {
        let text = features.map { "\($0.name)|\($0.dataset)" }.joined(separator: "\n")
        return LogEntry.digest(of: Array(text.utf8))
    }

    /// Registered, active (存续) firms whose authorisation lets `institutionID` use every one of `categories` for loans
    /// (贷款申请) today: the center's ids that may enter the PSI. One authorisation must cover all the categories; with
    /// none required (public features only) an authorisation to the institution is still required.
    public static func eligible(registered: [(uscc: String, status: String)], authorisations: [Authorisation],
                                institutionID: String, categories: Set<String>, today: Day) -> Set<String> {
        var consenting = Set<String>()
        for a in authorisations {
            if let revoked = a.revokedOn, revoked <= today { continue }
            guard a.validFrom <= today, today <= a.validUntil, a.scope.covers(institutionID),
                  a.purposes.contains(.loanApplication), categories.isSubset(of: a.categories) else { continue }
            consenting.insert(a.uscc)
        }
        return Set(registered.filter { $0.status == "存续" && consenting.contains($0.uscc) }.map(\.uscc))
    }

    /// The standardised feature matrix of `usccs` (rows in that order) from their records.
    public static func matrix(_ features: [CenterFeature], usccs: [String], records: [String: [StoredRecord]],
                              today: Day) throws -> FeatureMatrix {
        var raw: [[Double]] = usccs.map { uscc in
            let own = records[uscc] ?? []
            return features.map { f in f.value(own.filter { $0.dataset == f.dataset }, today) }
        }
        for j in features.indices {
            let column = raw.map { $0[j] }
            let mean = column.reduce(0, +) / Double(max(column.count, 1))
            let variance = column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(column.count, 1))
            let sd = variance.squareRoot()
            for i in raw.indices { raw[i][j] = sd > 1e-12 ? (raw[i][j] - mean) / sd : 0 }
        }
        return try FeatureMatrix(names: features.map(\.name), rows: raw)
    }
}
