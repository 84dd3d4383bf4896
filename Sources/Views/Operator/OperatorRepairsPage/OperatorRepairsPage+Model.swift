import Domain
import Foundation

/// Credit repair review (/console/repairs).
public enum OperatorRepairsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var repairs: [RepairApplication]

        public init(context: PageContext, repairs: [RepairApplication]) {
            self.context = context; self.repairs = repairs
        }
    }
}
