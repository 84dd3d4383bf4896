import Domain
import Fluent
import Persistence
import Services
import Vapor

/// What `configure` builds once and every request reaches through the application (no globals): the
/// settings, the platform the services run on, and the runtime they share.
extension Application {
    struct PlatformKey: StorageKey { typealias Value = Platform }
    struct ConfigKey: StorageKey { typealias Value = AppConfig }
    struct RuntimeKey: StorageKey { typealias Value = Runtime }

    public var platform: Platform {
        get {
            guard let platform = storage[PlatformKey.self] else {
                preconditionFailure("configure(_:config:) must run before the services are used")
            }
            return platform
        }
        set { storage[PlatformKey.self] = newValue }
    }

    public var config: AppConfig {
        get {
            guard let config = storage[ConfigKey.self] else { preconditionFailure("configure(_:config:) must run first") }
            return config
        }
        set { storage[ConfigKey.self] = newValue }
    }

    var runtime: Runtime {
        get {
            guard let runtime = storage[RuntimeKey.self] else { preconditionFailure("configure(_:config:) must run first") }
            return runtime
        }
        set { storage[RuntimeKey.self] = newValue }
    }

    /// The messages the log SMS sender "sent" (the demo and the tests read one-time codes there).
    public var smsOutbox: LogSMSSender? { runtime.sms as? LogSMSSender }

    /// The context use cases run with outside a request (commands, jobs, tests).
    public var services: ServiceContext {
        ServiceContext(platform: platform, database: db, runtime: runtime, passwords: BcryptPasswordHasher(application: self),
                       ingestDatabase: runtime.ingest)
    }

    /// The context on another database (benchmarks and tools that build a city of their own).
    public func services(on database: any Database) -> ServiceContext {
        ServiceContext(platform: platform, database: database, runtime: runtime, passwords: BcryptPasswordHasher(application: self))
    }

    /// The same context on another clock (tests that move time), and with another password hasher if given
    /// (tests that count its calls).
    public func services(clock: Clock, passwords: (any ServicesPasswordHasher)? = nil) -> ServiceContext {
        ServiceContext(platform: platform.on(clock), database: db, runtime: runtime,
                       passwords: passwords ?? BcryptPasswordHasher(application: self), ingestDatabase: runtime.ingest)
    }

    public var accounts: AccountStore { AccountStore(database: db) }
    public var registry: RegistryStore { RegistryStore(database: db) }
    public var recordStore: RecordStore { RecordStore(database: db) }
    public var batchStore: BatchStore { BatchStore(database: db) }
    public var evaluationStore: EvaluationStore { EvaluationStore(database: db) }
    public var productStore: ProductStore { ProductStore(database: db) }
    public var applicationStore: ApplicationStore { ApplicationStore(database: db) }
    public var loanStore: LoanStore { LoanStore(database: db) }
    public var remedyStore: RemedyStore { RemedyStore(database: db) }
    public var demandStore: DemandStore { DemandStore(database: db) }
    public var ingestor: BatchIngestor { BatchIngestor(database: db) }
}

extension Request {
    private struct MemoKey: StorageKey { typealias Value = GenerationsMemo }

    /// The context use cases run with for this request; the generations it reads are read once per request.
    public var services: ServiceContext {
        let memo: GenerationsMemo
        if let kept = storage[MemoKey.self] { memo = kept } else {
            // The request's database is the application's own, the file `quickReads` opens (SQLite).
            memo = GenerationsMemo(quick: application.runtime.quickReads)
            storage[MemoKey.self] = memo
        }
        return ServiceContext(platform: application.platform, database: db, runtime: application.runtime,
                              passwords: BcryptPasswordHasher(application: application), memo: memo,
                              ingestDatabase: application.runtime.ingest)
    }

    public var platform: Platform { application.platform }
    public var catalog: Catalog { application.platform.catalog }
    public var accounts: AccountStore { AccountStore(database: db) }
    public var registry: RegistryStore { RegistryStore(database: db) }
    public var recordStore: RecordStore { RecordStore(database: db) }
    public var batchStore: BatchStore { BatchStore(database: db) }
    public var evaluationStore: EvaluationStore { EvaluationStore(database: db) }
    public var commitmentStore: CommitmentStore { CommitmentStore(database: db) }
    public var authorisationStore: AuthorisationStore { AuthorisationStore(database: db) }
    public var productStore: ProductStore { ProductStore(database: db) }
    public var demandStore: DemandStore { DemandStore(database: db) }
    public var applicationStore: ApplicationStore { ApplicationStore(database: db) }
    public var loanStore: LoanStore { LoanStore(database: db) }
    public var remedyStore: RemedyStore { RemedyStore(database: db) }
}

extension Objection: Content {}
extension RepairApplication: Content {}
extension AccessProof: Content {}

extension Application {
    /// Escalates the objections not answered by their deadline (what the daily job does), as of `day`.
    @discardableResult
    public func escalateOverdueObjections(on day: Day? = nil) async throws -> [Objection] {
        try await Remedies.escalateOverdue(services, on: day)
    }
}

extension Response {
    /// A JSON answer from already encoded bytes.
    static func json(_ body: ByteBuffer, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(buffer: body))
    }
}
