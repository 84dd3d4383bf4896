import Foundation
import Testing
@testable import Domain

@Suite("公共信用综合评价：评价说明")
struct ExplanationTests {
    typealias F = EvaluationFixtures
    let asOf = Day(year: 2026, month: 6, day: 30)

    var craftedFirm: [StoredRecord] {
        [
            F.record("tax.rating", "tr-2024", date: "2024", ["year": "2024", "grade": "B"]),
            F.record("tax.rating", "tr-2025", date: "2025", ["year": "2025", "grade": "A"]),
            F.record("tax.payment", "tp-2506", date: "2025-06", ["period": "2025-06", "tax_paid": "100", "arrears": "500"]),
            F.record("tax.payment", "tp-2601", date: "2026-01", ["period": "2026-01", "tax_paid": "100", "arrears": "1200"]),
            F.record("tax.payment", "tp-2602", date: "2026-02", ["period": "2026-02", "tax_paid": "100", "arrears": "0"]),
            F.record("admin.penalty", "pen-1", date: "2026-03-15",
                     ["decision_no": "大市监罚〔2026〕11号", "decided_on": "2026-03-15", "authority": "大连市市场监督管理局", "severity": "一般"]),
            F.record("admin.penalty", "pen-2", date: "2026-05-10",
                     ["decision_no": "大市监罚〔2026〕20号", "decided_on": "2026-05-10", "authority": "大连市市场监督管理局", "severity": "轻微"]),
            F.record("admin.penalty", "pen-3", date: "2024-01-10",
                     ["decision_no": "大环罚〔2024〕3号", "decided_on": "2024-01-10", "authority": "大连市生态环境局", "severity": "严重"]),
            F.record("admin.penalty", "pen-4", date: "2025-02-01",
                     ["decision_no": "大税罚〔2025〕7号", "decided_on": "2025-02-01", "authority": "大连市税务局", "severity": "一般"]),
            F.record("judicial.case", "jc-1", date: "2025-01-10", ["case_no": "（2025）辽0203民初100号", "filed_on": "2025-01-10", "role": "被告"]),
            F.record("judicial.case", "jc-2", date: "2025-02-10", ["case_no": "（2025）辽0203民初200号", "filed_on": "2025-02-10", "role": "原告"]),
            F.record("judicial.dishonest", "jd-1", date: "2025-08-01",
                     ["case_no": "（2025）辽0203执300号", "listed_on": "2025-08-01", "removed_on": "2026-01-01"]),
            F.record("credit.list", "cl-red", date: "2025-12-01", ["list_type": "red", "listed_on": "2025-12-01"]),
            F.record("honor.award", "ha-1", date: "2025-05-01", ["title": "辽宁省守合同重信用企业", "level": "省", "awarded_on": "2025-05-01"]),
            F.record("credit.commitment", "cc-1", date: "2025-03-01", ["commitment_no": "CN-2025-001", "signed_on": "2025-03-01"]),
            F.record("other.firm", "x", date: "2026-01-01", ["grade": "D"], uscc: "91210200MA0000000X"),
        ] + (1...5).map { i in
            F.record("ip.patent", "pat-\(i)", date: "2023-0\(i)-01", ["patent_no": "ZL2023100000\(i)", "kind": "发明", "granted_on": "2023-0\(i)-01"])
        }
    }

