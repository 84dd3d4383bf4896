import Domain

/// The publicity of the 推荐清单 (/public/recommendations): firms reviewed and publicised, until when, and how
/// to object (signed-in users).
public enum PublicRecommendationsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entries: [RecommendationEntry]
        public var pagination: Pagination
        /// Signed in: the objection form is shown.
        public var mayObject: Bool
        public init(context: PageContext, entries: [RecommendationEntry], pagination: Pagination, mayObject: Bool) {
            self.context = context; self.entries = entries; self.pagination = pagination; self.mayObject = mayObject
        }
    }
}
