import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// Loan applications, every step taken on them, and the loans they became.
public struct ApplicationStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    /// An application as stored: who applied for what, and the state machine's state.
    public struct Stored: Sendable, Equatable, Codable {
        public var id: Int64
        public var uscc: String
        public var firmName: String
        public var productID: Int64
        public var productName: String
        public var institutionID: Int64
        public var authorisationID: Int64?
        public var requestedAmount: Cents
        public var requestedTermMonths: Int
        public var requestedMethod: RepaymentMethod
        public var purpose: String
        public var state: LoanApplication
        public var createdAt: Date
        public var updatedAt: Date

        public init(id: Int64 = 0, uscc: String, firmName: String, productID: Int64, productName: String,
                    institutionID: Int64, authorisationID: Int64?, requestedAmount: Cents, requestedTermMonths: Int,
                    requestedMethod: RepaymentMethod, purpose: String, state: LoanApplication = .submitted,
                    createdAt: Date = Date(), updatedAt: Date = Date()) {
            self.id = id; self.uscc = uscc; self.firmName = firmName; self.productID = productID
            self.productName = productName; self.institutionID = institutionID; self.authorisationID = authorisationID
            self.requestedAmount = requestedAmount; self.requestedTermMonths = requestedTermMonths
            self.requestedMethod = requestedMethod; self.purpose = purpose; self.state = state
            self.createdAt = createdAt; self.updatedAt = updatedAt
        }
    }

    /// One step on an application, for its timeline.
    public typealias Step = ApplicationStep

    /// Adds a step to the timeline without changing the application.
    public func addNote(applicationID: Int64, _ step: Step) async throws {
        try await Self.addStep(try database.sql(), id: applicationID, step)
    }

    /// A new application and what the product's automatic rules made of it at once.
    public struct Submission: Sendable {
        public enum Decision: Sendable {
            /// No automatic rules: the application waits for the institution.
            case none
            /// The rules approved it; `note` says which rules decided.
            case autoApproved(LoanTerms, rules: [String], note: String)
            /// The product has rules but they did not approve; `note` says why it goes to a person.
            case passedOn(note: String)
        }
        public var application: Stored
        public var actor: String
        /// The automatic decision given the credit already committed to the firm (outstanding loan principal
        /// plus approved, undisbursed amounts), which is read inside the submitting transaction.
        public var decide: @Sendable (_ committedCents: Int64) -> Decision
        /// When it was submitted (the use case's clock).
        public var at: Date
        public init(application: Stored, actor: String, decision: Decision = .none, at: Date = Date()) {
            self.init(application: application, actor: actor, at: at, decide: { _ in decision })
        }
        public init(application: Stored, actor: String, at: Date,
                    decide: @escaping @Sendable (_ committedCents: Int64) -> Decision) {
            self.application = application; self.actor = actor; self.at = at; self.decide = decide
        }
    }

    /// A stored new application and the steps its timeline starts with.
    public struct Submitted: Sendable {
        public var application: Stored
        public var steps: [Step]
    }

    /// The actor of automatic decisions on applications' timelines.
    public static let automaticActor = "系统自动审批"

    @discardableResult
    public func create(_ application: Stored, actor: String) async throws -> Stored {
        try await submit([Submission(application: application, actor: actor)])[0].application
    }

    /// Stores new applications, each with its submission step, the automatic decision if there was one, and
    /// their transparency-log entries, all in one transaction (one durable commit for many applicants) of a
    /// few multi-row statements: under load every statement waits its turn, so their number sets the time.
    /// `sequencing` as for `AuthorisationStore.log(_:sequencing:)`.
    ///
    /// Inside the transaction, with submissions locked (the write lock on SQLite, an advisory lock on
    /// PostgreSQL; see `lockFirms`): a second open application of a firm to the same product is refused (the whole batch fails
    /// and the group committer retries the others one by one), and each decision sees the credit already
    /// committed to the firm, including approvals earlier in the same batch, so approvals cannot stack.
    public func submit(_ submissions: [Submission], sequencing: Bool = false) async throws -> [Submitted] {
        guard !submissions.isEmpty else { return [] }
        return try await database.write { unit in
            let tx = unit.database
            let sql = try tx.sql()
            var firms = try await Self.lockFirms(Set(submissions.map(\.application.uscc)), sql: sql)
            let ids = try await unit.reserveIDs("applications", count: submissions.count)
            var results: [Submitted] = []
            var entries: [LogEntry] = []
            var allSteps: [(Int64, Step)] = []
            var insert = sql.insert(into: "applications")
                .columns("id", "uscc", "product_id", "institution_id", "authorisation_id", "status", "detail", "created_at", "updated_at")
            for (submission, id) in zip(submissions, ids) {
                var stored = submission.application
                let now = submission.at
                stored.id = id
                stored.createdAt = now; stored.updatedAt = now
                let submitted = stored.state
                guard firms[stored.uscc, default: .init()].openProducts.insert(stored.productID).inserted else {
                    throw DomainError.conflict("贵企业对该产品已有未办结的申请（\(stored.productName)），请等待处理结果或撤回后再申请")
                }
                var steps = [Step(at: now, actor: submission.actor, action: "提交申请", from: "", to: submitted.status.label, note: "")]
                entries.append(try LogEvents.applicationDecision(stored, actor: submission.actor, event: "submit"))
                var result = stored
                switch submission.decide(firms[stored.uscc, default: .init()].committedCents) {
                case .none: break
                case .autoApproved(let terms, let rules, let note):
                    firms[stored.uscc, default: .init()].committedCents += terms.amount.value
                    let event = ApplicationEvent.autoApprove(terms, rules: rules)
                    result.state = try submitted.applying(event)
                    steps.append(Step(at: now, actor: Self.automaticActor, action: event.label, from: submitted.status.label,
                                      to: result.state.status.label, note: note))
                    entries.append(try LogEvents.applicationDecision(result, actor: Self.automaticActor, event: event.action.rawValue))
                case .passedOn(let note):
                    steps.append(Step(at: now, actor: Self.automaticActor, action: "转人工审批", from: submitted.status.label,
                                      to: submitted.status.label, note: note))
                }
                insert = insert.values(id, stored.uscc, stored.productID, stored.institutionID, stored.authorisationID,
                                       result.state.status.rawValue, try DetailCoding.encode(result), epochMillis(now), epochMillis(now))
                allSteps += steps.map { (id, $0) }
                results.append(Submitted(application: result, steps: steps))
            }
            try await insert.run()
            try await Self.addSteps(sql, allSteps)
            unit.log(contentsOf: try entries)
            if sequencing { try await unit.sequenceLogNow() }
            return results
        }
    }

    /// What a firm already has, as the submitting transaction sees it.
    struct FirmPosition {
        var openProducts: Set<Int64> = []
        var committedCents: Int64 = 0
    }

    /// Locks the firms' applications and reads their positions, in two statements for the whole batch (the
    /// batch's transaction is what every concurrent applicant waits for). SQLite: the unit of work already holds
    /// the write lock. PostgreSQL: one advisory transaction lock for application submissions, so batches from
    /// several processes take turns (one lock, so no two batches can deadlock).
    static func lockFirms(_ usccs: Set<String>, sql: any SQLDatabase) async throws -> [String: FirmPosition] {
        guard !usccs.isEmpty else { return [:] }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(hashtext('xyd:applications'))").run()
        }
        let firms = Array(usccs)
        var positions = Dictionary(uniqueKeysWithValues: firms.map { ($0, FirmPosition()) })
        let open = ApplicationStatus.open.map(\.rawValue)
        let approved: Set<ApplicationStatus> = [.approved, .contractSigned]
        // The columns say which products are open; only an approved application's detail is read, and only
        // for its terms (decoding whole applications was a tenth of a decision's time for a firm with ten open).
        struct Open: Decodable { let uscc: String; let product_id: Int64; let status: String; let detail: String }
        struct ApprovedTerms: Decodable {
            struct State: Decodable { let terms: LoanTerms? }
            let state: State
        }
        let rows = try await sql.raw("""
            SELECT uscc, product_id, status, detail FROM applications WHERE uscc IN (\(binds: firms)) AND status IN (\(binds: open))
            """).all(decoding: Open.self)
        for row in rows {
            positions[row.uscc, default: .init()].openProducts.insert(row.product_id)
            if let status = ApplicationStatus(rawValue: row.status), approved.contains(status),
               let terms = try DetailCoding.decode(ApprovedTerms.self, row.detail).state.terms {
                positions[row.uscc, default: .init()].committedCents += terms.amount.value
            }
        }
        struct Sum: Decodable { let uscc: String; let n: Int64? }
        for sum in try await sql.raw("""
            SELECT uscc, CAST(SUM(outstanding) AS BIGINT) AS n FROM loans WHERE uscc IN (\(binds: firms)) AND settled = 0 GROUP BY uscc
            """).all(decoding: Sum.self) {
            positions[sum.uscc, default: .init()].committedCents += sum.n ?? 0
        }
        return positions
    }

    struct Row: Decodable {
        let id: Int64
        let detail: String
        func stored() throws -> Stored {
            var stored = try DetailCoding.decode(Stored.self, detail)
            stored.id = id
            return stored
        }
    }

    public func application(id: Int64) async throws -> Stored? {
        try await database.sql().raw("SELECT id, detail FROM applications WHERE id = \(bind: id)")
            .first(decoding: Row.self).map { try $0.stored() }
    }

    /// An institution's applications, optionally of one status, newest first.
    public func applications(institutionID: Int64, status: ApplicationStatus? = nil,
                             paging: Paging = Paging()) async throws -> ResultPage<Stored> {
        var condition: SQLQueryString = "institution_id = \(bind: institutionID)"
        if let status { condition = condition + " AND status = \(bind: status.rawValue)" }
        return try await self.page(condition, paging: paging)
    }

    public func applications(uscc: String, paging: Paging = Paging(perPage: 50)) async throws -> ResultPage<Stored> {
        try await self.page("uscc = \(bind: uscc)", paging: paging)
    }

    func page(_ condition: SQLQueryString, paging: Paging, limit: Int? = nil) async throws -> ResultPage<Stored> {
        struct Count: Decodable { let n: Int }
        let sql = try database.sql()
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM applications WHERE " + condition).first(decoding: Count.self)?.n ?? 0
        let rows = try await sql.raw("SELECT id, detail FROM applications WHERE " + condition
            + " ORDER BY id DESC LIMIT \(bind: limit ?? paging.perPage) OFFSET \(bind: limit == nil ? paging.offset : 0)").all(decoding: Row.self)
        return ResultPage(items: try rows.map { try $0.stored() }, paging: paging, total: total)
    }

    /// Counts by status for an institution's inbox.
    public func statusCounts(institutionID: Int64) async throws -> [ApplicationStatus: Int] {
        struct Row: Decodable { let status: String; let n: Int }
        let rows = try await database.sql().raw("""
            SELECT status, COUNT(*) AS n FROM applications WHERE institution_id = \(bind: institutionID) GROUP BY status
            """).all(decoding: Row.self)
        return Dictionary(rows.compactMap { row in ApplicationStatus(rawValue: row.status).map { ($0, row.n) } },
                          uniquingKeysWith: +)
    }

    /// Applies an event: the new state is saved only if nobody moved the application meanwhile (else 409),
    /// and the step is kept. `then` runs in the same transaction (e.g. to open the loan on disbursement).
    @discardableResult
    public func apply(_ event: ApplicationEvent, to id: Int64, actor: String, note: String = "", at time: Date = Date(),
                      then: (@Sendable (UnitOfWork, Stored) async throws -> Void)? = nil) async throws -> Stored {
        try await database.write { unit in
            try await Self.apply(event, to: id, actor: actor, note: note, at: time, in: unit, then: then)
        }
    }

    /// `apply` inside the caller's unit of work (e.g. a repayment that settles the loan settles its application).
    @discardableResult
    public static func apply(_ event: ApplicationEvent, to id: Int64, actor: String, note: String = "", at time: Date = Date(),
                             in unit: UnitOfWork,
                             then: (@Sendable (UnitOfWork, Stored) async throws -> Void)? = nil) async throws -> Stored {
        do {
            let sql = try unit.sql()
            // Write first: it takes the write lock (SQLite) or the row lock (PostgreSQL) before the read, so
            // the read cannot go stale before the update.
            try await sql.raw("UPDATE applications SET updated_at = updated_at WHERE id = \(bind: id)").run()
            guard let current = try await sql.raw("SELECT id, detail FROM applications WHERE id = \(bind: id)")
                .first(decoding: Row.self).map({ try $0.stored() }) else {
                throw DomainError.notFound("该申请")
            }
            var next = current
            next.state = try current.state.applying(event)
            next.updatedAt = time
            let row = try await sql.raw("""
                UPDATE applications SET status = \(bind: next.state.status.rawValue), detail = \(bind: try DetailCoding.encode(next)),
                  updated_at = \(bind: epochMillis(next.updatedAt))
                WHERE id = \(bind: id) AND status = \(bind: current.state.status.rawValue)
                RETURNING id
                """).first()
            guard row != nil else { throw DomainError.conflict("该申请刚被他人处理，请刷新后重试") }
            try await Self.addStep(sql, id: id, Step(at: next.updatedAt, actor: actor, action: event.label,
                                                     from: current.state.status.label, to: next.state.status.label,
                                                     note: note))
            unit.log(try LogEvents.applicationDecision(next, actor: actor, event: event.action.rawValue))
            try await then?(unit, next)
            return next
        }
    }

    /// Several steps (of one or many applications) in one statement.
    static func addSteps(_ sql: any SQLDatabase, _ steps: [(Int64, Step)]) async throws {
        guard !steps.isEmpty else { return }
        var insert = sql.insert(into: "application_events").columns("application_id", "at", "actor", "action", "from_status", "to_status", "note")
        for (id, step) in steps {
            insert = insert.values(id, epochMillis(step.at), step.actor, step.action, step.from, step.to, step.note)
        }
        try await insert.run()
    }

    static func addStep(_ sql: any SQLDatabase, id: Int64, _ step: Step) async throws {
        try await sql.raw("""
            INSERT INTO application_events (application_id, at, actor, action, from_status, to_status, note)
            VALUES (\(bind: id), \(bind: epochMillis(step.at)), \(bind: step.actor), \(bind: step.action),
              \(bind: step.from), \(bind: step.to), \(bind: step.note))
            """).run()
    }

    public func steps(applicationID: Int64) async throws -> [Step] {
        struct Row: Decodable {
            let at: Int64; let actor: String; let action: String; let from_status: String; let to_status: String; let note: String
        }
        return try await database.sql().raw("""
            SELECT at, actor, action, from_status, to_status, note FROM application_events
            WHERE application_id = \(bind: applicationID) ORDER BY id
            """).all(decoding: Row.self).map {
            Step(at: Date(timeIntervalSince1970: Double($0.at) / 1000), actor: $0.actor, action: $0.action,
                 from: $0.from_status, to: $0.to_status, note: $0.note)
        }
    }
}
