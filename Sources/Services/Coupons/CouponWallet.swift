import Domain
import Foundation
import Persistence

/// A firm's coupons (我的信用券): what it holds, which products accept each, attaching one to an open application to a
/// participating product and taking it off again.
public enum CouponWallet {
    public struct Item: Sendable, Equatable {
        public var coupon: Coupon
        public var status: CouponStatus
        public var programmeName: String
        /// The products that accept it (names), empty when every product does.
        public var products: [String]
        /// Their ids.
        public var productIDs: [Int64]
        public var acceptsAll: Bool
    }

    public static func mine(_ context: ServiceContext, _ principal: Principal) async throws -> [Item] {
        let uscc = try principal.requireEnterprise()
        return try await items(context, try await context.couponStore.coupons(uscc: uscc))
    }

    static func items(_ context: ServiceContext, _ coupons: [Coupon]) async throws -> [Item] {
        let today = context.clock.today
        var programmes: [Int64: CouponProgramme] = [:]
        var names: [Int64: String] = [:]
        var out: [Item] = []
        for coupon in coupons {
            if programmes[coupon.programmeID] == nil {
                programmes[coupon.programmeID] = try await context.couponProgrammeStore.programme(id: coupon.programmeID)
            }
            let version = programmes[coupon.programmeID]?.version(coupon.version)
            var products: [String] = []
            for id in version?.products ?? [] {
                if names[id] == nil { names[id] = try await context.productStore.product(id: id)?.name ?? "产品 #\(id)" }
                products.append(names[id] ?? "")
            }
            out.append(Item(coupon: coupon, status: coupon.status(on: today), programmeName: version?.name ?? coupon.programmeCode,
                            products: products, productIDs: version?.products ?? [], acceptsAll: version?.products.isEmpty ?? false))
        }
        return out
    }

    /// Attaches the firm's coupon to its open application `applicationID`, which must be to a product the coupon's version
    /// accepts. The lender sees the coupon on the application.
    public static func attach(_ context: ServiceContext, _ principal: Principal, couponID: Int64?, applicationID: Int64?) async throws -> Coupon {
        let uscc = try principal.requireEnterprise()
        guard let couponID, let coupon = try await context.couponStore.coupon(id: couponID), coupon.uscc == uscc else {
            throw DomainError.notFound("该信用券")
        }
        let application = try await MarketActions.application(context, principal, id: applicationID)
        guard application.state.status.isOpen else {
            throw DomainError.conflict("申请 #\(application.id) 状态为“\(application.state.status.label)”，只能在放款前绑定信用券")
        }
        guard let programme = try await context.couponProgrammeStore.programme(id: coupon.programmeID),
              let version = programme.version(coupon.version) else { throw DomainError.notFound("该信用券项目") }
        guard version.accepts(productID: application.productID) else {
            throw DomainError.invalidInput(field: "applicationID", reason: "“\(application.productName)”不在信用券“\(version.name)”的适用产品之内")
        }
        // A coupon still attached to a closed application (rejected, withdrawn, cancelled) may move to a new one.
        if coupon.storedStatus == .attached, let target = coupon.target, target != .application(application.id) {
            if let old = try await context.applicationStore.application(id: target.id), old.state.status.isOpen {
                throw DomainError.conflict("信用券 \(coupon.number) 已绑定申请 #\(old.id)，请先解除绑定")
            }
        }
        return try await context.couponStore.attach(couponID: coupon.id, uscc: uscc, to: .application(application.id),
                                                    on: context.clock.today, actor: principal.name, at: context.clock.now())
    }

    public static func detach(_ context: ServiceContext, _ principal: Principal, couponID: Int64?) async throws -> Coupon {
        let uscc = try principal.requireEnterprise()
        guard let couponID else { throw DomainError.notFound("该信用券") }
        return try await context.couponStore.detach(couponID: couponID, uscc: uscc, actor: principal.name, at: context.clock.now())
    }

    /// The coupon on an application, for the parties to it (the lender sees it on the application).
    public static func onApplication(_ context: ServiceContext, applicationID: Int64) async throws -> Coupon? {
        try await context.couponStore.attached(to: .application(applicationID))
    }
}
