import Foundation
import Testing
@testable import DemoCity
@testable import Domain

@Suite("公共信用综合评价：演示城市")
struct DemoCityTests {
    @Test func distributionLooksRealAndScoreRisesWithHealth() throws {
        let asOf = Day(year: 2026, month: 6, day: 30)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("xinyidai-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try CityGenerator(config: .init(asOf: asOf.date, enterprises: 600, months: 24, seed: 2026)).write(to: directory)

        let catalog = try CatalogLoader.bundled()
        let model = try EvaluationModelLoader.bundled(catalog: catalog)
        let records = try DemoCityLoader.records(in: directory, catalog: catalog, today: asOf)
        let truth = try DemoCityLoader.truth(in: directory).filter(\.registered)
        #expect(truth.count == 600)

        let evaluations = Evaluator.evaluateAll(records: records, usccs: truth.map(\.uscc), asOf: asOf, model: model)
        let distribution = GradeDistribution(evaluations, model: model)
        let shares = distribution.entries.map { "\($0.grade) \($0.count) \(String(format: "%.1f%%", $0.share * 100))" }
        print("评价分布：", shares.joined(separator: "，"), "平均分", String(format: "%.1f", distribution.meanScore))

        let middle: Set<String> = ["A", "B", "C", "C-"]
        let middleShare = distribution.entries.filter { middle.contains($0.grade) }.reduce(0) { $0 + $1.share }
        #expect(middleShare >= 0.7, "中间等级占比 \(middleShare)")
        #expect(distribution.share(of: "A+") <= 0.1)
        #expect(distribution.share(of: "D-") <= 0.1)
        #expect(distribution.share(of: "A+") > 0 || distribution.share(of: "A") > 0)
        for entry in distribution.entries where !middle.contains(entry.grade) {
            #expect(entry.share <= 0.5, "\(entry.grade) 占比 \(entry.share)")
        }
        #expect(distribution.entries.filter { $0.count > 0 }.count >= 5)

        // Mean score by hidden health quintile.
        let scoreByFirm = Dictionary(uniqueKeysWithValues: evaluations.map { ($0.uscc, $0.score) })
        let ranked = truth.sorted { ($0.health, $0.uscc) < ($1.health, $1.uscc) }
        let size = ranked.count / 5
        var means: [Double] = []
        for q in 0..<5 {
            let slice = ranked[(q * size)..<(q == 4 ? ranked.count : (q + 1) * size)]
            let total = slice.reduce(0) { $0 + (scoreByFirm[$1.uscc] ?? 0) }
            means.append(Double(total) / Double(slice.count))
        }
        print("健康度五分位平均分：", means.map { String(format: "%.1f", $0) }.joined(separator: " < "))
        if let first = means.first, let last = means.last { #expect(first < last) }

        // Deterministic: evaluating again gives the same result.
        let again = Evaluator.evaluateAll(records: records.reversed(), usccs: truth.map(\.uscc), asOf: asOf, model: model)
        #expect(again == evaluations)
    }
}