    @Test func craftedFirmIsExplainedItemByItem() throws {
        let model = try F.model()
        let evaluation = Evaluator.evaluate(uscc: F.uscc, records: craftedFirm, asOf: asOf, model: model)
        let lines = evaluation.explanation.map { [$0.itemID, String($0.points), $0.text, $0.recordIDs.joined(separator: ",")] }
        #expect(lines == [
            ["tax.grade", "60", "最近一次纳税信用等级为A级（2025年度），加60分", "tr-2025"],
            ["tax.arrears", "-10", "近12个月中有1个月欠缴税款，扣10分", "tp-2601"],
            ["admin.penalty", "-20", "2026年3月受到一般行政处罚1次（大市监罚〔2026〕11号），扣20分", "pen-1"],
            ["admin.penalty", "-30", "2024年1月受到严重行政处罚1次（大环罚〔2024〕3号），扣30分", "pen-3"],
            ["judicial.defendant", "-10", "近3年作为被告涉诉1件（（2025）辽0203民初100号），扣10分", "jc-1"],
            ["credit.red", "50", "2025年12月被列入守信红名单，加50分", "cl-red"],
            ["honor.award", "25", "近3年获得省级荣誉1项（辽宁省守合同重信用企业），加25分", "ha-1"],
            ["ip.patent", "40", "拥有发明专利5件，加40分（本项累计最多40分）", "pat-1,pat-2,pat-3,pat-4,pat-5"],
            ["commitment.kept", "5", "作出信用承诺1项且未违诺（CN-2025-001），加5分", "cc-1"],
        ])
        #expect(evaluation.score == 710)
        #expect(evaluation.grade == "A")
        #expect(evaluation.dimensions.map(\.points) == [10, -5, 115, 0, -10])
        #expect(evaluation.dimensions.map(\.name) == ["遵纪守法", "履约践诺", "资质荣誉", "社会责任", "监管风险"])
        #expect(evaluation.baseScore + evaluation.explanation.reduce(0) { $0 + $1.points } == evaluation.score)
    }

    @Test func listingsTrendAndNewerVersionsCount() throws {
        let model = try F.model()
        let records = [
            F.record("credit.list", "cl-b", date: "2026-02-01", ["list_type": "black", "listed_on": "2026-02-01"]),
            F.record("market.abnormal", "ma-1", date: "2026-01-05", ["listed_on": "2026-01-05", "reason": "未按规定报送年度报告"]),
            F.record("judicial.dishonest", "jd-1", date: "2026-03-01", ["case_no": "（2026）辽0203执1号", "listed_on": "2026-03-01"]),
            F.record("social.insurance", "si-2505", date: "2025-05", ["period": "2025-05", "insured_count": "40"]),
            F.record("social.insurance", "si-2605", date: "2026-05", ["period": "2026-05", "insured_count": "18"]),
            F.record("env.rating", "env-2025", date: "2025", ["year": "2025", "grade": "良好"]),
            F.record("env.rating", "env-2025", date: "2025", ["year": "2025", "grade": "不良"], version: 2),
            F.record("tech.qualification", "tq-1", date: "2023-01-01",
                     ["kind": "高新技术企业", "certified_on": "2023-01-01", "valid_until": "2026-06-29"]),
        ]
        let evaluation = Evaluator.evaluate(uscc: F.uscc, records: records, asOf: Day(year: 2026, month: 6, day: 30), model: model)
        let texts = evaluation.explanation.map(\.text)
        #expect(texts == [
            "参保人数12个月内由40人变为18人（减少55.0%），扣40分",
            "被列入失信被执行人名单且尚未移出（（2026）辽0203执1号），扣150分",
            "2026年2月被列入严重失信主体名单（黑名单）且尚未移出，扣200分",
            "2026年1月被列入经营异常名录（未按规定报送年度报告）且尚未移出，扣50分",
            "最近一次环保信用评价为“不良”（2025年度），扣80分",
        ])
        #expect(evaluation.score == 80)
        #expect(evaluation.grade == "D-")
    }

    @Test func scoreIsClampedToTheScale() throws {
        var model = try F.model()
        model.baseScore = 100
        let records = [F.record("credit.list", "cl-b", date: "2026-02-01", ["list_type": "black", "listed_on": "2026-02-01"])]
        let evaluation = Evaluator.evaluate(uscc: F.uscc, records: records, asOf: Day(year: 2026, month: 6, day: 30), model: model)
        #expect(evaluation.score == 0)
        #expect(evaluation.explanation.map(\.points) == [-200])
    }
}
