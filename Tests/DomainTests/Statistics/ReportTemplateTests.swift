import Foundation
import Testing
@testable import Domain

/// The institutions' monthly report: the shipped template, every problem of a filing at once with its row, column
/// and Chinese message, the platform's own figures as a floor, the differences, and late filings.
@Suite struct ReportTemplateTests {
    typealias F = StatFixtures

    func template() throws -> ReportTemplate { try #require(try ReportTemplates.bundled().template(for: F.march)) }

    /// B1's March figures on the platform: Ln1 ¥600,000 + Ln3 ¥200,000 (both credit, Ln1 first), lines L1 + L2
    /// ¥1,200,000 to F1, balances ¥500,000 + ¥200,000 normal, pushes Pu1 and Pu3.
    func platformB1() throws -> [String: IndicatorValue] {
        try StatCalculator(facts: F.facts).values(period: .month(F.march), filter: .institution("B1"))
    }

    func yuan(_ y: Int64) -> Int64 { y * 100 }

    func cleanReport() -> StatReport {
        var r = StatReport(institution: "B1", month: F.march)
        r["R01", "count"] = 5; r["R01", "amount"] = yuan(2_000_000)
        r["R02", "count"] = 3; r["R02", "amount"] = yuan(1_000_000)
        r["R03", "count"] = 2; r["R03", "amount"] = yuan(700_000)
        r["R04", "amount"] = 0
        r["R05", "count"] = 2; r["R05", "amount"] = yuan(1_500_000)
        r["R10", "amount"] = yuan(3_000_000)
        r["R11", "amount"] = yuan(2_800_000); r["R12", "amount"] = yuan(100_000); r["R13", "amount"] = yuan(60_000)
        r["R14", "amount"] = yuan(40_000); r["R15", "amount"] = 0
        r["R16", "amount"] = yuan(100_000)
        return r
    }

    @Test func theShippedTemplateLoadsAndIsInForceFromItsDay() throws {
        let templates = try ReportTemplates.bundled()
        #expect(templates.problems().isEmpty)
        #expect(templates.template(for: StatMonth(year: 2024, month: 12)) == nil)
        let t = try template()
        #expect(t.version == 1 && t.rows.count == 13 && t.row("R10")?.sumOf == ["R11", "R12", "R13", "R14", "R15"])
        #expect(t.rows.allSatisfy { !$0.definition.isEmpty })
        #expect(t.dueOn(for: F.march) == F.d("2025-04-10"))
    }

    @Test func aCleanReportHasNoProblems() throws {
        #expect(try template().validate(cleanReport(), platform: platformB1()) == [])
    }

    @Test func everyProblemIsReportedAtOnceWithItsPlace() throws {
        var r = cleanReport()
        r["R01", "count"] = 1                    // the platform alone recorded 2 loans of B1
        r["R01", "amount"] = yuan(900_000)
        r["R02", "count"] = 1; r["R02", "amount"] = yuan(950_000)  // more credit loans than loans
        r["R03", "count"] = nil                  // required
        r["R04", "amount"] = -5                  // negative
        r["R10", "amount"] = yuan(700_000)
        r["R11", "amount"] = yuan(650_000); r["R12", "amount"] = 0; r["R13", "amount"] = 0; r["R14", "amount"] = 0
        r["R15", "amount"] = nil                 // required, and the classes add up to ¥650,000, not ¥700,000
        r["R16", "amount"] = 0
        r["R99", "amount"] = 1                   // not in the template
        let problems = try template().validate(r, platform: platformB1())
        let located = problems.map { "\($0.kind.rawValue) \($0.row) \($0.column ?? "")" }
        #expect(located == [
            "belowPlatformFloor R01 count",
            "partExceedsWhole R02 amount",
            "missing R03 count",
            "negative R04 amount",
            "totalMismatch R10 amount",
            "missing R15 amount",
            "unknownCell R99 amount",
        ])
        #expect(problems[0].message == "第R01行“当月新发放贷款”的“户数/笔数”填报1，少于平台记录的本机构放款笔数2；经平台发放的部分已计入，填报数不得低于平台记录")
        #expect(problems[1].message == "第R02行“其中：信用贷款”的“金额”为“当月新发放贷款”的其中项，填报¥950,000.00，不应大于¥900,000.00")
        #expect(problems[2].message == "第R03行“其中：首贷户”的“户数/笔数”未填写")
        #expect(problems[3].message == "第R04行“其中：无还本续贷”的“金额”不能为负数（填报-¥0.05）")
        #expect(problems[4].message == "第R10行“月末贷款余额”的“金额”应等于R11、R12、R13、R14、R15之和¥650,000.00，填报¥700,000.00，相差¥50,000.00")
        #expect(problems[6].message == "模板第1版没有“R99”行的“金额”栏，请删除该项")
    }

    @Test func theAmountFloorIsTheInstitutionsOwnPlatformLoans() throws {
        var r = cleanReport()
        r["R01", "amount"] = yuan(799_999)       // B1's platform loans were ¥800,000
        r["R02", "amount"] = yuan(700_000)
        let problems = try template().validate(r, platform: platformB1())
        #expect(problems.map(\.kind) == [.belowPlatformFloor, .belowPlatformFloor])
        #expect(problems.map(\.row) == ["R01", "R02"], "R01 below ¥800,000 loans, R02 below ¥800,000 credit loans")
        r["R01", "amount"] = yuan(800_000); r["R02", "amount"] = yuan(800_000)
        #expect(try template().validate(r, platform: platformB1()) == [], "equal to the floor is fine")
    }

    @Test func theDifferencesAgainstThePlatform() throws {
        let diffs = try template().differences(cleanReport(), platform: platformB1())
        let loans = try #require(diffs.first { $0.row == "R01" && $0.column == "amount" })
        #expect(loans == ReportDifference(row: "R01", column: "amount", indicator: "lending.loan_amount", reported: yuan(2_000_000),
                                          platform: yuan(800_000), difference: yuan(1_200_000)))
        let balance = try #require(diffs.first { $0.row == "R10" })
        #expect(balance.platform == yuan(700_000) && balance.difference == yuan(2_300_000))
        let pushes = try #require(diffs.first { $0.row == "R20" })
        #expect(pushes.reported == nil && pushes.platform == 2 && pushes.difference == nil, "optional and not filed")
        #expect(diffs.count == 11, "R01×2, R02, R03×2, R04, R05×2, R10, R16, R20")
    }

    @Test func lateReportsAreListed() throws {
        let late = try template().lateReports(F.march, institutions: ["B3", "B1", "B2"],
                                              filed: ["B1": F.d("2025-04-10"), "B2": F.d("2025-04-13")], today: F.d("2025-04-15"))
        #expect(late == [LateReport(institution: "B2", dueOn: F.d("2025-04-10"), filedOn: F.d("2025-04-13"), daysLate: 3),
                         LateReport(institution: "B3", dueOn: F.d("2025-04-10"), filedOn: nil, daysLate: 5)])
        #expect(try template().lateReports(F.march, institutions: ["B3"], filed: [:], today: F.d("2025-04-10")) == [])
    }

    @Test func aBrokenTemplateFileIsRefusedWithAChineseReason() throws {
        let url = try #require(Bundle.module.url(forResource: "report-templates", withExtension: "json"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let broken = text.replacingOccurrences(of: "\"sumOf\": [\"R13\", \"R14\", \"R15\"]", with: "\"sumOf\": [\"R13\", \"R77\"]")
            .replacingOccurrences(of: "\"lending.loans\"", with: "\"lending.loan_count\"")
        #expect(broken != text)
        let problems = try JSONDecoder().decode(ReportTemplates.self, from: Data(broken.utf8)).problems()
        #expect(problems == ["版本 1：行次 R01 引用了不存在的指标 lending.loan_count", "版本 1：行次 R16 的合计项 R77 不存在"])
        #expect(throws: DomainError.invalidCatalog(entry: "report-templates.json", reason: "版本 1：行次 R01 引用了不存在的指标 lending.loan_count")) {
            try ReportTemplates.decode(Data(broken.utf8))
        }
    }
}
