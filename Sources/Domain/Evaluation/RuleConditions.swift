import Foundation

extension RuleCondition {
    func matches(_ content: [String: String], asOf: Day) -> Bool {
        let text = content[field] ?? ""
        switch op {
        case .equals: return text == (value ?? "")
        case .oneOf: return (values ?? []).contains(text)
        case .empty: return text.isEmpty
        case .notEmpty: return !text.isEmpty
        case .greaterThan:
            guard let number = Double(text), let limit = Double(value ?? "0") else { return false }
            return number > limit
        case .validOnAsOf:
            if text.isEmpty { return true }
            guard let day = EvaluationDates.day(text) else { return false }
            return day >= asOf
        }
    }
}

extension RuleItem {
    func matchesConditions(_ record: StoredRecord, asOf: Day) -> Bool {
        (conditions ?? []).allSatisfy { $0.matches(record.content, asOf: asOf) }
    }

    /// The date the item looks at: `dateField` of the content, or the record's own date.
    func date(of record: StoredRecord) -> Day? {
        if let dateField { return record.content[dateField].flatMap(EvaluationDates.day) }
        return EvaluationDates.day(record.eventDate)
    }
}
