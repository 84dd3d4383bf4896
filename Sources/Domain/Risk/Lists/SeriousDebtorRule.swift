/// A court's 失信被执行人 record as the data hub holds it (`judicial.dishonest`), with the creditor of the case.
public struct DishonestDebtorRecord: Sendable, Equatable, Hashable {
    /// The debtor firm; with its legal representative and actual controller when known.
    public var debtor: SanctionedParty
    public var relatedPersons: [SanctionedParty]
    public var creditorName: String
    /// The creditor's type as the court or the registry gives it (银行, 农村信用社, 小额贷款公司, 个人 …).
    public var creditorType: String
    /// The amount the judgment obliges the debtor to pay.
    public var amount: Cents
    /// 案号.
    public var caseNumber: String
    /// The court that listed the debtor.
    public var court: String
    public var listedOn: Day

    public init(debtor: SanctionedParty, relatedPersons: [SanctionedParty] = [], creditorName: String, creditorType: String,
                amount: Cents, caseNumber: String, court: String, listedOn: Day) {
        self.debtor = debtor; self.relatedPersons = relatedPersons; self.creditorName = creditorName
        self.creditorType = creditorType; self.amount = amount; self.caseNumber = caseNumber; self.court = court
        self.listedOn = listedOn
    }
}

/// The 严重失信债务人 rule of the first 涉金融 batch (RISK.md §3.1 [R42]): a 失信被执行人 whose creditor is a bank
/// (or another financial-institution type of `seriousDebtorCreditorTypes`) and whose debt is **above**
/// `seriousDebtorThreshold` (strictly; the threshold itself is UNCONFIRMED in the sources, a configurable
/// default of ¥1,000,000.00 in `list-rules.json`). The version in force on the court's listing day applies.
public enum SeriousDebtorRule {
    /// Why the record does or does not make a 严重失信债务人, in Chinese.
    public struct Finding: Sendable, Equatable {
        public var version: Int
        public var qualifies: Bool
        public var text: String
    }

    /// Judges `record` under the rules in force on its listing day.
    public static func judge(_ record: DishonestDebtorRecord, rules: ListRules) throws(DomainError) -> Finding {
        let v = try rules.required(on: record.listedOn)
        let type = record.creditorType.trimmingSpaces()
        guard v.seriousDebtorCreditorTypes.contains(type) else {
            return Finding(version: v.version, qualifies: false,
                           text: "债权人“\(record.creditorName)”为\(type.isEmpty ? "未知类型" : type)，不是银行等金融机构")
        }
        guard record.amount > v.seriousDebtorThreshold else {
            return Finding(version: v.version, qualifies: false,
                           text: "执行金额 \(record.amount.yuanText) 未超过 \(v.seriousDebtorThreshold.yuanText)")
        }
        return Finding(version: v.version, qualifies: true,
                       text: "失信被执行人，债权人“\(record.creditorName)”为\(type)，执行金额 \(record.amount.yuanText) 超过 \(v.seriousDebtorThreshold.yuanText)")
    }

    /// The proposed 严重失信债务人 listing derived from `record` on `day`, or nil when the record does not
    /// qualify. The listing then goes through the procedure (notice, objections) like any 涉金融 listing.
    public static func derive(from record: DishonestDebtorRecord, id: String, authority: String, on day: Day,
                              rules: ListRules) throws(DomainError) -> ListingEntry? {
        let finding = try judge(record, rules: rules)
        guard finding.qualifies else { return nil }
        return try ListingEntry.propose(
            id: id, kind: .seriousDebtor, scope: .national, parties: [record.debtor] + record.relatedPersons,
            authority: authority, basisDocumentNumber: record.caseNumber,
            reason: "\(finding.text)（\(record.court)，\(record.listedOn) 列入失信被执行人名单）",
            actEndedOn: nil, removalConditions: "履行生效法律文书确定的义务或与债权人达成和解并履行完毕，被移出失信被执行人名单",
            on: day)
    }
}

extension DishonestDebtorRecord {
    /// A court's `judicial.dishonest` record of the firm `firmName`, as the rule reads it; nil when the listing was
    /// removed or the record lacks what the rule needs (the creditor, the amount or the listing day — files sent
    /// before the catalog had those fields). The legal representative is marked with the firm when known.
    public init?(record: StoredRecord, firmName: String, legalRepresentative: String?) {
        let c = record.content
        func text(_ key: String) -> String { (c[key] ?? "").trimmingSpaces() }
        guard record.dataset == "judicial.dishonest", text("removed_on").isEmpty, let listed = Day(iso: text("listed_on")),
              !text("creditor_name").isEmpty, !text("amount").isEmpty else { return nil }
        let rep = (legalRepresentative ?? "").trimmingSpaces()
        self.init(debtor: SanctionedParty(role: .subject, name: firmName, identifier: record.uscc),
                  relatedPersons: rep.isEmpty ? [] : [SanctionedParty(role: .legalRepresentative, name: rep, identifier: "")],
                  creditorName: text("creditor_name"), creditorType: text("creditor_type"),
                  amount: MonitoringSnapshotBuilder.cents(text("amount")),
                  caseNumber: text("case_no").isEmpty ? record.recordID : text("case_no"),
                  court: text("court").isEmpty ? "人民法院" : text("court"), listedOn: listed)
    }
}
