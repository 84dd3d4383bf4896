import Foundation
import Testing
@testable import Domain

/// The recommendation-list screening (issue 12, §1): each of the five criteria at its boundary, and the rules
/// as versioned data, so a past screening is replayed under the version of its day.
@Suite struct ScreeningTests {
    let rules: ScreeningRules
    let day = Day(year: 2026, month: 3, day: 15)
    init() throws { rules = try ScreeningRules.bundled() }

    func facts(established: Day = Day(year: 2024, month: 1, day: 10), status: String = "存续", abnormal: [String] = [],
               listings: [ScreeningFacts.Listing] = [], tax: String? = "A", purpose: String = "采购原材料",
               checked: Bool? = true) -> ScreeningFacts {
        ScreeningFacts(uscc: "91210202MA0000001J", established: established, status: status, abnormalReasons: abnormal,
                       listings: listings, taxGrade: tax, purpose: purpose, creditCheckPassed: checked)
    }

    func codes(_ f: ScreeningFacts, on day: Day? = nil) -> [String] {
        Screening.screen(f, on: day ?? self.day, rules: rules)?.rejections.map(\.code) ?? ["no_rules"]
    }

    @Test func aSoundFirmPasses() throws {
        let result = try #require(Screening.screen(facts(), on: day, rules: rules))
        #expect(result.passed && result.version == 1)
    }

    @Test func twelveWholeMonthsInBusinessAreNeeded() {
        #expect(codes(facts(established: Day(year: 2025, month: 3, day: 15))) == [])
        #expect(codes(facts(established: Day(year: 2025, month: 3, day: 16))) == ["too_young"])
        let text = Screening.screen(facts(established: Day(year: 2025, month: 3, day: 16)), on: day, rules: rules)?.rejections.first?.text
        #expect(text == "成立 11 个月，不足 12 个月")
    }

    @Test func onlyAnOperatingFirmPasses() {
        #expect(codes(facts(status: "注销")) == ["not_operating"])
        #expect(codes(facts(status: "在业")) == [])
    }

    @Test func anUnreachableAddressFailsButOtherAbnormalReasonsDoNot() {
        #expect(codes(facts(abnormal: ["通过登记的住所或者经营场所无法联系"])) == ["unreachable_premises"])
        #expect(codes(facts(abnormal: ["未按期公示年度报告"])) == [])
    }

    @Test func listingsOfTheFirmOrItsLegalRepresentativeFail() {
        #expect(codes(facts(listings: [.init(kind: "失信被执行人")])) == ["firm_listed"])
        #expect(codes(facts(listings: [.init(kind: "涉金融严重失信", ofLegalRepresentative: true)])) == ["representative_listed"])
        #expect(codes(facts(listings: [.init(kind: "被执行人")])) == [], "being a judgment debtor alone is not a blocking list")
    }

    @Test func taxGradeDAndAMissingOrFailedCreditCheckFail() {
        #expect(codes(facts(tax: "D")) == ["tax_grade"])
        #expect(codes(facts(tax: "C")) == [])
        #expect(codes(facts(tax: nil)) == [])
        #expect(codes(facts(checked: nil)) == ["credit_check_pending"])
        #expect(codes(facts(checked: false)) == ["credit_check_failed"])
    }

    @Test func thePurposeMustBeGivenAndLawful() {
        #expect(codes(facts(purpose: "  ")) == ["no_purpose"])
        #expect(codes(facts(purpose: "用于证券投资")) == ["purpose_not_allowed"])
        let rejection = Screening.screen(facts(purpose: "用于证券投资"), on: day, rules: rules)?.rejections.first
        #expect(rejection?.criterion == .lawfulPurpose && rejection?.text.contains("证券投资") == true)
    }

    @Test func everyFailingCheckIsReportedWithItsCriterion() throws {
        let result = try #require(Screening.screen(facts(established: day, status: "吊销", tax: "D", purpose: "购房"), on: day, rules: rules))
        #expect(result.rejections.map(\.code) == ["too_young", "not_operating", "tax_grade", "purpose_not_allowed"])
        #expect(Set(result.rejections.map(\.criterion)) == [.compliantOperation, .goodCredit, .lawfulPurpose])
    }

    @Test func aScreeningIsReplayedUnderTheRulesOfItsDay() throws {
        var stricter = rules.versions[0]
        stricter.version = 2
        stricter.effectiveFrom = "2026-07-01"
        stricter.minimumMonthsInBusiness = 24
        var versioned = rules
        versioned.versions.append(stricter)
        let young = facts(established: Day(year: 2025, month: 1, day: 1))
        #expect(Screening.screen(young, on: Day(year: 2026, month: 6, day: 30), rules: versioned)?.passed == true)
        let later = try #require(Screening.screen(young, on: Day(year: 2026, month: 7, day: 1), rules: versioned))
        #expect(later.version == 2 && later.rejections.map(\.code) == ["too_young"])
        #expect(Screening.screen(young, on: Day(year: 2024, month: 10, day: 27), rules: versioned) == nil, "before any version")
    }

    @Test func aVersionWithABadDateIsRefusedWhenLoaded() {
        let json = #"{"name":"x","source":"y","versions":[{"version":1,"effectiveFrom":"2026-13-01","minimumMonthsInBusiness":12,"operatingStatuses":[],"unreachableAbnormalReasons":[],"blockingListKinds":[],"blockedTaxGrades":[],"blockedPurposes":[],"requireCreditCheck":true,"publicityDays":7,"decisionDays":30,"escalationDays":10}]}"#
        #expect(throws: DomainError.self) { try ScreeningRules.decode(Data(json.utf8)) }
    }
}
