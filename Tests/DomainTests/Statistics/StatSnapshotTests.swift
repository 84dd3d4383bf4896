import Testing
@testable import Domain

/// Closing a month freezes its figures in a canonical text with a SHA-256 digest that a recomputation reproduces.
@Suite struct StatSnapshotTests {
    typealias F = StatFixtures

    @Test func theSnapshotIsReproducibleFromTheFactsAndFromTheCells() throws {
        let aggregate = StatAggregate(rebuiltFrom: F.facts)
        let scopes = StatSnapshot.standardScopes(aggregate, through: F.march)
        #expect(scopes == [.all, .district(F.zhongshan), .district(F.xigang), .institution("B1"), .institution("B2")])
        let closed = try StatSnapshot.close(F.march, from: aggregate, scopes: scopes)
        let again = try StatSnapshot.close(F.march, from: StatCalculator(facts: F.facts), scopes: scopes.reversed())
        #expect(closed.canonicalText == again.canonicalText && closed.digest == again.digest)
        #expect(closed.rows.count == scopes.count * IndicatorCatalog.all.count)
        #expect(closed.digest.count == 64 && closed.digest.allSatisfy { "0123456789abcdef".contains($0) })

        let lines = closed.canonicalText.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.prefix(3) == ["xinyidai-statistics-snapshot/1", "month\t2025-03", "catalog\t1"])
        #expect(lines.contains("all\tlending.credit_loan_share\t666667\t80000000\t120000000"))
        #expect(lines.contains("district=210203\trisk.npl_ratio\t666667\t40000000\t60000000"))
        #expect(lines.contains("all\tlending.average_rate_change\t-\t-\t-"), "February had no loans")
        #expect(lines.last == "", "ends with a line feed")
    }

    @Test func aChangedFactChangesTheDigestAndTheDifferencesNameTheFigures() throws {
        let before = try StatSnapshot.close(F.march, from: StatCalculator(facts: F.facts))
        var facts = F.facts
        facts.loans.append(StatLoan(id: "Ln9", firm: "F3", institution: "B1", product: "P1", disbursedOn: F.d("2025-03-31"),
                                    amount: Cents(yuan: 100_000), rate: 410))
        let after = try StatSnapshot.close(F.march, from: StatCalculator(facts: facts))
        #expect(before.digest != after.digest)
        let differences = before.differences(from: after).filter { $0.scope == .all }
        let changed = Set(differences.map(\.code))
        #expect(changed.contains("lending.loans") && changed.contains("risk.npl_ratio") && changed.contains("lending.loan_firms"))
        // A loan at the average rate (4.10 %) leaves the average alone but not its parts, which the snapshot keeps.
        let rate = try #require(differences.first { $0.code == "lending.average_rate" })
        #expect(rate.closed?.value == 41_000 && rate.now?.value == 41_000 && rate.closed?.denominator != rate.now?.denominator)
        #expect(!changed.contains("demand.published"))
    }

    @Test func closingAndReopeningAreLogged() throws {
        let snapshot = try StatSnapshot.close(F.march, from: StatCalculator(facts: F.facts))
        var book = StatCloseBook()
        #expect(throws: DomainError.invalidInput(field: "month", reason: "2025年3月尚未结束，不能结账")) {
            try book.close(snapshot, by: "op1", on: F.d("2025-03-31"))
        }
        try book.close(snapshot, by: "op1", on: F.d("2025-04-10"))
        #expect(book.isClosed(F.march))
        #expect(throws: DomainError.conflict("2025年3月已结账，须先重新开账")) { try book.close(snapshot, by: "op1", on: F.d("2025-04-11")) }
        #expect(throws: DomainError.invalidInput(field: "reason", reason: "重新开账须写明原因")) {
            try book.reopen(F.march, reason: "  ", by: "op1", on: F.d("2025-04-12"))
        }
        try book.reopen(F.march, reason: "某银行更正放款日期", by: "op2", on: F.d("2025-04-12"))
        #expect(!book.isClosed(F.march))
        #expect(book.entries.map(\.logLine) == [
            "statistics-close 2025-03 \(snapshot.digest) by=op1 on=2025-04-10",
            "statistics-reopen 2025-03 某银行更正放款日期 by=op2 on=2025-04-12",
        ])
    }
}
