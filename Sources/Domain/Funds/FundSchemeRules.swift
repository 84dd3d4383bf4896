/// The parts of a fund scheme version: funding, and who and what may be covered.
extension FundScheme {
    /// Where the fund's money comes from (seed 001 第七条).
    public struct Funding: Sendable, Equatable, Codable {
        /// 首期: the capital the treasury puts in at the start.
        public var initialCapital: Cents
        /// The yearly injection as a share of the local financial sector's tax revenue (20 % in seed 001 附件2).
        public var taxRevenueShareBasisPoints: Int
        /// Institutions pay this share of their 信易贷 interest income each year (5 % in seed 001).
        public var interestIncomeContributionBasisPoints: Int
        /// What the fund's cash earns a year (interest adds to the fund).
        public var depositRateBasisPoints: Int
        /// A fixed yearly budget from the treasury instead of (or besides) the tax share; nil when none.
        public var yearlyBudget: Cents?

        public init(initialCapital: Cents, taxRevenueShareBasisPoints: Int = 0, interestIncomeContributionBasisPoints: Int = 0,
                    depositRateBasisPoints: Int = 0, yearlyBudget: Cents? = nil) {
            self.initialCapital = initialCapital; self.taxRevenueShareBasisPoints = taxRevenueShareBasisPoints
            self.interestIncomeContributionBasisPoints = interestIncomeContributionBasisPoints
            self.depositRateBasisPoints = depositRateBasisPoints; self.yearlyBudget = yearlyBudget
        }

        /// The injection due from a year's financial-sector tax revenue.
        public func injection(fromTaxRevenue revenue: Cents) -> Cents {
            FundArithmetic.share(of: revenue, basisPoints: taxRevenueShareBasisPoints)
        }

        /// An institution's contribution from its year's 信易贷 interest income.
        public func contribution(fromInterestIncome income: Cents) -> Cents {
            FundArithmetic.share(of: income, basisPoints: interestIncomeContributionBasisPoints)
        }

        /// A year's interest on a balance (nothing on a negative balance).
        public func interest(onBalance balance: Cents) -> Cents {
            balance.value > 0 ? FundArithmetic.share(of: balance, basisPoints: depositRateBasisPoints) : .zero
        }
    }

    /// Which firms' loans may be covered.
    public struct FirmRules: Sendable, Equatable, Codable {
        /// The firm must be on the 推荐清单 (listed or pushed) when the loan is registered (seed 001 第八条).
        public var recommendedListRequired: Bool
        /// Size classes admitted (工信部联企业〔2011〕300号); empty admits any.
        public var sizeClasses: [FirmSizeClass]
        /// The firm's registered district code must start with one of these (依法注册登记 in the region); empty: any.
        public var localDistrictPrefixes: [String]
        /// Not on a dishonesty (失信) list.
        public var excludeDishonest: Bool
        /// GB/T 4754 industry codes (or their prefixes, e.g. `K` 房地产业, `J` 金融业) not admitted.
        public var excludedIndustryPrefixes: [String]
        /// Whole months in business at registration; nil: no minimum.
        public var minimumMonthsInBusiness: Int?

        public init(recommendedListRequired: Bool, sizeClasses: [FirmSizeClass], localDistrictPrefixes: [String],
                    excludeDishonest: Bool, excludedIndustryPrefixes: [String] = [], minimumMonthsInBusiness: Int? = nil) {
            self.recommendedListRequired = recommendedListRequired; self.sizeClasses = sizeClasses
            self.localDistrictPrefixes = localDistrictPrefixes; self.excludeDishonest = excludeDishonest
            self.excludedIndustryPrefixes = excludedIndustryPrefixes; self.minimumMonthsInBusiness = minimumMonthsInBusiness
        }
    }

