import Foundation
import Testing
@testable import Views

@Suite("异议处理中")
struct ObjectionBadgeTests {
    @Test("a record and an explanation line under objection carry the badge; others do not")
    func badge() {
        var profile = Fixtures.profile()
        #expect(!EnterpriseProfilePage.render(profile).contains("异议处理中"))
        profile.groups[0].records[0].underObjection = true
        let html = EnterpriseProfilePage.render(profile)
        // On the record's row, and counted on its dataset's fold ("异议处理中 1 条").
        #expect(html.components(separatedBy: "异议处理中").count == 3)
        #expect(html.contains("异议处理中 1 条"))
        profile.groups[0].records[0].underObjection = false
        profile.evaluation = EnterpriseProfilePage.EvaluationCard(
            score: 600, grade: "B", baseScore: 650, asOf: "2026-11-22",
            reasons: [.init(text: "被列入经营异常名录", points: -50, underObjection: true), .init(text: "纳税 A", points: 60)],
            history: [])
        #expect(EnterpriseProfilePage.render(profile).components(separatedBy: "异议处理中").count == 2)
    }
}
