import Foundation

extension RuleItem {
    /// `latestValue`: the newest matching record's field value mapped to points.
    func evaluateLatest(_ records: [StoredRecord], asOf: Day) -> RuleOutcome {
        guard let pointsBy else { return RuleOutcome() }
        var best: (date: Day, record: StoredRecord)?
        for record in records where matchesConditions(record, asOf: asOf) {
            guard let date = date(of: record), date <= asOf else { continue }
            if let window = withinMonths, !EvaluationDates.isWithin(date, months: window, of: asOf) { continue }
            if let current = best, (current.date, current.record.recordID) >= (date, record.recordID) { continue }
            best = (date, record)
        }
        guard let best else { return RuleOutcome() }
        let value = best.record.content[pointsBy.field] ?? ""
        guard let points = pointsBy.points[value], points != 0 else { return RuleOutcome() }
        let text = ExplanationText.render(template, values: [
            "points": ExplanationText.points(points), "value": value, "count": "1",
            "refs": refField.flatMap { best.record.content[$0] } ?? best.record.recordID,
            "month": EvaluationDates.chineseMonth(best.date),
        ], record: best.record.content)
        return RuleOutcome(lines: [ExplanationLine(itemID: id, title: title, dimension: dimension, points: points,
                                                   text: text, recordIDs: [best.record.recordID])])
    }
}
