/// The lists fed in through the data hub as listing entries: a court's 失信被执行人 record (`judicial.dishonest`)
/// and a credit-department black-list record (`credit.list`, `list_type` black), each recorded as decided by its
/// body (no procedure on the platform), so that `ListEffects` can say which published measure they trigger.
public enum ExternalListings {
    /// The datasets read.
    public static let datasets = ["judicial.dishonest", "credit.list"]

    /// The listings among a firm's current records (records that are not listings are skipped; a record whose
    /// dates cannot be read is skipped too rather than blocking on a guess).
    public static func entries(_ records: [StoredRecord], uscc: String, firmName: String) -> [ListingEntry] {
        let subject = SanctionedParty(role: .subject, name: firmName.isEmpty ? uscc : firmName, identifier: uscc)
        return records.compactMap { record -> ListingEntry? in
            let c = record.content
            let kind: ListKind, authority: String, basis: String, reason: String
            switch record.dataset {
            case "judicial.dishonest":
                kind = .dishonestJudgmentDebtor
                authority = record.sourceDepartment ?? "人民法院"
                basis = c["case_no"] ?? record.recordID
                reason = "未履行生效法律文书确定的义务" + ((c["obligation"] ?? "").isEmpty ? "" : "：\(c["obligation"] ?? "")")
            case "credit.list" where c["list_type"] == "black":
                let text = c["reason"] ?? ""
                // The same reading of the reason as the screening and the monitoring (`ScreeningFactsBuilder`).
                kind = ListKind(rawValue: ScreeningFactsBuilder.kind(ofBlackListReason: text)) ?? .creditBlackList
                authority = (c["authority"] ?? "").isEmpty ? (record.sourceDepartment ?? "信用主管部门") : (c["authority"] ?? "")
                basis = record.recordID
                reason = text.isEmpty ? "列入信用黑名单" : text
            default:
                return nil
            }
            guard let listed = Day(iso: c["listed_on"] ?? "") else { return nil }
            let removed = Day(iso: c["removed_on"] ?? "")
            return try? ListingEntry.external(id: "\(record.dataset):\(record.recordID)", kind: kind, scope: .national, parties: [subject],
                                              authority: authority, basisDocumentNumber: basis, reason: reason, actEndedOn: nil,
                                              removalConditions: "", listedOn: listed, publishedOn: listed,
                                              removedOn: removed.map { max($0, listed) }, removalReason: removed == nil ? nil : "已移出")
        }
    }
}
