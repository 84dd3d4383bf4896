import Domain
import Persistence
import Services
import Vapor

/// The statistics over the API: the same figures as the pages and exports (one implementation, `Statistics`), the
/// indicator catalog, the refresh and its check against a full recomputation, and the monthly close.
struct StatsAPI {
    func register(_ api: any RoutesBuilder) {
        let stats = api.grouped("stats")
        stats.get(use: overview)
        stats.get("indicators", use: indicators)
        stats.get("export.csv", use: exportCSV)
        stats.get("export.xlsx", use: exportXLSX)
        stats.post("refresh", use: refresh)
        stats.get("verify", use: verify)
        stats.get("closes", use: closes)
        stats.post("closes", use: close)
        stats.post("closes", ":month", "reopen", use: reopen)
        stats.get("reports", use: reports)
        stats.get("reports", "template", use: template)
        stats.put("reports", ":month", use: fileReport)
        stats.get("reports", "id", ":id", use: report)
        stats.post("reports", "id", ":id", "decision", use: decide)
        stats.get("evaluation", use: evaluation)
        stats.post("evaluation", "manual", use: manual)
        stats.get("bulletins", use: bulletins)
        stats.post("bulletins", use: publish)
        stats.get("bulletins", ":id", use: bulletin)
    }

    struct Query {
        var period: StatPeriod
        var filter: StatFilter
        var indicator: String
        var by: StatDimension?
    }

    /// `from`/`to` (YYYY-MM, both optional: this month by default) or `quarter` (2026-Q1); `indicator`; `by`; one
    /// filter per dimension by its name (`district=210202`).
    static func query(_ req: Request, today: Day) throws -> Query {
        func month(_ name: String) throws -> StatMonth? {
            guard let text = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let m = StatMonth(text: text) else { throw DomainError.invalidInput(field: name, reason: "月份应为 YYYY-MM，如 2026-03") }
            return m
        }
        var period: StatPeriod
        if let q = req.query[String.self, at: "quarter"], !q.isEmpty {
            // The same reading of `2026-Q1` as the evaluation's period.
            guard q.contains("Q") else { throw DomainError.invalidInput(field: "quarter", reason: "季度应为 YYYY-Qn，如 2026-Q1") }
            do { period = try StatsPortals.period(q, today: today) } catch {
                throw DomainError.invalidInput(field: "quarter", reason: "季度应为 YYYY-Qn，如 2026-Q1")
            }
        } else {
            let to = try month("to") ?? StatMonth(today)
            let from = try month("from") ?? to
            guard from <= to else { throw DomainError.invalidInput(field: "from", reason: "起始月份不能晚于截止月份") }
            guard from.adding(months: 120) > to else { throw DomainError.invalidInput(field: "from", reason: "统计区间最长十年") }
            period = .months(from, to)
        }
        var filter = StatFilter()
        for d in StatDimension.allCases {
            if let v = req.query[String.self, at: d.rawValue]?.trimmingCharacters(in: .whitespaces), !v.isEmpty {
                guard v.count <= 64 else { throw DomainError.invalidInput(field: d.rawValue, reason: "筛选值过长") }
                filter.values[d] = v
            }
        }
        var by: StatDimension?
        if let text = req.query[String.self, at: "by"], !text.isEmpty, text != "month" {
            guard let d = StatDimension(rawValue: text) else {
                throw DomainError.invalidInput(field: "by", reason: "分组维度应为 \(StatDimension.allCases.map(\.rawValue).joined(separator: "、")) 之一")
            }
            by = d
        }
        return Query(period: period, filter: filter, indicator: req.query[String.self, at: "indicator"] ?? "lending.loan_amount", by: by)
    }

    struct ValueDTO: Content {
        var code: String; var name: String; var unit: String; var value: Int64?; var numerator: Int64?; var denominator: Int64?
        var text: String
        init(_ indicator: Indicator, _ v: IndicatorValue) {
            code = indicator.code; name = indicator.name; unit = indicator.unit.rawValue; value = v.value
            numerator = v.numerator; denominator = v.denominator; text = v.text(indicator.unit)
        }
    }

