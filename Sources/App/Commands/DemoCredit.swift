import Domain
import Foundation
import Persistence
import Services
import Vapor

/// Pre-approved revolving credit and digital credit coupons in the demo, so that every page of them has something real:
/// twenty days ago 大连银行 ran 主动授信 on its pure-credit product (offers valid thirty days, so most firms still see
/// 您有预授信额度), the credit center opened a coupon programme (0.20 points off that product) and issued the demo firm a
/// coupon; the demo firm accepted its offer, drew ¥300,000 with the coupon the same day and repaid ¥100,000 five days ago.
/// Seeded before the demo firm's loan (`DemoFirmLoan`), while the firm is not yet overdue and so eligible.
enum DemoCredit {
    static func seed(_ app: Application) async throws -> [String] {
        guard let firm = try await app.accounts.user(username: "firm-demo")?.uscc,
              try await app.services.creditLineStore.lines(uscc: firm).isEmpty,
              let summary = try await app.registry.enterprise(firm) else { return [] }
        let institutions = try await app.accounts.institutions()
        let products = try await app.services.productStore.products(status: .online)
        guard let lender = institutions.first(where: { $0.code == "dlbank" }),
              let product = products.first(where: { $0.institutionID == String(lender.id) && $0.termRange.contains(months: 12)
                                                      && $0.type == .pureCredit }),
              let productID = Int64(product.id) else { return [] }
        let today = Day.today(), start = today.adding(days: -20)
        let context = app.services(clock: .fixed(start.date.addingTimeInterval(10 * 3600)))

        // The coupon programme and the demo firm's coupon.
        let office = Principal(name: "admin", displayName: "信用中心管理员", role: .creditCenter, department: nil)
        let programme = try await CouponProgrammes.save(context, office, .init(
            code: "dl-xyq-2026", name: "大连市数字信用券", effectiveFrom: start, budget: Cents(yuan: 2_000_000),
            face: .rateCut(basisPoints: 20), eligibility: CouponEligibility(), perFirm: 1, issueFrom: start,
            issueUntil: start.adding(days: 180), expiresOn: start.adding(days: 365), products: [productID],
            note: "大连银行纯信用产品提款或申请时使用，再降 0.2 个百分点"))
        let issued = try await CouponIssuing.issue(context, office, programmeID: programme.id, usccs: [firm]).issued

        // The bank's run: grades A+ to B, limits by grade within the product's range, rates at its low end.
        let staff = Principal(name: "dlbank-staff", displayName: "\(lender.name)客户经理", role: .institutionStaff, department: nil,
                              institution: lender)
        let low = product.rateRange.minBasisPoints, high = min(product.rateRange.maxBasisPoints, low + 60)
        let top = min(product.amountRange.maxCents, 300_000_000)
        let bands = zip(["A+", "A", "B"], [top, top * 2 / 3, top / 3]).map { grade, cents in
            PreapprovalTable.Band(grade: grade, maxLimit: Cents(max(cents, product.amountRange.minCents)),
                                  rates: RateRange(minBasisPoints: low, maxBasisPoints: high), termMonths: 12)
        }
        let run = try await Preapprovals.run(context, staff, .init(
            productID: productID, validUntil: start.adding(days: 30), requireRecommended: false, source: .scorecard,
            table: PreapprovalTable(basis: .grade, bands: bands, ceiling: DefaultProbability(ppm: 100_000))))
        var lines = ["大连银行预授信批次 #\(run.id)：\(run.offers) 家企业获预授信额度"]

        // The demo firm accepts, draws with its coupon, and repays part of it.
        let owner = Principal(name: "firm-demo", displayName: summary.legalRep, role: .enterprise, department: nil, uscc: firm)
        guard let offer = try await Preapprovals.openOffers(context, owner).first else { return lines }
        let line = try await CreditLines.accept(context, owner, offerID: offer.id)
        let amount = min(Cents(yuan: 300_000), line.line.ledger.limit)
        _ = try await CreditLines.draw(context, owner, lineID: line.line.id, amount: amount, couponID: issued.first?.id)
        let later = app.services(clock: .fixed(today.adding(days: -5).date.addingTimeInterval(10 * 3600)))
        _ = try await CreditLines.repay(later, owner, lineID: line.line.id, amount: Cents(yuan: 100_000))
        try await MarketActions.reclassifyLoans(app.services, asOf: today)
        lines.append("firm-demo 的循环额度 #\(line.line.id)：\(line.line.ledger.limit.wanYuanText)，用信用券提款 \(amount.yuanText)，已还 ¥100,000.00")
        return lines
    }
}
