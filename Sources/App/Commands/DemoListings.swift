import Domain
import Fluent
import Foundation
import Persistence
import Services
import Vapor

/// The demo's platform-run listings: one firm listed and published on the 涉金融严重失信人名单 a fortnight ago (its
/// applications are refused by the published measures), another just given its prior notice, within the objection window.
enum DemoListings {
    static func seed(_ app: Application) async throws -> [String] {
        guard try await ListingStore(database: app.db).entries(paging: Paging()).total == 0 else { return [] }
        let demoFirm = try await app.accounts.users(role: .enterprise).first?.uscc
        let taken = Set(try await RecommendationStore(database: app.db).entries(statuses: RecommendationStatus.allCases).map(\.uscc))
            .union(try await app.services.monitoringStore.watchedFirms())
        let found = try await app.registry.search(EnterpriseQuery(paging: Paging(page: 15, perPage: 100)))
        let firms = found.items.filter { $0.status == "存续" && $0.uscc != demoFirm && !taken.contains($0.uscc) }.prefix(2)
        guard firms.count == 2 else { return [] }
        let admin = Principal(name: "admin", displayName: "信用中心管理员", role: .creditCenter, department: nil)
        let today = Day.today()
        func on(_ day: Day) -> ServiceContext { app.services(clock: .fixed(day.date.addingTimeInterval(10 * 3600))) }
        var made: [String] = []
        for (n, firm) in firms.enumerated() {
            let start = n == 0 ? today.adding(days: -30) : today.adding(days: -1)
            let entry = try await Listings.propose(on(start), admin, .init(
                uscc: firm.uscc, kind: .financialSeriousDishonest, basisDocumentNumber: "大金罚〔\(today.year)〕\(20 + n)号",
                reason: "以虚假贸易背景材料骗取银行贷款，受到较重行政处罚", actEndedOn: start.adding(days: -10),
                removalConditions: "履行行政处罚决定、归还骗取的贷款本息，并自履行之日起满一年未再发生同类行为",
                legalRepresentative: (firm.legalRep, "")))
            guard let id = entry.id.split(separator: ":").last.flatMap({ Int64($0) }) else { continue }
            _ = try await Listings.step(on(start), admin, id: id, .notify(
                text: "拟将贵企业列入涉金融严重失信人名单。事由：以虚假贸易背景材料骗取银行贷款；依据：大金罚〔\(today.year)〕\(20 + n)号。贵企业可在异议期内陈述申辩、提出异议。"))
            if n == 0 {
                _ = try await Listings.step(on(today.adding(days: -15)), admin, id: id, .list)
                _ = try await Listings.step(on(today.adding(days: -14)), admin, id: id, .publish)
            }
            made.append("\(firm.name)（\(n == 0 ? "已列入并公布" : "已告知，异议期内")）")
        }
        return ["失信名单：" + made.joined(separator: "；")]
    }
}
