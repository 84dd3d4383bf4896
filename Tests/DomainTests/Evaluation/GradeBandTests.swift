import Foundation
import Testing
@testable import Domain

@Suite("公共信用综合评价：等级划分")
struct GradeBandTests {
    @Test func everyThresholdBelongsToItsBand() throws {
        let model = try EvaluationFixtures.model()
        #expect(model.grades.map(\.grade) == ["A+", "A", "B", "C", "C-", "D", "D-"])
        for (index, band) in model.grades.enumerated() {
            #expect(model.grade(for: band.minScore) == band.grade)
            if index + 1 < model.grades.count {
                #expect(model.grade(for: band.minScore - 1) == model.grades[index + 1].grade)
            }
        }
        #expect(model.grade(for: 1000) == "A+")
        #expect(model.grade(for: 0) == "D-")
    }

    @Test func thresholdsAreConfigurable() throws {
        var model = try EvaluationFixtures.model()
        model.grades = [GradeBand(grade: "优秀", minScore: 900), GradeBand(grade: "良好", minScore: 500), GradeBand(grade: "较差", minScore: 0)]
        #expect(model.grade(for: 900) == "优秀")
        #expect(model.grade(for: 899) == "良好")
        #expect(model.grade(for: 499) == "较差")
    }

    @Test func distributionCountsAndShares() throws {
        let model = try EvaluationFixtures.model()
        func evaluation(_ score: Int) -> Evaluation {
            Evaluation(uscc: "x\(score)", asOf: "2026-06-30", modelVersion: 1, baseScore: 600, score: score,
                       grade: model.grade(for: score), dimensions: [], explanation: [])
        }
        let d = GradeDistribution([evaluation(600), evaluation(610), evaluation(300), evaluation(900)], model: model)
        #expect(d.total == 4)
        #expect(d.entries.map(\.grade) == ["A+", "A", "B", "C", "C-", "D", "D-"])
        #expect(d.entries.map(\.count) == [1, 0, 2, 0, 0, 0, 1])
        #expect(d.share(of: "B") == 0.5)
        #expect(d.meanScore == 602.5)
        #expect(GradeDistribution([], model: model).entries.allSatisfy { $0.share == 0 })
    }
}
