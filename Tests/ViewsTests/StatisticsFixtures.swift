import Domain
import Foundation
import Testing
@testable import Views

/// Fixed models of the statistics pages, for the golden files: the figures are written out by hand; the template and
/// the points schemes are the platform's bundled ones; problems, differences, late reports and league tables are
/// what the domain computes from the hand-written figures.
enum StatisticsFixtures {
    typealias F = PortalFixtures
    static let march = StatMonth(year: 2026, month: 3)
    static let today = Day(year: 2026, month: 4, day: 14)
    static let digest = "3f9a1c0be2d47a5590c1e8f2b6d3a4c5e7f8091a2b3c4d5e6f708192a3b4c5d6"

    static let names = StatNames(
        institutions: ["1": "大连银行", "2": "大连农商银行", "3": "中国银行大连分行"],
        districts: ["210202": "中山区", "210203": "西岗区", "210211": "甘井子区"],
        products: ["3": "科创信用贷"], industries: ["C": "制造业", "I": "信息技术服务业"],
        departments: ["scjgj": "市场监管局", "swj": "税务局"])

    /// City figures of March 2026 (cents, counts, millionths).
    static let values: [String: IndicatorValue] = [
        "platform.firms_registered": IndicatorValue(12_480), "platform.firms_new": IndicatorValue(312),
        "platform.firms_authorised": IndicatorValue(9_870), "platform.institutions_online": IndicatorValue(27),
        "collection.rate": IndicatorValue(962_500, numerator: 77, denominator: 80),
        "collection.timeliness": IndicatorValue(875_000, numerator: 70, denominator: 80),
        "demand.published": IndicatorValue(418), "demand.take_rate": IndicatorValue(830_144, numerator: 347, denominator: 418),
        "demand.take_days_median": IndicatorValue(2),
        "lending.loans": IndicatorValue(1_236), "lending.loan_amount": IndicatorValue(186_450_000_00),
        "lending.credit_loan_amount": IndicatorValue(71_230_000_00),
        "lending.credit_loan_share": IndicatorValue(382_032, numerator: 71_230_000_00, denominator: 186_450_000_00),
        "lending.loan_firms": IndicatorValue(1_102), "lending.first_loan_firms": IndicatorValue(214),
        "lending.average_rate": IndicatorValue(38_500), "lending.average_rate_change": IndicatorValue(-1_800),
        "risk.npl_ratio": IndicatorValue(12_300), "risk.alerts": IndicatorValue(58),
        "lending.approval_rate": .undefined,
    ]

    static func statistics(empty: Bool = false, closed: Bool = true) -> StatisticsPage.Model {
        let query = StatisticsPage.Query(from: march, to: march, groupBy: .district, filter: StatFilter([.industry: "C"]),
                                         indicator: "lending.loan_amount")
        return StatisticsPage.Model(
            context: F.center("/console/stats"), query: query, period: .month(march), values: empty ? [:] : values,
            breakdown: [.init(key: "210202", value: IndicatorValue(82_100_000_00)), .init(key: "210203", value: IndicatorValue(61_350_000_00)),
                        .init(key: "210211", value: IndicatorValue(43_000_000_00))],
            trend: (0..<6).map { i in
                .init(key: march.adding(months: i - 5).description, value: i == 1 ? .undefined : IndicatorValue(Int64(120 + 13 * i) * 1_000_000_00))
            },
            names: names, availableMonths: (0..<6).map { march.adding(months: -$0) }, closedDigest: closed ? digest : nil)
    }

    static func template() throws -> ReportTemplate {
        try #require(try ReportTemplates.bundled().template(for: march))
    }

