import Foundation
import Testing
@testable import Domain

@Suite struct ProfileTests {
    let catalog: Catalog
    init() throws { catalog = try CatalogLoader.bundled() }
    static let firm = "91350100M000100Y43"

    func record(_ dataset: String, _ id: String, _ date: String, _ content: [String: String]) -> StoredRecord {
        StoredRecord(dataset: dataset, recordID: id, uscc: Self.firm, content: content, eventDate: date,
                     collectedAt: Date(timeIntervalSince1970: 1_700_000_000), version: 1, batchID: 1, sourceDepartment: "市场监管局")
    }

    var records: [StoredRecord] {
        [
            record("market.registration", "R1", "2015-06-01", ["name": "大连海韵科技有限公司", "legal_rep": "王伟",
                                                             "legal_rep_id": "210202198001011234", "established_on": "2015-06-01"]),
            record("admin.penalty", "P1", "2024-01-05", ["decision_no": "N1", "decided_on": "2024-01-05", "authority": "局", "severity": "一般"]),
            record("admin.penalty", "P2", "2025-03-09", ["decision_no": "N2", "decided_on": "2025-03-09", "authority": "局", "severity": "轻微"]),
            record("tax.payment", "T1", "2025-10", ["period": "2025-10", "tax_paid": "1000"]),
            record("credit.list", "C1", "2025-01-01", ["list_type": "black", "listed_on": "2025-01-01"]),
        ]
    }

    @Test func departmentSeesMaskedPersonalFieldsAndNoAuthorisedData() {
        let profile = CreditProfile.build(uscc: Self.firm, records: records, catalog: catalog, viewer: .department)
        #expect(profile.registration.first { $0.name == "legal_rep_id" }?.value == "2102**********1234")
        #expect(profile.withheldDatasets == ["tax.payment"])
        #expect(!profile.groups.contains { $0.category == "tax" })
    }

    @Test func creditCenterSeesEverythingInClear() {
        let profile = CreditProfile.build(uscc: Self.firm, records: records, catalog: catalog, viewer: .creditCenter)
        #expect(profile.registration.first { $0.name == "legal_rep_id" }?.value == "210202198001011234")
        #expect(profile.withheldDatasets.isEmpty)
        #expect(profile.recordCount == 5)
    }

    @Test func groupedInCatalogOrderNewestFirst() {
        let profile = CreditProfile.build(uscc: Self.firm, records: records, catalog: catalog, viewer: .creditCenter)
        #expect(profile.groups.map(\.category) == ["registration", "administration", "tax", "credit"])
        #expect(profile.groups[1].records.map(\.recordID) == ["P2", "P1"])
        #expect(profile.groups[1].records[0].source == "市场监管局")
        #expect(profile.groups[3].records[0].fields.first { $0.name == "list_type" }?.display == "黑名单")
        #expect(profile.groups[3].records[0].tone == .negative)
        #expect(profile.name == "大连海韵科技有限公司")
    }

    @Test func unregisteredFirmStillHasItsRecords() {
        let profile = CreditProfile.build(uscc: Self.firm, records: Array(records.dropFirst()), catalog: catalog, viewer: .publicViewer)
        #expect(!profile.registered)
        #expect(profile.recordCount == 3)
    }

    @Test func masking() {
        #expect(Masking.mask("210202198001011234", kind: .idNumber) == "2102**********1234")
        #expect(Masking.mask("13812345678", kind: .phone) == "138****5678")
        #expect(Masking.mask("123", kind: .idNumber) == "***")
    }
}
