import Domain
import FluentKit
import NIOConcurrencyHelpers
import Persistence

/// What the process shares between requests: the read cache, the group committers and the failed sign-ins
/// per client address.
public final class Runtime: Sendable {
    public let readCache: ReadCache
    public let committers: Committers
    public let writeGate: WriteGate
    public let signInThrottle = SignInThrottle()
    /// Registration codes asked for per client address (an SMS each, so a stranger must not send them at will).
    public let codeThrottle = SignInThrottle()
    /// The statistics' cells, kept per process until a refresh moves them.
    public let statistics = StatCache()
    /// Where one-time codes go (the log sender unless a gateway is plugged in).
    public let sms: any SMSSender

    /// Where the app's batches are written when not through the caller's database (SQLite: a connection of their
    /// own, so that a long batch does not hold the connection its event loop's requests read through).
    public let ingest: (any Database)?

    /// SQLite: the generation counters and bearer tokens read on the caller's thread (`QuickReads`); nil on PostgreSQL.
    public let quickReads: QuickReads?

    /// `commits` is the database the group committers write through (connections of their own).
    public init(commits: any Database, ingest: (any Database)? = nil, usesSQLite: Bool, quickReads: QuickReads? = nil,
                encodeProfile: @escaping ReadCache.EncodeProfile, sms: any SMSSender = LogSMSSender()) {
        self.sms = sms
        self.ingest = ingest
        self.quickReads = quickReads
        writeGate = WriteGate(enabled: usesSQLite)
        committers = Committers(database: commits, gate: writeGate)
        readCache = ReadCache(encodeProfile: encodeProfile)
    }
}

/// Generations read once per request (or command), then reused by every cached read it makes.
public final class GenerationsMemo: Sendable {
    private let read = NIOLockedValueBox<[Generation: Int64]?>(nil)
    /// Reads the counters (and the decision's overdue check, `FirmFactsLoader`) on the caller's thread (SQLite), for
    /// a memo whose context reads the database those connections open; the query on the context's database is the fallback.
    let quick: QuickReads?
    public init(quick: QuickReads? = nil) { self.quick = quick }

    func generations(on database: any Database) async throws -> [Generation: Int64] {
        if let kept = read.withLockedValue({ $0 }) { return kept }
        let current: [Generation: Int64]
        if let quick, let counters = try? quick.generations(), !counters.isEmpty {
            current = counters
        } else {
            current = try await Generations.current(on: database)
        }
        read.withLockedValue { $0 = current }
        return current
    }
}

/// What a use case runs with: the platform (with its clock), the database, the shared runtime, the password
/// hasher, and the generations this request has read. The app builds one per request; commands and jobs build
/// their own. Use cases take this and a `Principal` — never an HTTP request.
public struct ServiceContext: Sendable {
    public let platform: Platform
    public let database: any Database
    public let runtime: Runtime
    public let passwords: any PasswordHasher
    public let memo: GenerationsMemo
    /// Where batches are written, when not through `database` (the app's SQLite: `Runtime.ingest`).
    public let ingestDatabase: (any Database)?

    public init(platform: Platform, database: any Database, runtime: Runtime, passwords: any PasswordHasher,
                memo: GenerationsMemo = GenerationsMemo(), ingestDatabase: (any Database)? = nil) {
        self.platform = platform; self.database = database; self.runtime = runtime; self.passwords = passwords
        self.memo = memo; self.ingestDatabase = ingestDatabase
    }

    public var catalog: Catalog { platform.catalog }
    public var clock: Clock { platform.clock }
    public var readCache: ReadCache { runtime.readCache }
    public var committers: Committers { runtime.committers }

    /// A stamp for values built from data of these generations.
    public func stamp(_ kinds: Generation...) async throws -> [Int64] {
        let generations = try await memo.generations(on: database)
        return kinds.map { generations[$0] ?? -1 }
    }

    public var accounts: AccountStore { AccountStore(database: database) }
    public var registry: RegistryStore { RegistryStore(database: database) }
    public var recordStore: RecordStore { RecordStore(database: database) }
    public var batchStore: BatchStore { BatchStore(database: database) }
    public var evaluationStore: EvaluationStore { EvaluationStore(database: database) }
    public var commitmentStore: CommitmentStore { CommitmentStore(database: database) }
    public var authorisationStore: AuthorisationStore { AuthorisationStore(database: database) }
    public var productStore: ProductStore { ProductStore(database: database) }
    public var demandStore: DemandStore { DemandStore(database: database) }
    public var applicationStore: ApplicationStore { ApplicationStore(database: database) }
    public var loanStore: LoanStore { LoanStore(database: database) }
    public var remedyStore: RemedyStore { RemedyStore(database: database) }
    public var recommendationStore: RecommendationStore { RecommendationStore(database: database) }
    public var incentiveStore: IncentiveStore { IncentiveStore(database: database) }
    public var defaultReportStore: DefaultReportStore { DefaultReportStore(database: database) }
    public var listingStore: ListingStore { ListingStore(database: database) }
    public var monitoringStore: MonitoringStore { MonitoringStore(database: database) }
    public var logStore: LogStore { LogStore(database: database) }
    public var fundStore: FundStore { FundStore(database: database) }
    public var fundClaimStore: FundClaimStore { FundClaimStore(database: database) }
    public var fundJournal: FundJournalStore { FundJournalStore(database: database) }
    public var couponProgrammeStore: CouponProgrammeStore { CouponProgrammeStore(database: database) }
    public var couponStore: CouponStore { CouponStore(database: database) }
    public var ingestor: BatchIngestor { BatchIngestor(database: ingestDatabase ?? database) }
    public var preapprovalStore: PreapprovalStore { PreapprovalStore(database: database) }
    public var creditLineStore: CreditLineStore { CreditLineStore(database: database) }
}
