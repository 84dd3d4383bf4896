/// Diffs two snapshots of one firm (`before`, then `after`) into monitoring signals, under the warning rules in
/// force on the later snapshot's day. Only what is new in `after` is a signal: a listing, lawsuit or penalty
/// with an id not seen before, arrears that appeared or grew, a grade or headcount that fell, a new month of
/// consumption below the firm's own baseline, a new legal representative, a lender's report that crossed the
/// overdue threshold or moved the loan to a worse class. Nothing here changes a loan's class.
public enum SignalDetector {
    /// The signals found and the rules version that found them.
    public struct Result: Sendable, Equatable {
        /// The rules version applied.
        public var version: Int
        public var signals: [MonitoringSignal]
    }

    /// The signals from `before` to `after`; nil before any version is in force on `after.day`.
    public static func detect(before: MonitoringSnapshot, after: MonitoringSnapshot, rules: WarningRules) -> Result? {
        guard let v = rules.inForce(on: after.day) else { return nil }
        var out = SignalSink(day: after.day)
        listings(before, after, into: &out)
        judicial(before, after, into: &out)
        arrears(before, after, v, into: &out)
        taxGrade(before, after, v, into: &out)
        headcount(before, after, v, into: &out)
        consumption(before, after, v, into: &out)
        legalRepresentative(before, after, into: &out)
        lenders(before, after, v, into: &out)
        return Result(version: v.version, signals: out.signals)
    }

    static func listings(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, into out: inout SignalSink) {
        let known = Set(before.listings.map { ListingKey(id: $0.id, kind: $0.kind) })
        var reported: Set<ListingKey> = []
        for listing in after.listings {
            let key = ListingKey(id: listing.id, kind: listing.kind)
            guard !known.contains(key), reported.insert(key).inserted else { continue }
            let code = SignalCode.forListing(kind: listing.kind)
            let reference = [.newDishonestDebtor, .newJudgmentDebtor, .newConsumptionRestriction].contains(code) ? "案号" : "编号"
            let list = code == .newAbnormalOperation ? "经营异常名录" : listing.kind
            out.add(code, .listing(id: listing.id, kind: listing.kind), "新增\(list)记录（\(reference) \(listing.id)）")
        }
    }

    static func judicial(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, into out: inout SignalSink) {
        var known = Set(before.lawsuitsAsDefendant)
        for caseNumber in after.lawsuitsAsDefendant where known.insert(caseNumber).inserted {
            out.add(.newLawsuitAsDefendant, .lawsuit(caseNumber: caseNumber), "新增作为被告的诉讼案件（案号 \(caseNumber)）")
        }
        var penalties = Set(before.penalties.map(\.id))
        for penalty in after.penalties where penalties.insert(penalty.id).inserted {
            let fine = penalty.amount.isPositive ? "，罚款 \(penalty.amount.yuanText)" : ""
            out.add(.newPenalty, .penalty(id: penalty.id, severity: penalty.severity, amount: penalty.amount),
                    "新增\(penalty.severity.label)行政处罚（决定书 \(penalty.id)\(fine)）")
        }
    }

    static func legalRepresentative(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, into out: inout SignalSink) {
        guard let old = before.legalRepresentative.map(MarketplaceText.trimmed), !old.isEmpty,
              let new = after.legalRepresentative.map(MarketplaceText.trimmed), !new.isEmpty,
              MarketplaceText.comparableName(old) != MarketplaceText.comparableName(new) else { return }
        out.add(.legalRepresentativeChange, .legalRepresentative(before: old, after: new), "法定代表人由\(old)变更为\(new)")
    }

    static func lenders(_ before: MonitoringSnapshot, _ after: MonitoringSnapshot, _ v: WarningRules.Version,
                        into out: inout SignalSink) {
        let old = worstByLender(before.lenderReports), new = worstByLender(after.lenderReports)
        for lender in new.keys.sorted() {
            guard let report = new[lender] else { continue }
            let previous = old[lender]
            if report.overdueDays >= v.overdueDaysAtLeast, (previous?.overdueDays ?? 0) < v.overdueDaysAtLeast {
                out.add(.lenderOverdue, .lenderOverdue(lender: lender, days: report.overdueDays),
                        "\(lender)报告贷款逾期 \(report.overdueDays) 天")
            }
            let was = previous?.classification ?? .normal
            if report.classification > was {
                out.add(.classificationDowngrade, .classification(lender: lender, before: was, after: report.classification),
                        "\(lender)将贷款分类由\(was.label)下调为\(report.classification.label)")
            }
        }
    }

    /// One report per lender: the most days overdue and the worst class among its rows.
    static func worstByLender(_ reports: [MonitoringSnapshot.LenderReport]) -> [String: MonitoringSnapshot.LenderReport] {
        var out: [String: MonitoringSnapshot.LenderReport] = [:]
        for report in reports {
            let lender = MarketplaceText.trimmed(report.lender)
            guard var worst = out[lender] else {
                out[lender] = MonitoringSnapshot.LenderReport(lender: lender, overdueDays: report.overdueDays,
                                                              classification: report.classification)
                continue
            }
            worst.overdueDays = max(worst.overdueDays, report.overdueDays)
            worst.classification = max(worst.classification, report.classification)
            out[lender] = worst
        }
        return out
    }

    struct ListingKey: Hashable {
        var id: String
        var kind: String
    }
}

/// Collects signals, all dated the later snapshot's day.
struct SignalSink {
    let day: Day
    var signals: [MonitoringSignal] = []

    mutating func add(_ code: SignalCode, _ facts: SignalFacts, _ text: String) {
        signals.append(MonitoringSignal(code: code, detectedOn: day, facts: facts, text: text))
    }
}
