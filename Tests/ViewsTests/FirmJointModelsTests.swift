import Domain
import Foundation
import Testing
@testable import Views

/// A firm whose data took part in a joint model sees it on its authorisations page: the model's name, the bank and
/// the day, escaped; a firm with none sees no such section.
@Suite("Firm joint models")
struct FirmJointModelsTests {
    typealias F = PortalFixtures

    func page(_ uses: [JointRunParticipation]) -> String {
        FirmAuthorisationsPage.render(.init(
            context: F.firm("/firm/authorisations"), authorisations: F.authorisations, institutions: F.institutions,
            categories: F.categories, accesses: [], accessWindow: PageWindow(page: 1, perPage: 20, total: 0), today: F.today,
            jointModels: uses))
    }

    @Test func theRunIsShownByNameBankAndDay() {
        let html = page([JointRunParticipation(runId: "jm-1", name: "预授信<模型>", institutionID: 1, institutionName: "甲银行", day: F.today)])
        #expect(html.contains("id=\"joint-models\""))
        #expect(html.contains("预授信&lt;模型&gt;") && html.contains("甲银行") && html.contains(F.today.description))
        #expect(!page([]).contains("joint-models"))
    }
}