    /// Bank 1's March report with a total that does not add up and a figure below the platform's floor.
    static func report() -> StatReport {
        var r = StatReport(institution: "1", month: march)
        r["R01", "count"] = 120; r["R01", "amount"] = 35_000_000_00
        r["R02", "count"] = 48; r["R02", "amount"] = 12_000_000_00
        r["R03", "count"] = 15; r["R03", "amount"] = 3_000_000_00
        r["R04", "amount"] = 2_000_000_00
        r["R05", "count"] = 60; r["R05", "amount"] = 50_000_000_00
        r["R10", "amount"] = 410_000_000_00
        r["R11", "amount"] = 380_000_000_00; r["R12", "amount"] = 20_000_000_00
        r["R13", "amount"] = 5_000_000_00; r["R14", "amount"] = 3_000_000_00; r["R15", "amount"] = 1_000_000_00
        r["R16", "amount"] = 9_000_000_00
        return r
    }

    static let platform: [String: IndicatorValue] = [
        "lending.loans": IndicatorValue(96), "lending.loan_amount": IndicatorValue(28_000_000_00),
        "lending.credit_loan_amount": IndicatorValue(13_500_000_00), "lending.first_loan_firms": IndicatorValue(12),
        "lending.first_loan_amount": IndicatorValue(2_400_000_00), "lending.renewal_amount": IndicatorValue(1_800_000_00),
        "lending.line_firms": IndicatorValue(40), "lending.line_amount": IndicatorValue(42_000_000_00),
        "risk.balance": IndicatorValue(395_000_000_00), "risk.npl_balance": IndicatorValue(8_600_000_00), "push.pushed": IndicatorValue(31),
    ]

    static let history: [StatReportPage.Event] = [
        .init(action: .filed, on: Day(year: 2026, month: 4, day: 9), by: "李强"),
        .init(action: .returned, on: Day(year: 2026, month: 4, day: 10), by: "王敏", reason: "R10 与五级分类合计不符，请核对"),
        .init(action: .refiled, on: Day(year: 2026, month: 4, day: 12), by: "李强"),
    ]

    static func reportPage(_ mode: StatReportPage.Mode, status: ReportFilingStatus) throws -> StatReportPage.Model {
        let t = try template(), r = report()
        let context = mode == .filing ? F.bank("/bank/reports/2026-03") : F.center("/console/stats/reports/41")
        return StatReportPage.Model(context: context, mode: mode, template: t, report: r, institutionName: "大连银行", status: status,
                                    dueOn: t.dueOn(for: march), problems: t.validate(r, platform: platform),
                                    differences: t.differences(r, platform: platform), history: history)
    }

    static func reports() throws -> StatReportsPage.Model {
        let t = try template()
        let filed = ["1": Day(year: 2026, month: 4, day: 12), "2": Day(year: 2026, month: 4, day: 8)]
        return StatReportsPage.Model(
            context: F.center("/console/stats/reports"), month: march, template: t,
            rows: [.init(institution: "1", status: .pending, filedOn: filed["1"], daysLate: 2, problems: 2, differences: 9, reportID: "41"),
                   .init(institution: "2", status: .accepted, filedOn: filed["2"], problems: 0, differences: 3, reportID: "38"),
                   .init(institution: "3", status: .notFiled, daysLate: 4)],
            late: t.lateReports(march, institutions: ["1", "2", "3"], filed: filed, today: today), institutionNames: names.institutions)
    }

    static func bankReports() -> BankReportsPage.Model {
        BankReportsPage.Model(context: F.bank("/bank/reports"), institutionName: "大连银行", rows: [
            .init(month: march, status: .returned, dueOn: Day(year: 2026, month: 4, day: 10), filedOn: Day(year: 2026, month: 4, day: 9),
                  returnReason: "R10 与五级分类合计不符，请核对"),
            .init(month: march.adding(months: -1), status: .accepted, dueOn: Day(year: 2026, month: 3, day: 10),
                  filedOn: Day(year: 2026, month: 3, day: 13), daysLate: 3),
        ], current: march)
    }

    static func scheme(_ subject: PointsSubject) throws -> PointsScheme.Version {
        let scheme = try #require(try PointsSchemes.bundled().scheme(subject))
        return try #require(scheme.inForce(on: march.firstDay))
    }

