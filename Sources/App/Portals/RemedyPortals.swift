import Domain
import Persistence
import Services
import Spreadsheet
import Vapor
import Views

/// Objections and credit repair in the portals: the firm files objections and repair applications and
/// reads the outcomes; departments answer the objections on their records; the credit center follows
/// escalated objections and reviews repair applications.
struct RemedyPortals {
    func register(_ routes: any RoutesBuilder) {
        let firm = routes.grouped("firm")
        firm.get("objections", use: firmObjections)
        firm.post("objections", use: fileObjection)
        firm.post("objections", ":id", "withdraw", use: withdrawObjection)
        firm.on(.POST, "objections", "evidence", body: .stream, use: uploadEvidence)
        firm.get("objections", "evidence", ":id", use: evidence)
        firm.get("repairs", use: firmRepairs)
        firm.post("repairs", use: applyRepair)
        let console = routes.grouped("console")
        console.get("objections", use: queue)
        console.post("objections", ":id", "resolve", use: resolve)
        console.get("objections", ":id", "record.csv", use: recordCSV)
        console.get("objections", "evidence", ":id", use: evidence)
        console.get("repairs", use: repairReview)
        console.post("repairs", ":id", "decision", use: decideRepair)
    }

    static func attachments(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "\n" || $0 == "；" || $0 == ";" }).map(String.init)
    }

    // MARK: Firm

    func firmObjections(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let uscc = try principal.requireEnterprise()
        let objections = try await req.remedyStore.objections(uscc: uscc)
        let records = try await req.recordStore.records(uscc: uscc)
        let profile = CreditProfile.build(uscc: uscc, records: records, catalog: req.catalog, viewer: .enterprise)
        let names = Dictionary(uniqueKeysWithValues: req.catalog.datasets.map { ($0.id, $0.name) })
        let choices = profile.groups.flatMap(\.records).filter { !$0.underObjection }.map {
            FirmObjectionsPage.Record(dataset: $0.dataset, recordID: $0.recordID, datasetName: $0.datasetName, date: $0.date,
                                      summary: $0.summary)
        }
        let files = try await ObjectionEvidence.files(req.services, for: objections)
        return Portal.html(FirmObjectionsPage.render(.init(
            context: Portal.context(req, principal), workingDays: req.platform.policy.objectionPolicy.workingDays,
            objections: objections, datasetNames: names, records: choices, today: req.platform.clock.today,
            evidence: Self.links(files))))
    }

    static func links(_ files: [Int64: [EvidenceFile]]) -> [Int64: [EvidenceLink]] {
        files.mapValues { $0.map { EvidenceLink(id: $0.id, fileName: $0.fileName, size: $0.size, sha256: $0.sha256) } }
    }

    /// One evidence file, streamed in after the firm is known, at most 5 MB.
    func uploadEvidence(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let upload = try MultipartUpload(request: req)
        try await upload.readFields()
        try req.checkCSRF(upload.fields["csrf"])
        do {
            let objectionID = try RequestInput.optionalID(upload.fields["objection"], field: "异议")
            guard let name = upload.fileName, !name.isEmpty else { throw DomainError.invalidInput(field: "文件", reason: "请选择要上传的文件") }
            var bytes: [UInt8] = []
            for try await chunk in upload.file {
                bytes += chunk
                if bytes.count > ObjectionEvidence.maxBytes {
                    throw DomainError.invalidInput(field: "文件", reason: "文件超过 \(ObjectionEvidence.maxBytes / 1_048_576) MB")
                }
            }
            let file = try await ObjectionEvidence.attach(req.services, principal, objectionID: objectionID, fileName: name,
                                                          contentType: upload.fileContentType ?? "application/octet-stream",
                                                          bytes: bytes)
            return Portal.done(req, to: "/firm/objections", "已为异议 #\(file.objectionID) 上传证明材料：\(file.fileName)")
        } catch let error as DomainError {
            return Portal.failed(req, to: "/firm/objections", error.message)
        }
    }

    /// An evidence file, for whoever may see its objection (the firm, the answering department, the credit center).
    func evidence(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise, .department, .creditCenter])
        let found = try await ObjectionEvidence.download(req.services, principal, id: req.parameters.get("id", as: Int64.self))
        return FileDownload.response(found.bytes, fileName: found.file.fileName, sha256: found.file.sha256)
    }

    func fileObjection(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/objections") { principal in
            struct Form: Content { var record: String?; var reason: String?; var attachments: String? }
            let form = try req.content.decode(Form.self)
            let parts = (form.record ?? "").split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw DomainError.invalidInput(field: "record", reason: "请选择有异议的记录") }
            let objection = try await Remedies.file(req.services, principal, .init(dataset: parts[0], recordID: parts[1],
                                                                          reason: form.reason ?? "",
                                                                          attachments: Self.attachments(form.attachments)))
            return Portal.done(req, to: "/firm/objections", "异议 #\(objection.id) 已提交，处理期限至 \(objection.deadline)")
        }
    }

    func withdrawObjection(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/objections") { principal in
            let objection = try await Remedies.resolve(req.services, principal, id: req.parameters.get("id", as: Int64.self),
                                                       action: .withdraw, note: "")
            return Portal.done(req, to: "/firm/objections", "异议 #\(objection.id) 已撤回")
        }
    }

    func firmRepairs(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.enterprise])
        let uscc = try principal.requireEnterprise()
        let penalties = try await Remedies.penalties(req.services, uscc: uscc)
        let applications = try await req.remedyStore.repairs(uscc: uscc)
        let identity = try await Commitments.identity(req.services, uscc: uscc)
        return Portal.html(FirmRepairsPage.render(.init(
            context: Portal.context(req, principal),
            penalties: penalties.map {
                FirmRepairsPage.Penalty(recordID: $0.record.recordID, eventDate: $0.record.eventDate,
                                        violation: $0.record.content["violation"], severity: $0.severity, decided: $0.decided,
                                        eligibility: $0.eligibility, application: $0.application)
            },
            repairs: applications, legalRepresentative: identity?.legalRepresentative)))
    }

    func applyRepair(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/firm/repairs") { principal in
            struct Form: Content { var record_id: String?; var proof: String?; var attachments: String?; var signer: String? }
            let form = try req.content.decode(Form.self)
            let repair = try await Remedies.applyRepair(req.services, principal, .init(
                recordID: form.record_id ?? "", proof: form.proof ?? "", attachments: Self.attachments(form.attachments),
                signer: form.signer ?? ""))
            return Portal.done(req, to: "/firm/repairs", "信用修复申请 #\(repair.id) 已提交，信用承诺书已重新签署")
        }
    }

    // MARK: Departments and the credit center

    func queue(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.department, .creditCenter])
        let objections = try await Remedies.visible(req.services, principal)
        var names = Dictionary(uniqueKeysWithValues: req.catalog.datasets.map { ($0.id, $0.name) })
        names[Recommendations.objectionDataset] = "推荐清单公示条目"
        // What the clerk needs to decide: whose record it is, and the record as stored.
        var firmNames: [String: String] = [:]
        var records: [Int64: [OperatorObjectionsPage.RecordField]] = [:]
        for objection in objections.filter(\.status.isOpen).prefix(200) {
            if firmNames[objection.uscc] == nil { firmNames[objection.uscc] = try await req.registry.enterprise(objection.uscc)?.name }
            if let fields = try await Self.disputedRecord(req, objection)?.fields { records[objection.id] = fields }
        }
        let files = try await ObjectionEvidence.files(req.services, for: objections)
        return Portal.html(OperatorObjectionsPage.render(.init(context: Portal.context(req, principal), objections: objections,
                                                              datasetNames: names, today: req.platform.clock.today,
                                                              firmNames: firmNames, records: records, evidence: Self.links(files))))
    }

    /// The disputed record with its catalog labels and display values, and as a one-row CSV in the dataset's own
    /// columns (what the department downloads, corrects and uploads again).
    static func disputedRecord(_ req: Request, _ objection: Objection) async throws
        -> (fields: [OperatorObjectionsPage.RecordField], csv: String)? {
        guard let spec = req.catalog.dataset(objection.dataset),
              let record = try await req.recordStore.record(uscc: objection.uscc, dataset: objection.dataset, recordID: objection.recordID)
        else { return nil }
        let fields = spec.fields.map { field in
            OperatorObjectionsPage.RecordField(label: field.label, value: field.display(record.content[field.name] ?? ""))
        }
        // record_id and uscc lead every upload; the dataset's own fields follow.
        let columns = ["record_id", "uscc"] + spec.fields.map(\.name)
        let values = [record.recordID, record.uscc] + spec.fields.map { record.content[$0.name] ?? "" }
        let csv = CSVExport.text([columns, values])
        return (fields, csv)
    }

    func recordCSV(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.department, .creditCenter])
        let id = req.parameters.get("id", as: Int64.self)
        guard let objection = try await Remedies.visible(req.services, principal).first(where: { $0.id == id }),
              let record = try await Self.disputedRecord(req, objection) else { throw DomainError.notFound("该异议的记录") }
        return QuarantinePages.csv(record.csv, name: "\(objection.dataset)-\(objection.recordID).csv")
    }

    func resolve(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/objections") { principal in
            struct Form: Content { var id: Int64?; var action: String?; var note: String? }
            let form = try req.content.decode(Form.self)
            guard let action = ObjectionAction(rawValue: form.action ?? "") else {
                throw DomainError.invalidInput(field: "action", reason: "请选择处理结果")
            }
            let path = req.parameters.get("id", as: Int64.self) ?? 0
            let objection = try await Remedies.resolve(req.services, principal, id: path == 0 ? form.id : path, action: action,
                                                       note: form.note ?? "")
            return Portal.done(req, to: "/console/objections", "异议 #\(objection.id) 已处理：\(objection.status.label)")
        }
    }

    func repairReview(_ req: Request) async throws -> Response {
        let principal = try req.principal(in: [.creditCenter])
        let repairs = try await req.remedyStore.repairs()
        return Portal.html(OperatorRepairsPage.render(.init(context: Portal.context(req, principal), repairs: repairs)))
    }

    func decideRepair(_ req: Request) async throws -> Response {
        try await Portal.form(req, back: "/console/repairs") { principal in
            struct Form: Content { var id: Int64?; var approve: String?; var note: String? }
            let form = try req.content.decode(Form.self)
            let path = req.parameters.get("id", as: Int64.self) ?? 0
            let repair = try await Remedies.decideRepair(req.services, principal, id: path == 0 ? form.id : path,
                                                         approve: form.approve == "true", note: form.note ?? "")
            return Portal.done(req, to: "/console/repairs", "修复申请 #\(repair.id)：\(repair.status.label)")
        }
    }
}
