import Foundation

/// Turns what the data hub holds about a firm into a `MonitoringSnapshot`: its current records of the monitored
/// datasets, the registry's legal representative, and the platform's own loans to it (one report per lender).
/// Periodic datasets (tax, social insurance, housing fund) count by their latest period; utility arrears add up
/// what is unpaid over every period, and the monthly amounts billed stand for consumption.
public enum MonitoringSnapshotBuilder {
    /// The datasets the snapshot reads.
    public static let datasets = [
        "judicial.dishonest", "judicial.case", "market.abnormal", "credit.list", "admin.penalty", "tax.payment", "tax.rating",
        "social.insurance", "housing.fund", "utility.payment",
    ]

    /// One of the platform's loans as the snapshot sees it: the lender's name, its days overdue and class.
    public struct Loan: Sendable, Equatable {
        public var lender: String
        public var overdueDays: Int
        public var classification: LoanClass
        public init(lender: String, overdueDays: Int, classification: LoanClass) {
            self.lender = lender; self.overdueDays = overdueDays; self.classification = classification
        }
    }

    /// `listed`: the firm's entries listed on the platform after its own procedure (涉金融严重失信 …), which are not
    /// data-hub records.
    public static func snapshot(uscc: String, day: Day, records: [StoredRecord], legalRepresentative: String?,
                                loans: [Loan], listed: [ListingEntry] = []) -> MonitoringSnapshot {
        var s = MonitoringSnapshot(uscc: uscc, day: day, legalRepresentative: legalRepresentative)
        for entry in listed where entry.isListed(on: day) {
            s.listings.append(.init(id: entry.id, kind: entry.kind.rawValue))
        }
        var latest: [String: (period: String, content: [String: String])] = [:]
        var usage: [String: [MonitoringSnapshot.MonthlyUsage]] = [:]
        for record in records {
            let c = record.content
            let active = (c["removed_on"] ?? "").isEmpty
            switch record.dataset {
            case "judicial.dishonest" where active:
                s.listings.append(.init(id: nonEmpty(c["case_no"]) ?? record.recordID, kind: "失信被执行人"))
            case "market.abnormal" where active:
                s.listings.append(.init(id: record.recordID, kind: "经营异常"))
            case "credit.list" where active && c["list_type"] == "black":
                s.listings.append(.init(id: record.recordID, kind: ScreeningFactsBuilder.kind(ofBlackListReason: c["reason"] ?? "")))
            case "judicial.case" where c["role"] == "被告" && (c["closed_on"] ?? "").isEmpty:
                s.lawsuitsAsDefendant.append(nonEmpty(c["case_no"]) ?? record.recordID)
            case "admin.penalty":
                s.penalties.append(.init(id: nonEmpty(c["decision_no"]) ?? record.recordID,
                                         severity: PenaltySeverity(label: c["severity"] ?? "") ?? .general,
                                         amount: cents(c["amount"])))
            case "tax.payment", "social.insurance", "housing.fund", "tax.rating":
                let period = c["period"] ?? c["year"] ?? ""
                if let kept = latest[record.dataset], kept.period >= period { continue }
                latest[record.dataset] = (period, c)
            case "utility.payment":
                let unpaid = cents(c["amount_due"]) - cents(c["amount_paid"])
                if unpaid.isPositive { s.utilityArrears = s.utilityArrears + unpaid }
                if let month = month(c["period"]) {
                    usage[c["utility"] ?? "", default: []].append(.init(year: month.year, month: month.month,
                                                                         quantity: cents(c["amount_due"]).value / 100))
                }
            default:
                break
            }
        }
        s.taxArrears = cents(latest["tax.payment"]?.content["arrears"])
        s.taxGrade = nonEmpty(latest["tax.rating"]?.content["grade"])
        s.socialInsuranceArrears = cents(latest["social.insurance"]?.content["arrears"])
        s.insuredHeadcount = latest["social.insurance"].flatMap { Int($0.content["insured_count"] ?? "") }
        s.housingFundArrears = cents(latest["housing.fund"]?.content["arrears"])
        // Power stands for activity when it is metered; otherwise every utility billed together.
        if let power = usage["electricity"], !power.isEmpty {
            s.consumption = power; s.consumptionName = "电费（元）"
        } else {
            s.consumption = usage.values.flatMap { $0 }; s.consumptionName = "水电气费（元）"
        }
        s.lenderReports = loans.map { .init(lender: $0.lender, overdueDays: $0.overdueDays, classification: $0.classification) }
        // A stable order, so two reads of unchanged data give equal snapshots.
        s.listings.sort { ($0.kind, $0.id) < ($1.kind, $1.id) }
        s.lawsuitsAsDefendant.sort()
        s.penalties.sort { $0.id < $1.id }
        s.consumption.sort { ($0.year, $0.month, $0.quantity) < ($1.year, $1.month, $1.quantity) }
        s.lenderReports.sort { ($0.lender, $0.overdueDays) < ($1.lender, $1.overdueDays) }
        return s
    }

    /// The key of a snapshot's inputs that are not data-hub records: the platform's loans to the firm (lender, days
    /// overdue, class) and its platform listings in force on `day`. The daily scan re-reads a firm's records only
    /// when new records arrived for it, when this key changed, or on its turn in the weekly full re-read.
    public static func inputsKey(loans: [Loan], listed: [ListingEntry], day: Day) -> String {
        let lent = loans.map { "\($0.lender)|\($0.overdueDays)|\($0.classification.rawValue)" }.sorted()
        let listings = listed.filter { $0.isListed(on: day) }.map { "\($0.id)|\($0.kind.rawValue)" }.sorted()
        return lent.joined(separator: ";") + "#" + listings.joined(separator: ";")
    }

    /// The weekday-like turn of a firm in the full re-read cycle: a stable hash of its USCC (FNV-1a; Swift's own
    /// hash is seeded per process), so every firm is read in full once every `cycle` days whatever changed.
    public static func isDueForFullRead(uscc: String, on day: Day, cycle: Int) -> Bool {
        guard cycle > 1 else { return true }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in uscc.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let ordinal = Int((day.date.timeIntervalSince1970 / 86_400).rounded(.down))
        return Int(hash % UInt64(cycle)) == ((ordinal % cycle) + cycle) % cycle
    }

    /// A canonical yuan amount (`1200`, `1200.50`) in cents; anything else is zero.
    public static func cents(_ text: String?) -> Cents {
        guard let text, !text.isEmpty else { return .zero }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]) else { return .zero }
        var fraction: Int64 = 0
        if parts.count == 2 {
            let digits = String(parts[1].prefix(2)).padding(toLength: 2, withPad: "0", startingAt: 0)
            guard let f = Int64(digits) else { return .zero }
            fraction = f
        }
        return Cents(whole * 100 + fraction)
    }

    static func month(_ text: String?) -> (year: Int, month: Int)? {
        guard let text, let day = Day(iso: text.count == 7 ? text + "-01" : text) else { return nil }
        return (day.year, day.month)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text = text?.trimmingSpaces(), !text.isEmpty else { return nil }
        return text
    }
}
