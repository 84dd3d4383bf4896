import Foundation
import Domain
import Persistence

/// Objections and credit repair, the same actions for the portals and the API: who may do what, and the
/// re-evaluation after a record stopped counting.
public enum Remedies {
    // MARK: Objections

    public struct FileRequest: Sendable {
        public var dataset: String; public var recordID: String; public var reason: String; public var attachments: [String]
        public init(dataset: String, recordID: String, reason: String, attachments: [String]) {
            self.dataset = dataset; self.recordID = recordID; self.reason = reason; self.attachments = attachments
        }
    }

    /// A firm disputes one record it can see in its profile.
    public static func file(_ context: ServiceContext, _ principal: Principal, _ input: FileRequest) async throws -> Objection {
        let uscc = try principal.requireEnterprise()
        guard let spec = context.catalog.dataset(input.dataset), Viewer.enterprise.mayRead(spec),
              let record = try await context.recordStore.record(uscc: uscc, dataset: input.dataset, recordID: input.recordID) else {
            throw DomainError.notFound("贵企业信用画像中的该记录")
        }
        let department = try await context.recordStore.sourceDepartmentID(dataset: record.dataset, recordID: record.recordID)
        let objection = try Objection.file(uscc: uscc, dataset: record.dataset, recordID: record.recordID,
                                           recordVersion: record.version, departmentID: department, reason: input.reason,
                                           attachments: input.attachments, at: context.clock.now(),
                                           policy: context.platform.policy.objectionPolicy)
        return try await context.remedyStore.file(objection, actor: principal.name)
    }

    /// Datasets only some departments submit, that this department submits (its queue holds their objections
    /// besides those on records it sent).
    public static func ownDatasets(_ department: Department, catalog: Catalog) -> [String] {
        department.datasets.filter { id in catalog.dataset(id).map { $0.department != "各部门" } ?? true }
    }

    /// Whether the principal answers this objection: the credit center always, a department for records
    /// it sent or datasets it alone submits.
    public static func mayResolve(_ principal: Principal, _ objection: Objection, catalog: Catalog) -> Bool {
        switch principal.role {
        case .creditCenter: return true
        case .department:
            guard let department = principal.department else { return false }
            return objection.departmentID == department.id || ownDatasets(department, catalog: catalog).contains(objection.dataset)
        default: return false
        }
    }

    /// The objections a principal sees: a firm its own, a department its queue, the credit center all
    /// (escalated first).
    public static func visible(_ context: ServiceContext, _ principal: Principal) async throws -> [Objection] {
        switch principal.role {
        case .enterprise: return try await context.remedyStore.objections(uscc: try principal.requireEnterprise())
        case .creditCenter: return try await context.remedyStore.queue(departmentID: nil, datasets: [])
        case .department:
            guard let department = principal.department else { throw DomainError.forbidden("未绑定部门") }
            return try await context.remedyStore.queue(departmentID: department.id,
                                                   datasets: ownDatasets(department, catalog: context.catalog))
        default: throw DomainError.forbidden("仅企业、政府部门和信用中心可查看异议")
        }
    }

