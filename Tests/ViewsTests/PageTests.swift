import Domain
import Foundation
import Testing
@testable import Views

@Suite("Pages")
struct PageTests {
    @Test("every page is a complete HTML document with viewport, stylesheet and script")
    func documents() {
        let pages = [
            LoginPage.render(LoginPage.Model(csrfToken: Fixtures.token)),
            DashboardPage.render(Fixtures.dashboard()),
            EnterpriseListPage.render(Fixtures.enterpriseList()),
            EnterpriseProfilePage.render(Fixtures.profile()),
            BatchDetailPage.render(Fixtures.batchDetail()),
            UploadPage.render(Fixtures.upload()),
            CatalogPage.render(Fixtures.catalog()),
            ErrorPage.render(ErrorPage.Model(statusCode: 500)),
        ]
        for html in pages {
            #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"zh-CN\">"))
            #expect(html.contains("<meta charset=\"UTF-8\"/>"))
            #expect(html.contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\""))
            #expect(html.contains("href=\"/static/app.css\""))
            #expect(html.contains("src=\"/static/app.js\""))
            #expect(html.contains("<span class=\"brand-name\">信易贷<span class=\"brand-sub\"> · 公共信用信息平台</span></span>"))
            #expect(html.hasSuffix("</html>"))
        }
    }

    @Test("the navigation comes from the context and marks the active item")
    func navigation() {
        let operatorHTML = DashboardPage.render(Fixtures.dashboard())
        #expect(operatorHTML.contains("<a href=\"/console\" class=\"is-active\" aria-current=\"page\">概览</a>"))
        for label in ["企业", "批次", "上传数据", "数据目录"] {
            #expect(operatorHTML.contains(">\(label)</a>"))
        }
        #expect(operatorHTML.contains("王敏"))
        #expect(operatorHTML.contains("信用中心"))

        var department = Fixtures.upload()
        department.context.navItems = Navigation.items(for: .department, active: "/console/upload")
        department.context.roleLabel = "部门：市场监管局"
        let html = UploadPage.render(department)
        #expect(!html.contains(">概览</a>"))
        #expect(!html.contains("href=\"/console/enterprises\""))
        #expect(html.contains("<a href=\"/console/upload\" class=\"is-active\" aria-current=\"page\">上传数据</a>"))
        #expect(html.contains("部门：市场监管局"))
        // The brand links to the first section the user may see.
        #expect(html.contains("<a class=\"brand\" href=\"/console/batches\">"))
    }

    @Test("the profile shows the masked ID as given and the groups in the given order")
    func profile() {
        let html = EnterpriseProfilePage.render(Fixtures.profile())
        #expect(html.contains("2102**********1234"))
        #expect(html.contains("500万元"))
        guard let first = html.range(of: "行政管理"), let second = html.range(of: "荣誉表彰") else {
            Issue.record("group headings missing")
            return
        }
        #expect(first.lowerBound < second.lowerBound)
        #expect(!html.contains("尚未归集到登记信息"))

        // Reversed input order → reversed output order (the view does not re-sort).
        var reversed = Fixtures.profile()
        reversed.groups.reverse()
        let reversedHTML = EnterpriseProfilePage.render(reversed)
        let headings = HTMLInspect.tags(containing: "class=\"card-title\" id=\"group-", in: reversedHTML)
        #expect(headings.count == 2)
        if let a = reversedHTML.range(of: "<h2 class=\"card-title\" id=\"group-1-title\">荣誉表彰</h2>"),
           let b = reversedHTML.range(of: "<h2 class=\"card-title\" id=\"group-2-title\">行政管理</h2>") {
            #expect(a.lowerBound < b.lowerBound)
        } else {
            Issue.record("reordered group headings missing")
        }
    }

    @Test("records are compact rows by dataset and month, with tone, update count, source and collected date")
    func timeline() {
        let html = EnterpriseProfilePage.render(Fixtures.profile())
        #expect(html.contains("<tr class=\"tone-negative\">"))
        #expect(html.contains("<tr class=\"tone-positive\">"))
        #expect(html.contains("<tr class=\"tone-neutral\">"))
        #expect(HTMLInspect.count("已更新", in: html) == 1)
        #expect(html.contains("已更新 2 次"))
        #expect(html.contains("<th>决定书文号</th>") && html.contains("<td>大市监罚〔2024〕12号</td>"))
        #expect(html.contains("<th colspan=\"5\" scope=\"rowgroup\">2024年5月</th>"), "records are grouped by month")
        #expect(html.contains("<details class=\"dataset-block\" id=\"group-1-1\" open>"), "a short dataset starts unfolded")
        #expect(html.contains("市场监管局 · "))
        #expect(html.contains(">2025-03-01</time>"))
        #expect(html.contains("<span class=\"count-pill\">2 条</span>"))
    }

    @Test("datasets withheld for lack of authorisation are named in a notice")
    func withheld() {
        var model = Fixtures.profile()
        #expect(!EnterpriseProfilePage.render(model).contains("须经企业授权"))
        model.withheldDatasetNames = ["纳税信息", "社保缴纳"]
        let html = EnterpriseProfilePage.render(model)
        #expect(html.contains("须经企业授权后方可查看，未在本页显示：纳税信息、社保缴纳"))
    }

    @Test("an unregistered enterprise gets the notice instead of the registration card")
    func unregistered() {
        let html = EnterpriseProfilePage.render(Fixtures.profile(registration: nil))
        #expect(html.contains("尚未归集到登记信息，以下为已归集的其他记录"))
        #expect(!html.contains("法定代表人"))
        #expect(html.contains("91350100M000100Y43"))
    }

