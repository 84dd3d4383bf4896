import Foundation
import Domain

extension StatHistory {
    /// The loans: each to a borrowing firm through one of its usual products, ¥50,000 to ¥10 M, 6 to 36 months,
    /// repaid at maturity (55 %), monthly (30 %) or quarterly (15 %) at month ends; about 6 % fall overdue once, and
    /// of those about half are cured the month after and the rest go down the five tiers and are written off.
    func loans(firms: [StatFirm], borrowers: [Int], products: [StatProduct]) -> [StatLoan] {
        guard !borrowers.isEmpty, !products.isEmpty else { return [] }
        var loans: [StatLoan] = []
        loans.reserveCapacity(config.loans)
        var firstLoan: [Int: (day: Int, loan: Int)] = [:]
        for i in 0..<config.loans {
            var rng = Rng(seed: config.seed, item: i, stream: 10)
            let firm = borrowers[rng.below(borrowers.count)]
            let disbursed = day(after: Self.number(firms[firm].registeredOn), &rng)
            let product = products[Self.products(of: firm, seed: config.seed, count: products.count)[rng.below(3)]]
            let yuan = Int64(min(max(rng.logNormal(median: 800_000, sigma: 0.9), 50_000), 10_000_000)) / 1_000 * 1_000
            let term = [6, 12, 12, 12, 24, 36][rng.below(6)]
            let every = [term, term, term, term, term, term, term, term, term, term, term,
                         1, 1, 1, 1, 1, 1, 3, 3, 3][rng.below(20)]
            let changes = self.changes(amount: Cents(yuan: yuan), disbursed: disbursed, term: term, every: every, &rng)
            loans.append(StatLoan(id: "L" + String(i + 1), firm: firms[firm].id, institution: product.institution, product: product.id,
                                  disbursedOn: Self.day(disbursed), amount: Cents(yuan: yuan), rate: 300 + rng.below(300),
                                  isCreditLoan: rng.chance(0.45), isFirstLoan: false, isRenewal: rng.chance(0.08), changes: changes))
            if firstLoan[firm].map({ disbursed < $0.day }) ?? true { firstLoan[firm] = (disbursed, i) }
        }
        for (_, first) in firstLoan { loans[first.loan].isFirstLoan = true }
        return loans
    }

    /// A loan's repayments, overdue amounts and classes, looked at on month ends as `StatLoanHistory` does.
    func changes(amount: Cents, disbursed: Int, term: Int, every: Int, _ rng: inout Rng) -> [StatLoanChange] {
        let month = StatMonth(Self.day(disbursed))
        func monthEnd(_ months: Int) -> Day? {
            let day = month.adding(months: months).lastDay
            return Self.number(day) <= endNumber ? day : nil
        }
        let count = max(term / every, 1)
        let instalment = Cents(amount.value / Int64(count))
        let trouble = rng.chance(0.06) ? 1 + rng.below(count) : 0
        var changes: [StatLoanChange] = []
        var outstanding = amount
        for k in 1...count {
            guard let due = monthEnd(k * every) else { break }
            let part = k == count ? outstanding : instalment
            guard k == trouble else {
                changes.append(StatLoanChange(day: due, .repaid(part)))
                outstanding = outstanding - part
                continue
            }
            changes.append(StatLoanChange(day: due, .overdue(part)))
            changes.append(StatLoanChange(day: due, .reclassified(.specialMention)))
            if rng.chance(0.55) {
                guard let next = monthEnd(k * every + 1) else { break }
                changes += [StatLoanChange(day: next, .repaid(part)), StatLoanChange(day: next, .overdue(.zero)),
                            StatLoanChange(day: next, .reclassified(.normal))]
                outstanding = outstanding - part
                continue
            }
            // Gone bad: down the tiers, then written off.
            let steps: [(Int, [StatLoanChange.Kind])] = [
                (1, [.reclassified(.substandard), .overdue(outstanding)]), (4, [.reclassified(.doubtful)]),
                (10, [.reclassified(.loss)]), (13, [.repaid(outstanding), .overdue(.zero)]),
            ]
            for (after, kinds) in steps {
                guard let day = monthEnd(k * every + after) else { break }
                changes += kinds.map { StatLoanChange(day: day, $0) }
            }
            break
        }
        return changes
    }
}
