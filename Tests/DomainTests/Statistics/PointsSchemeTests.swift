import Foundation
import Testing
@testable import Domain

/// The two-way evaluation: the shipped schemes, each rule worked by hand, the league table's ties, and a district
/// table computed from the hand-built city.
@Suite struct PointsSchemeTests {
    typealias F = StatFixtures

    func version(_ subject: PointsSubject) throws -> PointsScheme.Version {
        try #require(try PointsSchemes.bundled().scheme(subject)?.inForce(on: F.d("2025-03-01")))
    }

    func v(_ value: Int64?) -> IndicatorValue { IndicatorValue(value) }

    @Test func theShippedSchemesAddUpTo100() throws {
        let institution = try version(.institution), district = try version(.district)
        #expect(institution.maxPoints == 100 && district.maxPoints == 100)
        // 信贷投放 45, 政策落实 30, 工作部署 15, 加分 10 (RISK.md §5.2, Shanxi).
        var groups: [String: Int] = [:]
        for item in institution.items { groups[item.group, default: 0] += item.maxPoints }
        #expect(groups == ["信贷投放": 45, "政策落实": 30, "工作部署": 15, "加分": 10])
        #expect(try PointsSchemes.bundled().problems().isEmpty)
    }

    /// Five banks. Worked by hand, in centipoints:
    /// - credit_volume (25, share of best 80M): B1 2500, B2 40M → 1250, B4 20M → 625, B3/B5 0.
    /// - credit_share (10, target 30 %): B1 66.7 % → 1000, B2 15 % → 500, B4 30 % → 1000, B3/B5 undefined → 0.
    /// - first_loans (10, share of best 2): B1 1 → 500, B2 2 → 1000, B4 2 → 1000.
    /// - policy and deployment (manual): B1 2500 + 1200, B2 3000 + 1175, B4 3000 + 1500.
    /// - loan growth rank (5,4,3,2,1): B1 and B2 +100 % tie at rank 1 → 500 each, B4 +50 % is rank 3 → 300;
    ///   B3/B5 had nothing before → unranked.
    /// - rate cut rank (lower change first): B1 −0.40 pp rank 1 → 500, B2 and B4 0 tie at rank 2 → 400 each.
    /// Totals: B1 8700; B2 1250+500+1000+3000+1175+500+400 = 7825; B4 625+1000+1000+3000+1500+300+400 = 7825;
    /// B3 = B5 = 0. Ranks 1, 2, 2, 4, 4; B2 before B4 on credit_volume, B3 before B5 by code.
    @Test func scoresAndTiesWorkedByHand() throws {
        let m = IndicatorValue.perMillion
        func bank(_ credit: Int64?, _ share: Int64?, _ first: Int64?, _ loans: Int64?, _ rate: Int64?) -> [String: IndicatorValue] {
            ["lending.credit_loan_amount": v(credit), "lending.credit_loan_share": v(share), "lending.first_loan_firms": v(first),
             "lending.loan_amount": v(loans), "lending.average_rate": v(rate)]
        }
        let input = PointsInput(
            subjects: ["B5", "B4", "B3", "B2", "B1"],
            current: ["B1": bank(80_000_000, 666_667, 1, 80_000_000, 41_000), "B2": bank(40_000_000, 150_000, 2, 60_000_000, 45_000),
                      "B3": bank(0, nil, 0, 0, nil), "B4": bank(20_000_000, 3 * m / 10, 2, 30_000_000, 44_000),
                      "B5": bank(0, nil, 0, 0, nil)],
            previous: ["B1": bank(nil, nil, nil, 40_000_000, 45_000), "B2": bank(nil, nil, nil, 30_000_000, 45_000),
                       "B3": bank(nil, nil, nil, 0, nil), "B4": bank(nil, nil, nil, 20_000_000, 44_000), "B5": [:]],
            manual: ["B1": ["policy": 2500, "deployment": 1200], "B2": ["policy": 3000, "deployment": 1175],
                     "B4": ["policy": 3000, "deployment": 1500, "bonus": 999]])
        let table = try version(.institution).leagueTable(input)
        #expect(table.map(\.subject) == ["B1", "B2", "B4", "B3", "B5"])
        #expect(table.map(\.rank) == [1, 2, 2, 4, 4])
        #expect(table.map(\.centipoints) == [8700, 7825, 7825, 0, 0])
        #expect(table[0].pointsText == "87.00" && table[1].pointsText == "78.25")
        let b2 = Dictionary(uniqueKeysWithValues: table[1].items.map { ($0.code, $0.centipoints) })
        #expect(b2 == ["credit_volume": 1250, "credit_share": 500, "first_loans": 1000, "policy": 3000, "deployment": 1175,
                       "loan_growth_rank": 500, "rate_cut_rank": 400])
        let b4 = Dictionary(uniqueKeysWithValues: table[2].items.map { ($0.code, $0.centipoints) })
        #expect(b4["credit_volume"] == 625 && b4["loan_growth_rank"] == 300 && b4["rate_cut_rank"] == 400)
        #expect(table[0].byGroup.map(\.group) == ["信贷投放", "政策落实", "工作部署", "加分"])
        #expect(table[0].byGroup.map(\.centipoints) == [4000, 2500, 1200, 1000])
        // The same input in another order gives the same table.
        var shuffled = input
        shuffled.subjects = ["B1", "B3", "B5", "B2", "B4"]
        #expect(try version(.institution).leagueTable(shuffled) == table)
    }

    @Test func manualScoresAreKeptWithinTheItemsRange() throws {
        let input = PointsInput(subjects: ["B1"], current: ["B1": [:]], manual: ["B1": ["policy": 4000, "deployment": -50]])
        let row = try #require(try version(.institution).leagueTable(input).first)
        #expect(row.items.first { $0.code == "policy" }?.centipoints == 3000 && row.items.first { $0.code == "deployment" }?.centipoints == 0)
    }

    /// March for the two districts of the hand-built city, with 10 points of deployment each:
    /// - 中山区: loans ¥600,000 (best, tied) 2500; first loans 1 of best 1 → 1000; credit share 100 % → 1000;
    ///   satisfaction 1/2 = 50 % of the 90 % target → 15 × 5/9 = 8.33 → 833; pushes decided in 30 days 1/1 → 1500;
    ///   deployment 1000; February had no loans → no growth bonus. Total 7833.
    /// - 西岗区: loans ¥600,000 → 2500; first loans 0; credit share 1/3 ≥ 30 % → 1000; satisfaction 0; pushes 0/2;
    ///   deployment 1000. Total 4500.
    @Test func aMonthlyDistrictTableFromTheCity() throws {
        let version = try version(.district)
        let input = try StatAggregate(rebuiltFrom: F.facts).pointsInput(
            version, subject: .district, subjects: [F.xigang, F.zhongshan], period: .month(F.march),
            manual: [F.xigang: ["deployment": 1000], F.zhongshan: ["deployment": 1000]])
        let table = version.leagueTable(input)
        #expect(table.map(\.subject) == [F.zhongshan, F.xigang] && table.map(\.centipoints) == [7833, 4500])
        #expect(table[0].items.first { $0.code == "satisfaction" }?.centipoints == 833)
        // The quarter is computed the same way, against the fourth quarter of 2024.
        let quarter = try StatCalculator(facts: F.facts).pointsInput(version, subject: .district, subjects: [F.zhongshan],
                                                                     period: .quarter(year: 2025, 1))
        #expect(quarter.previous[F.zhongshan]?["lending.loan_amount"]?.value == 0)
        #expect(quarter.current[F.zhongshan]?["lending.loan_amount"]?.value == 60_000_000)
    }

    @Test func aSchemeWithAnUnknownIndicatorIsRefused() throws {
        let url = try #require(Bundle.module.url(forResource: "evaluation-points", withExtension: "json"))
        let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"lending.first_loan_firms\"", with: "\"lending.first_loans\"")
        #expect(throws: DomainError.invalidCatalog(entry: "evaluation-points.json",
                                                   reason: "金融机构评价 版本 1：评分项 first_loans 引用了不存在的指标 lending.first_loans")) {
            try PointsSchemes.decode(Data(text.utf8))
        }
    }
}
