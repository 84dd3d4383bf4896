import Domain

/// The firm's place on the 申报清单 (/firm/recommendation): the declaration form, each entry with the screening's
/// reasons, and the institutions its entry was pushed to.
public enum FirmRecommendationPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var entries: [RecommendationEntry]
        public var pushes: [RecommendationPush]
        public var today: Day
        public init(context: PageContext, entries: [RecommendationEntry], pushes: [RecommendationPush], today: Day) {
            self.context = context; self.entries = entries; self.pushes = pushes; self.today = today
        }
    }
}
