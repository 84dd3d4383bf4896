import Foundation

extension RuleItem {
    /// `trend`: `field` summed over the latest period against the period `months` earlier.
    func evaluateTrend(_ records: [StoredRecord], asOf: Day) -> RuleOutcome {
        guard let field, let months, let bands else { return RuleOutcome() }
        var totals: [Day: (value: Double, ids: [String])] = [:]
        for record in records where matchesConditions(record, asOf: asOf) {
            guard let date = date(of: record), date <= asOf,
                  let value = Double(record.content[field] ?? "") else { continue }
            totals[date, default: (0, [])].value += value
            totals[date, default: (0, [])].ids.append(record.recordID)
        }
        guard let latest = totals.keys.max(), let now = totals[latest] else { return RuleOutcome() }
        let earlierDay = EvaluationDates.adding(months: -months, to: latest)
        guard let before = totals[earlierDay], before.value > 0 else { return RuleOutcome() }
        let change = (now.value - before.value) / before.value
        guard let band = bands.first(where: { ($0.atLeast.map { change >= $0 } ?? true) && ($0.upTo.map { change <= $0 } ?? true) }),
              band.points != 0 else { return RuleOutcome() }
        let percent = String(format: "%.1f%%", abs(change) * 100)
        let text = ExplanationText.render(template, values: [
            "points": ExplanationText.points(band.points), "months": String(months),
            "from": Self.number(before.value), "to": Self.number(now.value),
            "change": change < 0 ? "减少\(percent)" : "增加\(percent)",
            "month": EvaluationDates.chineseMonth(latest),
        ], record: [:])
        return RuleOutcome(lines: [ExplanationLine(itemID: id, title: title, dimension: dimension, points: band.points,
                                                   text: text, recordIDs: (before.ids + now.ids).sorted())])
    }

    private static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.2f", x)
    }
}
