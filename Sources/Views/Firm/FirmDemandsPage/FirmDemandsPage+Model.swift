import Domain
import Foundation

/// The firm's financing demands (/firm/demands) and the form to publish one.
public enum FirmDemandsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var demands: [FinancingDemand]
        /// Institution id → name, for who took a demand.
        public var institutionNames: [String: String]
        /// The follow-up of the taken demands, by demand id.
        public var progress: [String: DemandProgress]

        public init(context: PageContext, demands: [FinancingDemand], institutionNames: [String: String],
                    progress: [String: DemandProgress] = [:]) {
            self.context = context; self.demands = demands; self.institutionNames = institutionNames; self.progress = progress
        }
    }
}
