import Foundation

/// A loan application's state: its status and what the decisions on it recorded.
public struct LoanApplication: Hashable, Sendable, Codable {
    public var status: ApplicationStatus
    /// The approved terms, from approval on.
    public var terms: LoanTerms?
    /// Who approved or rejected it.
    public var decidedBy: Decider?
    /// Why it was rejected or cancelled.
    public var reason: String?

    public init(status: ApplicationStatus = .submitted, terms: LoanTerms? = nil, decidedBy: Decider? = nil,
                reason: String? = nil) {
        self.status = status; self.terms = terms; self.decidedBy = decidedBy; self.reason = reason
    }

    /// A newly submitted application.
    public static let submitted = LoanApplication()

    /// The application after `event`. Throws `illegalTransition` if the status does not allow the event,
    /// and `invalidInput` for invalid terms, an empty rejection or cancellation reason, or an auto-approval
    /// naming no rules.
    public func applying(_ event: ApplicationEvent) throws(DomainError) -> LoanApplication {
        var next = self
        next.status = try status.applying(event)
        switch event {
        case .approve(let terms):
            try terms.validate()
            next.terms = terms
            next.decidedBy = .institution
        case .autoApprove(let terms, let rules):
            try terms.validate()
            let named = rules.map(LoanApplication.trimmed).filter { !$0.isEmpty }
            guard !named.isEmpty else { throw .invalidInput(field: "rules", reason: "自动审批须列明所依据的规则") }
            next.terms = terms
            next.decidedBy = .system(rules: named)
        case .reject(let reason):
            next.reason = try LoanApplication.required(reason, field: "reason", what: "拒绝理由")
            next.decidedBy = .institution
        case .cancel(let reason):
            next.reason = try LoanApplication.required(reason, field: "reason", what: "取消原因")
        case .accept, .withdraw, .signContract, .disburse, .settle:
            break
        }
        return next
    }

    static func trimmed(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func required(_ text: String, field: String, what: String) throws(DomainError) -> String {
        let value = trimmed(text)
        guard !value.isEmpty else { throw .invalidInput(field: field, reason: "\(what)不能为空") }
        return value
    }
}
