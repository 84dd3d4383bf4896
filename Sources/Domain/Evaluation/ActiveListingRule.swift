import Foundation

extension RuleItem {
    /// `activeListing`: listed on or before the evaluation day and not removed by then; counts once.
    func evaluateListing(_ records: [StoredRecord], asOf: Day) -> RuleOutcome {
        let removedField = self.removedField ?? "removed_on"
        var active: [(date: Day, record: StoredRecord)] = []
        for record in records where matchesConditions(record, asOf: asOf) {
            guard let listed = date(of: record), listed <= asOf else { continue }
            let removed = record.content[removedField] ?? ""
            if !removed.isEmpty, let day = EvaluationDates.day(removed), day <= asOf { continue }
            active.append((listed, record))
        }
        active.sort { ($0.date, $0.record.recordID) < ($1.date, $1.record.recordID) }
        guard let first = active.first, let points = self.points, points != 0 else { return RuleOutcome() }
        let refs = active.map { member in refField.flatMap { member.record.content[$0] } ?? member.record.recordID }
        let text = ExplanationText.render(template, values: [
            "points": ExplanationText.points(points), "count": String(active.count),
            "refs": ExplanationText.refs(refs), "month": EvaluationDates.chineseMonth(first.date),
        ], record: first.record.content)
        return RuleOutcome(lines: [ExplanationLine(itemID: id, title: title, dimension: dimension, points: points,
                                                   text: text, recordIDs: active.map(\.record.recordID))])
    }
}
