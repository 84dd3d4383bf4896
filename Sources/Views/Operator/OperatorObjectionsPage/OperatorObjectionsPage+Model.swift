import Domain
import Foundation

/// Objections to handle (/console/objections), for departments (their records) and the credit center (escalated).
public enum OperatorObjectionsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var objections: [Objection]
        public var datasetNames: [String: String]
        public var today: Day
        /// The firms' registered names, by USCC.
        public var firmNames: [String: String]
        /// The disputed record as stored (label, value in the catalog's order), by objection id; absent when the record
        /// is not a data-hub record (e.g. a list entry).
        public var records: [Int64: [RecordField]]
        /// The files the firm attached, by objection id.
        public var evidence: [Int64: [EvidenceLink]]

        public init(context: PageContext, objections: [Objection], datasetNames: [String: String], today: Day,
                    firmNames: [String: String] = [:], records: [Int64: [RecordField]] = [:],
                    evidence: [Int64: [EvidenceLink]] = [:]) {
            self.context = context; self.objections = objections; self.datasetNames = datasetNames; self.today = today
            self.firmNames = firmNames; self.records = records; self.evidence = evidence
        }
    }

    public struct RecordField: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(label: String, value: String) { self.label = label; self.value = value }
    }

    /// "还剩 3 天" / "今天到期" / "已逾期 2 天" for an open objection's deadline.
    static func countdown(_ deadline: String, today: Day) -> String {
        guard let day = Day(iso: deadline) else { return deadline }
        let days = today.days(until: day)
        return days > 0 ? "还剩 \(days) 天" : days == 0 ? "今天到期" : "已逾期 \(-days) 天"
    }
}