    /// Which loans may be covered (seed 001 第十一条).
    public struct LoanRules: Sendable, Equatable, Codable {
        /// Product types admitted (`ProductType` raw values); empty admits any.
        public var productTypes: [ProductType]
        /// Only a firm's first loan (首贷).
        public var firstLoanOnly: Bool
        /// The reference rate the cap is built on (the benchmark, or the LPR), when the loan does not bring its own.
        public var referenceRate: AnnualRate?
        /// The rate may exceed the reference rate by at most this percentage of it (30 → ≤ reference × 1.3);
        /// nil: no rate ceiling.
        public var rateMarkupPercent: Int?
        /// The term in principle (原则上), in months.
        public var termLimitMonths: Int
        /// The term never exceeded, in months; at most 36 (3 years).
        public var absoluteTermLimitMonths: Int
        /// Whether a loan between the two limits may be covered with a documented exception.
        public var termExceptionAllowed: Bool
        /// A loan purpose containing one of these is not covered (e.g. 房地产开发).
        public var excludedPurposes: [String]
        /// Only loans issued through the platform (通过全国中小企业融资综合信用服务平台发放).
        public var throughPlatformOnly: Bool
        /// The largest loan covered; nil: no limit.
        public var maxAmount: Cents?
        /// The loan must be registered within this many calendar days of disbursement; nil: no limit.
        public var registrationWithinDays: Int?
        /// A loan already covered by another compensation or guarantee policy is not covered (no double dipping).
        public var excludeOtherCompensation: Bool

        public init(productTypes: [ProductType], firstLoanOnly: Bool, referenceRate: AnnualRate? = nil,
                    rateMarkupPercent: Int? = nil, termLimitMonths: Int, absoluteTermLimitMonths: Int,
                    termExceptionAllowed: Bool = false, excludedPurposes: [String] = [], throughPlatformOnly: Bool,
                    maxAmount: Cents? = nil, registrationWithinDays: Int? = nil, excludeOtherCompensation: Bool = false) {
            self.productTypes = productTypes; self.firstLoanOnly = firstLoanOnly; self.referenceRate = referenceRate
            self.rateMarkupPercent = rateMarkupPercent; self.termLimitMonths = termLimitMonths
            self.absoluteTermLimitMonths = absoluteTermLimitMonths; self.termExceptionAllowed = termExceptionAllowed
            self.excludedPurposes = excludedPurposes; self.throughPlatformOnly = throughPlatformOnly
            self.maxAmount = maxAmount; self.registrationWithinDays = registrationWithinDays
            self.excludeOtherCompensation = excludeOtherCompensation
        }

        /// The highest rate covered for a loan whose reference rate is `reference` (rounded half up to a basis
        /// point: 4.35 % + 30 % is 5.66 %); nil when there is no ceiling.
        public func rateCeiling(reference: AnnualRate?) -> AnnualRate? {
            guard let markup = rateMarkupPercent, let base = reference ?? referenceRate else { return nil }
            return base.raised(byPercent: markup)
        }

        /// The absolute legal ceiling of any scheme's term: 3 years.
        public static let maximumTermMonths = 36
    }

    /// Which institutions may register loans and claim.
    public struct InstitutionRules: Sendable, Equatable, Codable {
        /// A signed cooperation agreement (合作协议) in force.
        public var agreementRequired: Bool
        /// The institution's account is active on the platform.
        public var activeRequired: Bool

        public init(agreementRequired: Bool, activeRequired: Bool) {
            self.agreementRequired = agreementRequired; self.activeRequired = activeRequired
        }
    }
}

/// Enterprise size class under 工信部联企业〔2011〕300号, and 个体工商户.
public enum FirmSizeClass: String, Sendable, Equatable, Codable, CaseIterable {
    case large, medium, small, micro, individual

    public var label: String {
        switch self {
        case .large: "大型企业"
        case .medium: "中型企业"
        case .small: "小型企业"
        case .micro: "微型企业"
        case .individual: "个体工商户"
        }
    }
}
