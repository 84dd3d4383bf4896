import Foundation
import Testing
@testable import Domain

/// The warning rules file (`warning-rules.json`): the shipped version follows RISK.md §2.2–2.3, and a file with a
/// mistake is refused when loaded, with the reason in Chinese.
@Suite struct WarningRulesTests {
    @Test func theShippedRulesLoadWithTheSuqianBandsAndTheirSources() throws {
        let rules = try WarningRules.bundled()
        let v = try #require(rules.versions.first)
        #expect(v.levelFloors == ["red": 80, "orange": 60, "yellow": 40, "blue": 20], "冒烟指数, RISK.md §2.3")
        #expect(v.overdueDaysAtLeast == 31, "overdue more than 30 days, RISK.md §2.2 [R28]")
        #expect(v.warningTaxGrades == ["C", "D"])
        #expect(rules.source.contains("§2.2") && rules.source.contains("§2.3") && rules.source.contains("UNCONFIRMED"))
        #expect(v.problems().isEmpty)
        // R73: 失信被执行人 high, 行政处罚 medium, 税务异常 low.
        let dishonest = v.points[SignalCode.newDishonestDebtor.rawValue] ?? 0
        let penalty = v.penaltyPoints[PenaltySeverity.general.rawValue] ?? 0
        let tax = v.points[SignalCode.taxGradeDrop.rawValue] ?? 0
        #expect(dishonest > penalty && penalty >= tax)
    }

    /// The shipped version changed by `edit`, written out and read back: the reason it was refused for.
    func refusal(_ edit: (inout WarningRules.Version) -> Void) throws -> String? {
        var rules = try WarningRules.bundled()
        edit(&rules.versions[0])
        return reason(try JSONEncoder().encode(rules))
    }

    func reason(_ data: Data) -> String? {
        do { _ = try WarningRules.decode(data); return nil } catch {
            guard case .invalidCatalog(let entry, let reason) = error, entry == "warning-rules.json" else { return "wrong error \(error)" }
            return reason
        }
    }

    @Test func aFileThatIsNotJSONIsRefused() {
        #expect(reason(Data("{\"name\":".utf8))?.hasPrefix("贷后预警规则文件格式有误") == true)
        #expect(reason(Data(#"{"name":"x","source":"y","versions":[]}"#.utf8)) == "贷后预警规则文件中没有任何版本")
    }

    @Test func aBadEffectiveDateIsRefused() throws {
        #expect(try refusal { $0.effectiveFrom = "2026-13-01" } == "贷后预警规则第 1 版的生效日期“2026-13-01”不是 YYYY-MM-DD")
    }

    @Test func everySignalNeedsPointsAndOnlyKnownCodesAreAccepted() throws {
        #expect(try refusal { $0.points[SignalCode.lenderOverdue.rawValue] = nil } == "贷后预警规则第 1 版缺少信号“lender_overdue”的分值")
        #expect(try refusal { $0.points["tax_late"] = 5 } == "贷后预警规则第 1 版含有未知的信号代码“tax_late”")
        #expect(try refusal { $0.points["new_penalty"] = 5 } == "贷后预警规则第 1 版的行政处罚分值应按严重程度写在 penaltyPoints 中")
        #expect(try refusal { $0.penaltyPoints["major"] = nil } == "贷后预警规则第 1 版缺少“较重”行政处罚的分值")
        #expect(try refusal { $0.penaltyPoints["fatal"] = 5 } == "贷后预警规则第 1 版含有未知的处罚严重程度“fatal”")
        #expect(try refusal { $0.points["tax_arrears"] = 101 } == "贷后预警规则第 1 版中“tax_arrears”的分值 101 不在 0 到 100 之间")
        #expect(try refusal { $0.points["tax_arrears"] = 100 } == nil)
        #expect(try refusal { $0.penaltyPoints["minor"] = -1 } == "贷后预警规则第 1 版中“minor”的分值 -1 不在 0 到 100 之间")
    }

