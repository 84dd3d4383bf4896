/// An objection (陈述申辩/异议) of the listed party during the objection window, and the authority's answer.
public struct ListingObjection: Sendable, Equatable, Hashable, Codable {
    public var filedOn: Day
    public var reason: String
    /// The last day the authority should answer (Zhejiang Art. 31: 5 working days).
    public var answerDue: Day
    public var answeredOn: Day?
    /// True when the objection was upheld (the listing is dropped), false when rejected.
    public var upheld: Bool?
    public var answer: String?

    public init(filedOn: Day, reason: String, answerDue: Day) {
        self.filedOn = filedOn; self.reason = reason; self.answerDue = answerDue
    }

    public var isOpen: Bool { answeredOn == nil }

    /// Open and past its answer day on `day` (for escalation).
    public func isOverdue(on day: Day) -> Bool { isOpen && day > answerDue }
}
