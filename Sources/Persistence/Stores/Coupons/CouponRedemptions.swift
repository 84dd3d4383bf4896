import Domain
import FluentKit
import Foundation
import SQLKit

/// Redemption at disbursement and the lenders' settlement claims: both run inside a unit of work with the coupon row
/// (and for a charge, the programme row) locked, so a coupon is redeemed once and the budget never overspent.
extension CouponStore {
    /// The coupon attached to application `applicationID`, locked for the disbursement's unit.
    public static func attachedForDisbursement(applicationID: Int64, in unit: UnitOfWork) async throws -> Coupon? {
        try await attached(to: .application(applicationID), sql: unit.sql(), lock: true)
    }

    /// The programme of a coupon as read inside a unit.
    public static func programme(id: Int64, in unit: UnitOfWork) async throws -> CouponProgramme? {
        try await CouponProgrammeStore.programme(id: id, sql: unit.sql())
    }

    /// Charges the estimate to the budget in force (`budget`) and, if it fits, marks the coupon redeemed on the loan.
    /// Returns false, changing nothing, when the budget cannot bear it.
    public static func charge(_ coupon: Coupon, cost: Cents, budget: Cents, in unit: UnitOfWork) async throws -> Bool {
        try await CouponProgrammeStore.charge(programmeID: coupon.programmeID, cost: cost, budget: budget, in: unit)
    }

    /// Records the redemption (after the charge and once the loan exists).
    public static func markRedeemed(_ coupon: Coupon, _ redemption: CouponRedemption, actor: String, at time: Date,
                                    in unit: UnitOfWork) async throws -> Coupon {
        var c = coupon
        c.storedStatus = .redeemed
        c.redemption = redemption
        try await write(c, sql: unit.sql(), time: time)
        unit.log(try LogEvents.coupon(programme: c.programmeID, coupon: String(c.id), step: "redeemed", status: "redeemed", uscc: c.uscc,
                                      actor: actor, at: time, detail: c,
                                      extra: redemptionAttributes(redemption)))
        return c
    }

    static func redemptionAttributes(_ r: CouponRedemption) -> [String: String] {
        if let lineID = r.lineID, let drawID = r.drawID {
            return ["line": String(lineID), "institution": String(r.institutionID), "target": "draw:\(drawID)",
                    "cut": String(r.cutBasisPoints), "estimate": String(r.estimatedCost.value)]
        }
        return ["loan": String(r.loanID), "institution": String(r.institutionID), "target": "application:\(r.applicationID)"]
    }

    /// The firm's coupon to redeem on a draw, locked for the draw's unit: it must be the firm's and held on `day` (one
    /// attached to an open application is taken off it first by the firm; an expired or used one is refused).
    public static func lockedForDraw(couponID: Int64, uscc: String, on day: Day, in unit: UnitOfWork) async throws -> Coupon {
        let sql = try unit.sql()
        guard let coupon = try decode(try await sql.raw("SELECT detail FROM coupons WHERE id = \(bind: couponID)" + lock(sql))
            .all(decoding: Row.self)).first, coupon.uscc == uscc else { throw DomainError.notFound("该信用券") }
        let status = coupon.status(on: day)
        if status == .attached, let target = coupon.target {
            throw DomainError.conflict("信用券 \(coupon.number) 已绑定\(target.label)，请先解除绑定再用于提款")
        }
        guard status == .held else {
            throw DomainError.conflict("信用券 \(coupon.number) 当前状态为“\(status.label)”，不能用于提款")
        }
        return coupon
    }

    /// Records a coupon redeemed on a draw (after the charge, once the draw's row exists): attached to the draw and redeemed.
    public static func markRedeemedOnDraw(_ coupon: Coupon, _ redemption: CouponRedemption, actor: String, at time: Date,
                                          in unit: UnitOfWork) async throws -> Coupon {
        var c = coupon
        c.target = .draw(redemption.drawID ?? 0)
        return try await markRedeemed(c, redemption, actor: actor, at: time, in: unit)
    }

    /// A coupon that could not be redeemed at disbursement: back to the wallet (`budget_exhausted`, `not_accepted`) or
    /// expired (`expired`).
    public static func notRedeemed(_ coupon: Coupon, step: String, expired: Bool, actor: String, at time: Date,
                                   in unit: UnitOfWork) async throws {
        var c = coupon
        if expired {
            c.storedStatus = .expired
            try await write(c, sql: unit.sql(), time: time)
            unit.log(try LogEvents.coupon(programme: c.programmeID, coupon: String(c.id), step: step, status: "expired", uscc: c.uscc,
                                          actor: actor, at: time, detail: c))
        } else {
            try await back(&c, step: step, actor: actor, time: time, unit: unit)
        }
    }

    // MARK: Settlement claims

    struct ClaimRow: Decodable { let detail: String }