    @Test func thresholdsMustBeSensible() throws {
        #expect(try refusal { $0.warningTaxGrades = ["C", "E"] } == "贷后预警规则第 1 版的预警纳税信用等级“E”不是 A、B、M、C、D 之一")
        #expect(try refusal { $0.minimumArrearsCents = 0 } == "贷后预警规则第 1 版的欠费起算金额应至少为 1 分")
        #expect(try refusal { $0.headcountDropPercent = 0 } == "贷后预警规则第 1 版的参保人数降幅阈值应大于 0 且不超过 100")
        #expect(try refusal { $0.headcountDropPercent = 100 } == nil)
        #expect(try refusal { $0.headcountMinimumBefore = 0 } == "贷后预警规则第 1 版的参保人数基数应至少为 1 人")
        #expect(try refusal { $0.consumptionDropPercent = 100.5 } == "贷后预警规则第 1 版的用能量降幅阈值应大于 0 且不超过 100")
        #expect(try refusal { $0.consumptionBaselineMonths = 0 } == "贷后预警规则第 1 版的用能量基期应至少为 1 个月")
        #expect(try refusal { $0.overdueDaysAtLeast = 0 } == "贷后预警规则第 1 版的逾期天数阈值应至少为 1 天")
        #expect(try refusal { $0.countingDays = 0 } == "贷后预警规则第 1 版的信号计分期限应至少为 1 天")
    }

    @Test func theLevelFloorsMustRiseFromBlueToRed() throws {
        #expect(try refusal { $0.levelFloors["orange"] = nil } == "贷后预警规则第 1 版缺少橙色等级的起点分数")
        #expect(try refusal { $0.levelFloors["green"] = 0 } == "贷后预警规则第 1 版的等级起点中含有未知等级“green”（绿色为其余分数，不需起点）")
        let order = "贷后预警规则第 1 版的等级起点应在 1 到 100 之间，且蓝、黄、橙、红依次升高"
        #expect(try refusal { $0.levelFloors["yellow"] = 60 } == order, "yellow equal to orange")
        #expect(try refusal { $0.levelFloors["red"] = 101 } == order)
        #expect(try refusal { $0.levelFloors["blue"] = 0 } == order)
        #expect(try refusal { $0.levelFloors["red"] = 100 } == nil)
    }

    @Test func everyLevelNeedsItsResponseDeadlines() throws {
        #expect(try refusal { $0.acknowledgeDays["green"] = nil } == "贷后预警规则第 1 版缺少绿色预警的签收期限")
        #expect(try refusal { $0.resolveDays["red"] = nil } == "贷后预警规则第 1 版缺少红色预警的处置反馈期限")
        #expect(try refusal { $0.acknowledgeDays["red"] = -1 } == "贷后预警规则第 1 版的红色预警签收期限不能为负数")
        #expect(try refusal { $0.acknowledgeDays["red"] = 6; $0.resolveDays["red"] = 5 } == "贷后预警规则第 1 版的红色预警处置反馈期限不能短于签收期限")
        #expect(try refusal { $0.acknowledgeDays["red"] = 5; $0.resolveDays["red"] = 5 } == nil)
        #expect(try refusal { $0.resolveDays["purple"] = 5 } == "贷后预警规则第 1 版的响应期限中含有未知等级“purple”")
        #expect(try refusal { $0.escalateAfterDays = -1 } == "贷后预警规则第 1 版的升级宽限天数不能为负数")
    }

    @Test func twoVersionsWithOneNumberAreRefused() throws {
        var rules = try WarningRules.bundled()
        rules.versions.append(rules.versions[0])
        #expect(reason(try JSONEncoder().encode(rules)) == "贷后预警规则第 1 版重复出现")
    }

    @Test func theRefusalReadsAsOneChineseMessage() throws {
        var rules = try WarningRules.bundled()
        rules.versions[0].countingDays = 0
        let error = #expect(throws: DomainError.self) { try WarningRules.decode(JSONEncoder().encode(rules)) }
        #expect(error?.message == "数据目录有误：warning-rules.json：贷后预警规则第 1 版的信号计分期限应至少为 1 天")
        #expect(error?.code == "invalid_catalog")
    }
}