    static func input(_ subject: PointsSubject) -> PointsInput {
        let subjects = subject == .institution ? ["1", "2", "3"] : ["210202", "210203", "210211"]
        func v(_ amount: Int64, _ share: Int64, _ first: Int64, _ rate: Int64) -> [String: IndicatorValue] {
            ["lending.credit_loan_amount": IndicatorValue(amount), "lending.loan_amount": IndicatorValue(amount * 2),
             "lending.credit_loan_share": IndicatorValue(share), "lending.first_loan_firms": IndicatorValue(first),
             "lending.average_rate": IndicatorValue(rate), "demand.satisfaction_rate": IndicatorValue(share * 2),
             "push.decided_30d_rate": IndicatorValue(810_000)]
        }
        let current = [subjects[0]: v(30_000_000_00, 420_000, 60, 37_000), subjects[1]: v(24_000_000_00, 280_000, 45, 39_000),
                       subjects[2]: v(17_000_000_00, 350_000, 30, 41_000)]
        let previous = [subjects[0]: v(25_000_000_00, 400_000, 50, 38_000), subjects[1]: v(16_000_000_00, 260_000, 40, 38_500),
                        subjects[2]: v(16_000_000_00, 300_000, 25, 41_500)]
        let manual = Dictionary(uniqueKeysWithValues: subjects.enumerated().map { ($1, ["policy": 2_800 - 200 * $0, "deployment": 1_400 - 100 * $0]) })
        return PointsInput(subjects: subjects, current: current, previous: previous, manual: manual)
    }

    static func evaluation(empty: Bool = false) throws -> EvaluationPage.Model {
        let scheme = try scheme(.institution), input = input(.institution)
        return EvaluationPage.Model(context: F.center("/console/stats/evaluation"), subject: .institution, period: .quarter(year: 2026, 1),
                                    schemeName: "金融机构评价", scheme: scheme, table: empty ? [] : scheme.leagueTable(input),
                                    values: input.current, names: names.institutions,
                                    bulletins: [.init(id: "5", title: "关于2026年2月信易贷工作情况的通报", issuedOn: Day(year: 2026, month: 3, day: 12))])
    }

    static func bulletin() throws -> BulletinPage.Model {
        let institutions = try scheme(.institution), districts = try scheme(.district)
        return BulletinPage.Model(
            context: F.center("/console/stats/bulletins/6"), id: "6", number: "大信用办〔2026〕3号", issuer: "大连市信用中心",
            issuedOn: Day(year: 2026, month: 4, day: 15), period: .month(march), values: values,
            coverage: IndicatorValue(312_000, numerator: 12_480, denominator: 40_000),
            borrowerShare: IndicatorValue(88_301, numerator: 1_102, denominator: 12_480),
            institutions: .init(scheme: institutions, table: institutions.leagueTable(input(.institution)), names: names.institutions),
            districts: .init(scheme: districts, table: districts.leagueTable(input(.district)), names: names.districts),
            topVolume: [.init(institution: "1", value: IndicatorValue(30_000_000_00)), .init(institution: "2", value: IndicatorValue(24_000_000_00))],
            topGrowth: [.init(institution: "2", value: IndicatorValue(500_000))],
            digests: [.init(month: march, digest: digest)], pdfHref: "/console/stats/bulletins/6.pdf")
    }

    static func closeBook() throws -> StatCloseBook {
        var book = StatCloseBook()
        let jan = StatMonth(year: 2026, month: 1), feb = StatMonth(year: 2026, month: 2)
        try book.close(StatSnapshot(month: jan, rows: []), by: "王敏", on: Day(year: 2026, month: 2, day: 5))
        try book.close(StatSnapshot(month: feb, rows: []), by: "王敏", on: Day(year: 2026, month: 3, day: 5))
        try book.reopen(feb, reason: "大连农商银行补报2月放款数据", by: "王敏", on: Day(year: 2026, month: 3, day: 9))
        return book
    }

    static func close() throws -> StatClosePage.Model {
        StatClosePage.Model(context: F.center("/console/stats/close"), book: try closeBook(),
                            months: (0..<4).map { march.adding(months: -$0) }, today: today)
    }
}
