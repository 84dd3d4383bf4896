import Foundation
import Testing
@testable import Domain

@Suite("公共信用综合评价：模型文件加载")
struct ModelLoadingTests {
    func reload(_ change: (inout EvaluationModel) -> Void) throws -> EvaluationModelError? {
        var model = try EvaluationFixtures.model()
        change(&model)
        let data = try JSONEncoder().encode(model)
        do {
            _ = try EvaluationModelLoader.decode(data, catalog: CatalogLoader.bundled())
            return nil
        } catch let error as EvaluationModelError {
            return error
        }
    }

    @Test func bundledModelLoadsAndCoversTheRequiredItems() throws {
        let model = try EvaluationFixtures.model()
        #expect(model.version == 1)
        #expect(model.baseScore == 600 && model.maxScore == 1000)
        #expect(model.dimensions.map(\.name) == ["遵纪守法", "履约践诺", "资质荣誉", "社会责任", "监管风险"])
        #expect(Set(model.items.map(\.kind)) == Set(RuleItem.Kind.allCases.map(\.rawValue)))
        #expect(model.items.count == 19)
    }

    @Test func unknownRuleKindNamesTheItem() throws {
        let error = try reload { $0.items[6].kind = "sumOf" }
        #expect(error?.entry == "items[6]（admin.penalty「行政处罚」）")
        #expect(error?.message == "评价模型文件有误：items[6]（admin.penalty「行政处罚」）：未知的规则类型“sumOf”，应为 latestValue、countWithin、activeListing、trend 之一")
    }

    @Test func unknownDatasetOrFieldNamesTheItem() throws {
        let dataset = try reload { $0.items[0].dataset = "tax.grade" }
        #expect(dataset?.message == "评价模型文件有误：items[0]（tax.grade「纳税信用等级」）：数据目录中没有数据集“tax.grade”")
        let field = try reload { $0.items[0].pointsBy?.field = "level" }
        #expect(field?.reason == "数据集“tax.rating”中没有字段“level”")
    }

    @Test func badGradesRegimesAndDimensionsAreNamed() throws {
        let grades = try reload { $0.grades[2].minScore = 700 }
        #expect(grades?.entry == "grades[2]（B）")
        let lowest = try reload { $0.grades[6].minScore = 10 }
        #expect(lowest?.entry == "grades[6]（D-）")
        let regime = try reload { $0.penaltyRegimes[2].from = "2026-4-1" }
        #expect(regime?.entry == "penaltyRegimes[2]（信用修复规定（2026-04-01 起施行））")
        let dimension = try reload { $0.items[1].dimension = "credit" }
        #expect(dimension?.reason == "所属维度“credit”未在 dimensions 中定义")
        let duplicate = try reload { $0.items[2].id = "tax.arrears" }
        #expect(duplicate?.reason == "评价项编号重复")
        let base = try reload { $0.baseScore = 1200 }
        #expect(base?.entry == "baseScore")
    }

    @Test func structuralErrorsNameThePath() throws {
        let missing = Data(#"{"version": 1, "name": "x", "baseScore": 600, "minScore": 0, "maxScore": 1000, "dimensions": [], "grades": [], "penaltyRegimes": [], "items": [{"id": "a"}]}"#.utf8)
        #expect(throws: EvaluationModelError(entry: "items[0].title", reason: "缺少必填项")) {
            try EvaluationModelLoader.decode(missing)
        }
        #expect(throws: EvaluationModelError(entry: "文件", reason: "不是有效的 JSON")) {
            try EvaluationModelLoader.decode(Data("{".utf8))
        }
    }
}