    struct PartDTO: Content { var key: String; var value: Int64?; var text: String }

    struct OverviewDTO: Content {
        var from: String; var through: String; var filter: [String: String]; var indicator: String; var by: String?
        var values: [ValueDTO]; var breakdown: [PartDTO]; var monthly: [PartDTO]; var closedDigest: String?
    }

    func run(_ req: Request) async throws -> Statistics.Overview {
        let principal = try req.principal()
        let services = req.services
        let q = try Self.query(req, today: Day(services.clock.now()))
        return try await Statistics(context: services).overview(principal, period: q.period, filter: q.filter, indicator: q.indicator, by: q.by)
    }

    func overview(_ req: Request) async throws -> Response {
        let o = try await run(req)
        let unit = o.indicator.unit
        let dto = OverviewDTO(
            from: o.period.from.description, through: o.period.through.description,
            filter: Dictionary(uniqueKeysWithValues: o.filter.values.map { ($0.key.rawValue, $0.value) }),
            indicator: o.indicator.code, by: o.dimension?.rawValue,
            values: IndicatorCatalog.all.map { ValueDTO($0, o.values[$0.code] ?? .undefined) },
            breakdown: o.breakdown.map { PartDTO(key: $0.value, value: $0.result.value, text: $0.result.text(unit)) },
            monthly: o.monthly.map { PartDTO(key: $0.month.description, value: $0.value.value, text: $0.value.text(unit)) },
            closedDigest: o.closedDigest)
        return try await dto.encodeResponse(for: req)
    }

    struct IndicatorDTO: Content { var code: String; var name: String; var group: String; var unit: String; var definition: String }

    func indicators(_ req: Request) async throws -> [IndicatorDTO] {
        _ = try req.principal()
        return IndicatorCatalog.all.map {
            IndicatorDTO(code: $0.code, name: $0.name, group: $0.group.label, unit: $0.unit.label, definition: $0.definition)
        }
    }