    /// One objection, if the principal may see it (otherwise 404, so ids reveal nothing).
    public static func objection(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> Objection {
        guard let id, let objection = try await context.remedyStore.objection(id: id) else { throw DomainError.notFound("该异议") }
        let allowed = principal.role == .enterprise ? objection.uscc == principal.uscc
            : mayResolve(principal, objection, catalog: context.catalog)
        guard allowed else { throw DomainError.notFound("该异议") }
        return objection
    }

    /// A step by the firm (withdraw) or the department / credit center (confirm, correct, reject).
    public static func resolve(_ context: ServiceContext, _ principal: Principal, id: Int64?, action: ObjectionAction,
                        note: String) async throws -> Objection {
        let objection = try await objection(context, principal, id: id)
        switch (principal.role, action) {
        case (.enterprise, .withdraw), (.department, .confirm), (.department, .correct), (.department, .reject),
             (.creditCenter, .confirm), (.creditCenter, .correct), (.creditCenter, .reject):
            break
        case (.enterprise, _): throw DomainError.forbidden("企业只能撤回自己的异议")
        case (_, .escalate): throw DomainError.invalidInput(field: "action", reason: "逾期异议由系统自动升级")
        default: throw DomainError.forbidden("异议由报送该记录的部门处理")
        }
        if objection.dataset == Recommendations.objectionDataset {
            // An objection to a publicised 推荐清单 entry: only the credit center answers it, and it has no record to correct.
            guard principal.role == .creditCenter, action != .correct else {
                throw DomainError.forbidden("推荐清单公示异议由信用中心确认或驳回")
            }
            let next = try await context.remedyStore.apply(action, note: note, to: objection.id, actor: principal.name)
            if next.status == .confirmed { try await Recommendations.objectionUpheld(context, next, by: principal.name) }
            return next
        }
        let next = try await context.remedyStore.apply(action, note: note, to: objection.id, actor: principal.name)
        if next.status == .confirmed || next.status == .corrected {
            try await Evaluations.refresh(context, firms: [next.uscc])
        }
        return next
    }

    /// The daily job: escalates overdue objections to the credit center.
    @discardableResult
    public static func escalateOverdue(_ context: ServiceContext, on day: Day? = nil) async throws -> [Objection] {
        try await context.remedyStore.escalateOverdue(on: day ?? context.clock.today)
    }

    // MARK: Repair

    /// A penalty of the firm with its repair eligibility and the latest application on it.
    public struct Penalty: Sendable {
        public var record: StoredRecord
        public var severity: String
        public var decided: Day?
        public var eligibility: RepairEligibility
        public var application: RepairApplication?
    }

    public static func periods(_ context: ServiceContext) -> PublicationPeriods {
        PublicationPeriods(context.platform.evaluationModel.penaltyRegimes)
    }

    public static func decided(_ record: StoredRecord) -> Day? { Day(iso: record.content["decided_on"] ?? record.eventDate) }

    /// The firm's penalties still held (repaired ones included, from the applications), newest first.
    public static func penalties(_ context: ServiceContext, uscc: String, asOf: Day? = nil) async throws -> [Penalty] {
        let asOf = asOf ?? context.clock.today
        let records = try await context.recordStore.records(uscc: uscc).filter { $0.dataset == RepairApplication.dataset }
        let applications = try await context.remedyStore.repairs(uscc: uscc)
        let periods = periods(context)
        return records.map { record in
            let severity = record.content["severity"] ?? ""
            let day = decided(record)
            return Penalty(record: record, severity: severity, decided: day,
                           eligibility: day.map { RepairEligibility.of(severity: severity, decided: $0, asOf: asOf, periods: periods) }
                               ?? .notPublished,
                           application: applications.first { $0.recordID == record.recordID })
        }.sorted { ($0.decided?.description ?? "") > ($1.decided?.description ?? "") }
    }

    public struct ApplyRequest: Sendable {
        public var recordID: String; public var proof: String; public var attachments: [String]; public var signer: String
        public init(recordID: String, proof: String, attachments: [String], signer: String) {
            self.recordID = recordID; self.proof = proof; self.attachments = attachments; self.signer = signer
        }
    }

    /// Applies for repair: eligible today, with proof of correction; the credit commitment is signed afresh.
    public static func applyRepair(_ context: ServiceContext, _ principal: Principal, _ input: ApplyRequest) async throws -> RepairApplication {
        let uscc = try principal.requireEnterprise()
        guard let record = try await context.recordStore.record(uscc: uscc, dataset: RepairApplication.dataset, recordID: input.recordID),
              let decided = decided(record) else {
            throw DomainError.notFound("贵企业的该行政处罚记录")
        }
        let severity = record.content["severity"] ?? ""
        let now = context.clock.now()
        try RepairEligibility.require(severity: severity, decided: decided, asOf: Day(now), periods: periods(context))
        if try await context.remedyStore.repairs(uscc: uscc).contains(where: { $0.recordID == record.recordID && $0.status == .pending }) {
            throw DomainError.conflict("该处罚已有待审核的修复申请")
        }
        let signer = input.signer.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !signer.isEmpty else { throw DomainError.invalidInput(field: "signer", reason: "请填写承诺书签署人") }
        try await Commitments.sign(context, principal, signer: signer, version: nil)
        guard let commitment = try await context.commitmentStore.commitments(uscc: uscc).first(where: \.isInForce) else {
            throw DomainError.notFound("刚签署的信用承诺书")
        }
        let repair = try RepairApplication.apply(uscc: uscc, recordID: record.recordID, severity: severity, decidedOn: decided,
                                                 proof: input.proof, attachments: input.attachments,
                                                 commitmentID: commitment.id, at: now, periods: periods(context))
        return try await context.remedyStore.apply(repair, actor: principal.name)
    }

    /// The credit center's decision; on approval the firm is evaluated again without the record.
    public static func decideRepair(_ context: ServiceContext, _ principal: Principal, id: Int64?, approve: Bool,
                             note: String) async throws -> RepairApplication {
        guard principal.role == .creditCenter else { throw DomainError.forbidden("信用修复由信用中心审核") }
        guard let id else { throw DomainError.notFound("该信用修复申请") }
        let decided = try await context.remedyStore.decide(repair: id, approve: approve, note: note, actor: principal.name)
        if approve { try await Evaluations.refresh(context, firms: [decided.uscc]) }
        return decided
    }
}
