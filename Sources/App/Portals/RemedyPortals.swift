import Domain
import Persistence
import Services
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
        firm.get("repairs", use: firmRepairs)
        firm.post("repairs", use: applyRepair)
        let console = routes.grouped("console")
        console.get("objections", use: queue)
        console.post("objections", ":id", "resolve", use: resolve)
        console.get("repairs", use: repairReview)
        console.post("repairs", ":id", "decision", use: decideRepair)
    }

    static func tone(_ status: ObjectionStatus) -> PortalPage.Tone {
        switch status {
        case .pending: .info
        case .escalated: .danger
        case .confirmed, .corrected: .success
        case .rejected: .warning
        case .withdrawn: .neutral
        }
    }

    static func tone(_ status: RepairStatus) -> PortalPage.Tone {
        switch status {
        case .pending: .info
        case .approved: .success
        case .rejected: .warning
        }
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
        let today = Day.today()
        var blocks: [PortalPage.Block] = [
            .notice("对信用画像中的记录有异议，可在此提出；报送部门应在 \(req.platform.policy.objectionPolicy.workingDays) 个工作日内核实处理，逾期将提交信用中心督办。",
                    tone: .info),
        ]
        let names = Dictionary(uniqueKeysWithValues: req.catalog.datasets.map { ($0.id, $0.name) })
        blocks.append(.table(.init(title: "我的异议", id: "objections",
                                   headers: ["编号", "记录", "理由", "提出时间", "处理期限", "状态", "处理结果", "操作"],
                                   rows: objections.map { o in
            [.mono("#\(o.id)"), .twoLines(names[o.dataset] ?? o.dataset, o.recordID), .text(o.reason),
             .text(Format.time(o.filedAt)), .text(o.deadline + (o.isOverdue(on: today) ? "（已逾期）" : "")),
             .badge(o.status.label, tone: Self.tone(o.status)), .text(o.resolution ?? "—"),
             o.status.isOpen ? .actions([.init("撤回", path: "/firm/objections/\(o.id)/withdraw", confirm: "确定撤回该异议？")]) : .text("")]
        }, emptyText: "尚未提出异议")))
        let options = profile.groups.flatMap(\.records).filter { !$0.underObjection }.map { r in
            ("\(r.dataset)|\(r.recordID)", "\(r.datasetName) · \(r.date) · \(r.summary.isEmpty ? r.recordID : r.summary)")
        }
        blocks.append(.form(.init(title: "提出异议", id: "file-objection", action: "/firm/objections", fields: [
            .init("record", "有异议的记录", kind: .options(options), isRequired: true),
            .init("reason", "异议理由", kind: .textarea, isRequired: true, hint: "请说明记录哪里有误、应当如何"),
            .init("attachments", "证明材料", kind: .textarea, hint: "材料名称或文号，每行一项"),
        ], submitLabel: "提交异议")))
        return Portal.page(req, principal, title: "异议申请", blocks)
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
        var blocks: [PortalPage.Block] = [
            .notice("行政处罚信息在最短公示期满后，企业纠正失信行为、履行法定义务并重新作出信用承诺的，可申请信用修复；修复后该信息停止公示、共享，不再计入评价。",
                    tone: .info),
        ]
        blocks.append(.table(.init(title: "行政处罚", id: "penalties", headers: ["处罚日期", "严重程度", "内容", "可否修复", "最早申请日"],
                                   rows: penalties.map { p in
            [.text(p.decided?.description ?? p.record.eventDate), .text(p.severity),
             .text(p.record.content["violation"] ?? p.record.recordID),
             .badge(p.application.map { "修复申请\($0.status.label)" } ?? p.eligibility.label,
                    tone: p.eligibility.mayApply ? .success : .neutral),
             .text(p.eligibility.earliest?.description ?? "—")]
        }, emptyText: "没有行政处罚记录")))
        let eligible = penalties.filter { $0.eligibility.mayApply && $0.application?.status != .pending }
        if !eligible.isEmpty {
            blocks.append(.form(.init(title: "申请信用修复", id: "apply-repair", action: "/firm/repairs", fields: [
                .init("record_id", "行政处罚", kind: .options(eligible.map {
                    ($0.record.recordID, "\($0.decided?.description ?? "") \($0.severity) \($0.record.content["violation"] ?? "")")
                }), isRequired: true),
                .init("proof", "纠正失信行为、履行法定义务情况", kind: .textarea, isRequired: true),
                .init("attachments", "证明材料", kind: .textarea, hint: "材料名称或文号，每行一项"),
                .init("signer", "重新签署信用承诺书的签署人（法定代表人）", value: identity?.legalRepresentative ?? "", isRequired: true),
            ], submitLabel: "签署承诺并提交申请", note: "提交即重新签署当前版本的信用承诺书，并在平台公示。")))
        }
        blocks.append(.table(.init(title: "修复申请", id: "repairs", headers: ["编号", "处罚", "申请时间", "状态", "审核意见"],
                                   rows: applications.map { r in
            [.mono("#\(r.id)"), .twoLines(r.decidedOn + " " + r.severity, r.recordID), .text(Format.time(r.appliedAt)),
             .badge(r.status.label, tone: Self.tone(r.status)), .text(r.reviewNote ?? "—")]
        }, emptyText: "尚未申请")))
        return Portal.page(req, principal, title: "信用修复", blocks)
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
        let names = Dictionary(uniqueKeysWithValues: req.catalog.datasets.map { ($0.id, $0.name) })
        let today = Day.today()
        let open = objections.filter(\.status.isOpen)
        var blocks: [PortalPage.Block] = [.stats([
            .init("待处理", "\(open.count)", tone: open.isEmpty ? .neutral : .info),
            .init("已逾期", "\(open.filter { $0.isOverdue(on: today) || $0.status == .escalated }.count)", tone: .danger),
        ])]
        blocks.append(.table(.init(title: "异议", id: "objections",
                                   headers: ["编号", "企业", "记录", "理由与材料", "处理期限", "状态", "处理结果", "操作"],
                                   rows: objections.map { o in
            let overdue = o.status == .escalated || o.isOverdue(on: today)
            return [.mono("#\(o.id)"), .mono(o.uscc), .twoLines(names[o.dataset] ?? o.dataset, o.recordID),
                    .twoLines(o.reason, o.attachments.isEmpty ? "无材料" : "材料：" + o.attachments.joined(separator: "；")),
                    overdue && o.status.isOpen ? .badge("\(o.deadline) 已逾期", tone: .danger) : .text(o.deadline),
                    .badge(o.status.label, tone: Self.tone(o.status)), .text(o.resolution ?? "—"),
                    o.status.isOpen ? .actions([
                        .init("异议成立", path: "/console/objections/\(o.id)/resolve", fields: ["action": "confirm"],
                              confirm: "确认异议成立？该记录将停止公示和计分。"),
                        .init("已更正", path: "/console/objections/\(o.id)/resolve", fields: ["action": "correct"]),
                    ]) : .text("")]
        }, emptyText: "没有异议")))
        if !open.isEmpty {
            blocks.append(.form(.init(title: "处理异议", id: "resolve-objection", action: "/console/objections/0/resolve", fields: [
                .init("id", "异议", kind: .options(open.map { (String($0.id), "#\($0.id) \($0.uscc) \(names[$0.dataset] ?? $0.dataset)") }),
                      isRequired: true),
                .init("action", "处理结果", kind: .options(
                    [ObjectionAction.reject, .confirm, .correct].map { ($0.rawValue, $0.label) }), isRequired: true),
                .init("note", "说明（驳回须写明理由）", kind: .textarea),
            ], submitLabel: "提交处理结果", note: "更正：请先通过“上传数据”报送更正后的记录，再选择“更正记录”。")))
        }
        return Portal.page(req, principal, title: "异议处理", blocks)
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
        var blocks: [PortalPage.Block] = []
        blocks.append(.table(.init(title: "信用修复申请", id: "repairs",
                                   headers: ["编号", "企业", "处罚", "整改说明与材料", "承诺书", "申请时间", "状态", "操作"],
                                   rows: repairs.map { r in
            [.mono("#\(r.id)"), .mono(r.uscc), .twoLines("\(r.decidedOn) \(r.severity)", r.recordID),
             .twoLines(r.proof, r.attachments.isEmpty ? "无材料" : "材料：" + r.attachments.joined(separator: "；")),
             .text("#\(r.commitmentID)"), .text(Format.time(r.appliedAt)), .badge(r.status.label, tone: Self.tone(r.status)),
             r.status == .pending ? .actions([
                .init("批准修复", path: "/console/repairs/\(r.id)/decision", fields: ["approve": "true"], isPrimary: true,
                      confirm: "批准后该处罚信息将停止公示、共享和计分。"),
             ]) : .text(r.reviewNote ?? "")]
        }, emptyText: "没有修复申请")))
        let pending = repairs.filter { $0.status == .pending }
        if !pending.isEmpty {
            blocks.append(.form(.init(title: "驳回申请", id: "reject-repair", action: "/console/repairs/0/decision", fields: [
                .init("id", "申请", kind: .options(pending.map { (String($0.id), "#\($0.id) \($0.uscc)") }), isRequired: true),
                .init("approve", "", kind: .hidden, value: "false"),
                .init("note", "驳回理由", kind: .textarea, isRequired: true),
            ], submitLabel: "驳回")))
        }
        return Portal.page(req, principal, title: "信用修复审核", blocks)
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
