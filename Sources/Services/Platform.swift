import Domain
import Foundation

/// The rules of the platform that settings choose (read once at start by the app's configuration).
public struct Policy: Sendable, Equatable {
    /// The reference rate products are capped against (basis points: 435 = 4.35 %) and the markup allowed.
    public var rateReferenceBasisPoints: Int
    public var rateMarkupPercent: Int
    /// Overdue-day limits of the five-tier loan classification.
    public var classification: ClassificationThresholds
    /// Working days a department has to answer an objection, and the public holidays not counted.
    public var objectionPolicy: ObjectionPolicy
    /// How soon the institution that took a demand must contact the firm.
    public var demandFollowUp: DemandFollowUpRules
    /// How sign-in slows guessing: per client address, and a ceiling per account.
    public var signIn: SignInPolicy
    /// How one client address is slowed when it asks for registration codes (each costs an SMS): ten an hour
    /// free, then 1 s, 2 s, 4 s … up to an hour between requests. The phone's own limit is one a minute.
    public var codeRequests: SignInPolicy

    public init(rateReferenceBasisPoints: Int = 435, rateMarkupPercent: Int = 30,
                classification: ClassificationThresholds = .default, objectionPolicy: ObjectionPolicy = ObjectionPolicy(),
                signIn: SignInPolicy = SignInPolicy(), demandFollowUp: DemandFollowUpRules = DemandFollowUpRules(),
                codeRequests: SignInPolicy = SignInPolicy(freeFailures: 10, window: 3600, maxWait: 3600)) {
        self.rateReferenceBasisPoints = rateReferenceBasisPoints
        self.rateMarkupPercent = rateMarkupPercent
        self.classification = classification
        self.objectionPolicy = objectionPolicy
        self.signIn = signIn
        self.demandFollowUp = demandFollowUp
        self.codeRequests = codeRequests
    }
}

/// What every use case reads and nothing changes while the platform runs: the catalog, the evaluation model,
/// the policy, the clock and the metrics. Built once at start (no globals) and handed to the services.
public struct Platform: Sendable {
    public let catalog: Catalog
    public let evaluationModel: EvaluationModel
    public let policy: Policy
    public let metrics: Metrics
    public let clock: Clock
    /// The 推荐清单 rules: the five criteria's checks, publicity, the decision clock (versioned, by effective day).
    public let screeningRules: ScreeningRules
    /// The 守信激励名单 rules: criteria, publicity, validity (versioned, by effective day).
    public let redListRules: RedListRules
    /// The blacklist procedure's rules (cure period, objection window, disclosure limit …, versioned) and the
    /// published measures catalogue: no measure is applied before it is published.
    public let listRules: ListRules
    public let measures: MeasuresCatalogue
    /// The post-loan warning rules: signal thresholds, points, levels, answer deadlines (versioned, by effective day).
    public let warningRules: WarningRules
    /// The risk compensation fund schemes (versioned, by effective day); the funds the platform runs are opened from them.
    public let fundSchemes: FundSchemes
    /// The institutions' monthly report template and the two-way evaluation's points schemes (versioned, by effective day).
    public let reportTemplates: ReportTemplates
    public let pointsSchemes: PointsSchemes
    /// The marketplace's limits by firm size: demands, the quota cap (versioned, by effective day).
    public let marketRules: MarketRules

    public init(catalog: Catalog, evaluationModel: EvaluationModel, policy: Policy, metrics: Metrics, clock: Clock = .system,
                screeningRules: ScreeningRules? = nil, redListRules: RedListRules? = nil, listRules: ListRules? = nil,
                measures: MeasuresCatalogue? = nil, warningRules: WarningRules? = nil, fundSchemes: FundSchemes? = nil,
                reportTemplates: ReportTemplates? = nil, pointsSchemes: PointsSchemes? = nil, marketRules: MarketRules? = nil) {
        self.catalog = catalog; self.evaluationModel = evaluationModel; self.policy = policy; self.metrics = metrics
        self.clock = clock
        // The shipped rules unless others are given; a package without them screens nobody (and says so).
        self.screeningRules = screeningRules ?? (try? ScreeningRules.bundled()) ?? ScreeningRules(name: "", source: "", versions: [])
        self.redListRules = redListRules ?? (try? RedListRules.bundled()) ?? RedListRules(name: "", source: "", versions: [])
        self.listRules = listRules ?? (try? ListRules.bundled()) ?? ListRules(name: "", source: "", versions: [])
        self.measures = measures ?? (try? MeasuresCatalogue.bundled()) ?? MeasuresCatalogue(name: "", source: "", measures: [])
        self.warningRules = warningRules ?? (try? WarningRules.bundled()) ?? WarningRules(name: "", source: "", versions: [])
        self.fundSchemes = fundSchemes ?? (try? FundSchemes.bundled()) ?? FundSchemes(name: "", source: "", schemes: [])
        self.reportTemplates = reportTemplates ?? (try? ReportTemplates.bundled()) ?? .none
        self.pointsSchemes = pointsSchemes ?? (try? PointsSchemes.bundled()) ?? .none
        self.marketRules = marketRules ?? (try? MarketRules.bundled())
            ?? MarketRules(name: "", source: "", versions: [MarketRules.firstShipped])
    }

    /// The same platform on another clock (tests that move time).
    public func on(_ clock: Clock) -> Platform {
        Platform(catalog: catalog, evaluationModel: evaluationModel, policy: policy, metrics: metrics, clock: clock,
                 screeningRules: screeningRules, redListRules: redListRules, listRules: listRules, measures: measures,
                 warningRules: warningRules, fundSchemes: fundSchemes, reportTemplates: reportTemplates, pointsSchemes: pointsSchemes,
                 marketRules: marketRules)
    }

    /// The grade scale of the evaluation model, best first.
    public var grades: GradeScale { GradeScale(evaluationModel.grades.map(\.grade)) }

    /// The city's limits for products: the rate cap and the grades products may require.
    public var productPolicy: ProductPolicy {
        ProductPolicy(rateCapBasisPoints: ProductPolicy.capped(referenceBasisPoints: policy.rateReferenceBasisPoints,
                                                               markupPercent: policy.rateMarkupPercent),
                      grades: grades)
    }
}
