import Domain
import Foundation
import Persistence

/// The fund simulator on the platform's own book: the covered loans still outstanding, with their five-tier class
/// and the firm's evaluation grade, projected under the scheme's rules by the same claim engine that decides claims.
public enum FundSimulation {
    public struct Request: Sendable {
        public var scheme: String
        /// Another scheme's version to compare with (a template code of `fund-schemes.json` or a running fund's code).
        public var compareWith: String?
        public var paths: Int
        public var years: Int
        public var seed: UInt64
        /// Yearly fiscal injection; nil: none.
        public var yearlyInjection: Cents?
        public var recoveryBasisPoints: Int
        /// A changed rule of the fund's own version, simulated beside it on the same draws: a flat share, a per-loan cap,
        /// a per-institution cap (nil: unchanged).
        public var variantShareBasisPoints: Int?
        public var variantPerLoanCap: Cents?
        public var variantPerInstitutionCap: Cents?
        public init(scheme: String, compareWith: String? = nil, paths: Int = 2_000, years: Int = 3, seed: UInt64 = 2026,
                    yearlyInjection: Cents? = nil, recoveryBasisPoints: Int = 2_000, variantShareBasisPoints: Int? = nil,
                    variantPerLoanCap: Cents? = nil, variantPerInstitutionCap: Cents? = nil) {
            self.scheme = scheme; self.compareWith = compareWith; self.paths = paths; self.years = years; self.seed = seed
            self.yearlyInjection = yearlyInjection; self.recoveryBasisPoints = recoveryBasisPoints
            self.variantShareBasisPoints = variantShareBasisPoints; self.variantPerLoanCap = variantPerLoanCap
            self.variantPerInstitutionCap = variantPerInstitutionCap
        }

        /// The fund's version with the changed rules, and its label; nil when nothing is changed.
        func variant(of version: FundScheme.Version) throws -> (String, FundScheme.Version)? {
            guard variantShareBasisPoints != nil || variantPerLoanCap != nil || variantPerInstitutionCap != nil else { return nil }
            var v = version, changes: [String] = []
            if let bp = variantShareBasisPoints {
                guard version.share.kind == .flat else {
                    throw DomainError.invalidInput(field: "variantShare", reason: "该基金不是固定比例补偿，调整比例请选择对比方案")
                }
                guard (1...10_000).contains(bp) else { throw DomainError.invalidInput(field: "variantShare", reason: "补偿比例须在 0.01% 到 100% 之间") }
                v.share.basisPoints = bp
                changes.append("补偿比例 \(bp / 100).\(String(format: "%02d", bp % 100))%")
            }
            if let cap = variantPerLoanCap {
                guard cap.isPositive else { throw DomainError.invalidInput(field: "variantPerLoanCap", reason: "单笔上限须大于零") }
                v.caps.perLoan = cap
                changes.append("单笔上限\(cap.yuanText)")
            }
            if let cap = variantPerInstitutionCap {
                guard cap.isPositive else { throw DomainError.invalidInput(field: "variantPerInstitutionCap", reason: "机构累计上限须大于零") }
                v.caps.perInstitution = cap
                changes.append("每家机构累计上限\(cap.yuanText)")
            }
            return ("调整后（\(changes.joined(separator: "，"))）", v)
        }
    }

    public struct Outcome: Sendable {
        public var loans: Int
        public var startingBalance: Cents
        public var results: [(label: String, result: FundSimulationResult)]
        public var lines: [String]
    }

    public static func run(_ context: ServiceContext, _ principal: Principal, _ request: Request) async throws -> Outcome {
        try FundBooks.requireFundSide(principal)
        let programme = try await FundProgrammes.programme(context, request.scheme)
        let today = context.clock.today
        let version = try programme.scheme.required(on: today)
        var versions = [(programme.name, version)]
        if let variant = try request.variant(of: version) { versions.append(variant) }
        if let other = request.compareWith, !other.isEmpty {
            let scheme = try await context.fundStore.programmes().first { $0.schemeCode == other }?.scheme
                ?? context.platform.fundSchemes.scheme(other)
            guard let scheme else { throw DomainError.invalidInput(field: "compareWith", reason: "没有名为“\(other)”的基金或方案模板") }
            versions.append((scheme.name, try scheme.required(on: today)))
        }
        let loans = try await book(context, scheme: programme.schemeCode)
        let cash = try await context.fundJournal.ledger(scheme: programme.schemeCode).cash()
        let settings = FundSimulationSettings(paths: request.paths, years: request.years, seed: request.seed, startingBalance: cash,
                                              yearlyInjections: request.yearlyInjection.map { [$0] } ?? [],
                                              recoveryBasisPoints: request.recoveryBasisPoints)
        let simulator = try FundSimulator(loans: loans, settings: settings)
        let results = await simulator.run(versions.map(\.1))
        var lines = ["在保贷款 \(loans.count) 笔，起始余额\(cash.yuanText)，\(request.paths) 条路径 × \(request.years) 年"]
        for (label, result) in zip(versions.map(\.0), results) { lines.append("【\(label)】"); lines += result.lines }
        return Outcome(loans: loans.count, startingBalance: cash, results: Array(zip(versions.map(\.0), results)), lines: lines)
    }

    /// The covered loans still outstanding, as the simulator takes them.
    public static func book(_ context: ServiceContext, scheme: String) async throws -> [FundSimulationLoan] {
        let covered = try await context.fundStore.coveredBook(scheme: scheme)
        let loans = try await FundBooks.loanPositions(context, ids: covered.map(\.loanId))
        var institutions: [String: Int] = [:], firms: [String: Int] = [:]
        var out: [FundSimulationLoan] = []
        for r in covered {
            guard let coverage = r.coverage, let loan = loans[r.loanId], !loan.settled, loan.outstanding.isPositive else { continue }
            let institution = institutions[r.institutionId] ?? institutions.count
            institutions[r.institutionId] = institution
            let firm = firms[r.firmUSCC] ?? firms.count
            firms[r.firmUSCC] = firm
            let grade = try await context.evaluationStore.current(r.firmUSCC)?.grade ?? ""
            out.append(FundSimulationLoan(amount: loan.outstanding, institution: institution, firm: firm,
                                          termMonths: loan.termMonths, loanClass: loan.classification, grade: grade,
                                          features: coverage.features, rate: loan.rate))
        }
        return out
    }
}
