import Foundation
import Domain

/// What happens around the loans, in proportion to them: half as many applications as loans, a quarter as many
/// credit lines, a fifth as many demands and pushes, an alert for every second firm, a fund claim per 500 loans,
/// and twelve departments' monthly datasets with their batches.
extension StatHistory {
    func applications(firms: [StatFirm], products: [StatProduct]) -> [StatApplication] {
        guard !products.isEmpty else { return [] }
        return (0..<config.loans / 2).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 20)
            let firm = rng.below(firms.count)
            let product = products[Self.products(of: firm, seed: config.seed, count: products.count)[rng.below(3)]]
            let applied = day(after: Self.number(firms[firm].registeredOn), &rng)
            var decision: StatApplication.Decision?
            var disbursed: Day?
            if rng.chance(0.9), let on = later(applied, rng.below(10)) {
                let approved = rng.chance(0.7)
                decision = StatApplication.Decision(approved: approved, automatic: approved && rng.chance(0.35), on: on)
                if approved && rng.chance(0.8) { disbursed = later(Self.number(on), 3 + rng.below(28)) }
            }
            return StatApplication(id: "A" + String(i + 1), firm: firms[firm].id, institution: product.institution, product: product.id,
                                   appliedOn: Self.day(applied), decision: decision, disbursedOn: disbursed)
        }
    }

    func creditLines(firms: [StatFirm], borrowers: [Int], products: [StatProduct]) -> [StatCreditLine] {
        guard !borrowers.isEmpty, !products.isEmpty else { return [] }
        return (0..<config.loans / 4).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 21)
            let firm = borrowers[rng.below(borrowers.count)]
            let product = products[Self.products(of: firm, seed: config.seed, count: products.count)[rng.below(3)]]
            return StatCreditLine(firm: firms[firm].id, institution: product.institution, product: product.id,
                                  grantedOn: Self.day(day(after: Self.number(firms[firm].registeredOn), &rng)),
                                  amount: Cents(yuan: Int64(100 + rng.below(5_000)) * 1_000))
        }
    }

    func demands(firms: [StatFirm], products: [StatProduct]) -> [StatDemand] {
        (0..<config.loans / 5).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 22)
            let firm = rng.below(firms.count)
            let published = day(after: Self.number(firms[firm].registeredOn), &rng)
            let product = products.isEmpty || !rng.chance(0.4) ? nil : products[rng.below(products.count)]
            let taken = rng.chance(0.65) ? later(published, rng.below(21)) : nil
            let amount = Cents(yuan: Int64(50 + rng.below(3_000)) * 1_000)
            let satisfied = taken != nil && rng.chance(0.45) ? Cents(amount.value / 100 * Int64(50 + rng.below(51))) : nil
            return StatDemand(id: "D" + String(i + 1), firm: firms[firm].id, publishedOn: Self.day(published), amount: amount,
                              institution: product?.institution, product: product?.id, takenOn: taken, satisfiedAmount: satisfied)
        }
    }

    func pushes(firms: [StatFirm]) -> [StatPush] {
        (0..<config.loans / 5).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 23)
            let firm = rng.below(firms.count)
            let pushed = day(after: Self.number(firms[firm].registeredOn), &rng)
            let institution = "I" + String(format: "%02d", 1 + rng.below(Self.institutionCount))
            return StatPush(id: "P" + String(i + 1), firm: firms[firm].id, institution: institution, pushedOn: Self.day(pushed),
                            contactedOn: rng.chance(0.6) ? later(pushed, rng.below(16)) : nil,
                            decidedOn: rng.chance(0.5) ? later(pushed, rng.below(61)) : nil)
        }
    }

    func alerts(firms: [StatFirm], borrowers: [Int]) -> [StatAlert] {
        guard !borrowers.isEmpty else { return [] }
        let levels: [WarningLevel] = [.blue, .blue, .blue, .blue, .blue, .yellow, .yellow, .yellow, .orange, .red]
        return (0..<firms.count / 2).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 24)
            let firm = borrowers[rng.below(borrowers.count)]
            let raised = day(after: Self.number(firms[firm].registeredOn), &rng)
            let institution = rng.chance(0.7) ? "I" + String(format: "%02d", 1 + rng.below(Self.institutionCount)) : nil
            return StatAlert(id: "W" + String(i + 1), firm: firms[firm].id, institution: institution, raisedOn: Self.day(raised),
                             level: levels[rng.below(levels.count)], handledOn: rng.chance(0.8) ? later(raised, rng.below(41)) : nil)
        }
    }

    func claims(firms: [StatFirm], borrowers: [Int], products: [StatProduct]) -> [StatClaim] {
        guard !borrowers.isEmpty, !products.isEmpty else { return [] }
        return (0..<config.loans / 500).map { i in
            var rng = Rng(seed: config.seed, item: i, stream: 25)
            let firm = borrowers[rng.below(borrowers.count)]
            let product = products[Self.products(of: firm, seed: config.seed, count: products.count)[rng.below(3)]]
            let filed = day(after: Self.number(firms[firm].registeredOn), &rng)
            let claimed = Cents(yuan: Int64(50 + rng.below(2_000)) * 1_000)
            let paidOn = rng.chance(0.7) ? later(filed, 30 + rng.below(91)) : nil
            return StatClaim(id: "C" + String(i + 1), firm: firms[firm].id, institution: product.institution, product: product.id,
                             filedOn: Self.day(filed), claimed: claimed, paidOn: paidOn,
                             paid: paidOn == nil ? .zero : Cents(claimed.value / 100 * Int64(60 + rng.below(31))))
        }
    }

    static let departments = ["SCJ", "SWJ", "RSJ", "ZJJ", "FY", "GJJ", "SBJ", "HBJ", "NYJ", "JTJ", "YJJ", "SLJ"]

    /// Each department owes 4 to 10 datasets a month, due ten days after the month; 92 % arrive (most on time), some
    /// in two batches.
    func collection() -> ([StatExpectation], [StatBatch]) {
        var expectations: [StatExpectation] = [], batches: [StatBatch] = []
        for (d, department) in Self.departments.enumerated() {
            var rng = Rng(seed: config.seed, item: d, stream: 30)
            let datasets = 4 + rng.below(7)
            var month = StatMonth(start)
            while month <= config.lastMonth {
                let due = Self.day(Self.number(month.lastDay) + 10)
                for dataset in 1...datasets {
                    let key = "\(department)/d\(dataset)/\(month)"
                    expectations.append(StatExpectation(key: key, department: department, month: month, dueOn: due))
                    guard rng.chance(0.92) else { continue }
                    for _ in 0..<(rng.chance(0.15) ? 2 : 1) {
                        guard let received = later(Self.number(month.lastDay), 1 + rng.below(rng.chance(0.8) ? 10 : 40)) else { continue }
                        let records = Int64(100 + rng.below(50_000))
                        batches.append(StatBatch(expectation: key, department: department, month: month, dueOn: due, receivedOn: received,
                                                 records: records, rejected: records * Int64(rng.below(3)) / 100))
                    }
                }
                month = month.adding(months: 1)
            }
        }
        return (expectations, batches)
    }
}
