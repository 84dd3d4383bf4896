import Domain
import Foundation
import Persistence

/// The credit center's coupon programmes (数字信用券): each edit saved as a new version with its effective day, and the
/// budget's use by state.
public enum CouponProgrammes {
    public static func requireOperator(_ principal: Principal) throws {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可管理数字信用券项目") }
    }

    /// What an operator enters for a new version (or the first).
    public struct Draft: Sendable {
        public var code: String
        public var name: String
        public var effectiveFrom: Day?
        public var budget: Cents
        public var face: CouponFace
        public var eligibility: CouponEligibility
        public var perFirm: Int
        public var issueFrom: Day
        public var issueUntil: Day
        public var expiresOn: Day
        public var products: [Int64]
        public var note: String

        public init(code: String, name: String, effectiveFrom: Day?, budget: Cents, face: CouponFace, eligibility: CouponEligibility,
                    perFirm: Int, issueFrom: Day, issueUntil: Day, expiresOn: Day, products: [Int64], note: String) {
            self.code = code; self.name = name; self.effectiveFrom = effectiveFrom; self.budget = budget; self.face = face
            self.eligibility = eligibility; self.perFirm = perFirm; self.issueFrom = issueFrom; self.issueUntil = issueUntil
            self.expiresOn = expiresOn; self.products = products; self.note = note
        }
    }

    /// Saves a draft as the next version of its programme (version 1 creates it). A version takes effect on its day
    /// (today when not given; never earlier than today, so what was decided under an earlier version stays replayable).
    public static func save(_ context: ServiceContext, _ principal: Principal, _ draft: Draft) async throws -> CouponProgramme {
        try requireOperator(principal)
        let code = draft.code.trimmingSpaces()
        try CouponProgramme.validate(code: code)
        let today = context.clock.today
        let effective = draft.effectiveFrom ?? today
        if effective < today { throw DomainError.invalidInput(field: "effectiveFrom", reason: "生效日期不能早于今天") }
        let version = CouponProgrammeVersion(
            version: 0, effectiveFrom: effective, name: draft.name.trimmingSpaces(), budget: draft.budget, face: draft.face,
            eligibility: draft.eligibility, perFirm: draft.perFirm, issueFrom: draft.issueFrom, issueUntil: draft.issueUntil,
            expiresOn: draft.expiresOn, products: Array(Set(draft.products)).sorted(), note: draft.note.trimmingSpaces())
        try version.validate()
        for id in version.products {
            let product = try await context.productStore.product(id: id)
            if product == nil { throw DomainError.invalidInput(field: "products", reason: "没有编号为 \(id) 的产品") }
        }
        return try await context.couponProgrammeStore.save(code: code, version, actor: principal.name, at: context.clock.now())
    }

    public static func programmes(_ context: ServiceContext) async throws -> [CouponProgramme] {
        try await context.couponProgrammeStore.programmes()
    }

    public static func programme(_ context: ServiceContext, id: Int64?) async throws -> CouponProgramme {
        guard let id, let p = try await context.couponProgrammeStore.programme(id: id) else { throw DomainError.notFound("该信用券项目") }
        return p
    }

    /// The budget's use: coupons by state (expiry judged today), the charge, what claims paid.
    public static func budgetUse(_ context: ServiceContext, _ principal: Principal, programme: CouponProgramme) async throws -> CouponBudgetUse {
        try requireOperator(principal)
        let today = context.clock.today
        let budget = programme.inForce(on: today)?.budget ?? programme.latest?.budget ?? .zero
        var use = CouponBudgetUse(budget: budget, charged: try await context.couponProgrammeStore.charged(programmeID: programme.id))
        for coupon in try await context.couponStore.coupons(programmeID: programme.id) {
            use.issued += 1
            use.settledAmount = use.settledAmount + coupon.settled
            switch coupon.status(on: today) {
            case .held: use.held += 1
            case .attached: use.attached += 1
            case .redeemed: use.redeemed += 1
            case .settled: use.settled += 1
            case .expired: use.expired += 1
            }
        }
        return use
    }

    /// The daily job: records the expiry of coupons past their day (readers already treat them as expired).
    @discardableResult
    public static func recordExpired(_ context: ServiceContext) async throws -> Int {
        try await context.couponStore.recordExpired(asOf: context.clock.today, at: context.clock.now())
    }
}
