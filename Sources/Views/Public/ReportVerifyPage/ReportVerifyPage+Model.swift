import Domain
import Foundation

/// Anyone checks a printed credit report (/public/reports/verify): its number and verification code against the
/// platform's logged read; a genuine report shows who read whose data, when, under which authorisation.
public enum ReportVerifyPage {
    public struct Model: Sendable, Equatable {
        public var context: PageContext
        public var number: String
        public var code: String
        public var outcome: Outcome?
        public init(context: PageContext, number: String = "", code: String = "", outcome: Outcome? = nil) {
            self.context = context; self.number = number; self.code = code; self.outcome = outcome
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var isGenuine: Bool
        public var message: String
        /// Shown for a genuine report: (label, value).
        public var facts: [Pair]
        public init(isGenuine: Bool, message: String, facts: [Pair] = []) {
            self.isGenuine = isGenuine; self.message = message; self.facts = facts
        }
    }

    public struct Pair: Sendable, Equatable {
        public var label: String
        public var value: String
        public init(_ label: String, _ value: String) { self.label = label; self.value = value }
    }
}
