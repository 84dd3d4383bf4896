/// A financing demand a firm published (融资需求), with what became of it so far.
public struct StatDemand: Hashable, Sendable, Codable {
    public var id: String
    public var firm: String
    public var publishedOn: Day
    public var amount: Cents
    /// The institution and product it was addressed to, if any.
    public var institution: String?
    public var product: String?
    /// When an institution took it (接单).
    public var takenOn: Day?
    /// The financing it got, once satisfied (满足).
    public var satisfiedAmount: Cents?
    /// The taker's follow-up: its first step after the take (contact, visit or outcome), and the outcome —
    /// turned into a loan application, or not pursued.
    public var followedUpOn: Day?
    public var convertedOn: Day?
    public var declinedOn: Day?

    public init(id: String, firm: String, publishedOn: Day, amount: Cents, institution: String? = nil,
                product: String? = nil, takenOn: Day? = nil, satisfiedAmount: Cents? = nil, followedUpOn: Day? = nil,
                convertedOn: Day? = nil, declinedOn: Day? = nil) {
        self.id = id; self.firm = firm; self.publishedOn = publishedOn; self.amount = amount
        self.institution = institution; self.product = product; self.takenOn = takenOn; self.satisfiedAmount = satisfiedAmount
        self.followedUpOn = followedUpOn; self.convertedOn = convertedOn; self.declinedOn = declinedOn
    }
}

/// A recommended-list firm pushed to an institution (推荐清单推送), and the institution's response.
public struct StatPush: Hashable, Sendable, Codable {
    public var id: String
    public var firm: String
    public var institution: String
    public var pushedOn: Day
    public var contactedOn: Day?
    /// When the institution decided (lent or declined).
    public var decidedOn: Day?

    public init(id: String, firm: String, institution: String, pushedOn: Day, contactedOn: Day? = nil, decidedOn: Day? = nil) {
        self.id = id; self.firm = firm; self.institution = institution; self.pushedOn = pushedOn
        self.contactedOn = contactedOn; self.decidedOn = decidedOn
    }

    /// Decided at most 30 days after the push.
    public var decidedWithin30Days: Bool { decidedOn.map { pushedOn.days(until: $0) <= 30 } ?? false }
}
