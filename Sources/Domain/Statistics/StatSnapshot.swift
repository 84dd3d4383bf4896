import Foundation
import Crypto

/// A closed month: every indicator's value for the city and each scope asked (districts, institutions), frozen with
/// a canonical text and its SHA-256 digest. The digest goes into the transparency log; recomputing the month from
/// the same facts gives the same text, so a published figure can be reproduced and checked later.
public struct StatSnapshot: Sendable, Equatable, Codable {
    public static let format = "xinyidai-statistics-snapshot/1"

    public let month: StatMonth
    public let catalogVersion: Int
    /// Sorted by scope, then code.
    public let rows: [Row]

    public struct Row: Sendable, Equatable, Codable {
        public let scope: StatFilter
        public let code: String
        public let value: IndicatorValue
    }

    public init(month: StatMonth, catalogVersion: Int = IndicatorCatalog.version, rows: [Row]) {
        self.month = month; self.catalogVersion = catalogVersion
        self.rows = rows.sorted { ($0.scope.description, $0.code) < ($1.scope.description, $1.code) }
    }

    /// Computes every indicator of `month` for each scope (the city first by default) from `source`; a change
    /// compares with the month before.
    public static func close(_ month: StatMonth, from source: some StatSource,
                             scopes: [StatFilter] = [.all]) throws(DomainError) -> StatSnapshot {
        var rows: [Row] = []
        for scope in Set(scopes) {
            let values = try source.values(period: .month(month), filter: scope)
            for indicator in IndicatorCatalog.all {
                rows.append(Row(scope: scope, code: indicator.code, value: values[indicator.code] ?? .undefined))
            }
        }
        return StatSnapshot(month: month, rows: rows)
    }

    /// The city, each district and each institution the aggregates have seen up to `month`.
    public static func standardScopes(_ aggregate: StatAggregate, through month: StatMonth) -> [StatFilter] {
        [.all] + aggregate.values(of: .district, through: month).map(StatFilter.district)
            + aggregate.values(of: .institution, through: month).map(StatFilter.institution)
    }

    /// One header line each for the format, the month and the catalog version, then one line per row:
    /// scope, code, value, numerator, denominator separated by tabs, `-` for none, LF line ends, UTF-8.
    public var canonicalText: String {
        var lines = [Self.format, "month\t\(month)", "catalog\t\(catalogVersion)"]
        func field(_ v: Int64?) -> String { v.map(String.init) ?? "-" }
        for row in rows {
            lines.append([Self.escape(row.scope.description), Self.escape(row.code), field(row.value.value),
                          field(row.value.numerator), field(row.value.denominator)].joined(separator: "\t"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lower-case hex SHA-256 of `canonicalText`.
    public var digest: String {
        SHA256.hash(data: Array(canonicalText.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// The rows whose value differs from `other`'s for the same scope and code (or that one of them lacks).
    public func differences(from other: StatSnapshot) -> [(scope: StatFilter, code: String, closed: IndicatorValue?, now: IndicatorValue?)] {
        struct Key: Hashable { let scope: StatFilter; let code: String }
        let mine = Dictionary(rows.map { (Key(scope: $0.scope, code: $0.code), $0.value) }, uniquingKeysWith: { a, _ in a })
        let theirs = Dictionary(other.rows.map { (Key(scope: $0.scope, code: $0.code), $0.value) }, uniquingKeysWith: { a, _ in a })
        return Set(mine.keys).union(theirs.keys)
            .filter { mine[$0] != theirs[$0] }
            .sorted { ($0.scope.description, $0.code) < ($1.scope.description, $1.code) }
            .map { (scope: $0.scope, code: $0.code, closed: mine[$0], now: theirs[$0]) }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
            .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }
}

/// Which months are closed, and the log of closing and re-opening them: each entry is a line for the transparency
/// log. Re-opening needs a reason and is logged like a close.
public struct StatCloseBook: Sendable, Equatable, Codable {
    public private(set) var closed: [StatMonth: String]
    public private(set) var entries: [Entry]

    public struct Entry: Sendable, Equatable, Codable {
        public enum Action: String, Sendable, Codable { case closed, reopened }
        public let action: Action
        public let month: StatMonth
        /// The snapshot's digest for a close, the reason for a re-opening.
        public let detail: String
        public let by: String
        public let on: Day

        /// `statistics-close 2025-03 <digest> by=<operator> on=2025-04-10`.
        public var logLine: String {
            "statistics-\(action == .closed ? "close" : "reopen") \(month) \(StatSnapshot.escape(detail)) by=\(StatSnapshot.escape(by)) on=\(on)"
        }
    }

    public init() { closed = [:]; entries = [] }

    public func isClosed(_ month: StatMonth) -> Bool { closed[month] != nil }

    public mutating func close(_ snapshot: StatSnapshot, by: String, on day: Day) throws(DomainError) {
        guard closed[snapshot.month] == nil else { throw .conflict("\(snapshot.month.label)已结账，须先重新开账") }
        guard day > snapshot.month.lastDay else { throw .invalidInput(field: "month", reason: "\(snapshot.month.label)尚未结束，不能结账") }
        closed[snapshot.month] = snapshot.digest
        entries.append(Entry(action: .closed, month: snapshot.month, detail: snapshot.digest, by: by, on: day))
    }

    public mutating func reopen(_ month: StatMonth, reason: String, by: String, on day: Day) throws(DomainError) {
        guard closed[month] != nil else { throw .conflict("\(month.label)尚未结账") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .invalidInput(field: "reason", reason: "重新开账须写明原因") }
        closed[month] = nil
        entries.append(Entry(action: .reopened, month: month, detail: reason, by: by, on: day))
    }
}
