import Domain
import Fluent
import Foundation
import Persistence
import Services
import Vapor

/// The demo city's recommendation lists, so a newcomer sees every page with data: a 走访 list screened on the five
/// criteria (some refused, with reasons), entries in review and in publicity, and firms pushed to the banks weeks
/// ago — some decided, some overdue (amber) and some escalated (red).
enum DemoRecommendations {
    /// Seeds the lists once (when there is no entry yet) and says what it made.
    static func seed(_ app: Application) async throws -> [String] {
        let store = RecommendationStore(database: app.db)
        guard try await store.counts().isEmpty else { return [] }
        let institutions = try await app.accounts.institutions().filter { $0.kind == .bank }
        guard !institutions.isEmpty else { return [] }
        var firms: [EnterpriseSummary] = []
        var page = 1
        while firms.count < 60, page <= 10 {
            let found = try await app.registry.search(EnterpriseQuery(paging: Paging(page: page, perPage: 100)))
            if found.items.isEmpty { break }
            firms += found.items.filter { $0.status == "存续" }
            page += 1
        }
        let demoFirm = try await app.accounts.users(role: .enterprise).first?.uscc
        firms = firms.filter { $0.uscc != demoFirm }
        let today = Day.today()
        let purposes = ["采购原材料", "支付员工工资", "扩大生产线", "补充流动资金", "购置设备", "证券投资"]
        // 60 days ago: the working group's visits.
        let visitDay = today.adding(days: -60)
        let past = { (day: Day) in app.services(clock: .fixed(day.date.addingTimeInterval(10 * 3600))) }
        let entries = try firms.prefix(60).enumerated().map { n, firm in
            try RecommendationEntry(uscc: firm.uscc, firmName: firm.name, source: n % 3 == 0 ? .referral : .visit,
                                    referrer: n % 3 == 0 ? "市工业和信息化局" : "中山区工作专班",
                                    amountCents: Int64(20 + (n * 37) % 280) * 1_000_000, termMonths: [6, 12, 12, 24, 36][n % 5],
                                    purpose: purposes[n % purposes.count], note: n % 3 == 0 ? "专精特新企业，订单增长" : "走访：有融资意愿",
                                    declaredAt: visitDay.date)
        }
        _ = try await store.declare(all: entries, actor: "demo", at: visitDay.date)
        let screened = try await RecommendationScreening.screenDeclared(past(visitDay), nil)
        let passing = try await store.entries(statuses: [.screened])
        let admin = Principal(name: "admin", displayName: "信用中心管理员", role: .creditCenter, department: nil)
        // Reviewed in waves; the first three pushed a week later (their lights now red, amber and green unless the bank
        // decided), the last still in publicity; the rest wait for review.
        let waves: [(reviewed: Day, entries: ArraySlice<RecommendationEntry>, pushed: Bool)] = [
            (today.adding(days: -55), passing.prefix(8), true), (today.adding(days: -44), passing.dropFirst(8).prefix(8), true),
            (today.adding(days: -20), passing.dropFirst(16).prefix(6), true), (today.adding(days: -3), passing.dropFirst(22).prefix(5), false),
        ]
        for wave in waves {
            for entry in wave.entries {
                _ = try await Recommendations.review(past(wave.reviewed), admin, id: entry.id, approve: true, note: "经审核符合条件")
            }
            if wave.pushed {
                _ = try await RecommendationPushes.push(past(wave.reviewed.adding(days: 8)), admin, entryIDs: wave.entries.map(\.id),
                                                        institutionIDs: nil)
            }
        }
        // The banks answer some of them.
        var decided = 0
        for institution in institutions {
            let staff = Principal(name: "demo-\(institution.code)", displayName: "\(institution.name)客户经理", role: .institutionStaff,
                                  department: nil, institution: institution)
            let pushes = try await store.pushes(institutionID: institution.id, paging: Paging(page: 1, perPage: 200)).items
            for (n, push) in pushes.enumerated() where n % 3 != 2 {
                let day = push.pushedOn.adding(days: 5 + n % 10)
                guard day <= today else { continue }
                let context = past(day)
                switch n % 3 {
                case 0:
                    let loan = PushLoan(amountCents: push.amountCents, rateBasisPoints: 365 + n * 5, disbursedOn: day, creditLoan: n % 2 == 0,
                                        firstLoan: n % 4 == 0, renewalWithoutRepayment: false)
                    _ = try await RecommendationPushes.respond(context, staff, id: push.id, .disbursed(loan, note: "已放款"))
                default:
                    _ = try await RecommendationPushes.respond(context, staff, id: push.id,
                                                               .declined(reason: "近一年纳税额下降较多，暂不符合信用贷款条件",
                                                                         help: "已推荐政府性融资担保产品，并告知补充抵押后可再申请"))
                }
                decided += 1
            }
        }
        let counts = try await store.counts()
        return ["推荐清单：申报 \(entries.count) 户，初筛通过 \(screened.passed) 户；已推送 \(counts[.pushed] ?? 0) 户，其中 \(decided) 次已作出授信决定，其余逾期亮黄灯或红灯"]
    }
}
