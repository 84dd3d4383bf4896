import Domain

/// The 申报清单 / 推荐清单 (/console/recommendations): for the credit center every entry with the screening,
/// review, publicity and one-click push; for a department the firms it referred and the referral form.
public enum RecommendationsPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        /// The credit center (all actions) rather than a department (its referrals).
        public var isCreditCenter: Bool
        public var counts: [RecommendationStatus: Int]
        /// Undecided pushes by light, and decided pushes.
        public var lights: Lights
        public var entries: [RecommendationEntry]
        public var pagination: Pagination
        public var status: RecommendationStatus?
        public var query: String
        /// Institutions that can be pushed to: (id, name).
        public var institutions: [Option]
        public var today: Day

        public init(context: PageContext, isCreditCenter: Bool, counts: [RecommendationStatus: Int], lights: Lights,
                    entries: [RecommendationEntry], pagination: Pagination, status: RecommendationStatus?, query: String,
                    institutions: [Option], today: Day) {
            self.context = context; self.isCreditCenter = isCreditCenter; self.counts = counts; self.lights = lights
            self.entries = entries; self.pagination = pagination; self.status = status; self.query = query
            self.institutions = institutions; self.today = today
        }
    }

    public struct Lights: Sendable, Equatable {
        public var green: Int, amber: Int, red: Int, decided: Int
        public init(green: Int, amber: Int, red: Int, decided: Int) {
            self.green = green; self.amber = amber; self.red = red; self.decided = decided
        }
    }

    public struct Option: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public init(id: Int64, name: String) { self.id = id; self.name = name }
    }
}
