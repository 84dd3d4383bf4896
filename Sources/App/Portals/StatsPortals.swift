import Domain
import Persistence
import Services
import Vapor
import Views

/// The statistics in the portals: the figures with their breakdowns, charts and exports, the glossary, the monthly
/// close, the institutions' reports (filed by the bank, reviewed by the credit center), the two-way evaluation and
/// its bulletins (printable, and as PDF where the server has Chromium).
struct StatsPortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("console", "stats", use: overview)
        routes.get("console", "stats", "glossary", use: glossary)
        routes.get("console", "stats", "export.csv", use: exportCSV)
        routes.get("console", "stats", "export.xlsx", use: exportXLSX)
        routes.get("console", "stats", "close", use: closePage)
        routes.post("console", "stats", "close", use: close)
        routes.post("console", "stats", "reopen", use: reopen)
        routes.get("console", "stats", "reports", use: reports)
        routes.get("console", "stats", "reports", ":id", use: reviewReport)
        routes.post("console", "stats", "reports", ":id", "accept", use: accept)
        routes.post("console", "stats", "reports", ":id", "return", use: returnReport)
        routes.get("console", "stats", "evaluation", use: evaluation)
        routes.post("console", "stats", "evaluation", "manual", use: manualPoints)
        routes.get("console", "stats", "evaluation", "export.csv", use: evaluationCSV)
        routes.get("console", "stats", "evaluation", "export.xlsx", use: evaluationXLSX)
        routes.get("console", "stats", "reports", "export.csv", use: reportsCSV)
        routes.get("console", "stats", "reports", "export.xlsx", use: reportsXLSX)
        routes.post("console", "stats", "bulletins", use: publish)
        routes.get("console", "stats", "bulletins", ":id", use: bulletin)
        routes.get("console", "stats", "bulletins", ":id", "pdf", use: bulletinPDF)
        routes.get("bank", "reports", use: bankReports)
        routes.get("bank", "reports", ":month", use: filingPage)
        routes.post("bank", "reports", ":month", use: fileForm)
        routes.on(.POST, "bank", "reports", ":month", "upload", body: .stream, use: fileCSV)
    }

    static func reader(_ req: Request) throws -> Principal {
        let principal = try req.principal()
        guard Statistics.mayRead(principal) else { throw DomainError.forbidden("统计分析仅对信用中心及财政、金融监管部门开放") }
        return principal
    }

    static func names(_ req: Request) async throws -> StatNames {
        let services = req.services
        let accounts = AccountStore(database: services.database)
        var products: [String: String] = [:]
        for status in ProductStatus.allCases {
            for p in try await ProductStore(database: services.database).products(status: status) { products[p.id] = p.name }
        }
        return StatNames(
            institutions: Dictionary(try await accounts.institutions().map { (String($0.id), $0.name) }, uniquingKeysWith: { a, _ in a }),
            districts: Dictionary(Reference.districts(in: services.catalog), uniquingKeysWith: { a, _ in a }),
            products: products,
            industries: Dictionary(Reference.industries(in: services.catalog), uniquingKeysWith: { a, _ in a }),
            departments: Dictionary(try await accounts.departments().map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }

    /// `2026-03` or `2026-Q1`.
    static func period(_ text: String?, today: Day) throws -> StatPeriod {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .month(StatMonth(today).adding(months: -1)) }
        if let month = StatMonth(text: text) { return .month(month) }
        let parts = text.split(separator: "-")
        if parts.count == 2, let year = Int(parts[0]), (2000...2100).contains(year), parts[1].hasPrefix("Q"),
           let q = Int(parts[1].dropFirst()), (1...4).contains(q) {
            return .quarter(year: year, q)
        }
        throw DomainError.invalidInput(field: "period", reason: "评价期间应为 2026-03（月）或 2026-Q1（季度）")
    }

    // MARK: Figures

    func run(_ req: Request) async throws -> (Principal, StatsAPI.Query, Statistics.Overview) {
        let principal = try Self.reader(req)
        let q = try StatsAPI.query(req, today: Day(req.services.clock.now()))
        let o = try await Statistics(context: req.services).overview(principal, period: q.period, filter: q.filter, indicator: q.indicator, by: q.by)
        return (principal, q, o)
    }

    func overview(_ req: Request) async throws -> Response {
        let (principal, q, o) = try await run(req)
        let months = q.period.wholeMonths ?? StatMonth(q.period.from)...StatMonth(q.period.through)
        let query = StatisticsPage.Query(from: months.lowerBound, to: months.upperBound, quarter: req.query[String.self, at: "quarter"],
                                         groupBy: q.by, filter: q.filter, indicator: o.indicator.code)
        let breakdown = q.by == nil ? StatisticsPage.Row.rows(o.monthly) : StatisticsPage.Row.rows(o.breakdown)
        return Portal.html(StatisticsPage.render(.init(
            context: Portal.context(req, principal), query: query, period: q.period, values: o.values, breakdown: breakdown,
            trend: StatisticsPage.Row.rows(o.monthly), names: try await Self.names(req),
            availableMonths: try await Statistics(context: req.services).aggregate().months, closedDigest: o.closedDigest,
            mayManage: principal.role == .creditCenter)))
    }

    func glossary(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        return Portal.html(StatGlossaryPage.render(.init(context: Portal.context(req, principal), mayManage: principal.role == .creditCenter)))
    }

    func exportCSV(_ req: Request) async throws -> Response {
        let (_, q, o) = try await run(req)
        let names = try await Self.names(req)
        return StatsAPI.file(Data(Statistics.csv(o, names: q.by.map(names.map) ?? [:]).utf8),
                             type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]), name: "statistics.csv")
    }

    func exportXLSX(_ req: Request) async throws -> Response {
        let (_, q, o) = try await run(req)
        let names = try await Self.names(req)
        return StatsAPI.file(try Statistics.workbook(o, names: q.by.map(names.map) ?? [:]),
                             type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                             name: "statistics.xlsx")
    }

    // MARK: Table exports

    static func csv(_ table: StatTable, _ name: String) -> Response {
        StatsAPI.file(Data(table.csv.utf8), type: HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"]), name: name + ".csv")
    }

    static func xlsx(_ table: StatTable, _ name: String) throws -> Response {
        StatsAPI.file(try table.xlsx(), type: HTTPMediaType(type: "application", subType: "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                      name: name + ".xlsx")
    }

    func leagueTable(_ req: Request) async throws -> StatEvaluation.Table {
        let principal = try Self.reader(req)
        let subject = PointsSubject(rawValue: req.query[String.self, at: "subject"] ?? "institution") ?? .institution
        let period = try Self.period(req.query[String.self, at: "period"], today: Day(req.services.clock.now()))
        return try await StatEvaluation(context: req.services).table(principal, subject: subject, period: period)
    }

    func evaluationCSV(_ req: Request) async throws -> Response { Self.csv(try await leagueTable(req).export, "evaluation") }
    func evaluationXLSX(_ req: Request) async throws -> Response { try Self.xlsx(try await leagueTable(req).export, "evaluation") }

    func reportsView(_ req: Request) async throws -> StatReports.MonthView {
        let principal = try Self.reader(req)
        guard let month = StatMonth(text: req.query[String.self, at: "month"] ?? "") else {
            throw DomainError.invalidInput(field: "month", reason: "月份应为 YYYY-MM，如 2026-03")
        }
        return try await StatReports(context: req.services).month(principal, month)
    }

    func reportsCSV(_ req: Request) async throws -> Response { Self.csv(try await reportsView(req).export, "reports") }
    func reportsXLSX(_ req: Request) async throws -> Response { try Self.xlsx(try await reportsView(req).export, "reports") }

    // MARK: Close

    func closePage(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        let services = req.services
        let book = try await StatStore(database: services.database).book()
        let months = try await Statistics(context: services).aggregate().months
        return Portal.html(StatClosePage.render(.init(context: Portal.context(req, principal), book: book, months: months,
                                                      today: Day(services.clock.now()))))
    }

    struct MonthForm: Content { var month: String?; var reason: String? }

    func close(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/stats/close") { principal in
            let form = try req.content.decode(MonthForm.self)
            guard let month = StatMonth(text: form.month ?? "") else { throw DomainError.invalidInput(field: "month", reason: "请选择要结账的月份") }
            let snapshot = try await Statistics(context: req.services).close(principal, month: month)
            return Portal.done(req, to: "/console/stats/close", "\(month.label)已结账，快照摘要 \(snapshot.digest.prefix(12))… 已写入透明日志")
        }
    }

    func reopen(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/stats/close") { principal in
            let form = try req.content.decode(MonthForm.self)
            guard let month = StatMonth(text: form.month ?? "") else { throw DomainError.invalidInput(field: "month", reason: "请选择要重新打开的月份") }
            try await Statistics(context: req.services).reopen(principal, month: month, reason: form.reason ?? "")
            return Portal.done(req, to: "/console/stats/close", "\(month.label)已重新打开，原因已写入透明日志")
        }
    }

    // MARK: Reports (credit center)

    static func filingStatus(_ record: StatReportRecord?) -> ReportFilingStatus {
        switch record?.status {
        case nil: .notFiled
        case .pending?: .pending
        case .accepted?: .accepted
        case .returned?: .returned
        }
    }

    static func events(_ record: StatReportRecord?) -> [StatReportPage.Event] {
        (record?.history ?? []).map { e in
            let action: StatReportPage.Event.Action = switch e.action {
            case .filed: .filed
            case .refiled: .refiled
            case .returned: .returned
            case .accepted: .accepted
            }
            return StatReportPage.Event(action: action, on: e.on, by: e.by, reason: e.reason)
        }
    }

    func reports(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        let today = Day(req.services.clock.now())
        let monthText = req.query[String.self, at: "month"] ?? ""
        var month = StatMonth(today).adding(months: -1)
        if !monthText.isEmpty {
            guard let m = StatMonth(text: monthText) else { throw DomainError.invalidInput(field: "month", reason: "月份应为 YYYY-MM，如 2026-03") }
            month = m
        }
        let view = try await StatReports(context: req.services).month(principal, month)
        let lateDays = Dictionary(view.late.map { ($0.institution, $0.daysLate) }, uniquingKeysWith: { a, _ in a })
        let rows = view.institutions.map { i -> StatReportsPage.Row in
            let id = String(i.id), record = view.reports[id]
            return StatReportsPage.Row(institution: id, status: Self.filingStatus(record), filedOn: record?.firstFiledOn,
                                       daysLate: lateDays[id] ?? 0, problems: record?.problems.count ?? 0,
                                       differences: record?.differences.filter { ($0.difference ?? 0) != 0 }.count ?? 0,
                                       reportID: record.map { String($0.id) })
        }
        return Portal.html(StatReportsPage.render(.init(
            context: Portal.context(req, principal), month: month, template: view.template, rows: rows, late: view.late,
            institutionNames: Dictionary(view.institutions.map { (String($0.id), $0.name) }, uniquingKeysWith: { a, _ in a }))))
    }

    func reviewReport(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        let reports = StatReports(context: req.services)
        let record = try await reports.report(principal, id: id)
        let template = try reports.template(for: record.report.month)
        let institution = try await AccountStore(database: req.services.database).institution(id: Int64(record.report.institution) ?? 0)
        return Portal.html(StatReportPage.render(.init(
            context: Portal.context(req, principal), mode: .review(id: String(id)), template: template, report: record.report,
            institutionName: institution?.name ?? record.report.institution, status: Self.filingStatus(record),
            dueOn: template.dueOn(for: record.report.month), problems: record.problems, differences: record.differences,
            history: Self.events(record))))
    }

    struct ReasonForm: Content { var reason: String? }

    func accept(_ req: Request) async throws -> Response { try await decide(req, accept: true) }
    func returnReport(_ req: Request) async throws -> Response { try await decide(req, accept: false) }

    func decide(_ req: Request, accept: Bool) async throws -> Response {
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        let back = "/console/stats/reports/\(id)"
        return try await Portal.form(req, back: back) { principal in
            let form = try req.content.decode(ReasonForm.self)
            let record = try await StatReports(context: req.services).decide(principal, id: id, accept: accept, reason: form.reason ?? "")
            return Portal.done(req, to: back, "已\(accept ? "接受" : "退回")\(record.report.month.label)的统计报表")
        }
    }

    // MARK: Evaluation and bulletins

    func evaluation(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        let services = req.services
        let subject = PointsSubject(rawValue: req.query[String.self, at: "subject"] ?? "institution") ?? .institution
        let period = try Self.period(req.query[String.self, at: "period"], today: Day(services.clock.now()))
        let evaluation = StatEvaluation(context: services)
        let table = try await evaluation.table(principal, subject: subject, period: period)
        let bulletins = try await evaluation.bulletins(principal).compactMap { b -> EvaluationPage.Bulletin? in
            guard let content = try? JSONDecoder().decode(StatEvaluation.BulletinContent.self, from: Data(b.content.utf8)) else { return nil }
            return EvaluationPage.Bulletin(id: String(b.id), title: BulletinPage.title(content.period), issuedOn: content.issuedOn)
        }
        return Portal.html(EvaluationPage.render(.init(
            context: Portal.context(req, principal), subject: subject, period: period, schemeName: table.schemeName, scheme: table.scheme,
            table: table.rows, values: table.values, names: table.names, bulletins: bulletins, mayManage: principal.role == .creditCenter)))
    }

    struct ManualForm: Content { var subject: String?; var period: String?; var subject_id: String?; var item: String?; var points: String? }

    func manualPoints(_ req: Request) async throws -> Response {
        struct Back: Content { var subject: String?; var period: String? }
        let b = (try? req.content.decode(Back.self)) ?? Back()
        let back = "/console/stats/evaluation?subject=\(b.subject ?? "institution")&period=\(b.period ?? "")"
        return try await Portal.form(req, back: back) { principal in
            let form = try req.content.decode(ManualForm.self)
            let subject = PointsSubject(rawValue: form.subject ?? "") ?? .institution
            let period = try Self.period(form.period, today: Day(req.services.clock.now()))
            guard let points = Int(form.points ?? "") else { throw DomainError.invalidInput(field: "points", reason: "请填写整数分值") }
            try await StatEvaluation(context: req.services).setManual(principal, subject: subject, period: period, subjectID: form.subject_id ?? "",
                                                                       item: form.item ?? "", points: points)
            return Portal.done(req, to: back, "已评定")
        }
    }

    struct PublishForm: Content { var period: String?; var number: String?; var issuer: String?; var issued_on: String? }

    func publish(_ req: Request) async throws -> Response {
        let period = (try? req.content.decode(PublishForm.self))?.period ?? ""
        let back = "/console/stats/evaluation?period=\(period)"
        return try await Portal.form(req, back: back) { principal in
            let form = try req.content.decode(PublishForm.self)
            let p = try Self.period(form.period, today: Day(req.services.clock.now()))
            guard let issued = try RequestInput.optionalDay(form.issued_on, field: "issued_on") else {
                throw DomainError.invalidInput(field: "issued_on", reason: "请填写发布日期")
            }
            let bulletin = try await StatEvaluation(context: req.services).publish(principal, period: p, number: form.number ?? "",
                                                                                  issuer: form.issuer ?? "", issuedOn: issued)
            return Portal.done(req, to: "/console/stats/bulletins/\(bulletin.id)", "通报已发布，摘要已写入透明日志")
        }
    }

    static func bulletinModel(_ req: Request, _ principal: Principal, id: Int64) async throws -> BulletinPage.Model {
        let (bulletin, c) = try await StatEvaluation(context: req.services).bulletin(principal, id: id)
        func named(_ list: [StatEvaluation.BulletinContent.Named]) -> [BulletinPage.Named] {
            list.map { BulletinPage.Named(institution: c.names[$0.institution] ?? $0.institution, value: $0.value) }
        }
        return BulletinPage.Model(
            context: Portal.context(req, principal), id: String(bulletin.id), number: c.number, issuer: c.issuer, issuedOn: c.issuedOn,
            period: c.period, values: c.values, coverage: c.coverage, borrowerShare: c.borrowerShare,
            institutions: .init(scheme: c.institutionScheme, table: c.institutionTable, names: c.names),
            districts: .init(scheme: c.districtScheme, table: c.districtTable, names: c.names),
            topVolume: named(c.topVolume), topGrowth: named(c.topGrowth),
            digests: c.digests.sorted { $0.key < $1.key }.compactMap { k, v in StatMonth(text: k).map { BulletinPage.Digest(month: $0, digest: v) } },
            pdfHref: "/console/stats/bulletins/\(bulletin.id)/pdf")
    }

    func bulletin(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        return Portal.html(BulletinPage.render(try await Self.bulletinModel(req, principal, id: id)))
    }

    /// The bulletin printed to PDF by the server's headless Chromium (the page's own print styles, A4).
    func bulletinPDF(_ req: Request) async throws -> Response {
        let principal = try Self.reader(req)
        let id = try RequestInput.optionalID(req.parameters.get("id"), field: "id") ?? 0
        var model = try await Self.bulletinModel(req, principal, id: id)
        model.pdfHref = nil
        let html = BulletinPage.render(model)
        let pdf = try await BulletinPDF.render(html: html, chromium: req.application.config.chromiumPath, publicDirectory: publicDirectory())
        return StatsAPI.file(pdf, type: HTTPMediaType(type: "application", subType: "pdf"), name: "bulletin-\(id).pdf")
    }

    // MARK: Reports (institution)

    static func month(_ req: Request) throws -> StatMonth {
        guard let month = StatMonth(text: req.parameters.get("month") ?? "") else {
            throw DomainError.invalidInput(field: "month", reason: "月份应为 YYYY-MM，如 2026-03")
        }
        return month
    }

    func bankReports(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let services = req.services
        let reports = StatReports(context: services)
        let own = Dictionary(try await reports.own(principal).map { ($0.report.month, $0) }, uniquingKeysWith: { a, _ in a })
        let today = Day(services.clock.now())
        let current = StatMonth(today).adding(months: -1)
        var rows: [BankReportsPage.Row] = []
        for back in 0..<12 {
            let month = current.adding(months: -back)
            guard let template = services.platform.reportTemplates.template(for: month) else { continue }
            let record = own[month], due = template.dueOn(for: month)
            let filed = record?.firstFiledOn
            let late = filed.map { $0 > due ? due.days(until: $0) : 0 } ?? (today > due ? due.days(until: today) : 0)
            rows.append(.init(month: month, status: Self.filingStatus(record), dueOn: due, filedOn: filed, daysLate: late,
                              returnReason: record?.status == .returned ? record?.history.last?.reason : nil))
        }
        return Portal.html(BankReportsPage.render(.init(context: Portal.context(req, principal),
                                                        institutionName: principal.institution?.name ?? "", rows: rows, current: current)))
    }

    func filingPage(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let month = try Self.month(req)
        let reports = StatReports(context: req.services)
        let template = try reports.template(for: month)
        let record = try await reports.ownReport(principal, month: month)
        let institution = try principal.requireInstitution()
        return Portal.html(StatReportPage.render(.init(
            context: Portal.context(req, principal), mode: .filing, template: template,
            report: record?.report ?? StatReport(institution: String(institution.id), month: month), institutionName: institution.name,
            status: Self.filingStatus(record), dueOn: template.dueOn(for: month), problems: record?.problems ?? [],
            differences: record?.differences ?? [], history: Self.events(record))))
    }

    func fileForm(_ req: Request) async throws -> Response {
        _ = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let month = try Self.month(req)
        let back = "/bank/reports/\(month)"
        return try await Portal.form(req, back: back) { principal in
            let fields = try req.content.decode([String: String].self)
            let reports = StatReports(context: req.services)
            let report = try reports.report(fromForm: fields, month: month, institution: String(try principal.requireInstitution().id))
            let record = try await reports.file(principal, month: month, report)
            return Portal.done(req, to: back, Self.filedMessage(record))
        }
    }

    static func filedMessage(_ record: StatReportRecord) -> String {
        record.problems.isEmpty ? "已报送\(record.report.month.label)统计报表，待信用中心审核"
            : "已报送，但平台校验发现\(record.problems.count)处问题，报表已退回，请按提示修改后重新报送"
    }

    func fileCSV(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let month = try Self.month(req)
        let back = "/bank/reports/\(month)"
        let upload = try MultipartUpload(request: req)
        try await upload.readFields()
        try req.checkCSRF(upload.fields["csrf"])
        do {
            var bytes: [UInt8] = []
            for try await chunk in upload.file {
                bytes += chunk
                if bytes.count > 1_048_576 { throw DomainError.invalidInput(field: "file", reason: "文件超过 1 MB") }
            }
            guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else {
                throw DomainError.invalidInput(field: "file", reason: "请上传 UTF-8 编码的 CSV 文件")
            }
            let reports = StatReports(context: req.services)
            let report = try reports.report(fromCSV: text, month: month, institution: String(try principal.requireInstitution().id))
            let record = try await reports.file(principal, month: month, report)
            return Portal.done(req, to: back, Self.filedMessage(record))
        } catch let error as DomainError {
            return Portal.failed(req, to: back, error.message)
        }
    }
}
