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

    /// The grade scale of the evaluation model, best first.
    public var grades: GradeScale { GradeScale(evaluationModel.grades.map(\.grade)) }

    /// The city's limits for products: the rate cap and the grades products may require.
    public var productPolicy: ProductPolicy {
        ProductPolicy(rateCapBasisPoints: ProductPolicy.capped(referenceBasisPoints: config.rateReferenceBasisPoints,
                                                               markupPercent: config.rateMarkupPercent),
                      grades: grades)
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
    public var productStore: ProductStore { ProductStore(database: db) }
    public var applicationStore: ApplicationStore { ApplicationStore(database: db) }
    public var loanStore: LoanStore { LoanStore(database: db) }
    public var remedyStore: RemedyStore { RemedyStore(database: db) }
    public var demandStore: DemandStore { DemandStore(database: db) }
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
    public var commitmentStore: CommitmentStore { CommitmentStore(database: db) }
    public var authorisationStore: AuthorisationStore { AuthorisationStore(database: db) }
    public var productStore: ProductStore { ProductStore(database: db) }
    public var demandStore: DemandStore { DemandStore(database: db) }
    public var applicationStore: ApplicationStore { ApplicationStore(database: db) }
    public var loanStore: LoanStore { LoanStore(database: db) }
    public var remedyStore: RemedyStore { RemedyStore(database: db) }
}
