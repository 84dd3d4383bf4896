import Domain

/// Firms that repaid on time through the platform (/public/on-time), published with their consent.
public enum PublicOnTimePage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var firms: [Firm]
        public init(context: PageContext, firms: [Firm]) { self.context = context; self.firms = firms }
    }

    public struct Firm: Sendable, Equatable {
        public var name: String
        public var uscc: String
        public var since: Day
        public var installmentsPaid: Int
        public var loans: Int
        public init(name: String, uscc: String, since: Day, installmentsPaid: Int, loans: Int) {
            self.name = name; self.uscc = uscc; self.since = since; self.installmentsPaid = installmentsPaid; self.loans = loans
        }
    }
}
