import Domain
import Foundation

/// Objections (/firm/objections): the firm's objections and the form to file one on a record of its profile.
public enum FirmObjectionsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        /// How long a department has to answer.
        public var workingDays: Int
        public var objections: [Objection]
        public var datasetNames: [String: String]
        /// The records of the profile not already under objection.
        public var records: [Record]
        public var today: Day
        /// The files attached to each objection.
        public var evidence: [Int64: [EvidenceLink]]

        public init(
            context: PageContext, workingDays: Int, objections: [Objection], datasetNames: [String: String],
            records: [Record], today: Day, evidence: [Int64: [EvidenceLink]] = [:]
        ) {
            self.context = context; self.workingDays = workingDays; self.objections = objections
            self.datasetNames = datasetNames; self.records = records; self.today = today; self.evidence = evidence
        }
    }

    /// A record the firm may object to.
    public struct Record: Sendable, Equatable {
        public var dataset: String
        public var recordID: String
        public var datasetName: String
        public var date: String
        public var summary: String

        public init(dataset: String, recordID: String, datasetName: String, date: String, summary: String) {
            self.dataset = dataset; self.recordID = recordID; self.datasetName = datasetName; self.date = date
            self.summary = summary
        }
    }
}
