import Domain
import Persistence

/// Loan products: an institution keeps drafts and submits them; the credit center approves (online) or
/// rejects them; the institution takes its products offline. Every state change goes through
/// `LoanProduct.applying` under the city's product policy.
public enum ProductActions {
    /// An institution's own product (404 for anyone else's, so nobody learns it exists).
    public static func own(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> LoanProduct {
        let institution = try principal.requireInstitution()
        guard let id, let product = try await context.productStore.product(id: id),
              product.institutionID == String(institution.id) else { throw DomainError.notFound("该产品") }
        return product
    }

    /// A new draft of the caller's institution.
    public static func createDraft(_ context: ServiceContext, _ principal: Principal, _ draft: LoanProduct) async throws -> LoanProduct {
        let institution = try principal.requireInstitution()
        var product = draft
        product.id = ""
        product.institutionID = String(institution.id)
        product.status = .draft
        // Checked on save as on submission: a draft with a rate above the cap is refused at once, every problem named.
        try product.validate(context.platform.productPolicy)
        return try await context.productStore.save(product)
    }

    /// Replaces a draft's terms (only drafts can be edited; the review note is kept).
    public static func updateDraft(_ context: ServiceContext, _ principal: Principal, id: Int64?,
                                   with edited: LoanProduct) async throws -> LoanProduct {
        let product = try await own(context, principal, id: id)
        guard product.status == .draft else {
            throw DomainError.illegalTransition(entity: "产品", from: product.status.label, action: "修改")
        }
        var next = edited
        next.id = product.id
        next.institutionID = product.institutionID
        next.status = .draft
        next.reviewNote = product.reviewNote
        try next.validate(context.platform.productPolicy)
        return try await context.productStore.save(next)
    }

    /// A step in the product's life: the institution submits, edits or takes offline its own product; the credit
    /// center approves or rejects a submitted one.
    public static func act(_ context: ServiceContext, _ principal: Principal, id: Int64?, _ action: ProductAction) async throws -> LoanProduct {
        let product: LoanProduct
        switch action {
        case .approve, .reject:
            guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可审核产品") }
            guard let id, let found = try await context.productStore.product(id: id) else { throw DomainError.notFound("该产品") }
            product = found
        default:
            product = try await own(context, principal, id: id)
        }
        let next = try product.applying(action, policy: context.platform.productPolicy)
        return try await context.productStore.save(next)
    }
}
