import Domain

/// One pushed firm (/bank/recommended/{id}): the demand, the clock, the history and the report forms.
public enum BankPushPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var push: RecommendationPush
        public var today: Day
        public init(context: PageContext, push: RecommendationPush, today: Day) {
            self.context = context; self.push = push; self.today = today
        }
    }
}
