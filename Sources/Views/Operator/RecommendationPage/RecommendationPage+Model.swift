import Domain

/// One entry of the list (/console/recommendations/{id}): its screening with the reasons, the review form, the
/// publicity, the institutions suggested for the push and every push with its clock.
public enum RecommendationPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entry: RecommendationEntry
        public var pushes: [RecommendationPush]
        /// Institutions suggested for the push, with why.
        public var suggestions: [Suggestion]
        public var today: Day

        public init(context: PageContext, entry: RecommendationEntry, pushes: [RecommendationPush], suggestions: [Suggestion], today: Day) {
            self.context = context; self.entry = entry; self.pushes = pushes; self.suggestions = suggestions; self.today = today
        }
    }

    public struct Suggestion: Sendable, Equatable {
        public var institutionID: Int64
        public var name: String
        public var reason: String
        public init(institutionID: Int64, name: String, reason: String) {
            self.institutionID = institutionID; self.name = name; self.reason = reason
        }
    }
}
