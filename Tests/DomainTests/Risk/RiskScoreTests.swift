import Testing
@testable import Domain

/// The 0–100 score and its level (issue 12, §2): points add up to a cap of 100, the 冒烟指数 bands at each
/// boundary, the counting window's last day, repeats of one matter counted once, and the explanation.
@Suite struct RiskScoreTests {
    let day = WarningFixtures.day

    func assess(_ signals: [MonitoringSignal], _ rules: WarningRules, on day: Day? = nil) throws -> RiskScore {
        try #require(RiskScore.assess(signals: signals, on: day ?? self.day, rules: rules))
    }

    @Test(arguments: [
        (0, WarningLevel.green), (19, .green), (20, .blue), (39, .blue), (40, .yellow), (59, .yellow),
        (60, .orange), (79, .orange), (80, .red), (100, .red),
    ])
    func eachScoreHasItsLevel(points: Int, level: WarningLevel) throws {
        let rules = try WarningFixtures.scoring([.newLawsuitAsDefendant: points])
        let score = try assess([WarningFixtures.signal(.newLawsuitAsDefendant, on: day)], rules)
        #expect(score.score == points && score.level == level)
    }

    @Test func theLevelFloorsAreData() throws {
        let rules = try WarningFixtures.rules { $0.levelFloors = ["red": 90, "orange": 70, "yellow": 50, "blue": 30] }
        let v = try #require(rules.inForce(on: day))
        #expect([29, 30, 49, 50, 69, 70, 89, 90].map(v.level(of:)) == [.green, .blue, .blue, .yellow, .yellow, .orange, .orange, .red])
    }

    @Test func pointsAddUpToACapOfOneHundred() throws {
        let rules = try WarningFixtures.scoring([.newDishonestDebtor: 40, .newLawsuitAsDefendant: 30, .taxArrears: 20])
        let some = try assess([WarningFixtures.signal(.newLawsuitAsDefendant, on: day), WarningFixtures.signal(.taxArrears, on: day)], rules)
        #expect(some.score == 50 && some.level == .yellow && some.explanation.hasSuffix("合计 50 分"))
        let many = try assess([WarningFixtures.signal(.newDishonestDebtor, on: day, subject: "A"),
                               WarningFixtures.signal(.newDishonestDebtor, on: day, subject: "B"),
                               WarningFixtures.signal(.newLawsuitAsDefendant, on: day), WarningFixtures.signal(.taxArrears, on: day)], rules)
        #expect(many.score == 100 && many.level == .red)
        #expect(many.contributions.map(\.points).reduce(0, +) == 130)
        #expect(many.explanation.hasSuffix("各项合计 130 分，按上限计 100 分"))
    }

    @Test func aPenaltyScoresByItsSeverity() throws {
        let rules = try WarningFixtures.rules { v in
            v.penaltyPoints = ["minor": 1, "general": 2, "major": 3, "severe": 4]
        }
        for (severity, points) in [(PenaltySeverity.minor, 1), (.general, 2), (.major, 3), (.severe, 4)] {
            let signal = MonitoringSignal(code: .newPenalty, detectedOn: day, facts: .penalty(id: "P", severity: severity, amount: .zero), text: "罚")
            #expect(try assess([signal], rules).score == points)
        }
    }

    @Test func aSignalCountsUntilTheLastDayOfItsWindow() throws {
        let rules = try WarningFixtures.scoring([.newLawsuitAsDefendant: 25], countingDays: 180)
        let signal = WarningFixtures.signal(.newLawsuitAsDefendant, on: day)
        #expect(try assess([signal], rules, on: day).score == 25, "the day it was detected")
        #expect(try assess([signal], rules, on: day.adding(days: 179)).score == 25, "the 180th day")
        let gone = try assess([signal], rules, on: day.adding(days: 180))
        #expect(gone.score == 0 && gone.level == .green && gone.contributions.isEmpty)
        #expect(try assess([signal], rules, on: day.adding(days: -1)).score == 0, "not yet detected on the day assessed")
        let short = try WarningFixtures.scoring([.newLawsuitAsDefendant: 25], countingDays: 30)
        #expect(try assess([signal], short, on: day.adding(days: 29)).score == 25)
        #expect(try assess([signal], short, on: day.adding(days: 30)).score == 0)
    }

