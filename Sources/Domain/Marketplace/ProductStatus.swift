/// A product's lifecycle: draft 草稿 → pendingReview 待审核 → online 已上架 → offline 已下架. The operator may
/// reject a review back to draft (with a reason); an offline product may be edited back to draft.
public enum ProductStatus: String, Codable, Sendable, CaseIterable, Hashable {
    case draft
    case pendingReview = "pending_review"
    case online
    case offline

    public var label: String {
        switch self {
        case .draft: "草稿"
        case .pendingReview: "待审核"
        case .online: "已上架"
        case .offline: "已下架"
        }
    }

    /// The status after `action`, or `DomainError.illegalTransition` when the action is not allowed now.
    public func after(_ action: ProductAction) throws(DomainError) -> ProductStatus {
        switch (self, action) {
        case (.draft, .edit): return .draft
        case (.draft, .submit): return .pendingReview
        case (.pendingReview, .approve): return .online
        case (.pendingReview, .reject(let reason)):
            guard !MarketplaceText.trimmed(reason).isEmpty else {
                throw .invalidInput(field: "reason", reason: "驳回须填写原因")
            }
            return .draft
        case (.online, .takeOffline): return .offline
        case (.offline, .edit): return .draft
        default:
            throw .illegalTransition(entity: "产品", from: label, action: action.label)
        }
    }
}

/// What institutions (edit, submit, take offline) and the operator (approve, reject) do to a product.
public enum ProductAction: Sendable, Equatable, Hashable {
    case edit
    case submit
    case approve
    case reject(reason: String)
    case takeOffline

    public var label: String {
        switch self {
        case .edit: "编辑"
        case .submit: "提交审核"
        case .approve: "审核通过"
        case .reject: "驳回"
        case .takeOffline: "下架"
        }
    }
}
