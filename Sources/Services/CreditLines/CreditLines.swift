import Domain
import Foundation
import Persistence

/// Revolving credit lines (循环额度): a firm accepts a pre-approved offer and gets a line it draws on and repays at
/// will until maturity. Each movement is one unit of work with the line locked (see `CreditLineStore`), so parallel
/// draws never exceed the limit; each is in the transparency log.
///
/// `draw(_:_:lineID:amount:)` is the one entry point for drawing: it returns the draw's stable id (the ledger row),
/// which a digital credit coupon can later be attached to.
public enum CreditLines {
    /// The firm accepts one of its open offers: the line opens today for the offer's term. A published measure
    /// restricting new financing refuses it, as it refuses an application. The new line is checked against each fund at
    /// once (入库, as a disbursed loan is; the daily sweep catches one missed here).
    public static func accept(_ context: ServiceContext, _ principal: Principal, offerID: Int64?) async throws -> CreditLineStore.Stored {
        let uscc = try principal.requireEnterprise()
        guard let offerID else { throw DomainError.notFound("该预授信额度") }
        try await Sanctions.refuse(context, uscc: uscc, effect: .blockNewApplications, what: "接受预授信额度")
        let stored = try await context.creditLineStore.open(offerID: offerID, uscc: uscc, on: context.clock.today, actor: principal.name,
                                                            at: context.clock.now(), thresholds: context.platform.policy.classification)
        try await FundRegistrations.register(context, lineId: stored.line.id)
        return stored
    }

    /// Draws `amount` from the firm's own line today, with the firm's digital credit coupon `couponID` if given (redeemed
    /// on the draw in the same unit; `CouponDraws`). Returns the draw (its `entryID` is the draw's stable id).
    public static func draw(_ context: ServiceContext, _ principal: Principal, lineID: Int64?,
                            amount: Cents, couponID: Int64? = nil) async throws -> CreditLineStore.Movement {
        let uscc = try principal.requireEnterprise()
        // Another firm's line is not found (before any question about this firm's own standing).
        guard let lineID, try await context.creditLineStore.line(id: lineID)?.line.uscc == uscc else {
            throw DomainError.notFound("该循环额度")
        }
        try await Sanctions.refuse(context, uscc: uscc, effect: .blockNewApplications, what: "提款")
        let today = context.clock.today, time = context.clock.now()
        return try await context.creditLineStore.draw(
            lineID: lineID, amount: amount, on: today, actor: principal.name, at: time, thresholds: context.platform.policy.classification,
            check: { line in guard line.uscc == uscc else { throw DomainError.notFound("该循环额度") } },
            coupon: couponID.map { CouponDraws.redeemer(couponID: $0, uscc: uscc, amount: amount, today: today) },
            redeemed: CouponDraws.recorder(uscc: uscc, actor: principal.name, at: time))
    }

    /// The firm's coupons it may use on a draw from `line` today: held, unexpired, accepting the line's product.
    public static func usableCoupons(_ context: ServiceContext, _ principal: Principal, line: CreditLine) async throws -> [CouponWallet.Item] {
        // `status` is judged on today, so an expired coupon is not held.
        try await CouponWallet.mine(context, principal).filter { item in
            item.status == .held && (item.acceptsAll || item.productIDs.contains(line.productID))
        }
    }

    /// Repays `amount` on the firm's own line today: interest first, then principal; the limit is restored.
    public static func repay(_ context: ServiceContext, _ principal: Principal, lineID: Int64?,
                             amount: Cents) async throws -> CreditLineStore.Movement {
        let uscc = try principal.requireEnterprise()
        guard let lineID else { throw DomainError.notFound("该循环额度") }
        return try await context.creditLineStore.repay(lineID: lineID, amount: amount, on: context.clock.today, actor: principal.name,
                                                       at: context.clock.now(), thresholds: context.platform.policy.classification) { line in
            guard line.uscc == uscc else { throw DomainError.notFound("该循环额度") }
        }
    }

    /// One line its firm or its lender may see (anyone else: not found).
    public static func line(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> CreditLineStore.Stored {
        guard let id, let stored = try await context.creditLineStore.line(id: id), try visible(stored.line, to: principal) else {
            throw DomainError.notFound("该循环额度")
        }
        return stored
    }

    static func visible(_ line: CreditLine, to principal: Principal) throws -> Bool {
        if principal.role.isInstitution { return line.institutionID == (try principal.requireInstitution().id) }
        if principal.role == .enterprise { return line.uscc == (try principal.requireEnterprise()) }
        throw DomainError.forbidden("循环额度仅限借款企业和贷款机构查看")
    }

    /// The institution's lines, a page at a time.
    public static func lines(_ context: ServiceContext, _ principal: Principal, paging: Paging) async throws -> ResultPage<CreditLineStore.Stored> {
        try await context.creditLineStore.lines(institutionID: try principal.requireInstitution().id, paging: paging)
    }

    /// The firm's lines.
    public static func firmLines(_ context: ServiceContext, _ principal: Principal) async throws -> [CreditLineStore.Stored] {
        try await context.creditLineStore.lines(uscc: try principal.requireEnterprise())
    }

    /// The daily job: every open line's overdue days and class as of `day` (default today).
    public static func reclassifyAll(_ context: ServiceContext, asOf day: Day? = nil) async throws {
        let store = context.creditLineStore
        let day = day ?? context.clock.today
        for id in try await store.openLineIDs() {
            try await store.reclassify(lineID: id, asOf: day, thresholds: context.platform.policy.classification, at: context.clock.now())
        }
    }
}
