import App
import Domain
import Foundation
import Testing
import TestSupport
import VaporTesting

@Suite struct ProfileAPITests {
    @Test(arguments: Backend.allCases)
    func profileIsGroupedAndMaskedByViewer(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            let tax = "record_id,uscc,period,tax_paid,arrears\nT1,\(SampleFiles.firmA),2025-10,12000,0\n"
            try await upload(app, "tax.payment", tax, token: f.centerToken)

            let department = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: f.courtToken)
            #expect(department.status == .ok)
            #expect(department.body.contains("2102**********1234"))
            #expect(!department.body.contains("210202198001011234"))
            let profile = try department.json()
            #expect(profile["withheldDatasets"] as? [String] == ["tax.payment"])
            let groups = try #require(profile["groups"] as? [[String: Any]])
            #expect(groups.compactMap { $0["category"] as? String } == ["registration", "administration"])
            let penalty = try #require((groups[1]["records"] as? [[String: Any]])?.first)
            #expect(penalty["source"] as? String == "市场监管局")
            #expect(penalty["collectedAt"] != nil)

            let center = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)", token: f.centerToken)
            #expect(center.body.contains("210202198001011234"))
            #expect(center.body.contains("\"tax\""))
        }
    }

    @Test(arguments: Backend.allCases)
    func recordsBeforeRegistrationAreLinkedLater(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "admin.penalty", SampleFiles.penaltiesWithErrors, token: f.marketToken)
            let before = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmB)", token: f.centerToken)
            #expect(try before.json()["registered"] as? Bool == false)
            #expect(try await send(app, .GET, "/api/v1/enterprises?q=北港", token: f.centerToken).body.contains("\"total\":0"))
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            let after = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmB)", token: f.centerToken)
            #expect(try after.json()["registered"] as? Bool == true)
            #expect(after.body.contains("未按规定公示"))
            #expect(try await send(app, .GET, "/api/v1/enterprises?q=北港", token: f.centerToken).body.contains("\"total\":1"))
        }
    }

    @Test(arguments: Backend.allCases)
    func searchFiltersAndPaginates(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            let byDistrict = try await send(app, .GET, "/api/v1/enterprises?district=210211", token: f.centerToken).json()
            #expect(byDistrict["total"] as? Int == 1)
            let byIndustry = try await send(app, .GET, "/api/v1/enterprises?industry=I", token: f.centerToken).json()
            #expect(((byIndustry["items"] as? [[String: Any]])?.first?["name"] as? String) == "大连海韵科技有限公司")
            let paged = try await send(app, .GET, "/api/v1/enterprises?per_page=1&page=2", token: f.centerToken).json()
            #expect(paged["pageCount"] as? Int == 2)
            #expect((paged["items"] as? [[String: Any]])?.count == 1)
            let byCode = try await send(app, .GET, "/api/v1/enterprises?q=\(SampleFiles.firmB.prefix(10))", token: f.centerToken).json()
            #expect(byCode["total"] as? Int == 1)
        }
    }

    /// A record's history is reachable only through the firm it belongs to, and is masked like the profile.
    @Test(arguments: Backend.allCases)
    func historyBelongsToItsFirm(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            try await upload(app, "market.registration", SampleFiles.registrations, token: f.marketToken)
            try await upload(app, "market.registration", SampleFiles.registrations.replacingOccurrences(of: "500,2015", with: "800,2015"),
                             token: f.marketToken)
            let own = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmA)/records/market.registration/R1/history",
                                     token: f.marketToken)
            #expect(own.status == .ok)
            #expect(own.body.contains("2102**********1234"))
            #expect(!own.body.contains("210202198001011234"))
            let other = try await send(app, .GET, "/api/v1/enterprises/\(SampleFiles.firmB)/records/market.registration/R1/history",
                                       token: f.centerToken)
            #expect(other.status == .notFound)
        }
    }

    @Test func badAndUnknownCodes() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let bad = try await send(app, .GET, "/api/v1/enterprises/91350100M000100Y4Z", token: f.centerToken)
            #expect(bad.status == .unprocessableEntity)
            #expect(try bad.json()["error"] as? String == "invalid_uscc")
            #expect((try bad.json()["message"] as? String)?.contains("校验位错误") == true)
            let unknown = try await send(app, .GET, "/api/v1/enterprises/91350100M000100Y43", token: f.centerToken)
            #expect(unknown.status == .notFound)
            let check = try await send(app, .GET, "/api/v1/uscc/91350100M000100Y4", token: f.centerToken).json()
            #expect(check["checkCharacter"] as? String == "3")
        }
    }
}
