import Foundation
@testable import Domain

/// Shared values for the fund tests: the shipped schemes, and a firm, an institution and a loan that pass the
/// Lingyuan rules, to be changed one field at a time.
enum FundFixtures {
    static func day(_ text: String) -> Day {
        guard let day = Day(iso: text) else { fatalError("bad test date \(text)") }
        return day
    }

    static func schemes() throws -> FundSchemes { try FundSchemes.bundled() }

    static func scheme(_ code: String) throws -> FundScheme {
        guard let scheme = try schemes().scheme(code) else { throw DomainError.notFound(code) }
        return scheme
    }

    /// A version of a shipped scheme in force on `day`.
    static func version(_ code: String, on text: String) throws -> FundScheme.Version {
        try scheme(code).required(on: day(text))
    }

    static func lingyuan() throws -> FundScheme.Version { try version("lingyuan-2020", on: "2024-06-01") }
    static func guangxi() throws -> FundScheme.Version { try version("guangxi-4321", on: "2024-06-01") }
    static func guangzhou() throws -> FundScheme.Version { try version("guangzhou-2025", on: "2026-01-05") }

    static let disbursed = day("2024-03-15")

    static func firm(district: String = "211382", size: FirmSizeClass = .small, recommendation: RecommendationStatus? = .listed,
                     dishonest: Bool = false, industry: String = "C13", keySupport: Bool = false) -> FundFirmFacts {
        FundFirmFacts(firm: FirmFacts(uscc: "91211382MA0000001X", name: "凌源测试制造有限公司", grade: "A", score: 700,
                                      industryCode: industry, districtCode: district, established: day("2015-01-01"),
                                      isDishonest: dishonest),
                      sizeClass: size, recommendation: recommendation, keySupportList: keySupport)
    }

    static func institution(paused: Bool = false, claimsPaused: Bool = false, active: Bool = true,
                            agreementFrom: Day? = day("2021-01-01")) -> FundInstitutionFacts {
        FundInstitutionFacts(institutionId: "bank-cy", name: "朝阳银行凌源分行", agreementFrom: agreementFrom, active: active,
                             registrationsPaused: paused, claimsPaused: claimsPaused)
    }

    static func loan(amount: Cents = Cents(yuan: 1_000_000), rate: Int = 500, matures: String = "2026-03-15",
                     product: ProductType = .pureCredit, firstLoan: Bool = true, purpose: String = "购买原材料",
                     throughPlatform: Bool = true, exception: Bool = false, id: String = "L1") -> FundLoanFacts {
        FundLoanFacts(loanId: id, institutionId: "bank-cy", firmUSCC: "91211382MA0000001X", amount: amount,
                      rate: AnnualRate(basisPoints: rate), disbursedOn: disbursed, maturesOn: day(matures), productType: product,
                      firstLoan: firstLoan, purpose: purpose, throughPlatform: throughPlatform, termExceptionApproved: exception)
    }

    /// A coverage for claim tests, without going through registration.
    static func coverage(amount: Cents, features: [FundLoanFeature] = [.firstLoan, .pureCredit], loan: String = "L1",
                         institution: String = "bank-cy", firm: String = "F1", scheme: String = "lingyuan-2020") -> FundCoverage {
        FundCoverage(schemeCode: scheme, version: 2, loanId: loan, institutionId: institution, firmUSCC: firm, amount: amount,
                     disbursedOn: disbursed, maturesOn: day("2026-03-15"), registeredOn: disbursed, features: FundLoanFeatures(features))
    }

    /// `¥1,234.56` as cents, for readable literals.
    static func yuan(_ text: String) -> Cents {
        let parts = text.split(separator: ".")
        let whole = Int64(parts[0].replacingOccurrences(of: ",", with: "")) ?? 0
        let fen = parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
        return Cents(whole * 100 + fen)
    }

    /// The reason the shipped file is refused for after `edit` changed its first scheme's first version, or nil.
    static func refusal(_ edit: (inout FundScheme.Version) -> Void) throws -> String? {
        try refusal(scheme: { edit(&$0.versions[0]) })
    }

    static func refusal(scheme edit: (inout FundScheme) -> Void) throws -> String? {
        var file = try schemes()
        edit(&file.schemes[0])
        do { _ = try FundSchemes.decode(JSONEncoder().encode(file)); return nil } catch let error as DomainError {
            guard case .invalidCatalog(let entry, let reason) = error, entry == "fund-schemes.json" else { return "wrong error \(error)" }
            return reason
        }
    }
}
