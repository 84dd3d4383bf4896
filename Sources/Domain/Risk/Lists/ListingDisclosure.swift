/// The disclosure limit of a listing (RISK.md §3.3): bad information is disclosed and used for
/// `disclosureYears` from the end of the act (Zhejiang Art. 16, Henan Art. 19, Shandong Art. 38), extended
/// while the party is still listed when `disclosureExtendedWhileListed` (Zhejiang). After it the entry is no
/// basis for any measure.
///
/// Periods follow 民法典 Art. 200–203: counted from the day after the act ended, the last day is the same
/// calendar day `disclosureYears` later (the month's last day when that day does not exist): an act that
/// ended on 2020-03-10 is disclosed through 2025-03-10 and no longer on 2025-03-11.
extension ListingEntry {
    /// On the list on `day`: listed on or before it and not yet removed (the removal day is off the list).
    public func isListed(on day: Day) -> Bool {
        guard let listedOn, listedOn <= day, status.isOnList || status == .removed else { return false }
        if let removedOn { return day < removedOn }
        return true
    }

    /// The last day of the disclosure counted from the end of the act (for an act that continued until the
    /// removal, from the removal day); nil while the act continues.
    public func nominalDisclosureEnd(rules: ListRules) throws(DomainError) -> Day? {
        guard let start = actEndedOn ?? removedOn else { return nil }
        return LoanCalendar.adding(months: try version(rules).disclosureYears * 12, to: start)
    }

    /// The last day the entry may be disclosed and used as a basis for measures; nil while it has no end yet
    /// (the act continues, or the party is still listed and the disclosure runs on while listed).
    public func disclosureEnds(rules: ListRules) throws(DomainError) -> Day? {
        let v = try version(rules)
        guard let nominal = try nominalDisclosureEnd(rules: rules) else { return nil }
        guard v.disclosureExtendedWhileListed, listedOn != nil else { return nominal }
        guard let removedOn else { return status.isOnList ? nil : nominal }
        return max(nominal, removedOn.adding(days: -1))
    }

    /// Whether the entry is still within its disclosure period on `day`.
    public func isDisclosed(on day: Day, rules: ListRules) throws(DomainError) -> Bool {
        guard let ends = try disclosureEnds(rules: rules) else { return true }
        return day <= ends
    }

    /// Why the entry is no basis for a measure on `day` (Chinese), or nil when it is one: it must be on the
    /// list and within the disclosure period.
    public func whyNoBasis(on day: Day, rules: ListRules) throws(DomainError) -> String? {
        guard isListed(on: day) else {
            if let removedOn, day >= removedOn { return "已于 \(removedOn) 移出\(kind.listName)，不再作为惩戒依据" }
            if let listedOn, day < listedOn { return "\(day) 尚未列入\(kind.listName)（列入日期 \(listedOn)）" }
            return "尚未列入\(kind.listName)（当前状态：\(status.label)）"
        }
        if let ends = try disclosureEnds(rules: rules), day > ends {
            return "失信信息公开期限已于 \(ends) 届满，不再作为惩戒依据"
        }
        return nil
    }

    /// Whether the entry may ground a measure on `day`.
    public func isBasisForMeasures(on day: Day, rules: ListRules) throws(DomainError) -> Bool {
        try whyNoBasis(on: day, rules: rules) == nil
    }

    func version(_ rules: ListRules) throws(DomainError) -> ListRules.Version {
        guard let rulesDay else { throw .invalidInput(field: "proposedOn", reason: "名单记录缺少拟列入日期") }
        return try rules.required(on: rulesDay)
    }
}
