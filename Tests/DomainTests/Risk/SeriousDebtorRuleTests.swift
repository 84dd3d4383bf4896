import Foundation
import Testing
@testable import Domain

/// The derived 严重失信债务人 (RISK.md §3.1 [R42]): a 失信被执行人 whose creditor is a bank (or another configured
/// financial institution) and whose debt is above the threshold; the threshold is UNCONFIRMED, a default.
@Suite struct SeriousDebtorRuleTests {
    let rules: ListRules
    let threshold: Cents
    init() throws {
        rules = try ListRules.bundled()
        threshold = try #require(rules.inForce(on: Day(year: 2026, month: 1, day: 1))).seriousDebtorThreshold
    }

    func record(amount: Cents, type: String = "银行", listed: Day = Day(year: 2026, month: 2, day: 10)) -> DishonestDebtorRecord {
        DishonestDebtorRecord(debtor: ListFixtures.firm, relatedPersons: [ListFixtures.representative, ListFixtures.controller],
                              creditorName: "大连示例银行股份有限公司", creditorType: type, amount: amount,
                              caseNumber: "（2025）辽0202执456号", court: "大连市中山区人民法院", listedOn: listed)
    }

    @Test func theDefaultThresholdIsOneMillionYuanAndMarkedUnconfirmed() throws {
        #expect(threshold == Cents(yuan: 1_000_000))
        #expect(try #require(rules.inForce(on: Day(year: 2026, month: 1, day: 1))).unconfirmed.contains("seriousDebtorThreshold"))
    }

    @Test func anAmountEqualToTheThresholdDoesNotQualifyOneCentAboveDoes() throws {
        let equal = try SeriousDebtorRule.judge(record(amount: threshold), rules: rules)
        #expect(!equal.qualifies && equal.text == "执行金额 ¥1,000,000.00 未超过 ¥1,000,000.00")
        let above = try SeriousDebtorRule.judge(record(amount: threshold + Cents(1)), rules: rules)
        #expect(above.qualifies && above.text.contains("¥1,000,000.01"))
    }

    @Test func onlyAFinancialInstitutionCreditorQualifies() throws {
        let big = threshold + Cents(yuan: 500_000)
        #expect(try SeriousDebtorRule.judge(record(amount: big, type: "农村信用社"), rules: rules).qualifies)
        let person = try SeriousDebtorRule.judge(record(amount: big, type: "自然人"), rules: rules)
        #expect(!person.qualifies && person.text.contains("不是银行等金融机构"))
        var extended = rules
        extended.versions[0].seriousDebtorCreditorTypes.append("小额贷款公司")
        #expect(try SeriousDebtorRule.judge(record(amount: big, type: "小额贷款公司"), rules: extended).qualifies)
        #expect(try !SeriousDebtorRule.judge(record(amount: big, type: "小额贷款公司"), rules: rules).qualifies)
    }

    @Test func aQualifyingRecordIsProposedForTheProcedureWithItsPersonsMarked() throws {
        let day = Day(year: 2026, month: 3, day: 2)
        let entry = try #require(try SeriousDebtorRule.derive(from: record(amount: threshold + Cents(1)), id: "SD-1",
                                                             authority: "大连市发展和改革委员会", on: day, rules: rules))
        #expect(entry.kind == .seriousDebtor && entry.status == .proposed && entry.proposedOn == day)
        #expect(entry.basisDocumentNumber == "（2025）辽0202执456号" && entry.actEndedOn == nil)
        #expect(entry.parties.map(\.role) == [.subject, .legalRepresentative, .actualController])
        #expect(try SeriousDebtorRule.derive(from: record(amount: threshold), id: "SD-2", authority: "x", on: day, rules: rules) == nil)
    }

    @Test func theThresholdOfTheCourtListingDayApplies() throws {
        let lower = ListFixtures.withVersion(rules, from: "2026-07-01") { $0.seriousDebtorThreshold = Cents(yuan: 500_000) }
        let amount = Cents(yuan: 600_000)
        let june = try SeriousDebtorRule.judge(record(amount: amount, listed: Day(year: 2026, month: 6, day: 30)), rules: lower)
        let july = try SeriousDebtorRule.judge(record(amount: amount, listed: Day(year: 2026, month: 7, day: 1)), rules: lower)
        #expect(!june.qualifies && june.version == 1)
        #expect(july.qualifies && july.version == 2)
    }
}
