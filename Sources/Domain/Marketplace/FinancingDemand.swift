import Foundation

/// A firm's financing demand (融资需求) in the pool that institutions check daily and take (抢单). The first
/// institution to take an open demand wins; stores must apply `take` with a compare-and-set on the status.
public struct FinancingDemand: Sendable, Equatable, Hashable, Codable {
    public var id: String
    public var uscc: String
    public var amountCents: Int64
    public var termMonths: Int
    public var purpose: String
    public var urgency: DemandUrgency
    /// The product the firm chose, if any.
    public var productID: String?
    public var publishedAt: Date
    public var status: DemandStatus
    public var takenBy: String?
    public var takenAt: Date?
    /// When it was closed, withdrawn or expired.
    public var endedAt: Date?

    /// A new open demand, validated.
    public init(id: String, uscc: String, amountCents: Int64, termMonths: Int, purpose: String,
                urgency: DemandUrgency, productID: String? = nil, publishedAt: Date) throws(DomainError) {
        guard amountCents > 0 else { throw .invalidInput(field: "amount", reason: "融资金额须大于 0") }
        guard (1...360).contains(termMonths) else { throw .invalidInput(field: "termMonths", reason: "融资期限须在 1–360 个月之间") }
        let purpose = MarketplaceText.trimmed(purpose)
        guard !purpose.isEmpty else { throw .invalidInput(field: "purpose", reason: "请填写资金用途") }
        self.id = id; self.uscc = uscc; self.amountCents = amountCents; self.termMonths = termMonths
        self.purpose = purpose; self.urgency = urgency; self.productID = productID; self.publishedAt = publishedAt
        self.status = .open
    }

    /// The moment an untaken demand expires: `urgency.days` after publication.
    public var expiresAt: Date { publishedAt.addingTimeInterval(Double(urgency.days) * 86_400) }

    /// Time from publication to being taken; nil while nobody has taken it.
    public var timeToTake: TimeInterval? { takenAt.map { $0.timeIntervalSince(publishedAt) } }

    /// Takes the demand for `institutionID`. Only an open demand within its window can be taken: a second
    /// taker gets `illegalTransition` and the first taker stays.
    public mutating func take(by institutionID: String, at time: Date) throws(DomainError) {
        guard status == .open else { throw illegal("接单") }
        guard !MarketplaceText.trimmed(institutionID).isEmpty else {
            throw .invalidInput(field: "institutionID", reason: "须指定接单的金融机构")
        }
        guard time >= publishedAt else { throw .invalidInput(field: "takenAt", reason: "接单时间早于需求发布时间") }
        guard time < expiresAt else { throw .illegalTransition(entity: "融资需求", from: DemandStatus.expired.label, action: "接单") }
        status = .taken; takenBy = institutionID; takenAt = time
    }

    /// The taking institution finished handling it (lent or declined).
    public mutating func close(at time: Date) throws(DomainError) {
        guard status == .taken else { throw illegal("办结") }
        status = .closed; endedAt = time
    }

    /// The firm withdraws an open or taken demand.
    public mutating func withdraw(at time: Date) throws(DomainError) {
        guard status == .open || status == .taken else { throw illegal("撤回") }
        status = .withdrawn; endedAt = time
    }

    /// Expires an open demand whose window has passed (`time ≥ expiresAt`).
    public mutating func expire(at time: Date) throws(DomainError) {
        guard status == .open else { throw illegal("过期关闭") }
        guard time >= expiresAt else { throw .conflict("融资需求尚未到期（\(Day(expiresAt))）") }
        status = .expired; endedAt = time
    }

    private func illegal(_ action: String) -> DomainError {
        .illegalTransition(entity: "融资需求", from: status.label, action: action)
    }
}
