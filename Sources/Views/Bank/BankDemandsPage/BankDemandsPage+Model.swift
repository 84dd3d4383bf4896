import Domain
import Foundation

/// The demand pool (/bank/demands): firms' financing demands an institution may take.
public enum BankDemandsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var demands: [Demand]

        public init(context: PageContext, demands: [Demand]) {
            self.context = context; self.demands = demands
        }
    }

    /// One demand with the firm it comes from.
    public struct Demand: Sendable, Equatable {
        public var demand: FinancingDemand
        /// nil when the firm is not in the registry.
        public var firmName: String?
        /// The firm's current grade, or 未评价.
        public var grade: String

        public init(demand: FinancingDemand, firmName: String?, grade: String) {
            self.demand = demand; self.firmName = firmName; self.grade = grade
        }
    }
}