    func exportCSV(_ req: Request) async throws -> Response {
        let o = try await run(req)
        return Self.file(Data(Statistics.csv(o).utf8), type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]),
                         name: "statistics.csv")
    }

    func exportXLSX(_ req: Request) async throws -> Response {
        let o = try await run(req)
        return Self.file(try Statistics.workbook(o), type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                         name: "statistics.xlsx")
    }

    /// A download that is never kept by a cache (the figures are not public).
    static func file(_ data: Data, type: HTTPMediaType, name: String) -> Response {
        let response = Response(status: .ok, body: .init(data: data))
        response.headers.contentType = type
        response.headers.contentDisposition = .init(.attachment, filename: name)
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    struct SummaryDTO: Content { var entitiesRead: Int; var entitiesChanged: Int; var cellsTouched: Int; var rebuilt: Bool }

    func refresh(_ req: Request) async throws -> SummaryDTO {
        _ = try req.principal(in: [.creditCenter])
        let services = req.services
        let s = try await StatRefresh(database: services.database, platform: services.platform).refresh()
        return SummaryDTO(entitiesRead: s.entitiesRead, entitiesChanged: s.entitiesChanged, cellsTouched: s.cellsTouched, rebuilt: s.rebuilt)
    }

    struct VerifyDTO: Content { var matches: Bool; var differences: [String] }

    func verify(_ req: Request) async throws -> VerifyDTO {
        _ = try req.principal(in: [.creditCenter])
        let services = req.services
        let differences = try await StatRefresh(database: services.database, platform: services.platform).verify()
        return VerifyDTO(matches: differences.isEmpty, differences: Array(differences.prefix(100)))
    }

    struct CloseDTO: Content { var month: String; var action: String; var digest: String; var actor: String; var day: String; var reason: String }

    func closes(_ req: Request) async throws -> [CloseDTO] {
        let principal = try req.principal()
        return try await Statistics(context: req.services).closes(principal).map {
            CloseDTO(month: $0.month.description, action: $0.action, digest: $0.digest, actor: $0.actor, day: $0.day.description, reason: $0.reason)
        }
    }

    struct CloseBody: Content { var month: String }

    func close(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(CloseBody.self)
        guard let month = StatMonth(text: body.month) else { throw DomainError.invalidInput(field: "month", reason: "月份应为 YYYY-MM，如 2026-03") }
        let snapshot = try await Statistics(context: req.services).close(principal, month: month)
        return try await CloseDTO(month: month.description, action: "close", digest: snapshot.digest, actor: principal.name,
                                  day: Day(req.services.clock.now()).description, reason: "").encodeResponse(status: .created, for: req)
    }

    struct ReopenBody: Content { var reason: String }

    func reopen(_ req: Request) async throws -> HTTPStatus {
        let principal = try req.principal(in: [.creditCenter])
        guard let month = StatMonth(text: req.parameters.get("month") ?? "") else {
            throw DomainError.invalidInput(field: "month", reason: "月份应为 YYYY-MM，如 2026-03")
        }
        let body = try req.content.decode(ReopenBody.self)
        try await Statistics(context: req.services).reopen(principal, month: month, reason: body.reason)
        return .noContent
    }

    // MARK: Reports

    struct CellDTO: Content { var row: String; var column: String; var value: Int64 }
    struct ReportDTO: Content {
        var id: Int64; var institution: String; var month: String; var templateVersion: Int; var status: String; var statusLabel: String
        var firstFiledOn: String; var cells: [CellDTO]; var problems: [ReportProblem]; var differences: [ReportDifference]
        var history: [StatReportRecord.Event]
        init(_ r: StatReportRecord) {
            id = r.id; institution = r.report.institution; month = r.report.month.description; templateVersion = r.templateVersion
            status = r.status.rawValue; statusLabel = r.status.label; firstFiledOn = r.firstFiledOn.description
            cells = r.report.cells.sorted { $0.key < $1.key }.map { CellDTO(row: $0.key.row, column: $0.key.column, value: $0.value) }
            problems = r.problems; differences = r.differences; history = r.history
        }
    }

    static func month(_ text: String?, field: String = "month") throws -> StatMonth {
        guard let m = StatMonth(text: text ?? "") else { throw DomainError.invalidInput(field: field, reason: "月份应为 YYYY-MM，如 2026-03") }
        return m
    }

    struct MonthReportsDTO: Content { var month: String; var reports: [ReportDTO]; var late: [LateReport] }

    /// An institution: its own reports. A statistics reader: the month's reports of every institution and the late ones.
    func reports(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        guard principal.role.isInstitution || Statistics.mayRead(principal) else { throw DomainError.forbidden("无权查看统计报表") }
        let reports = StatReports(context: req.services)
        if principal.role.isInstitution {
            return try await MonthReportsDTO(month: "", reports: try await reports.own(principal).map(ReportDTO.init), late: [])
                .encodeResponse(for: req)
        }
        let month = try Self.month(req.query[String.self, at: "month"])
        let view = try await reports.month(principal, month)
        return try await MonthReportsDTO(month: month.description, reports: view.reports.values.sorted { $0.id < $1.id }.map(ReportDTO.init),
                                         late: view.late).encodeResponse(for: req)
    }

    func template(_ req: Request) async throws -> ReportTemplate {
        _ = try req.principal()
        return try StatReports(context: req.services).template(for: try Self.month(req.query[String.self, at: "month"]))
    }

    struct FileBody: Content { var cells: [CellDTO] }

    func fileReport(_ req: Request) async throws -> ReportDTO {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let month = try Self.month(req.parameters.get("month"))
        let body = try req.content.decode(FileBody.self)
        guard body.cells.count <= 500 else { throw DomainError.invalidInput(field: "cells", reason: "单元格过多（最多500个）") }
        var report = StatReport(institution: String(try principal.requireInstitution().id), month: month)
        for cell in body.cells { report[cell.row, cell.column] = cell.value }
        return ReportDTO(try await StatReports(context: req.services).file(principal, month: month, report))
    }

    func report(_ req: Request) async throws -> ReportDTO {
        let principal = try req.principal()
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        return ReportDTO(try await StatReports(context: req.services).report(principal, id: id))
    }

    struct DecisionBody: Content { var accept: Bool; var reason: String? }

    func decide(_ req: Request) async throws -> ReportDTO {
        let principal = try req.principal(in: [.creditCenter])
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        let body = try req.content.decode(DecisionBody.self)
        return ReportDTO(try await StatReports(context: req.services).decide(principal, id: id, accept: body.accept, reason: body.reason ?? ""))
    }

    // MARK: Evaluation and bulletins

    struct LeagueDTO: Content {
        var subject: String; var from: String; var through: String; var scheme: String; var version: Int
        var rows: [LeagueRow]; var names: [String: String]
    }

    func evaluation(_ req: Request) async throws -> LeagueDTO {
        let principal = try req.principal()
        guard let subject = PointsSubject(rawValue: req.query[String.self, at: "subject"] ?? "institution") else {
            throw DomainError.invalidInput(field: "subject", reason: "评价对象应为 institution 或 district")
        }
        let period = try StatsPortals.period(req.query[String.self, at: "period"], today: Day(req.services.clock.now()))
        let t = try await StatEvaluation(context: req.services).table(principal, subject: subject, period: period)
        return LeagueDTO(subject: subject.rawValue, from: period.from.description, through: period.through.description, scheme: t.schemeName,
                         version: t.scheme.version, rows: t.rows, names: t.names)
    }

    struct ManualBody: Content { var subject: String; var period: String; var subjectId: String; var item: String; var points: Int }

    func manual(_ req: Request) async throws -> HTTPStatus {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(ManualBody.self)
        guard let subject = PointsSubject(rawValue: body.subject) else {
            throw DomainError.invalidInput(field: "subject", reason: "评价对象应为 institution 或 district")
        }
        let period = try StatsPortals.period(body.period, today: Day(req.services.clock.now()))
        try await StatEvaluation(context: req.services).setManual(principal, subject: subject, period: period, subjectID: body.subjectId,
                                                                   item: body.item, points: body.points)
        return .noContent
    }

    struct BulletinDTO: Content { var id: Int64; var period: String; var digest: String; var publishedBy: String; var content: StatEvaluation.BulletinContent? }

    func bulletins(_ req: Request) async throws -> [BulletinDTO] {
        let principal = try req.principal()
        return try await StatEvaluation(context: req.services).bulletins(principal).map {
            BulletinDTO(id: $0.id, period: $0.period, digest: $0.digest, publishedBy: $0.publishedBy, content: nil)
        }
    }

    struct PublishBody: Content { var period: String; var number: String; var issuer: String; var issuedOn: String }

    func publish(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let body = try req.content.decode(PublishBody.self)
        let period = try StatsPortals.period(body.period, today: Day(req.services.clock.now()))
        guard let issued = try RequestInput.optionalDay(body.issuedOn, field: "issuedOn") else {
            throw DomainError.invalidInput(field: "issuedOn", reason: "请填写发布日期")
        }
        let evaluation = StatEvaluation(context: req.services)
        let b = try await evaluation.publish(principal, period: period, number: body.number, issuer: body.issuer, issuedOn: issued)
        let (_, content) = try await evaluation.bulletin(principal, id: b.id)
        return try await BulletinDTO(id: b.id, period: b.period, digest: b.digest, publishedBy: b.publishedBy, content: content)
            .encodeResponse(status: .created, for: req)
    }

    func bulletin(_ req: Request) async throws -> BulletinDTO {
        let principal = try req.principal()
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        let (b, content) = try await StatEvaluation(context: req.services).bulletin(principal, id: id)
        return BulletinDTO(id: b.id, period: b.period, digest: b.digest, publishedBy: b.publishedBy, content: content)
    }
}
extension ReportTemplate: Content {}
