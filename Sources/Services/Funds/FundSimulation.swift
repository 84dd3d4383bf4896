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
        public init(scheme: String, compareWith: String? = nil, paths: Int = 2_000, years: Int = 3, seed: UInt64 = 2026,
                    yearlyInjection: Cents? = nil, recoveryBasisPoints: Int = 2_000) {
            self.scheme = scheme; self.compareWith = compareWith; self.paths = paths; self.years = years; self.seed = seed
            self.yearlyInjection = yearlyInjection; self.recoveryBasisPoints = recoveryBasisPoints
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
                                          termMonths: loan.ledger.schedule.termMonths, loanClass: loan.classification, grade: grade,
                                          features: coverage.features, rate: loan.ledger.schedule.rate))
        }
        return out
    }
}
