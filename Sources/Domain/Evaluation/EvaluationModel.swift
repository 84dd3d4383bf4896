import Foundation

/// The public credit evaluation scheme (公共信用综合评价模型), read from a versioned JSON file so an
/// operator can change points, add items or move grade thresholds without a new build.
public struct EvaluationModel: Codable, Sendable, Equatable {
    public var version: Int
    public var name: String
    /// Score every firm starts from, before bonus and deduction items.
    public var baseScore: Int
    public var minScore: Int
    public var maxScore: Int
    public var dimensions: [EvaluationDimension]
    /// Grade bands from best to worst; a firm gets the first band whose `minScore` it reaches.
    public var grades: [GradeBand]
    /// Publication periods of administrative penalties, one regime per start date.
    public var penaltyRegimes: [PenaltyRegime]
    public var items: [RuleItem]

    public func dimension(_ id: String) -> EvaluationDimension? { dimensions.first { $0.id == id } }

    /// The grade of a score: the first band (best first) whose threshold the score reaches.
    public func grade(for score: Int) -> String {
        grades.first { score >= $0.minScore }?.grade ?? grades.last?.grade ?? ""
    }
}

public struct EvaluationDimension: Codable, Sendable, Equatable {
    public var id: String
    public var name: String
}

public struct GradeBand: Codable, Sendable, Equatable {
    public var grade: String
    public var minScore: Int
    public var label: String?
}

/// One credit repair regime: from `from` on (by the penalty's decision date), penalties of each severity
/// count for at most this many months; 0 means the severity is not published and never counts.
public struct PenaltyRegime: Codable, Sendable, Equatable {
    public var from: String
    public var name: String
    /// The maximum publication period of each severity, in months (0: not published).
    public var months: [String: Int]
    /// The minimum publication period of each severity, in months: credit repair may be applied for once it
    /// is served (missing: 0).
    public var minMonths: [String: Int]?
}

/// A condition on a record field.
public struct RuleCondition: Codable, Sendable, Equatable {
    public enum Operator: String, Codable, Sendable, CaseIterable {
        /// The field equals `value`.
        case equals
        /// The field is one of `values`.
        case oneOf
        /// The field is empty or missing.
        case empty
        /// The field has a value.
        case notEmpty
        /// The field is a number greater than `value`.
        case greaterThan
        /// The field is an empty date or a date on or after the evaluation day (still valid).
        case validOnAsOf
    }
    public var field: String
    public var op: Operator
    public var value: String?
    public var values: [String]?
}

/// Points by the value of a field (tax grade, penalty severity, honour level, patent kind).
public struct PointsByValue: Codable, Sendable, Equatable {
    public var field: String
    public var points: [String: Int]
}

/// Records older than the previous band but within `withinMonths` count `percent` % of their points.
public struct AgeFactor: Codable, Sendable, Equatable {
    public var withinMonths: Int
    public var percent: Int
}

/// A band of relative change for `trend` items: matches when `atLeast ≤ change ≤ upTo` (either open).
public struct TrendBand: Codable, Sendable, Equatable {
    public var atLeast: Double?
    public var upTo: Double?
    public var points: Int
}

/// One bonus or deduction item. The kind decides which parameters are used:
/// - `latestValue`: the latest record of `dataset` (by its date), `pointsBy` maps a field's value to points.
/// - `countWithin`: records of `dataset` meeting `conditions` within `withinMonths` (by `dateField` or
///   the record's date), each worth `points` or `pointsBy`, scaled by `ageFactors`, limited by
///   `publicationBy` (severity field → regime table), total magnitude capped at `maxTotal`.
/// - `activeListing`: a record of `dataset` meeting `conditions` that is listed and not removed
///   (`removedField`, default `removed_on`) on the evaluation day: `points` once.
/// - `trend`: `field` of the latest month against `months` months earlier, relative change → `bands`.
public struct RuleItem: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case latestValue, countWithin, activeListing, trend
    }
    public var id: String
    public var title: String
    public var dimension: String
    public var kind: String
    public var dataset: String
    /// Sentence for the explanation; placeholders `{points}` `{count}` `{refs}` `{month}` `{value}`
    /// `{from}` `{to}` `{change}` `{months}` and `{f:field}` (a field of the group's latest record).
    public var template: String
    public var conditions: [RuleCondition]?
    public var withinMonths: Int?
    public var dateField: String?
    public var points: Int?
    public var pointsBy: PointsByValue?
    public var maxTotal: Int?
    public var publicationBy: String?
    public var ageFactors: [AgeFactor]?
    /// Explanation lines per group: field names, or `@month` for the record's month.
    public var groupBy: [String]?
    /// Field quoted in the explanation (decision number, case number).
    public var refField: String?
    public var removedField: String?
    public var field: String?
    public var months: Int?
    public var bands: [TrendBand]?

    public var ruleKind: Kind? { Kind(rawValue: kind) }
}
