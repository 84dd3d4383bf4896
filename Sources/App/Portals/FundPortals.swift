import Domain
import Persistence
import Services
import Vapor
import Views

/// The risk compensation funds in the portals: the bank's covered book, filing and its claims; the fund side's
/// dashboard, books, review queue and simulator; the public 补偿公示 with objections; stored material.
struct FundPortals {
    func register(_ routes: any RoutesBuilder) {
        routes.get("bank", "fund", use: bankFund)
        routes.get("bank", "fund", "new-claim", use: newClaim)
        routes.on(.POST, "bank", "fund", "materials", body: .stream, use: uploadMaterial)
        routes.post("bank", "fund", "claims", use: fileClaim)
        routes.get("bank", "fund", "claims", ":id", use: claimPage)
        routes.post("bank", "fund", "claims", ":id", "steps", use: step)
        routes.post("bank", "fund", "claims", ":id", "resubmit", use: resubmit)
        routes.post("bank", "fund", "claims", ":id", "recoveries", use: recovery)
        routes.get("console", "fund", use: dashboard)
        routes.post("console", "fund", "open", use: openFund)
        routes.post("console", "fund", ":scheme", "book", use: book)
        routes.post("console", "fund", ":scheme", "agreements", use: agreement)
        routes.get("console", "fund", ":scheme", "journal.csv", use: journalCSV)
        routes.get("console", "fund", "claims", use: claims)
        routes.get("console", "fund", "claims", ":id", use: claimPage)
        routes.post("console", "fund", "claims", ":id", "steps", use: step)
        routes.get("console", "fund", "simulate", use: simulate)
        routes.get("public", "fund", use: publicity)
        routes.post("fund", "objections", use: object)
        routes.get("fund", "materials", ":id", use: material)
    }

    // MARK: Bank

    func bankFund(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let page = try await FundRegistrations.book(req.services, principal, scheme: nil, coveredOnly: false, paging: try req.paging())
        let claims = try await FundClaims.visible(req.services, principal, paging: Paging(page: 1, perPage: 100))
        let programmes = try await FundProgrammes.programmes(req.services)
        let own = String(try principal.requireInstitution().id)
        var statements: [BankFundPage.Statement] = []
        for p in programmes {
            statements.append(.init(fund: p.name, statement: try await FundBooks.statement(req.services, principal, scheme: p.schemeCode,
                                                                                          institutionId: own, year: nil)))
        }
        return Portal.html(BankFundPage.render(.init(
            context: Portal.context(req, principal), today: req.services.clock.today, programmes: programmes,
            registrations: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/bank/fund"),
            claims: claims.items, statements: statements)))
    }

    func newClaim(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let scheme = req.query[String.self, at: "scheme"] ?? ""
        let subject = try Self.borrowing(req.query[String.self, at: "loan"])
        let programme = try await FundProgrammes.programme(req.services, scheme)
        let firmName: String
        switch subject {
        case .loan(let id): firmName = try await MarketActions.loan(req.services, principal, id: id).firmName
        case .line(let id): firmName = try await CreditLines.line(req.services, principal, id: id).line.firmName
        }
        guard let coverage = try await req.services.fundStore.registration(scheme: scheme, loanId: subject.key)?.coverage else {
            throw DomainError.invalidInput(field: "loan", reason: "\(subject.label)未纳入“\(programme.name)”")
        }
        let assessment = try await FundClaims.estimate(req.services, principal, Self.input(scheme: scheme, subject, attachments: []))
        let version = try programme.scheme.required(on: req.services.clock.today)
        let materials = try await req.services.fundClaimStore.materials(institutionId: String(try principal.requireInstitution().id))
        return Portal.html(FundNewClaimPage.render(.init(
            context: Portal.context(req, principal), programme: programme, loanId: subject.key, firmName: firmName,
            coverage: coverage, assessment: assessment, checklist: version.materials, materials: materials)))
    }

    /// The loan or line of a claim form: `12` or `line:5` (a registration's key).
    static func borrowing(_ text: String?) throws -> FundBorrowing {
        guard let text = text?.trimmingSpaces(), let subject = FundBorrowing(key: text) else {
            throw DomainError.invalidInput(field: "loan", reason: "请选择已入库的贷款或循环额度")
        }
        return subject
    }