    @Test func repeatsOfOneMatterCountOnceAndTheLatestIsShown() throws {
        let rules = try WarningFixtures.scoring([.taxArrears: 15, .newLawsuitAsDefendant: 10, .lenderOverdue: 30])
        let older = WarningFixtures.signal(.taxArrears, on: day.adding(days: -60))
        let newer = WarningFixtures.signal(.taxArrears, on: day.adding(days: -5))
        let arrears = try assess([older, newer], rules)
        #expect(arrears.score == 15 && arrears.contributions.map(\.signal) == [newer])
        let lawsuits = try assess([WarningFixtures.signal(.newLawsuitAsDefendant, on: day, subject: "A"),
                                   WarningFixtures.signal(.newLawsuitAsDefendant, on: day, subject: "B")], rules)
        #expect(lawsuits.score == 20, "two different cases")
        let lenders = try assess([WarningFixtures.signal(.lenderOverdue, on: day, subject: "大连银行"),
                                  WarningFixtures.signal(.lenderOverdue, on: day.adding(days: -90), subject: "大连银行"),
                                  WarningFixtures.signal(.lenderOverdue, on: day, subject: "兴业银行")], rules)
        #expect(lenders.score == 60, "two lenders, one of them twice")
        // A repeat keeps the matter counting: 150 days on, the first (210 days old) has left the window, the second has not.
        let window = try WarningFixtures.scoring([.taxArrears: 15], countingDays: 180)
        #expect(try assess([older, newer], window, on: day.adding(days: 150)).contributions.map(\.signal) == [newer])
    }

    @Test func signalsWithoutPointsDoNotAppear() throws {
        let rules = try WarningFixtures.scoring([.newLawsuitAsDefendant: 10])
        let score = try assess([WarningFixtures.signal(.newLawsuitAsDefendant, on: day), WarningFixtures.signal(.utilityArrears, on: day)], rules)
        #expect(score.contributions.map(\.signal.code) == [.newLawsuitAsDefendant])
    }

    @Test func theExplanationNamesEachSignalWithItsDayAndPoints() throws {
        let rules = try WarningFixtures.scoring([.newDishonestDebtor: 40, .headcountDrop: 15])
        let listing = MonitoringSignal(code: .newDishonestDebtor, detectedOn: day, facts: .listing(id: "(2026)辽0202执1号", kind: "失信被执行人"),
                                       text: "新增失信被执行人记录（案号 (2026)辽0202执1号）")
        let drop = MonitoringSignal(code: .headcountDrop, detectedOn: day.adding(days: -3), facts: .headcount(before: 40, after: 26),
                                    text: "参保人数较上期下降 35%（40 → 26）")
        let score = try assess([drop, listing], rules)
        #expect(score.contributions.map(\.points) == [40, 15], "most points first")
        #expect(score.explanation == "风险评分 55 分，黄色预警。近 180 天内的风险信号：新增失信被执行人记录（案号 (2026)辽0202执1号）（2026-03-15，+40 分）；"
                + "参保人数较上期下降 35%（40 → 26）（2026-03-12，+15 分）；合计 55 分")
        let quiet = try assess([], rules)
        #expect(quiet.explanation == "近 180 天内未发现计分的风险信号，风险评分 0 分，绿色（正常）")
    }

    @Test func detectedSignalsFlowIntoAScore() throws {
        let rules = try WarningFixtures.rules()
        let v = try #require(rules.inForce(on: day))
        let signals = WarningFixtures.detect(rules) {
            $0.listings = [.init(id: "(2026)辽0202执1号", kind: "失信被执行人")]
            $0.penalties = [.init(id: "罚1", severity: .general)]
        }
        let score = try assess(signals, rules)
        let expected = (v.points[SignalCode.newDishonestDebtor.rawValue] ?? -1) + (v.penaltyPoints[PenaltySeverity.general.rawValue] ?? -1)
        #expect(score.score == min(expected, 100) && score.level == v.level(of: score.score))
        #expect(score.contributions.count == 2)
    }
}
