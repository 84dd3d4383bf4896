import Fluent
import Domain
import Persistence
import Services
import Vapor
import Views

/// The web console for credit-center staff and department clerks (server-rendered, Chinese).
struct ConsoleController {
    func register(_ routes: any RoutesBuilder) {
        routes.get("login", use: loginPage)
        routes.post("login", use: login)
        routes.post("logout", use: logout)
        let console = routes.grouped("console")
        console.get(use: dashboard)
        console.get("enterprises", use: enterprises)
        console.get("enterprises", ":uscc", use: profile)
        console.get("batches", use: batches)
        console.get("batches", ":id", use: batch)
        console.get("batches", ":id", "quarantine.csv", use: quarantineCSV)
        console.get("upload", use: uploadPage)
        // Streamed: the sender is checked before a byte of the body is read, and the file goes to the
        // ingestor as it arrives.
        console.on(.POST, "upload", body: .stream, use: upload)
        console.get("upload", "progress", use: uploadProgress)
        console.get("catalog", use: catalog)
    }

    // MARK: Sign-in

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var csrf: String?
        var next: String?
    }

    func loginPage(_ req: Request) async throws -> Response {
        html(LoginPage.render(LoginPage.Model(csrfToken: req.csrfToken, next: safeNext(req.query[String.self, at: "next"]),
                                              flash: Portal.takeFlash(req))))
    }

    func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        try req.checkCSRF(form.csrf)
        let username = (form.username ?? "").trimmingSpaces()
        // The connection's peer (`remoteAddress`), not `peerAddress`: that one believes X-Forwarded-For.
        let address = ClientAddress(peer: req.remoteAddress)
        switch try await SignIn.attempt(req.services, username: username, password: form.password ?? "", from: address) {
        case .signedIn(let user):
            try await req.rotateSession()
            req.session.data["uid"] = String(user.id)
            req.session.data["csrf"] = nil
            req.logger.info("signed in", metadata: ["user": "\(user.username)"])
            return req.redirect(to: safeNext(form.next) ?? user.role.homePath)
        case .refused(let refusal):
            // Not the name typed: it may be a stranger's guess, or a password typed into the wrong field.
            req.logger.notice("failed sign-in", metadata: ["address": "\(address)", "refusal": "\(refusal)"])
            let model = LoginPage.Model(csrfToken: req.csrfToken, username: username, errorMessage: refusal.message,
                                        next: safeNext(form.next))
            let response = html(LoginPage.render(model), status: .unauthorized)
            if case .wait(let seconds) = refusal {
                response.status = .tooManyRequests
                response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            }
            return response
        }
    }

    func logout(_ req: Request) async throws -> Response {
        struct Form: Content { var csrf: String? }
        try req.checkCSRF(try req.content.decode(Form.self).csrf)
        req.session.destroy()
        return req.redirect(to: "/login")
    }

    /// Only same-site paths may be redirected to after sign-in.
    func safeNext(_ next: String?) -> String? {
        // Browsers drop tabs and line breaks inside URLs, so "/\t/evil.example" would become "//evil.example".
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"),
              !next.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return nil }
        return next
    }

    // MARK: Pages

    func dashboard(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        guard principal.role == .creditCenter else { return req.redirect(to: principal.role.homePath) }
        let counts = try await req.recordStore.countsByDataset()
        let totals = try await req.batchStore.totals()
        let latest = try await req.batchStore.list(departmentID: nil, dataset: nil, paging: Paging(perPage: 10))
        let model = DashboardPage.Model(
            context: context(req, principal, title: "概览", active: "/console"),
            enterpriseCount: try await req.registry.count(), recordCount: counts.values.reduce(0, +),
            batchCount: totals.batches, quarantinedRowCount: totals.rejected,
            unlinkedRecordCount: try await req.recordStore.unlinkedCount(),
            recordsByDataset: req.catalog.datasets.map {
                DashboardPage.DatasetRecordCount(datasetID: $0.id, datasetName: $0.name, recordCount: counts[$0.id] ?? 0)
            },
            latestBatches: latest.items.map { row($0, req.catalog) },
            gradeDistribution: try await gradeDistribution(req))
        return html(DashboardPage.render(model))
    }

    func enterprises(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let query = EnterpriseQuery(text: req.query[String.self, at: "q"], district: req.query[String.self, at: "district"],
                                    industry: req.query[String.self, at: "industry"], grade: req.query[String.self, at: "grade"],
                                    paging: try req.paging())
        let page = try await req.registry.search(query)
        let industry = req.catalog.dataset(Catalog.registrationDataset)?.field(named: "industry")
        let model = EnterpriseListPage.Model(
            context: context(req, principal, title: "企业", active: "/console/enterprises"), query: query.text ?? "",
            districtOptions: Reference.districts(in: req.catalog).map { SelectOption(value: $0.0, label: $0.1, isSelected: $0.0 == query.district) },
            industryOptions: Reference.industries(in: req.catalog).map { SelectOption(value: $0.0, label: "\($0.0) \($0.1)", isSelected: $0.0 == query.industry) },
            gradeOptions: req.platform.grades.grades.map { SelectOption(value: $0, label: $0, isSelected: $0 == query.grade) },
            rows: page.items.map {
                EnterpriseListPage.Row(uscc: $0.uscc, name: $0.name, entityType: $0.entityType,
                                       districtLabel: Reference.districtName($0.district, in: req.catalog),
                                       industryLabel: industry?.display($0.industry) ?? $0.industry, scale: $0.scale,
                                       status: $0.status, recordCount: $0.recordCount, grade: $0.grade)
            },
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/enterprises",
                                   query: [QueryItem(name: "q", value: query.text ?? ""),
                                           QueryItem(name: "district", value: query.district ?? ""),
                                           QueryItem(name: "industry", value: query.industry ?? ""),
                                           QueryItem(name: "grade", value: query.grade ?? "")]))
        return html(EnterpriseListPage.render(model))
    }

    func profile(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let uscc = try EnterpriseController.uscc(req)
        let loaded = try await LoadedProfile.load(req.services, uscc: uscc, viewer: principal.role.viewer)
        let context = context(req, principal, title: loaded.profile.name ?? uscc, active: "/console/enterprises")
        var page = loaded.pageModel(uscc: uscc, context: context, catalog: req.catalog)
        page.sanctionFlags = try await Sanctions.reasons(req.services, uscc: uscc, effect: .flagInReports).map(\.text)
        page.oversight = try await oversight(req, uscc: uscc)
        return html(EnterpriseProfilePage.render(page))
    }

    /// The credit center's view of a firm's dealings: loans with their lenders, the authorisations it signed and the
    /// latest 20 reads of its data.
    func oversight(_ req: Request, uscc: String) async throws -> EnterpriseProfilePage.Oversight {
        let names = Dictionary(try await req.accounts.institutions().map { (String($0.id), $0.name) }, uniquingKeysWith: { a, _ in a })
        let today = req.platform.clock.today
        let loans = try await req.loanStore.loans(uscc: uscc).map { loan in
            EnterpriseProfilePage.Oversight.Loan(
                id: loan.id, lender: names[String(loan.institutionID)] ?? "机构 #\(loan.institutionID)", product: loan.productName,
                amount: loan.ledger.schedule.principal.yuanText, outstanding: loan.outstanding.yuanText,
                classification: loan.classification.label, overdueDays: loan.overdueDays, settled: loan.settled)
        }
        let grants = try await req.authorisationStore.authorisations(uscc: uscc).map { grant in
            let grantees: String = switch grant.scope {
            case .allRegisteredInstitutions: "平台全部金融机构"
            case .institutions(let ids): ids.sorted().map { names[$0] ?? "机构 #\($0)" }.joined(separator: "、")
            }
            let state = grant.revokedAt != nil ? "已撤销" : today > grant.validUntil ? "已过期" : today < grant.validFrom ? "未生效" : "有效"
            return EnterpriseProfilePage.Oversight.Grant(
                id: grant.id, grantees: grantees,
                categories: grant.categories.sorted().map { req.catalog.category($0)?.name ?? $0 }.joined(separator: "、"),
                validity: "\(grant.validFrom) 至 \(grant.validUntil)", state: state)
        }
        let reads = try await req.authorisationStore.accesses(uscc: uscc, paging: Paging(perPage: 20))
        return EnterpriseProfilePage.Oversight(
            loans: loans, grants: grants,
            reads: reads.items.map { access in
                EnterpriseProfilePage.Oversight.Read(
                    at: access.at, reader: access.institutionID.map { names[String($0)] ?? "机构 #\($0)" } ?? access.actor,
                    purpose: AuthorisationPurpose(rawValue: access.purpose)?.label ?? access.purpose, action: access.action)
            },
            readCount: reads.total)
    }

    func batches(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let dataset = req.query[String.self, at: "dataset"]?.nonEmpty
        let page = try await req.batchStore.list(departmentID: IngestController.scope(principal), dataset: dataset,
                                                 paging: try req.paging())
        let model = BatchListPage.Model(
            context: context(req, principal, title: "批次", active: "/console/batches"), batches: page.items.map { row($0, req.catalog) },
            datasetOptions: req.catalog.datasets.map { SelectOption(value: $0.id, label: "\($0.name)（\($0.id)）", isSelected: $0.id == dataset) },
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/batches",
                                   query: [QueryItem(name: "dataset", value: dataset ?? "")]))
        return html(BatchListPage.render(model))
    }

    func batch(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let batch = try await IngestController.visibleBatch(req)
        let page = try await req.batchStore.quarantine(batchID: batch.id, paging: try req.paging(defaultPerPage: 50))
        let rows = page.items.flatMap { row in
            row.problems.map {
                BatchDetailPage.QuarantineRow(lineNumber: row.rowNumber, field: $0.field.isEmpty ? nil : req.catalog.fieldLabel(dataset: batch.dataset, field: $0.field),
                                              reason: $0.reason, rawValue: $0.value)
            }
        }
        var model = BatchDetailPage.Model(
            context: context(req, principal, title: "批次 #\(batch.id)", active: "/console/batches"), batch: row(batch, req.catalog),
            format: batch.format == "jsonl" ? "JSON Lines" : "CSV", encoding: batch.encoding,
            durationMilliseconds: Int(batch.durationSeconds * 1000), uploadedBy: batch.submittedBy, quarantine: rows,
            quarantinePagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total,
                                             path: "/console/batches/\(batch.id)", fragment: "quarantine"))
        model.resendOf = batch.resendOf.map(String.init)
        return html(BatchDetailPage.render(model))
    }

    func quarantineCSV(_ req: Request) async throws -> Response {
        try await IngestController().exportQuarantine(req)
    }

    func uploadPage(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        return html(UploadPage.render(uploadModel(req, principal, selected: req.query[String.self, at: "dataset"], error: nil)))
    }

    func upload(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let upload = try MultipartUpload(request: req)
        try await upload.readFields()
        try req.checkCSRF(upload.fields["csrf"])
        let selected = upload.fields["dataset"]
        func fail(_ message: String) -> Response {
            html(UploadPage.render(uploadModel(req, principal, selected: selected, error: message)), status: .unprocessableEntity)
        }
        guard let id = selected?.nonEmpty, let dataset = req.catalog.dataset(id) else { return fail("请选择数据集") }
        guard principal.maySubmit(dataset) else { return fail("您所在部门无权报送数据集“\(dataset.name)”") }
        guard let fileName = upload.fileName?.nonEmpty else { return fail("请选择要上传的文件") }
        // The page polls /console/upload/progress with the key it sent, to show rows checked until the end.
        let board = req.application.uploadProgress
        let key = UploadProgress.validKey(upload.fields["progress"])
        var report: (@Sendable (IngestProgress) -> Void)? = nil
        if let key {
            await board.start(key, owner: principal.name, on: req.db)
            report = board.reporter(key, on: req.db)
        }
        do {
            let summary = try await Ingestion.load(req.services, dataset: dataset, principal: principal, source: .web,
                                                   fileName: fileName, format: FileFormat.fromFileName(fileName),
                                                   chunks: upload.file, progress: report)
            if let key { await board.finish(key, phase: "已完成：批次 #\(summary.id)", on: req.db) }
            return req.redirect(to: "/console/batches/\(summary.id)")
        } catch {
            // Any failure ends the progress (the page stops waiting); a refusal redraws the form with its reason.
            if let key { await board.finish(key, phase: "未完成", on: req.db) }
            if let refused = error as? DomainError { return fail(refused.message) }
            throw error
        }
    }

    /// How far the server has got with the caller's upload: phase, rows read and checked, bytes read.
    func uploadProgress(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        guard let key = UploadProgress.validKey(req.query[String.self, at: "key"]),
              let entry = await req.application.uploadProgress.entry(key, owner: principal.name, on: req.db) else {
            throw DomainError.notFound("该上传的进度")
        }
        let response = try await ["phase": entry.phase, "rows": String(entry.rows), "written": String(entry.written), "bytes": String(entry.bytes),
                                   "done": String(entry.done)]
            .encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func catalog(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter, .department])
        let catalog = req.catalog
        let model = CatalogPage.Model(
            context: context(req, principal, title: "数据目录", active: "/console/catalog"), version: "\(catalog.name) · 版本 \(catalog.version)",
            datasets: catalog.datasets.map { d in
                CatalogPage.Dataset(id: d.id, name: d.name, department: d.department,
                                    publicity: CatalogPage.Publicity(rawValue: d.level.rawValue) ?? .public,
                                    category: catalog.category(d.category)?.name ?? d.category,
                                    fields: d.fields.map { f in
                                        CatalogPage.Field(name: f.name, chineseName: f.label, type: Self.typeLabel(f.type),
                                                          isRequired: f.required,
                                                          note: f.values.map { $0.map(f.display).joined(separator: "/") } ?? (f.maxLength.map { "最长 \($0) 字" } ?? ""),
                                                          isPersonal: f.personal != nil)
                                    })
            })
        return html(CatalogPage.render(model))
    }

    // MARK: Helpers

    /// Firms per grade in the model's order; empty until firms have been evaluated.
    func gradeDistribution(_ req: Request) async throws -> [DashboardPage.GradeCount] {
        let grades = try await Evaluations.distribution(req.services)
        guard grades.contains(where: { $0.count > 0 }) else { return [] }
        return grades.map { DashboardPage.GradeCount(grade: $0.grade, count: $0.count) }
    }

    static func typeLabel(_ type: FieldType) -> String {
        switch type {
        case .string: "文本"
        case .date: "日期 YYYY-MM-DD"
        case .month: "月份 YYYY-MM"
        case .year: "年份 YYYY"
        case .amount: "金额（元）"
        case .integer: "整数"
        case .enum: "枚举"
        case .district: "行政区划代码"
        }
    }

    func uploadModel(_ req: Request, _ principal: Principal, selected: String?, error: String?) -> UploadPage.Model {
        UploadPage.Model(context: context(req, principal, title: "上传数据", active: "/console/upload"),
                         datasets: req.catalog.datasets.filter { principal.maySubmit($0) }.map { UploadPage.DatasetChoice(id: $0.id, name: $0.name) },
                         selectedDatasetID: selected, errorMessage: error)
    }

    func context(_ req: Request, _ principal: Principal, title: String, active: String) -> PageContext {
        PageContext(title: title, userDisplayName: principal.displayName, roleLabel: Navigation.roleLabel(principal),
                    csrfToken: req.csrfToken, navItems: Navigation.items(for: principal, active: active),
                    flash: Portal.takeFlash(req))
    }

    func row(_ b: BatchSummary, _ catalog: Catalog) -> BatchRow {
        BatchRow(id: String(b.id), datasetID: b.dataset, datasetName: catalog.dataset(b.dataset)?.name ?? b.dataset,
                 department: b.departmentName ?? "信用中心", fileName: b.fileName, submittedCount: b.submitted,
                 acceptedCount: b.accepted, updatedCount: b.updated, duplicateCount: b.duplicates, rejectedCount: b.rejected,
                 status: b.resendOf != nil ? .resent : b.rejected > 0 ? .completedWithRejections : .completed,
                 createdAt: b.startedAt)
    }

    func html(_ body: String, status: HTTPResponseStatus = .ok) -> Response { Portal.html(body, status: status) }
}
