/// A covered loan in the simulator's book.
public struct FundSimulationLoan: Sendable, Equatable {
    public var amount: Cents
    /// Index of the lending institution (0…), for the per-institution caps.
    public var institution: Int
    /// Index of the borrowing firm (0…), for the per-firm caps.
    public var firm: Int
    public var termMonths: Int
    public var loanClass: LoanClass
    /// The public credit evaluation's grade (`GradeScale`); "" when not evaluated.
    public var grade: String
    /// A yearly probability of default from a scorecard; nil: from the table by class and grade.
    public var probabilityOfDefault: Double?
    public var features: FundLoanFeatures
    /// Its rate, for the institutions' contributions from interest income.
    public var rate: AnnualRate

    public init(amount: Cents, institution: Int, firm: Int, termMonths: Int, loanClass: LoanClass = .normal, grade: String = "",
                probabilityOfDefault: Double? = nil, features: FundLoanFeatures = [], rate: AnnualRate = .benchmark) {
        self.amount = amount; self.institution = institution; self.firm = firm; self.termMonths = termMonths
        self.loanClass = loanClass; self.grade = grade; self.probabilityOfDefault = probabilityOfDefault
        self.features = features; self.rate = rate
    }

    /// The years (1…) the loan is at risk: its term rounded up to whole years.
    public var yearsAtRisk: Int { max(1, (termMonths + 11) / 12) }
}

/// Yearly probabilities of default by five-tier class, scaled by the evaluation grade. The defaults are the
/// platform's assumptions (UNCONFIRMED), to be replaced by a city's own history or a scorecard's probabilities.
public struct FundDefaultTable: Sendable, Equatable, Codable {
    public var byClass: [LoanClass: Double]
    /// Multiplier of each grade; a grade not listed (or "") uses 1.
    public var gradeMultipliers: [String: Double]

    public init(byClass: [LoanClass: Double], gradeMultipliers: [String: Double]) {
        self.byClass = byClass; self.gradeMultipliers = gradeMultipliers
    }

    public static let standard = FundDefaultTable(
        byClass: [.normal: 0.02, .specialMention: 0.10, .substandard: 0.35, .doubtful: 0.65, .loss: 0.95],
        gradeMultipliers: ["A+": 0.4, "A": 0.6, "B": 0.8, "C": 1.0, "C-": 1.3, "D": 1.8, "D-": 2.5])

    /// The yearly probability of default of a loan, within 0…1.
    public func probability(of loan: FundSimulationLoan) -> Double {
        let p = loan.probabilityOfDefault ?? ((byClass[loan.loanClass] ?? 0) * (gradeMultipliers[loan.grade] ?? 1))
        return p.isNaN ? 0 : min(1, max(0, p))
    }
}

/// How a simulation is run.
public struct FundSimulationSettings: Sendable, Equatable {
    public var paths: Int
    public var years: Int
    public var seed: UInt64
    public var startingBalance: Cents
    /// Each year's fiscal injection (year 1 first); the last one repeats for later years; empty: none.
    public var yearlyInjections: [Cents]
    /// Add the institutions' contributions (the scheme's share of the year's interest on the loans still performing).
    public var includeContributions: Bool
    /// Add the year's interest on the opening balance at the scheme's deposit rate.
    public var includeInterest: Bool
    /// The share of a defaulted loan's principal recovered later, net of costs, in basis points.
    public var recoveryBasisPoints: Int
    /// Years from the payment of a claim to its recovery (recoveries beyond the horizon are not counted).
    public var recoveryLagYears: Int
    /// Years from a default to the payment of its claim (0: the same year; 1 for a 损失 trigger a year later).
    public var claimLagYears: Int
    public var defaults: FundDefaultTable
    /// The percentile (lower tail, e.g. 5) whose balance is watched for the year the fund runs dry.
    public var dryPercentile: Int
    /// Concurrent tasks; nil: one per active core. The results do not depend on it.
    public var concurrency: Int?

    public init(paths: Int, years: Int, seed: UInt64, startingBalance: Cents, yearlyInjections: [Cents] = [],
                includeContributions: Bool = true, includeInterest: Bool = true, recoveryBasisPoints: Int = 0,
                recoveryLagYears: Int = 1, claimLagYears: Int = 0, defaults: FundDefaultTable = .standard,
                dryPercentile: Int = 5, concurrency: Int? = nil) {
        self.paths = paths; self.years = years; self.seed = seed; self.startingBalance = startingBalance
        self.yearlyInjections = yearlyInjections; self.includeContributions = includeContributions
        self.includeInterest = includeInterest; self.recoveryBasisPoints = recoveryBasisPoints
        self.recoveryLagYears = recoveryLagYears; self.claimLagYears = claimLagYears; self.defaults = defaults
        self.dryPercentile = dryPercentile; self.concurrency = concurrency
    }

    public func injection(inYear year: Int) -> Cents {
        guard let last = yearlyInjections.last else { return .zero }
        return year - 1 < yearlyInjections.count ? yearlyInjections[year - 1] : last
    }

    func validate() throws(DomainError) {
        guard (1...1_000_000).contains(paths) else { throw .invalidInput(field: "paths", reason: "模拟路径数须在 1 到 1000000 之间") }
        guard (1...30).contains(years) else { throw .invalidInput(field: "years", reason: "模拟年数须在 1 到 30 之间") }
        guard (0...FundArithmetic.whole).contains(recoveryBasisPoints) else {
            throw .invalidInput(field: "recoveryBasisPoints", reason: "回收率须在 0 到 10000 个基点之间")
        }
        guard recoveryLagYears >= 0, claimLagYears >= 0 else { throw .invalidInput(field: "lag", reason: "滞后年数不能为负数") }
        guard (1...99).contains(dryPercentile) else { throw .invalidInput(field: "dryPercentile", reason: "分位数须在 1 到 99 之间") }
        guard yearlyInjections.allSatisfy({ $0.value >= 0 }) else { throw .invalidInput(field: "yearlyInjections", reason: "年度注资不能为负数") }
    }
}
