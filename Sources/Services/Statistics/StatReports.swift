import Domain
import Foundation
import Persistence

/// The institutions' monthly statistical reports (统计报表): filed by the institution on the template in force for
/// the month (form, CSV or API), checked at once against the template and the platform's own figures for the
/// institution (a floor), returned with every problem or left for the credit center to accept or return.
public struct StatReports: Sendable {
    let context: ServiceContext
    public init(context: ServiceContext) { self.context = context }

    var store: StatReportStore { StatReportStore(database: context.database) }
    var today: Day { Day(context.clock.now()) }

    public func template(for month: StatMonth) throws -> ReportTemplate {
        guard let template = context.platform.reportTemplates.template(for: month) else {
            throw DomainError.notFound("\(month.label)适用的统计报表模板")
        }
        return template
    }

    /// The platform's figures for an institution and month, that the template compares reports with.
    public func platformFigures(institution: String, month: StatMonth, template: ReportTemplate) async throws -> [String: IndicatorValue] {
        let codes = Set(template.rows.flatMap { ($0.platform ?? [:]).values })
        let indicators = IndicatorCatalog.all.filter { codes.contains($0.code) }
        let aggregate = try await Statistics(context: context).aggregate()
        return try aggregate.values(indicators, period: .month(month), filter: .institution(institution))
    }

    /// Files (or files again) the institution's report of `month`. The statistics are brought up to date first, so
    /// the floor includes the loans the institution recorded today.
    public func file(_ principal: Principal, month: StatMonth, _ report: StatReport) async throws -> StatReportRecord {
        let institution = try principal.requireInstitution()
        let template = try template(for: month)
        _ = try await StatRefresh(database: context.database, platform: context.platform).refresh()
        var report = report
        report.institution = String(institution.id); report.month = month
        let platform = try await platformFigures(institution: String(institution.id), month: month, template: template)
        let day = today, by = principal.displayName
        let filed = report
        return try await store.file(institution: institution.id, month: month, actor: principal.name, at: context.clock.now()) { previous in
            try StatReportRecord.filed(filed, template: template, platform: platform, by: by, on: day, previous: previous)
        }
    }

    /// A report from the page's form: one field per cell named `R01.amount`.
    public func report(fromForm fields: [String: String], month: StatMonth, institution: String) throws -> StatReport {
        let template = try template(for: month)
        var report = StatReport(institution: institution, month: month)
        for row in template.rows {
            for column in row.cells {
                if let text = fields["\(row.code).\(column)"], let value = try template.cellValue(text, row: row.code, column: column) {
                    report[row.code, column] = value
                }
            }
        }
        return report
    }

    public func report(fromCSV text: String, month: StatMonth, institution: String) throws -> StatReport {
        try template(for: month).parseCSV(text, institution: institution, month: month)
    }

    public func decide(_ principal: Principal, id: Int64, accept: Bool, reason: String) async throws -> StatReportRecord {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("仅信用中心可接受或退回统计报表") }
        let day = today, by = principal.displayName
        return try await store.decide(id: id, actor: principal.name, at: context.clock.now()) { record in
            try record.decide(accept: accept, reason: reason, by: by, on: day)
        }
    }

    /// A report as its institution or a statistics reader may see it.
    public func report(_ principal: Principal, id: Int64) async throws -> StatReportRecord {
        guard let record = try await store.report(id: id) else { throw DomainError.notFound("该统计报表") }
        if principal.role.isInstitution {
            guard record.report.institution == String(try principal.requireInstitution().id) else { throw DomainError.notFound("该统计报表") }
        } else {
            guard Statistics.mayRead(principal) else { throw DomainError.forbidden("无权查看统计报表") }
        }
        return record
    }

    /// The institution's own reports, newest month first.
    public func own(_ principal: Principal) async throws -> [StatReportRecord] {
        let institution = try principal.requireInstitution()
        return try await store.reports(institution: institution.id)
    }

    public func ownReport(_ principal: Principal, month: StatMonth) async throws -> StatReportRecord? {
        try await store.report(institution: try principal.requireInstitution().id, month: month)
    }

    /// The month's reports of every institution, and the late ones (not filed by the due day, or filed after it).
    public struct MonthView: Sendable {
        public var month: StatMonth
        public var template: ReportTemplate?
        public var institutions: [Institution]
        public var reports: [String: StatReportRecord]
        public var late: [LateReport]
    }

    public func month(_ principal: Principal, _ month: StatMonth) async throws -> MonthView {
        guard Statistics.mayRead(principal) else { throw DomainError.forbidden("无权查看统计报表") }
        let institutions = try await AccountStore(database: context.database).institutions()
        let reports = Dictionary(try await store.reports(month: month).map { ($0.report.institution, $0) }, uniquingKeysWith: { a, _ in a })
        let template = context.platform.reportTemplates.template(for: month)
        let late = template?.lateReports(month, institutions: institutions.map { String($0.id) },
                                         filed: reports.mapValues(\.firstFiledOn), today: today) ?? []
        return MonthView(month: month, template: template, institutions: institutions, reports: reports, late: late)
    }
}
