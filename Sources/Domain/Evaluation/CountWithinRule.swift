import Foundation

extension RuleItem {
    /// `countWithin`: matching records in the window, grouped for the explanation, total capped.
    func evaluateCount(_ records: [StoredRecord], asOf: Day, periods: PublicationPeriods) -> RuleOutcome {
        var counted: [CountedRecord] = []
        let factors = (ageFactors ?? []).sorted { $0.withinMonths < $1.withinMonths }
        for record in records where matchesConditions(record, asOf: asOf) {
            guard let date = date(of: record), date <= asOf else { continue }
            if let window = withinMonths, !EvaluationDates.isWithin(date, months: window, of: asOf) { continue }
            if let severityField = publicationBy,
               !periods.counts(severity: record.content[severityField] ?? "", decided: date, asOf: asOf) { continue }
            var points = self.points ?? 0
            if let pointsBy {
                guard let value = pointsBy.points[record.content[pointsBy.field] ?? ""] else { continue }
                points = value
            }
            if !factors.isEmpty {
                guard let factor = factors.first(where: { EvaluationDates.isWithin(date, months: $0.withinMonths, of: asOf) }) else { continue }
                points = points * factor.percent / 100
            }
            if points != 0 { counted.append(CountedRecord(record: record, date: date, points: points)) }
        }
        return RuleOutcome(lines: groupedLines(counted))
    }

    private func groupKey(_ item: CountedRecord) -> [String] {
        (groupBy ?? []).map { $0 == "@month" ? item.date.monthText : (item.record.content[$0] ?? "") }
    }

    /// One line per group, newest group first; the cap takes points from the newest groups first.
    private func groupedLines(_ counted: [CountedRecord]) -> [ExplanationLine] {
        var groups: [[String]: [CountedRecord]] = [:]
        for item in counted { groups[groupKey(item), default: []].append(item) }
        let ordered = groups.map { key, members in
            (key: key, members: members.sorted { ($0.date, $0.record.recordID) < ($1.date, $1.record.recordID) })
        }.sorted { a, b in
            let da = a.members.last?.date ?? asOfFloor, db = b.members.last?.date ?? asOfFloor
            return da != db ? da > db : a.key.lexicographicallyPrecedes(b.key)
        }
        var remaining = maxTotal ?? Int.max
        var lines: [ExplanationLine] = []
        for group in ordered {
            guard let latest = group.members.last else { continue }
            let raw = group.members.reduce(0) { $0 + $1.points }
            let magnitude = min(abs(raw), remaining)
            remaining -= magnitude
            let points = raw < 0 ? -magnitude : magnitude
            if points == 0 { continue }
            let refs = group.members.map { member in refField.flatMap { member.record.content[$0] } ?? member.record.recordID }
            var text = ExplanationText.render(template, values: [
                "points": ExplanationText.points(points),
                "count": String(group.members.count),
                "refs": ExplanationText.refs(refs),
                "month": EvaluationDates.chineseMonth(latest.date),
                "months": String(withinMonths ?? 0),
            ], record: latest.record.content)
            if points != raw, let maxTotal { text += "（本项累计最多\(maxTotal)分）" }
            lines.append(ExplanationLine(itemID: id, title: title, dimension: dimension, points: points, text: text,
                                         recordIDs: group.members.map(\.record.recordID)))
        }
        return lines
    }

    private var asOfFloor: Day { Day(year: 1, month: 1, day: 1) }
}
