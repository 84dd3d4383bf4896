import Domain
import Foundation

/// One of the firm's demands (/firm/demands/:id): who took it, the officer to call, and every step of the follow-up.
public enum FirmDemandPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var demand: FinancingDemand
        public var institutionName: String?
        public var progress: DemandProgress

        public init(context: PageContext, demand: FinancingDemand, institutionName: String?, progress: DemandProgress) {
            self.context = context; self.demand = demand; self.institutionName = institutionName; self.progress = progress
        }
    }
}
