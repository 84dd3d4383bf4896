import Domain
import Foundation

/// The institutions on the platform (/console/institutions) and the form to add one with its first admin.
public enum OperatorInstitutionsPage {
    public struct Model: Sendable, Equatable {
        /// The frame: user, navigation, flash (the title is set by the view).
        public var context: PageContext
        public var institutions: [Row]

        public init(context: PageContext, institutions: [Row]) {
            self.context = context; self.institutions = institutions
        }
    }

    /// One institution with its size.
    public struct Row: Sendable, Equatable {
        public var institution: Institution
        public var staffCount: Int
        public var productCount: Int

        public init(institution: Institution, staffCount: Int, productCount: Int) {
            self.institution = institution; self.staffCount = staffCount; self.productCount = productCount
        }
    }
}
