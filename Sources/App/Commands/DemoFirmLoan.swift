import Domain
import Foundation
import Persistence
import Services
import Vapor

/// The demo firm's running loan, so that its pages show what a borrower sees: ¥500,000 from 大连银行 over twelve months,
/// disbursed 70 days ago, the first installment repaid on its day and the second not yet (the home page's next
/// installment and its red overdue banner; the loan page names the lender and the approving officer).
enum DemoFirmLoan {
    static func seed(_ app: Application) async throws -> [String] {
        guard let firm = try await app.accounts.user(username: "firm-demo")?.uscc,
              try await app.services.loanStore.loans(uscc: firm).isEmpty else { return [] }
        let institutions = try await app.accounts.institutions()
        let products = try await app.services.productStore.products(status: .online)
        guard let lender = institutions.first(where: { $0.code == "dlbank" }),
              let product = products.first(where: { $0.institutionID == String(lender.id) && $0.termRange.contains(months: 12)
                                                      && $0.type == .pureCredit }) else { return [] }
        let today = Day.today()
        guard let id = try await DemoFunds.loan(app, firm: firm, product: product, institution: lender, amount: Cents(yuan: 500_000),
                                                on: today.adding(days: -70)),
              let loan = try await app.services.loanStore.loan(id: id),
              let first = loan.ledger.schedule.installments.first else { return [] }
        let staff = Principal(name: "demo-\(lender.code)", displayName: "\(lender.name)客户经理", role: .institutionStaff,
                              department: nil, institution: lender)
        let onDue = app.services(clock: .fixed(first.due.date.addingTimeInterval(15 * 3600)))
        _ = try await MarketActions.repay(onDue, staff, loanID: id, day: first.due, amount: first.total)
        try await MarketActions.reclassifyLoans(app.services, asOf: today)
        return ["firm-demo 的贷款 #\(id)：\(lender.name) \(product.name) 50万元，第 1 期已还，第 2 期逾期未还"]
    }
}
