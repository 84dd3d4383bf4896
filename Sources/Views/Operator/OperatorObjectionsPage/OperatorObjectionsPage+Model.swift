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

        public init(context: PageContext, objections: [Objection], datasetNames: [String: String], today: Day) {
            self.context = context; self.objections = objections; self.datasetNames = datasetNames; self.today = today
        }
    }
}
