import Domain
import Fluent
import Persistence
import Vapor

/// The platform's services, built once at start and reached through the application (no globals).
public struct Platform: Sendable {
    public let config: AppConfig
    public let catalog: Catalog
    public let evaluationModel: EvaluationModel
    public let metrics: Metrics

    public init(config: AppConfig, catalog: Catalog, evaluationModel: EvaluationModel, metrics: Metrics) {
        self.config = config; self.catalog = catalog; self.evaluationModel = evaluationModel; self.metrics = metrics
    }
}

extension Application {
    struct PlatformKey: StorageKey { typealias Value = Platform }

    public var platform: Platform {
        get {
            guard let platform = storage[PlatformKey.self] else {
                preconditionFailure("configure(_:config:) must run before the services are used")
            }
            return platform
        }
        set { storage[PlatformKey.self] = newValue }
    }

    public var accounts: AccountStore { AccountStore(database: db) }
    public var registry: RegistryStore { RegistryStore(database: db) }
    public var recordStore: RecordStore { RecordStore(database: db) }
    public var batchStore: BatchStore { BatchStore(database: db) }
    public var evaluationStore: EvaluationStore { EvaluationStore(database: db) }
    public var ingestor: BatchIngestor { BatchIngestor(database: db) }
}

extension Request {
    public var platform: Platform { application.platform }
    public var catalog: Catalog { application.platform.catalog }
    public var accounts: AccountStore { AccountStore(database: db) }
    public var registry: RegistryStore { RegistryStore(database: db) }
    public var recordStore: RecordStore { RecordStore(database: db) }
    public var batchStore: BatchStore { BatchStore(database: db) }
    public var evaluationStore: EvaluationStore { EvaluationStore(database: db) }
}