    @Test("the enterprise list links each USCC to its profile and shows an empty state")
    func enterpriseList() {
        let html = EnterpriseListPage.render(Fixtures.enterpriseList())
        #expect(html.contains("<a class=\"mono\" href=\"/console/enterprises/91350100M000100Y43\">91350100M000100Y43</a>"))
        #expect(html.contains("1,234"))
        #expect(html.contains("class=\"table-wrap\""))

        let empty = EnterpriseListPage.render(Fixtures.enterpriseList(query: "不存在", rows: [], total: 0))
        #expect(empty.contains("没有符合条件的企业"))
        #expect(!empty.contains("<table"))
    }

    @Test("batch detail shows the identity, the CSV export link and the resend note")
    func batchDetail() {
        let html = BatchDetailPage.render(Fixtures.batchDetail())
        #expect(html.contains("接收 90"))
        #expect(html.contains("拒收 3"))
        #expect(html.contains("重复 7"))
        #expect(html.contains("提交 100"))
        #expect(html.contains("✓ 核对一致"))
        #expect(html.contains("href=\"/console/batches/B20250301-0007/quarantine.csv\""))
        #expect(html.contains("导出拒收记录 CSV"))
        #expect(html.contains("重新提交"))
        #expect(html.contains("GB18030"))
        #expect(html.contains("1.3 秒"))
        #expect(html.contains("<td>（整行）</td>"))
        #expect(html.contains("id=\"quarantine\""))

        let clean = BatchDetailPage.render(Fixtures.batchDetail(rejected: 0, total: 0))
        #expect(!clean.contains("quarantine.csv"))
        #expect(clean.contains("没有拒收记录"))
    }

    @Test("a batch whose counts do not add up says so")
    func identityMismatch() {
        var model = Fixtures.batchDetail()
        model.batch.duplicateCount = 0
        let html = BatchDetailPage.render(model)
        #expect(html.contains("≠"))
        #expect(html.contains("计数不一致"))
    }

    @Test("the catalog lists datasets with publicity badges and marks personal fields")
    func catalog() {
        let html = CatalogPage.render(Fixtures.catalog())
        #expect(html.contains("id=\"ds-market.registration\""))
        #expect(html.contains("<span class=\"badge badge-success\">公开</span>"))
        #expect(html.contains("<span class=\"badge badge-warning\">授权查询</span>"))
        #expect(HTMLInspect.count("个人信息</span>", in: html) == 1)
        #expect(html.contains("微型 / 小型 / 中型 / 大型"))
        #expect(html.contains("<code>legal_rep_id</code>"))
        #expect(html.contains("第 1 版"))
    }

    @Test("the dashboard shows counts, the chart and the latest batches")
    func dashboard() {
        let html = DashboardPage.render(Fixtures.dashboard())
        #expect(html.contains("800,000"))
        #expect(html.contains("9,000,000,000"))
        #expect(html.contains("<svg class=\"bar-chart\""))
        #expect(html.contains("B20250301-0007"))
        #expect(html.contains("待关联记录"))
        #expect(html.contains("2025-03-01 14:05"))
    }

    @Test("the error page renders without a user context")
    func errorWithoutContext() {
        let html = ErrorPage.render(ErrorPage.Model(statusCode: 404))
        #expect(html.contains(">404<"))
        #expect(html.contains("页面不存在"))
        #expect(html.contains("<a class=\"btn btn-primary\" href=\"/\">返回首页</a>"))
        #expect(!html.contains("action=\"/logout\""))
        #expect(!html.contains("主导航"))
    }

    @Test("the error page with a context keeps the navigation and shows the request id")
    func errorWithContext() {
        let html = ErrorPage.render(ErrorPage.Model(statusCode: 500, context: Fixtures.context(), requestID: "req-42"))
        #expect(html.contains("系统错误"))
        #expect(html.contains("主导航"))
        #expect(html.contains("req-42"))
    }
}

@Suite("Formatting")
struct FormattingTests {
    @Test func counts() {
        #expect(Format.count(0) == "0")
        #expect(Format.count(999) == "999")
        #expect(Format.count(1000) == "1,000")
        #expect(Format.count(-1234567) == "-1,234,567")
        #expect(Format.compact(99_999) == "99,999")
        #expect(Format.compact(123_456) == "12.3 万")
        #expect(Format.compact(9_000_000_000) == "90 亿")
        #expect(Format.compact(250_000_000) == "2.5 亿")
    }

    @Test func datesInBeijingTime() {
        #expect(Format.dateTime(Fixtures.date) == "2025-03-01 14:05")
        #expect(Format.machineDateTime(Fixtures.date) == "2025-03-01T14:05:09+08:00")
        // 2025-03-01 20:00 UTC is already the next day in Beijing.
        #expect(Format.date(Date(timeIntervalSince1970: 1_740_859_200)) == "2025-03-02")
    }

    @Test func durations() {
        #expect(Format.duration(milliseconds: 350) == "350 毫秒")
        #expect(Format.duration(milliseconds: 1250) == "1.3 秒")
        #expect(Format.duration(milliseconds: 3000) == "3 秒")
        #expect(Format.duration(milliseconds: 125_000) == "2 分 5 秒")
        #expect(Format.duration(milliseconds: 3_780_000) == "1 小时 3 分")
    }

    @Test func byteSizes() {
        #expect(UploadPage.byteSize(50 * 1024 * 1024) == "50 MB")
        #expect(UploadPage.byteSize(1536 * 1024) == "1.5 MB")
        #expect(UploadPage.byteSize(2048) == "2 KB")
    }
}