    static func input(scheme: String, _ subject: FundBorrowing, attachments: [FundAttachment], lawsuitAcceptedOn: Day? = nil,
                      writtenOffOn: Day? = nil, guaranteePaidOn: Day? = nil) -> FundClaims.FileInput {
        switch subject {
        case .loan(let id):
            .init(scheme: scheme, loanId: id, attachments: attachments, lawsuitAcceptedOn: lawsuitAcceptedOn, writtenOffOn: writtenOffOn,
                  guaranteePaidOn: guaranteePaidOn)
        case .line(let id):
            .init(scheme: scheme, loanId: nil, lineId: id, attachments: attachments, lawsuitAcceptedOn: lawsuitAcceptedOn,
                  writtenOffOn: writtenOffOn, guaranteePaidOn: guaranteePaidOn)
        }
    }

    /// One document, streamed in after the sender is known, at most 5 MB.
    func uploadMaterial(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.institutionAdmin, .institutionStaff])
        let back = "/bank/fund/new-claim?scheme=\(req.query[String.self, at: "scheme"] ?? "")&loan=\(req.query[String.self, at: "loan"] ?? "")"
        let upload = try MultipartUpload(request: req)
        try await upload.readFields()
        try req.checkCSRF(upload.fields["csrf"])
        do {
            guard let kind = FundMaterialKind(rawValue: upload.fields["kind"] ?? "") else {
                throw DomainError.invalidInput(field: "材料类别", reason: "请选择材料类别")
            }
            guard let name = upload.fileName, !name.isEmpty else { throw DomainError.invalidInput(field: "文件", reason: "请选择要上传的文件") }
            var bytes: [UInt8] = []
            for try await chunk in upload.file {
                bytes += chunk
                if bytes.count > FundClaims.maxMaterialBytes {
                    throw DomainError.invalidInput(field: "文件", reason: "文件超过 \(FundClaims.maxMaterialBytes / 1_048_576) MB")
                }
            }
            _ = try await FundClaims.upload(req.services, principal, kind: kind, fileName: name,
                                            contentType: upload.fileContentType ?? "application/octet-stream", bytes: bytes)
            return Portal.done(req, to: back, "已上传“\(kind.label)”：\(name)")
        } catch let error as DomainError {
            return Portal.failed(req, to: back, error.message)
        }
    }

    /// The attachments of a filing or resubmission form: `m_<kind>` selects an uploaded document; the truthfulness
    /// statement carries its signer.
    static func attachments(_ req: Request) throws -> [FundAttachment] {
        let signer = (try? req.content.get(String.self, at: "signed_by")) ?? ""
        return FundMaterialKind.allCases.compactMap { kind in
            guard let key = try? req.content.get(String.self, at: "m_\(kind.rawValue)"), !key.isEmpty else { return nil }
            return FundAttachment(kind: kind, file: key, signedBy: kind == .truthfulnessStatement ? signer.trimmingSpaces() : "")
        }
    }

    func fileClaim(_ req: Request) async throws -> Response {
        struct Form: Content {
            var scheme: String?; var loan: String?; var lawsuit_accepted_on: String?; var written_off_on: String?
            var guarantee_paid_on: String?
        }
        let form = try req.content.decode(Form.self)
        let back = "/bank/fund/new-claim?scheme=\(form.scheme ?? "")&loan=\(form.loan ?? "")"
        return try await Portal.form(req, back: back) { principal in
            let record = try await FundClaims.file(req.services, principal, Self.input(
                scheme: form.scheme ?? "", try Self.borrowing(form.loan),
                attachments: try Self.attachments(req), lawsuitAcceptedOn: try RequestInput.optionalDay(form.lawsuit_accepted_on, field: "诉讼受理日"),
                writtenOffOn: try RequestInput.optionalDay(form.written_off_on, field: "核销日"),
                guaranteePaidOn: try RequestInput.optionalDay(form.guarantee_paid_on, field: "担保代偿日")))
            return Portal.done(req, to: "/bank/fund/claims/\(record.id)", "补偿申请 \(record.claim.claimId) 已提交，初审时限 \(record.claim.deadline?.description ?? "")")
        }
    }

    static func base(_ req: Request, _ principal: Principal) -> String {
        principal.role.isInstitution ? "/bank/fund/claims" : "/console/fund/claims"
    }

    /// The console's claim pages are the fund side's; an institution reads its claims under /bank.
    static func checkArea(_ req: Request, _ principal: Principal) throws {
        if req.url.path.hasPrefix("/console") { try FundBooks.requireFundSide(principal) }
        if req.url.path.hasPrefix("/bank") { _ = try principal.requireInstitution() }
    }

    func claimPage(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        try Self.checkArea(req, principal)
        let id = req.parameters.get("id", as: Int64.self)
        let record = try await FundClaims.claim(req.services, principal, id: id)
        let roles = FundDuties.roles(of: principal, claimInstitution: record.institutionId)
        let materials = try await req.services.fundClaimStore.materials(institutionId: record.institutionId)
        let base = Self.base(req, principal)
        return Portal.html(FundClaimPage.render(.init(
            context: Portal.context(req, principal), record: record, today: req.services.clock.today, basePath: "\(base)/\(record.id)",
            backPath: principal.role.isInstitution ? "/bank/fund" : "/console/fund/claims",
            steps: record.claim.steps(for: roles), mayResubmit: roles.contains(.applicant) && record.status == .awaitingMaterial,
            mayReportRecovery: roles.contains(.applicant) && record.status == .paid, materials: materials)))
    }

    func step(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        try Self.checkArea(req, principal)
        let id = req.parameters.get("id", as: Int64.self)
        let back = "\(Self.base(req, principal))/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            struct Form: Content { var action: String?; var reason: String? }
            let form = try req.content.decode(Form.self)
            guard let kind = FundStepKind(rawValue: form.action ?? "") else { throw DomainError.invalidInput(field: "步骤", reason: "请选择步骤") }
            let record = try await FundClaims.step(req.services, principal, id: id, kind.action(reason: form.reason ?? ""))
            return Portal.done(req, to: back, "已办理“\(kind.label)”：\(record.status.label)")
        }
    }

    func resubmit(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/bank/fund/claims/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            let record = try await FundClaims.step(req.services, principal, id: id, .resubmit(try Self.attachments(req)))
            return Portal.done(req, to: back, "已重新提交：\(record.status.label)")
        }
    }

    func recovery(_ req: Request) async throws -> Response {
        let id = req.parameters.get("id", as: Int64.self)
        let back = "/bank/fund/claims/\(id.map(String.init) ?? "")"
        return try await Portal.form(req, back: back) { principal in
            struct Form: Content { var gross: String?; var costs: String?; var day: String?; var note: String? }
            let form = try req.content.decode(Form.self)
            let costs = (form.costs ?? "").trimmingSpaces().isEmpty || form.costs == "0" ? Cents.zero : try Money.cents(form.costs, field: "费用")
            let record = try await FundClaims.recover(req.services, principal, id: id, gross: try Money.cents(form.gross, field: "追回金额"),
                                                      costs: costs, day: try RequestInput.optionalDay(form.day, field: "追回日期"),
                                                      note: form.note ?? "")
            let share = record.recoveries.last?.share
            return Portal.done(req, to: back, "已登记追回款，分回基金\(share?.fundShare.yuanText ?? "")")
        }
    }

    // MARK: Fund side

    func dashboard(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        try FundBooks.requireFundSide(principal)
        let programmes = try await FundProgrammes.programmes(req.services)
        let chosen = req.query[String.self, at: "scheme"] ?? programmes.first?.schemeCode
        var dashboard: FundDashboard?
        if let chosen { dashboard = try await FundBooks.dashboard(req.services, principal, scheme: chosen) }
        return Portal.html(FundDashboardPage.render(.init(
            context: Portal.context(req, principal), programmes: programmes, dashboard: dashboard,
            templates: req.services.platform.fundSchemes.schemes, institutions: try await req.services.accounts.institutions(),
            agreements: try await req.services.fundStore.agreements(), mayManage: principal.role == .creditCenter)))
    }

    func openFund(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/fund") { principal in
            struct Form: Content { var template: String?; var code: String?; var name: String?; var region: String?; var districts: String? }
            let form = try req.content.decode(Form.self)
            let prefixes = (form.districts ?? "").split(whereSeparator: { ",， ".contains($0) }).map(String.init)
            let p = try await FundProgrammes.open(req.services, principal, template: form.template ?? "", code: form.code ?? "",
                                                  name: form.name ?? "", region: form.region ?? "", districtPrefixes: prefixes)
            return Portal.done(req, to: "/console/fund?scheme=\(p.schemeCode)", "已开设“\(p.name)”")
        }
    }

    func book(_ req: Request) async throws -> Response {
        let scheme = req.parameters.get("scheme") ?? ""
        return try await Portal.form(req, back: "/console/fund?scheme=\(scheme)") { principal in
            struct Form: Content { var kind: String?; var amount: String?; var institution: String?; var day: String?; var memo: String? }
            let form = try req.content.decode(Form.self)
            guard let inflow = FundProgrammes.Inflow(rawValue: form.kind ?? "") else { throw DomainError.invalidInput(field: "类别", reason: "请选择类别") }
            let entry = try await FundProgrammes.book(req.services, principal, scheme: scheme, inflow,
                                                      amount: try Money.cents(form.amount, field: "金额"),
                                                      institutionId: (form.institution ?? "").isEmpty ? nil : Int64(form.institution ?? ""),
                                                      day: try RequestInput.optionalDay(form.day, field: "记账日期"), memo: form.memo ?? "")
            return Portal.done(req, to: "/console/fund?scheme=\(scheme)", "已入账：\(entry.kind.label) \(entry.postings.first?.amount.yuanText ?? "")")
        }
    }

    func agreement(_ req: Request) async throws -> Response {
        let scheme = req.parameters.get("scheme") ?? ""
        return try await Portal.form(req, back: "/console/fund?scheme=\(scheme)") { principal in
            struct Form: Content { var institution: String?; var signed_on: String?; var until: String? }
            let form = try req.content.decode(Form.self)
            guard let signed = try RequestInput.optionalDay(form.signed_on, field: "签订日期") else {
                throw DomainError.invalidInput(field: "签订日期", reason: "请填写签订日期")
            }
            let a = try await FundProgrammes.sign(req.services, principal, scheme: scheme,
                                                  institutionId: try RequestInput.optionalID(form.institution, field: "机构") ?? 0,
                                                  signedOn: signed, until: try RequestInput.optionalDay(form.until, field: "截止日期"))
            return Portal.done(req, to: "/console/fund?scheme=\(scheme)", "已登记机构 \(a.institutionId) 的合作协议")
        }
    }

    func journalCSV(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let scheme = req.parameters.get("scheme") ?? ""
        let csv = try await FundBooks.auditCSV(req.services, principal, scheme: scheme)
        let response = Response(status: .ok, body: .init(string: "\u{FEFF}" + csv))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "fund-\(scheme)-journal.csv")
        response.headers.replaceOrAdd(name: "Cache-Control", value: "no-store")
        return response
    }

    func claims(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        try FundBooks.requireFundSide(principal)
        let status = try req.query[String.self, at: "status"].map { text in
            guard let s = FundClaimStatus(rawValue: text) else { throw DomainError.invalidInput(field: "status", reason: "未知的状态“\(text)”") }
            return s
        }
        let page = try await FundClaims.visible(req.services, principal, statuses: status.map { [$0] } ?? [], paging: try req.paging())
        return Portal.html(FundClaimsPage.render(.init(
            context: Portal.context(req, principal), claims: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/console/fund/claims",
                                   query: status.map { [.init(name: "status", value: $0.rawValue)] } ?? []),
            status: status, today: req.services.clock.today)))
    }

    func simulate(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        try FundBooks.requireFundSide(principal)
        let programmes = try await FundProgrammes.programmes(req.services)
        let scheme = req.query[String.self, at: "scheme"]
        var form = FundSimulatorPage.Form(scheme: scheme ?? programmes.first?.schemeCode ?? "")
        var runs: [FundSimulatorPage.Run] = [], loans = 0, start = Cents.zero
        if let scheme, !scheme.isEmpty {
            form.compareWith = req.query[String.self, at: "compare"] ?? ""
            form.paths = Int(try BoundedInteger.parse(req.query[String.self, at: "paths"] ?? "2000", field: "模拟路径数", in: 1...100_000))
            form.years = Int(try BoundedInteger.parse(req.query[String.self, at: "years"] ?? "3", field: "模拟年数", in: 1...30))
            form.injectionYuan = req.query[String.self, at: "injection"] ?? ""
            form.recoveryPercent = Int(try BoundedInteger.parse(req.query[String.self, at: "recovery"] ?? "20", field: "追回比例", in: 0...100))
            let injection = form.injectionYuan.trimmingSpaces().isEmpty ? nil : try Money.cents(form.injectionYuan, field: "每年财政注资")
            form.variantSharePercent = req.query[String.self, at: "share"] ?? ""
            form.variantPerLoanCapYuan = req.query[String.self, at: "loan_cap"] ?? ""
            form.variantPerInstitutionCapYuan = req.query[String.self, at: "institution_cap"] ?? ""
            func optionalCents(_ text: String, _ field: String) throws -> Cents? {
                text.trimmingSpaces().isEmpty ? nil : try Money.cents(text, field: field)
            }
            let outcome = try await FundSimulation.run(req.services, principal, .init(
                scheme: scheme, compareWith: form.compareWith, paths: form.paths, years: form.years,
                yearlyInjection: injection, recoveryBasisPoints: form.recoveryPercent * 100,
                variantShareBasisPoints: try Self.sharePercent(form.variantSharePercent),
                variantPerLoanCap: try optionalCents(form.variantPerLoanCapYuan, "单笔补偿上限"),
                variantPerInstitutionCap: try optionalCents(form.variantPerInstitutionCapYuan, "每家机构累计上限")))
            runs = outcome.results.map { .init(label: $0.label, result: $0.result) }
            loans = outcome.loans; start = outcome.startingBalance
        }
        return Portal.html(FundSimulatorPage.render(.init(
            context: Portal.context(req, principal), programmes: programmes, templates: req.services.platform.fundSchemes.schemes,
            form: form, loans: loans, startingBalance: start, runs: runs)))
    }

    /// A share typed as a percentage ("40" or "37.5") in basis points; nil when empty.
    static func sharePercent(_ text: String) throws -> Int? {
        let t = text.trimmingSpaces()
        guard !t.isEmpty else { return nil }
        guard let value = Double(t), value > 0, value <= 100 else {
            throw DomainError.invalidInput(field: "补偿比例", reason: "应为 0 到 100 之间的百分数，如 40")
        }
        return Int((value * 100).rounded())
    }

    // MARK: Public

    func publicity(_ req: Request) async throws -> Response {
        let page = try await FundClaims.published(req.services, paging: try req.paging())
        return Portal.html(PublicFundPage.render(.init(
            context: PublicPages().context(req), claims: page.items,
            pagination: Pagination(page: page.page, pageSize: page.perPage, totalCount: page.total, path: "/public/fund"),
            signedIn: req.optionalPrincipal != nil)))
    }

    func object(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/public/fund") { principal in
            struct Form: Content { var claim: String?; var reason: String? }
            let form = try req.content.decode(Form.self)
            let record = try await FundClaims.step(req.services, principal, id: try RequestInput.optionalID(form.claim, field: "补偿"),
                                                   .object(form.reason ?? ""))
            return Portal.done(req, to: "/public/fund", "对 \(record.claim.claimId) 的异议已提交，基金办公室将核实答复")
        }
    }

    func material(_ req: Request) async throws -> Response {
        let principal = try req.principal()
        let m = try await FundClaims.material(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return FileDownload.response(m.bytes, fileName: m.fileName, sha256: m.sha256)
    }
}
