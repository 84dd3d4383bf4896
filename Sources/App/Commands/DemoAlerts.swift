import Domain
import Fluent
import Foundation
import Persistence
import Services
import Vapor

/// The demo city's post-loan monitoring, so a newcomer sees alerts of every level: ten firms authorise 大连银行 for
/// post-loan management (so it monitors them), their baseline is taken, then the court and the market regulator
/// send new listings, lawsuits and penalties of different weight; the scan raises alerts from 红 to 绿, and the
/// bank has answered some of them.
enum DemoAlerts {
    static func seed(_ app: Application) async throws -> [String] {
        let services = app.services
        guard try await services.monitoringStore.watchedFirms().isEmpty,
              let bank = try await app.accounts.institutions().first(where: { $0.kind == .bank }) else { return [] }
        let demoFirm = try await app.accounts.users(role: .enterprise).first?.uscc
        let listed = try await RecommendationStore(database: app.db).entries(statuses: [.pushed, .listed, .publicity]).map(\.uscc)
        var firms: [EnterpriseSummary] = []
        var page = 3
        while firms.count < 10, page <= 12 {
            let found = try await app.registry.search(EnterpriseQuery(paging: Paging(page: page, perPage: 100)))
            if found.items.isEmpty { break }
            firms += found.items.filter { $0.status == "存续" && $0.uscc != demoFirm && !listed.contains($0.uscc) }
            page += 1
        }
        firms = Array(firms.prefix(10))
        guard firms.count == 10 else { return [] }
        let today = Day.today()
        let authorisations = AuthorisationStore(database: app.db)
        for firm in firms {
            _ = try await authorisations.create(Authorisation(
                id: "", uscc: firm.uscc, scope: .institutions([String(bank.id)]), categories: app.platform.catalog.authorisedCategories,
                purposes: [.postLoan], validFrom: today, validUntil: today.adding(days: 365), signedAt: Date()), by: firm.legalRep)
        }
        _ = try await MonitoringScan.scan(services, firms: firms.map(\.uscc))
        // What each pair of firms gets: 红 (listing + serious penalty + lawsuit), 橙 (listing + penalty + lawsuit),
        // 黄 (listing), 蓝 (serious penalty), 绿 (lawsuit).
        var dishonest = "record_id,uscc,case_no,listed_on,removed_on,obligation\n"
        var penalties = "record_id,uscc,decision_no,decided_on,authority,severity,violation,amount\n"
        var cases = "record_id,uscc,case_no,filed_on,role,cause,amount,closed_on,outcome\n"
        for (n, firm) in firms.enumerated() {
            let level = n / 2
            if level <= 2 { dishonest += "DEMO-D\(n),\(firm.uscc),（\(today.year)）辽0202执\(900 + n)号,\(today),,给付货款\n" }
            if level == 0 || level == 3 {
                penalties += "DEMO-P\(n),\(firm.uscc),大市监罚〔\(today.year)〕\(700 + n)号,\(today),大连市市场监督管理局,严重,无证经营,50000\n"
            }
            if level == 1 {
                penalties += "DEMO-P\(n),\(firm.uscc),大市监罚〔\(today.year)〕\(700 + n)号,\(today),大连市市场监督管理局,一般,未按规定公示,5000\n"
            }
            if level == 0 || level == 1 || level == 4 {
                cases += "DEMO-C\(n),\(firm.uscc),（\(today.year)）辽0202民初\(500 + n)号,\(today),被告,买卖合同纠纷,320000,,\n"
            }
        }
        let platform = Principal(name: "demo", displayName: "演示数据", role: .creditCenter, department: nil)
        for (dataset, text) in [("judicial.dishonest", dishonest), ("admin.penalty", penalties), ("judicial.case", cases)] {
            _ = try await Ingestion.load(services, dataset: try app.platform.catalog.require(dataset), principal: platform, source: .demo,
                                         fileName: "demo-\(dataset).csv", format: .csv, chunks: MemoryChunks(bytes: Array(text.utf8)))
        }
        try await Evaluations.refresh(services, firms: firms.map(\.uscc))
        let scan = try await MonitoringScan.scan(services, firms: firms.map(\.uscc))
        // The bank has signed for the two 红 alerts and dealt with one of them.
        let staff = Principal(name: "demo-\(bank.code)", displayName: "\(bank.name)客户经理", role: .institutionStaff, department: nil,
                              institution: bank)
        let open = try await RiskAlerts.alerts(services, staff, levels: [.red], paging: Paging(page: 1, perPage: 10)).items
        for (n, item) in open.enumerated() {
            _ = try await RiskAlerts.respond(services, staff, id: item.alert.id, .acknowledge)
            if n == 0 { _ = try await RiskAlerts.respond(services, staff, id: item.alert.id, .handle(measure: "已约谈企业负责人，暂停新增授信，要求追加担保")) }
        }
        return ["贷后监测：\(firms.count) 家企业授权\(bank.name)贷后管理，新归集的司法和处罚记录触发预警 \(scan.opened) 条（红、橙、黄、蓝、绿各两条）"]
    }
}
