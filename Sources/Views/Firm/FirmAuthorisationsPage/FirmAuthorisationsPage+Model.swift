import Domain
import Foundation

/// Authorisations (/firm/authorisations): the firm's authorisations, the form for a new one, and who read its data.
public enum FirmAuthorisationsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var authorisations: [Authorisation]
        public var institutions: [Institution]
        public var categories: [CategoryChoice]
        public var accesses: [Access]
        public var accessWindow: PageWindow
        public var today: Day
        /// The joint models (联合建模) the firm's data took part in: name, bank, day; never features or scores.
        public var jointModels: [JointRunParticipation]

        public init(
            context: PageContext, authorisations: [Authorisation], institutions: [Institution],
            categories: [CategoryChoice], accesses: [Access], accessWindow: PageWindow, today: Day,
            jointModels: [JointRunParticipation] = []
        ) {
            self.context = context; self.authorisations = authorisations; self.institutions = institutions
            self.categories = categories; self.accesses = accesses; self.accessWindow = accessWindow; self.today = today
            self.jointModels = jointModels
        }
    }

    /// One read of the firm's data by an institution.
    public struct Access: Sendable, Equatable {
        public var id: Int64
        public var at: Date
        public var institutionID: Int64?
        public var actor: String
        public var categories: [String]
        public var authorisationID: Int64?
        public var purpose: String
        public var action: String

        public init(
            id: Int64, at: Date, institutionID: Int64?, actor: String, categories: [String], authorisationID: Int64?,
            purpose: String, action: String
        ) {
            self.id = id; self.at = at; self.institutionID = institutionID; self.actor = actor
            self.categories = categories; self.authorisationID = authorisationID; self.purpose = purpose
            self.action = action
        }
    }
}
