/// Turns what the data hub holds about a firm into `ScreeningFacts`: the registry's row, the firm's current
/// records of the screened datasets, the listings of the other firms its legal representative represents,
/// and the credit center's check (信用核查) as the platform's own evaluation.
public enum ScreeningFactsBuilder {
    /// The datasets the screening reads for the firm itself.
    public static let datasets = ["market.abnormal", "judicial.dishonest", "credit.list", "tax.rating"]
    /// The datasets read for the other firms of its legal representative.
    public static let relatedDatasets = ["judicial.dishonest", "credit.list"]

    /// The registry's part.
    public struct Registration: Sendable, Equatable {
        public var uscc: String
        public var name: String
        public var status: String
        public var establishedOn: String
        public var legalRepID: String
        public init(uscc: String, name: String, status: String, establishedOn: String, legalRepID: String) {
            self.uscc = uscc; self.name = name; self.status = status; self.establishedOn = establishedOn; self.legalRepID = legalRepID
        }
    }

    /// The current listings among `records` (removed ones are left out), by list kind.
    public static func listings(_ records: [StoredRecord]) -> [String] {
        var kinds: [String] = []
        for record in records where (record.content["removed_on"] ?? "").isEmpty {
            switch record.dataset {
            case "judicial.dishonest":
                kinds.append("失信被执行人")
            case "credit.list" where record.content["list_type"] == "black":
                kinds.append(kind(ofBlackListReason: record.content["reason"] ?? ""))
            default:
                break
            }
        }
        return kinds
    }

    /// The list a black-list record belongs to, from its reason as the credit department words it.
    public static func kind(ofBlackListReason reason: String) -> String {
        if reason.contains("涉金融") { return "涉金融严重失信" }
        if reason.contains("重大税收违法") { return "重大税收违法失信主体" }
        if reason.contains("失信被执行人") { return "失信被执行人" }
        if reason.contains("严重违法") { return "严重违法失信" }
        return "严重失信主体"
    }

    /// The facts of one firm.
    /// - Parameters:
    ///   - related: the other firms its legal representative represents, with their current records.
    ///   - grade: the firm's current evaluation grade (nil: not evaluated).
    ///   - failingGrades: grades the credit center's check does not pass.
    public static func facts(_ registration: Registration, records: [StoredRecord],
                             related: [(name: String, records: [StoredRecord])], grade: String?, failingGrades: Set<String>,
                             purpose: String, today: Day) -> ScreeningFacts {
        var abnormal: [String] = []
        var taxGrade: (year: Int, grade: String)?
        for record in records {
            switch record.dataset {
            case "market.abnormal" where (record.content["removed_on"] ?? "").isEmpty:
                abnormal.append(record.content["reason"] ?? "")
            case "tax.rating":
                if let year = Int(record.content["year"] ?? ""), let grade = record.content["grade"], !grade.isEmpty,
                   taxGrade.map({ year > $0.year }) ?? true {
                    taxGrade = (year, grade)
                }
            default:
                break
            }
        }
        var listings = listings(records).map { ScreeningFacts.Listing(kind: $0) }
        for firm in related {
            for kind in Self.listings(firm.records) {
                listings.append(ScreeningFacts.Listing(kind: kind, ofLegalRepresentative: true, relatedFirm: firm.name))
            }
        }
        return ScreeningFacts(uscc: registration.uscc, established: Day(iso: registration.establishedOn) ?? today,
                              status: registration.status, abnormalReasons: abnormal, listings: listings,
                              taxGrade: taxGrade?.grade, purpose: purpose,
                              creditCheckPassed: grade.map { !failingGrades.contains($0) })
    }
}
