import Foundation
import Testing
@testable import Domain

@Suite struct ClassificationTests {
    /// Each boundary of the 2023 rules: "past" a limit means strictly more days than it.
    @Test(arguments: [
        (0, LoanClass.normal), (1, .specialMention), (90, .specialMention), (91, .substandard),
        (270, .substandard), (271, .doubtful), (360, .doubtful), (361, .loss), (5_000, .loss),
    ])
    func defaultBoundaries(days: Int, expected: LoanClass) {
        #expect(ClassificationThresholds.default.classify(overdueDays: days) == expected)
    }

    @Test func labelsAndOrder() {
        #expect(LoanClass.allCases.map(\.label) == ["正常", "关注", "次级", "可疑", "损失"])
        #expect(LoanClass.normal < .specialMention && .doubtful < .loss)
        #expect(LoanClass.allCases.filter(\.isNonPerforming) == [.substandard, .doubtful, .loss])
    }

    @Test func institutionMayClassifyWorseNeverBetter() {
        let thresholds = ClassificationThresholds.default
        #expect(thresholds.classify(overdueDays: 0, atLeast: .substandard) == .substandard)
        #expect(thresholds.classify(overdueDays: 300, atLeast: .specialMention) == .doubtful)
    }

    @Test func configurableLimits() throws {
        // A stricter city: 关注 only after 30 days, 次级 after 60, 可疑 after 180, 损失 after 300.
        let strict = try ClassificationThresholds(specialMentionAfterDays: 30, substandardAfterDays: 60,
                                                  doubtfulAfterDays: 180, lossAfterDays: 300)
        #expect(strict.classify(overdueDays: 30) == .normal)
        #expect(strict.classify(overdueDays: 31) == .specialMention)
        #expect(strict.classify(overdueDays: 61) == .substandard)
        #expect(strict.classify(overdueDays: 181) == .doubtful)
        #expect(strict.classify(overdueDays: 300) == .doubtful)
        #expect(strict.classify(overdueDays: 301) == .loss)
    }

    @Test func rejectsInconsistentLimits() {
        #expect(throws: DomainError.self) { try ClassificationThresholds(substandardAfterDays: 300, doubtfulAfterDays: 270) }
        #expect(throws: DomainError.self) { try ClassificationThresholds(doubtfulAfterDays: 360, lossAfterDays: 360) }
        #expect(throws: DomainError.self) { try ClassificationThresholds(specialMentionAfterDays: -1) }
        #expect(throws: Never.self) { try ClassificationThresholds() }
    }

    @Test func configFileDecodingWithDefaultsAndValidation() throws {
        let partial = #"{"substandardAfterDays": 60}"#
        let decoded = try JSONDecoder().decode(ClassificationThresholds.self, from: Data(partial.utf8))
        #expect(decoded == (try ClassificationThresholds(substandardAfterDays: 60)))
        #expect(try JSONDecoder().decode(ClassificationThresholds.self, from: Data("{}".utf8)) == .default)
        let roundTrip = try JSONDecoder().decode(ClassificationThresholds.self, from: JSONEncoder().encode(decoded))
        #expect(roundTrip == decoded)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ClassificationThresholds.self, from: Data(#"{"lossAfterDays": 100}"#.utf8))
        }
    }

    /// A ledger with nothing paid, first due 2024-02-29: 关注 from 03-01, 次级 past 90 days (05-30), 可疑 past
    /// 270 (11-26), 损失 past 360 (2025-02-24).
    @Test func ledgerClassificationOverTime() {
        let schedule = RepaymentSchedule.make(principal: Cents(yuan: 10_000), rate: AnnualRate(basisPoints: 435),
                                              termMonths: 24, method: .equalPrincipal, start: loanDay("2024-01-31"))
        let ledger = LoanLedger(schedule: schedule)
        let expectations: [(String, Int, LoanClass)] = [
            ("2024-02-29", 0, .normal), ("2024-03-01", 1, .specialMention),
            ("2024-05-29", 90, .specialMention), ("2024-05-30", 91, .substandard),
            ("2024-11-25", 270, .substandard), ("2024-11-26", 271, .doubtful),
            ("2025-02-23", 360, .doubtful), ("2025-02-24", 361, .loss),
        ]
        for (text, days, expected) in expectations {
            #expect(ledger.overdueDays(asOf: loanDay(text)) == days, "\(text)")
            #expect(ledger.classification(asOf: loanDay(text)) == expected, "\(text)")
        }
    }
}
