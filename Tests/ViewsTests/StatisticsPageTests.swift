import Domain
import Testing
@testable import Views

@Suite("Statistics pages")
struct StatisticsPageTests {
    typealias S = StatisticsFixtures

    @Test("each indicator's name carries its definition on hover and links to its glossary entry")
    func hoverDefinition() throws {
        let html = StatisticsPage.render(S.statistics())
        let share = try #require(IndicatorCatalog.indicator("lending.credit_loan_share"))
        #expect(html.contains("href=\"/console/stats/glossary#lending.credit_loan_share\" title=\"\(share.definition)\">信用贷款占比</a>"))
        #expect(html.contains(">38.20%</span>"))
        #expect(HTMLInspect.count("class=\"indicator-name\"", in: html) == IndicatorCatalog.all.count)
        let glossary = StatGlossaryPage.render(.init(context: PortalFixtures.center("/console/stats/glossary")))
        for indicator in IndicatorCatalog.all { #expect(glossary.contains("id=\"\(indicator.code)\"")) }
        #expect(glossary.contains("指标目录第\(IndicatorCatalog.version)版，共\(IndicatorCatalog.all.count)项"))
        #expect(glossary.contains(FormulaText.describe(share.formula)))
    }

    @Test("a period without data says so and draws no tables or charts; an open month has no closed badge")
    func emptyPeriod() {
        let html = StatisticsPage.render(S.statistics(empty: true, closed: false))
        #expect(html.contains("2026年3月暂无统计数据"))
        #expect(!html.contains("id=\"breakdown\""))
        #expect(!html.contains("<svg"))
        #expect(!html.contains("已结账"))
        #expect(StatisticsPage.render(S.statistics()).contains("已结账 · 摘要 3f9a1c0be2d4<"))
    }

    @Test("the export links repeat the query, percent-encoded and escaped")
    func exportQuery() {
        var query = StatisticsPage.Query(from: S.march, to: S.march, quarter: "2026-Q1", groupBy: nil,
                                         filter: StatFilter([.district: "210202", .product: "a&b"]), indicator: "lending.loans")
        #expect(query.queryString == "from=2026-03&to=2026-03&quarter=2026-Q1&by=month&indicator=lending.loans&district=210202&product=a%26b")
        query.quarter = nil
        var model = S.statistics()
        model.query = query
        let html = StatisticsPage.render(model)
        #expect(html.contains("href=\"/console/stats/export.xlsx?from=2026-03&amp;to=2026-03&amp;by=month&amp;indicator=lending.loans&amp;district=210202&amp;product=a%26b\""))
        // Grouped by month, the breakdown rows are months.
        model.breakdown = [.init(key: "2026-03", value: IndicatorValue(5))]
        #expect(StatisticsPage.render(model).contains("<td>2026年3月</td>"))
    }

    @Test("the institution edits its report until it is accepted; the credit center never edits")
    func reportEditing() throws {
        let returned = try S.reportPage(.filing, status: .returned)
        #expect(returned.isEditable && !returned.mayAccept && !returned.mayReturn)
        let html = StatReportPage.render(returned)
        let form = try #require(HTMLInspect.forms(in: html).first { $0.contains("id=\"report-form\"") })
        #expect(form.contains("action=\"/bank/reports/2026-03\"") && form.contains("name=\"csrf\""))
        #expect(form.contains("name=\"R10.amount\" value=\"410000000.00\"") && form.contains("aria-invalid=\"true\""))
        #expect(html.contains("enctype=\"multipart/form-data\""))
        #expect(html.contains("title=\"报告月内本机构向小微企业和个体工商户新发放的贷款，含平台内外，笔数与金额。\">当月新发放贷款</span>"))

        let accepted = try S.reportPage(.filing, status: .accepted)
        #expect(!accepted.isEditable)
        let readOnly = StatReportPage.render(accepted)
        #expect(!readOnly.contains("type=\"number\"") && !readOnly.contains("multipart"))
        #expect(readOnly.contains("¥410,000,000.00"))
    }

    @Test("the credit center accepts only a pending report without problems, and returns one with a required reason")
    func reportReview() throws {
        var review = try S.reportPage(.review(id: "41"), status: .pending)
        #expect(!review.isEditable && review.mayReturn && !review.mayAccept)
        #expect(!StatReportPage.render(review).contains("/accept"))
        review.problems = []
        let html = StatReportPage.render(review)
        let accept = try #require(HTMLInspect.forms(in: html).first { $0.contains("action=\"/console/stats/reports/41/accept\"") })
        #expect(accept.contains("data-confirm=") && accept.contains("name=\"csrf\""))
        let back = try #require(HTMLInspect.forms(in: html).first { $0.contains("action=\"/console/stats/reports/41/return\"") })
        #expect(back.contains("name=\"reason\"") && back.contains("required"))
        review.status = .accepted
        #expect(!StatReportPage.render(review).contains("/return\""))
    }

    @Test("the differences mark the platform's floor and a figure below it")
    func differences() throws {
        let html = StatReportPage.render(try S.reportPage(.review(id: "41"), status: .pending))
        #expect(html.contains(">低于下限<"))
        #expect(html.contains(">参考<"))
        #expect(html.contains("+¥7,000,000.00"))
    }

    @Test("no reports, no late reports and no template each say so")
    func emptyReports() throws {
        var model = try S.reports()
        model.rows = []; model.late = []; model.template = nil
        let html = StatReportsPage.render(model)
        #expect(html.contains("暂无应报送的金融机构"))
        #expect(html.contains("没有逾期的报表"))
        #expect(html.contains("2026年3月没有生效的报表模板"))
        let late = try S.reports().late
        #expect(late.map(\.institution) == ["1", "3"])
        #expect(BankReportsPage.render(.init(context: PortalFixtures.bank("/bank/reports"), institutionName: "大连银行", rows: [], current: nil))
            .contains("暂无需报送的报表"))
    }

