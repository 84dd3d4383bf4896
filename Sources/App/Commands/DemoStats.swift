import Domain
import Foundation
import Persistence
import Services
import Vapor

/// The demo city's statistics: counted from everything the demo loaded, last month closed (its digest in the log),
/// the first institution's report of last month filed from its platform figures, and a bulletin of last month.
enum DemoStats {
    static func seed(_ app: Application) async throws -> [String] {
        let services = app.services
        let store = StatStore(database: services.database)
        guard try await store.closes().isEmpty else { return [] }
        let summary = try await StatRefresh(database: services.database, platform: services.platform).rebuild()
        let office = Principal(name: "admin", displayName: "信用中心管理员", role: .creditCenter, department: nil)
        let last = StatMonth(Day(services.clock.now())).adding(months: -1)
        let snapshot = try await Statistics(context: services).close(office, month: last)
        var lines = ["统计：已统计 \(summary.entitiesRead) 个对象；\(last.label)已结账（摘要 \(snapshot.digest.prefix(12))…）"]
        let reports = StatReports(context: services)
        if let institution = try await app.accounts.institutions().first, let template = services.platform.reportTemplates.template(for: last) {
            let platform = try await reports.platformFigures(institution: String(institution.id), month: last, template: template)
            var report = StatReport(institution: String(institution.id), month: last)
            for row in template.rows {
                for column in row.cells where row.required.contains(column) || row.platform?[column] != nil {
                    report[row.code, column] = row.platform?[column].flatMap { platform[$0]?.value } ?? 0
                }
            }
            // The balance by class: all of it normal unless the platform says otherwise (the report's totals must add up).
            report["R11", "amount"] = report["R10", "amount"] ?? 0
            let principal = Principal(name: "demo-report", displayName: "\(institution.name)统计员", role: .institutionStaff,
                                      department: nil, institution: institution)
            let record = try await reports.file(principal, month: last, report)
            lines.append("统计报表：\(institution.name)已报送\(last.label)报表（\(record.status.label)，\(record.problems.count) 处问题）")
        }
        let bulletin = try await StatEvaluation(context: services).publish(office, period: .month(last), number: "大信用办〔\(last.year)〕1号",
                                                                           issuer: "大连市信用中心", issuedOn: Day(services.clock.now()))
        lines.append("通报：/console/stats/bulletins/\(bulletin.id)")
        return lines
    }
}
