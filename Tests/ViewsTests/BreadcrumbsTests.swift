import Testing
@testable import Views

/// Breadcrumbs come from the navigation each role sees (issue 16): a firm's or a bank's trail never leads into /console.
@Suite struct BreadcrumbsTests {
    func labels(_ context: PageContext) -> [String] { Breadcrumbs.trail(context).map(\.label) }

    @Test func theCreditCenterSeesHomeGroupSectionAndPage() {
        var context = PortalFixtures.center("/console/enterprises/91210202MA0000001X")
        context.title = "大连海湾科技有限公司"
        #expect(labels(context) == ["概览", "数据归集", "企业", "大连海湾科技有限公司"])
        #expect(Breadcrumbs.trail(context)[1].href == nil, "a menu group is not a page")
    }

    @Test func aFirmAndABankStayInTheirOwnPortal() {
        var firm = PortalFixtures.firm("/firm/profile")
        firm.title = "信用画像"
        let firmTrail = Breadcrumbs.trail(firm)
        #expect(firmTrail.map(\.label) == ["首页", "我的信用", "信用画像"])
        #expect(firmTrail.allSatisfy { !($0.href ?? "").hasPrefix("/console") })
        var bank = PortalFixtures.bank("/bank/applications/7/report")
        bank.title = "信用报告：大连海湾科技有限公司"
        let bankTrail = Breadcrumbs.trail(bank)
        #expect(bankTrail.map(\.label) == ["工作台", "信贷业务", "申请", "信用报告：大连海湾科技有限公司"])
        #expect(bankTrail.allSatisfy { !($0.href ?? "").hasPrefix("/console") })
        // The shared profile page, rendered for the firm itself, has no link into the console.
        var profile = Fixtures.profile()
        profile.context = firm
        #expect(!EnterpriseProfilePage.render(profile).contains("href=\"/console"))
    }

    @Test func aHomePageHasNoTrail() {
        var home = PortalFixtures.bank("/bank")
        home.title = "工作台"
        #expect(Breadcrumbs.trail(home).count == 1)
        #expect(!BankHomePage.render(.init(context: home, institutionName: "甲银行", submitted: 0, accepted: 0, contractSigned: 0,
                                           openDemands: 0, outstanding: .zero, openLoans: 0, overdueLoans: 0)).contains("class=\"breadcrumbs\""))
    }
}
