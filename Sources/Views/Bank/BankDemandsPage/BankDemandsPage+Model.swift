import Domain
import Foundation

/// The demand pool (/bank/demands): firms' financing demands an institution may take.
public enum BankDemandsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var demands: [Demand]
        /// The demands this institution took, with their follow-up.
        public var taken: [Taken]

        public init(context: PageContext, demands: [Demand], taken: [Taken] = []) {
            self.context = context; self.demands = demands; self.taken = taken
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

extension BankDemandsPage {
    /// A demand the institution took, with where its follow-up stands.
    public struct Taken: Sendable, Equatable {
        public var demand: FinancingDemand
        public var firmName: String?
        public var progress: DemandProgress

        public init(demand: FinancingDemand, firmName: String?, progress: DemandProgress) {
            self.demand = demand; self.firmName = firmName; self.progress = progress
        }
    }
}