    @Test("the league table expands to each item with its indicator value; an empty period says so")
    func evaluation() throws {
        let html = EvaluationPage.render(try S.evaluation())
        #expect(html.contains("<summary>各项得分</summary>"))
        #expect(html.contains("<li>信用贷款投放金额：25.00/25分（信用贷款金额 3,000.00万元）</li>"))
        #expect(html.contains("<li>信用贷款占比：9.33/10分（信用贷款占比 28.00%）</li>"))
        #expect(html.contains("action=\"/console/stats/bulletins\""))
        #expect(html.contains("关于2026年第一季度信易贷工作情况的通报"))
        #expect(EvaluationPage.render(try S.evaluation(empty: true)).contains("本期暂无评价数据"))
    }

    @Test("a read-only department sees neither the publish form nor the operator's pages in the sub-navigation")
    func readOnly() throws {
        var model = try S.evaluation()
        model.mayManage = false
        let html = EvaluationPage.render(model)
        #expect(!html.contains("action=\"/console/stats/bulletins\""))
        #expect(!html.contains("href=\"/console/stats/close\"") && !html.contains("href=\"/console/stats/reports\""))
        #expect(html.contains("href=\"/console/stats/glossary\""))
    }

    @Test("items are described in Chinese from their rules")
    func rules() throws {
        let scheme = try S.scheme(.institution)
        let text = Dictionary(uniqueKeysWithValues: scheme.items.map { ($0.code, LeagueTable.rule($0)) })
        #expect(text["credit_share"] == "信用贷款占比 ÷ 目标值30.00% × 10分，最高10分")
        #expect(text["rate_cut_rank"] == "按加权平均利率降幅排名加分：第1名5分、第2名4分、第3名3分、第4名2分、第5名1分")
        #expect(text["policy"] == "由信用中心评分（0至30分）")
        #expect(LeagueTable.points(8_725) == "87.25" && LeagueTable.points(5) == "0.05")
    }

    @Test("periods are written as parameters and titles")
    func periods() {
        #expect(StatArea.periodParameter(.month(S.march)) == "2026-03")
        #expect(StatArea.periodParameter(.quarter(year: 2026, 2)) == "2026-Q2")
        #expect(StatArea.periodParameter(.months(StatMonth(year: 2026, month: 2), S.march)) == "2026-02..2026-03")
        #expect(StatArea.periodParameter(StatPeriod(from: Day(year: 2026, month: 3, day: 2), through: S.march.lastDay)) == nil)
        #expect(BulletinPage.title(.month(S.march)) == "关于2026年3月信易贷工作情况的通报")
        #expect(BulletinPage.title(.quarter(year: 2026, 4)) == "关于2026年第四季度信易贷工作情况的通报")
    }

    @Test("the bulletin prints its figures and digests, and says when the period is not closed")
    func bulletin() throws {
        var model = try S.bulletin()
        let html = BulletinPage.render(model)
        #expect(html.contains("class=\"app page-bulletin\""))
        #expect(html.contains("占全市登记企业的31.20%") && html.contains("数据归集率96.25%"))
        #expect(html.contains(S.digest))
        model.digests = []
        #expect(BulletinPage.render(model).contains("本期数据尚未结账"))
    }

    @Test("months are open, closed or re-opened from the book; only ended open months may be closed")
    func closeBook() throws {
        let model = try S.close()
        let status = Dictionary(uniqueKeysWithValues: model.rows.map { ($0.month.description, $0.status) })
        #expect(status == ["2026-03": .open, "2026-02": .reopened, "2026-01": .closed, "2025-12": .open])
        #expect(model.rows.first { $0.month == StatMonth(year: 2026, month: 2) }?.closedBy == "王敏")
        #expect(model.closable.map(\.description) == ["2026-03", "2026-02", "2025-12"])
        #expect(model.reopenable.map(\.description) == ["2026-01"])
        var early = model
        early.today = Day(year: 2026, month: 3, day: 31)
        #expect(!early.closable.contains(S.march))
        let html = StatClosePage.render(model)
        let reopen = try #require(HTMLInspect.forms(in: html).first { $0.contains("action=\"/console/stats/reopen\"") })
        #expect(reopen.contains("name=\"reason\"") && reopen.contains("required") && reopen.contains("data-confirm="))
        #expect(html.contains("大连农商银行补报2月放款数据"))
    }

    @Test("navigation: one statistics item for the credit center, reports for institutions, statistics for czj, jrj and rmyh only")
    func navigation() {
        #expect(Navigation.items(for: .creditCenter, active: "/console/stats/close").filter { $0.href.hasPrefix("/console/stats") }
            .map { "\($0.label)\($0.isActive)" } == ["统计分析true"])
        #expect(Navigation.items(for: .institutionStaff, active: "/bank/reports/2026-03").last?.isActive == true)
        func department(_ code: String) -> Principal {
            Principal(name: code, displayName: code, role: .department, department: Department(id: 1, code: code, name: code, datasets: []))
        }
        for code in ["czj", "jrj", "rmyh"] {
            #expect(Navigation.items(for: department(code), active: "/console/stats").contains { $0.href == "/console/stats" && $0.isActive })
        }
        #expect(!Navigation.items(for: department("scjgj"), active: "/console/batches").contains { $0.href == "/console/stats" })
    }
}
