import Foundation
import Testing
@testable import Domain

@Suite struct CatalogTests {
    @Test func bundledCatalogHoldsTheContract() throws {
        let catalog = try CatalogLoader.bundled()
        let ids = Set(catalog.datasets.map(\.id))
        #expect(ids == ["market.registration", "market.abnormal", "admin.penalty", "admin.license", "tax.rating",
                        "tax.payment", "social.insurance", "housing.fund", "utility.payment", "judicial.case",
                        "judicial.dishonest", "credit.list", "credit.commitment", "honor.award", "tech.qualification",
                        "ip.patent", "env.rating"])
        let penalty = try catalog.require("admin.penalty")
        #expect(penalty.fields.map(\.name) == ["decision_no", "decided_on", "authority", "severity", "violation", "penalty_type", "amount"])
        #expect(penalty.field(named: "severity")?.values == ["轻微", "一般", "严重"])
        #expect(try catalog.require("tax.payment").level == .authorised)
        #expect(try catalog.require("market.registration").field(named: "legal_rep_id")?.personal == .idNumber)
    }

    /// District names are catalog data (the registration `district` field's labels), not the demo generator's.
    @Test func districtsComeFromTheCatalog() throws {
        let catalog = try CatalogLoader.bundled()
        let districts = Reference.districts(in: catalog)
        #expect(districts.count == 10)
        #expect(districts.first.map { [$0.0, $0.1] } == ["210202", "中山区"])
        #expect(districts.map(\.0) == districts.map(\.0).sorted())
        #expect(Reference.districtName("210283", in: catalog) == "庄河市")
        #expect(Reference.districtName("110101", in: catalog) == "110101")
        #expect(try catalog.require(Catalog.registrationDataset).field(named: "district")?.display("210211") == "甘井子区")

        let badCode = try edited { object in
            var datasets = object["datasets"] as? [[String: Any]] ?? []
            var fields = datasets[0]["fields"] as? [[String: Any]] ?? []
            guard let index = fields.firstIndex(where: { $0["name"] as? String == "district" }) else { return }
            fields[index]["valueLabels"] = ["2102": "大连市"]
            datasets[0]["fields"] = fields
            object["datasets"] = datasets
        }
        #expect(throws: DomainError.invalidCatalog(entry: "datasets.market.registration.fields.district",
                                                   reason: "valueLabels 中的“2102”不是6位行政区划代码")) {
            try CatalogLoader.decode(badCode)
        }
    }

    @Test func unknownDatasetIsATypedError() throws {
        let catalog = try CatalogLoader.bundled()
        #expect(throws: DomainError.unknownDataset("nope.x")) { try catalog.require("nope.x") }
    }

    func edited(_ change: (inout [String: Any]) -> Void) throws -> Data {
        let data = try #require(CatalogLoader.bundledData())
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        change(&object)
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// An operator adds a dataset by editing the file; it loads without a new build.
    @Test func operatorCanAddADataset() throws {
        let data = try edited { object in
            var datasets = object["datasets"] as? [[String: Any]] ?? []
            datasets.append(["id": "fire.inspection", "name": "消防检查", "department": "消防救援支队", "level": "public",
                             "category": "administration", "dateField": "checked_on", "summaryFields": ["result"],
                             "fields": [["name": "checked_on", "label": "检查日期", "type": "date", "required": true],
                                        ["name": "result", "label": "检查结果", "type": "enum", "values": ["合格", "不合格"]]]])
            object["datasets"] = datasets
        }
        let catalog = try CatalogLoader.decode(data)
        #expect(catalog.dataset("fire.inspection")?.fields.count == 2)
    }

    @Test func badEntriesAreNamed() throws {
        func problem(_ change: @escaping (inout [String: Any]) -> Void) throws -> DomainError? {
            let data = try edited(change)
            do { _ = try CatalogLoader.decode(data); return nil } catch { return error }
        }
        let enumWithoutValues = try problem { object in
            var datasets = object["datasets"] as? [[String: Any]] ?? []
            var fields = datasets[2]["fields"] as? [[String: Any]] ?? []
            fields[3]["values"] = nil
            datasets[2]["fields"] = fields
            object["datasets"] = datasets
        }
        #expect(enumWithoutValues == .invalidCatalog(entry: "datasets.admin.penalty.fields.severity", reason: "枚举字段必须给出 values"))
        let unknownCategory = try problem { object in
            var datasets = object["datasets"] as? [[String: Any]] ?? []
            datasets[1]["category"] = "nowhere"
            object["datasets"] = datasets
        }
        #expect(unknownCategory?.message.contains("datasets.market.abnormal") == true)
        let missingName = try problem { object in
            var datasets = object["datasets"] as? [[String: Any]] ?? []
            datasets[0]["name"] = nil
            object["datasets"] = datasets
        }
        #expect(missingName?.message.contains("datasets") == true)
    }
}