    /// Files and decides a lender's settlement claim in one unit: the coupon is locked, the loan's ledger read in the
    /// same transaction, the claim checked to the cent (`CouponClaim.check`), the coupon's settled total raised when
    /// accepted; when the loan is settled and every forgone cent is claimed the coupon is settled and what the estimate
    /// charged beyond it goes back to the budget.
    public func fileClaim(couponID: Int64, institutionID: Int64, through: Day, claimed: Cents, on day: Day, actor: String,
                          at time: Date) async throws -> CouponClaim {
        try await database.write { unit in
            let sql = try unit.sql()
            guard var coupon = try Self.decode(try await sql.raw("SELECT detail FROM coupons WHERE id = \(bind: couponID)" + Self.lock(sql))
                .all(decoding: Row.self)).first, let redemption = coupon.redemption, redemption.institutionID == institutionID else {
                throw DomainError.notFound("该信用券的核销记录")
            }
            guard coupon.storedStatus == .redeemed else { throw DomainError.conflict("信用券 \(coupon.number) 已结清，不再受理结算申领") }
            var claim: CouponClaim
            // Whether the coupon's whole forgone interest is known and paid (its loan or draw repaid in full).
            let finished: (Cents) -> Bool
            if let lineID = redemption.lineID {
                guard let line = try await CreditLineStore(database: unit.database).line(id: lineID)?.line else {
                    throw DomainError.notFound("该循环额度")
                }
                let check = CouponClaim.checkDraw(claimed: claimed, ledger: line.ledger, redemption: redemption, couponID: coupon.id,
                                                  settledBefore: coupon.settled, through: through)
                claim = CouponClaim(couponID: coupon.id, programmeID: coupon.programmeID, loanID: 0, institutionID: institutionID,
                                    through: through, claimed: claimed, entitled: check.entitled, installments: check.installments,
                                    outcome: check.outcome, reason: check.reason, filedOn: day)
                claim.lineID = lineID
                let forgone = line.ledger.couponForgone(asOf: through)[coupon.id] ?? DrawCouponForgone()
                finished = { settled in
                    !forgone.outstanding.isPositive && !forgone.pending.isPositive && forgone.claimable == forgone.settled
                        && settled == min(forgone.settled, redemption.estimatedCost)
                }
            } else {
                guard let loan = try await LoanStore(database: unit.database).loan(id: redemption.loanID) else {
                    throw DomainError.notFound("该贷款")
                }
                let check = CouponClaim.check(claimed: claimed, ledger: loan.ledger, redemption: redemption, settledBefore: coupon.settled,
                                              through: through)
                claim = CouponClaim(couponID: coupon.id, programmeID: coupon.programmeID, loanID: redemption.loanID,
                                    institutionID: institutionID, through: through, claimed: claimed, entitled: check.entitled,
                                    installments: check.installments, outcome: check.outcome, reason: check.reason, filedOn: day)
                let all = CouponInterest.lines(loan.ledger, contractRate: redemption.contractRate, cap: redemption.cap, asOf: through)
                let total = min(all.reduce(Cents.zero) { $0 + $1.forgone }, redemption.estimatedCost)
                let settledLoan = loan.ledger.isSettled(asOf: through) && all.allSatisfy(\.interestPaid)
                finished = { settled in settledLoan && settled == total }
            }
            claim.id = try await sql.insertReturningID("""
                INSERT INTO coupon_claims (coupon_id, institution_id, outcome, claimed, detail, created_at)
                VALUES (\(bind: coupon.id), \(bind: institutionID), \(bind: claim.outcome.rawValue), \(bind: claimed.value), '{}',
                  \(bind: epochMillis(time)))
                RETURNING id
                """, what: "结算申领编号")
            try await sql.raw("UPDATE coupon_claims SET detail = \(bind: try DetailCoding.encode(claim)) WHERE id = \(bind: claim.id)").run()
            if claim.outcome == .accepted {
                coupon.settled = coupon.settled + claimed
                if finished(coupon.settled) {
                    coupon.storedStatus = .settled
                    try await CouponProgrammeStore.release(programmeID: coupon.programmeID,
                                                           amount: redemption.estimatedCost - coupon.settled, in: unit)
                }
                try await Self.write(coupon, sql: sql, time: time)
            }
            unit.log(try LogEvents.coupon(programme: coupon.programmeID, coupon: String(coupon.id), step: "claim_\(claim.outcome.rawValue)",
                                          status: coupon.storedStatus.rawValue, uscc: coupon.uscc, actor: actor, at: time, detail: claim,
                                          extra: ["claim": String(claim.id), "institution": String(institutionID)]
                                              .merging(redemption.lineID.map { ["line": String($0)] } ?? ["loan": String(redemption.loanID)]) { a, _ in a }))
            return claim
        }
    }

    /// A page of settlement claims of an institution (nil: all), newest first.
    public func claims(institutionID: Int64?, paging: Paging) async throws -> ResultPage<CouponClaim> {
        let inst = institutionID ?? -1
        let filter: SQLQueryString = "(\(bind: inst) < 0 OR institution_id = \(bind: inst))"
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM coupon_claims WHERE " + filter).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT detail FROM coupon_claims WHERE " + filter
                                     + " ORDER BY id DESC LIMIT \(bind: paging.perPage) OFFSET \(bind: paging.offset)")
            .all(decoding: ClaimRow.self)
        return ResultPage(items: try rows.map { try DetailCoding.decode(CouponClaim.self, $0.detail) }, paging: paging, total: total)
    }

    /// Every claim of a coupon, oldest first.
    public func claims(couponID: Int64) async throws -> [CouponClaim] {
        try await database.sql().raw("SELECT detail FROM coupon_claims WHERE coupon_id = \(bind: couponID) ORDER BY id")
            .all(decoding: ClaimRow.self).map { try DetailCoding.decode(CouponClaim.self, $0.detail) }
    }
}
