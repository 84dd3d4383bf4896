import App
import Domain
import Foundation
import Vapor

/// `xyd bench fund`: the fund simulator on a generated covered book (50,000 loans by default) for 10,000 Monte-Carlo
/// paths over 3 years under each shipped scheme (flat, tiered with bonuses, a 4:3:2:1 split), two schemes compared on the
/// same draws, and — on fixed paths — every simulated claim recomputed by the claim engine (`ClaimComputation`, the code
/// that decides real claims) with the caps used so far on the path, which must agree to the cent.
struct FundBench {
    let app: Application
    let loans: Int
    let paths: Int
    let years: Int

    func say(_ text: String) { app.console.print(text) }

    /// A covered book like a city's: amounts from ¥50,000 to ¥3 M, 12–36 months, mostly 正常 with some 关注 and 次级,
    /// grades A–D, a sixth of the loans to firms with two loans, twelve institutions.
    static func book(_ count: Int, seed: UInt64 = 2026) -> [FundSimulationLoan] {
        var random = FundRandom(seed: seed)
        let classes: [LoanClass] = Array(repeating: .normal, count: 8) + [.specialMention, .substandard]
        return (0..<count).map { i in
            FundSimulationLoan(amount: Cents(yuan: Int64(50_000 + random.below(2_950_000))), institution: i % 12, firm: i - i / 6,
                               termMonths: [12, 24, 36][random.below(3)], loanClass: classes[random.below(classes.count)],
                               grade: ["A", "A", "B", "B", "B", "C", "D"][random.below(7)],
                               features: FundLoanFeatures(i % 4 == 0 ? [.firstLoan, .pureCredit] : [.pureCredit]),
                               rate: AnnualRate(basisPoints: 380 + random.below(180)))
        }
    }

    func run() async throws {
        let schemes = try FundSchemes.bundled()
        let today = Day.today()
        let versions: [(String, FundScheme.Version)] = ["lingyuan-2020", "guangzhou-2025", "guangxi-4321"].compactMap { code in
            guard let scheme = schemes.scheme(code), let version = scheme.version(on: today) ?? scheme.versions.last else { return nil }
            return (scheme.name, version)
        }
        let book = Self.book(loans)
        let total = book.reduce(Cents.zero) { $0 + $1.amount }
        say("在保贷款 \(loans) 笔，合计\(total.wanYuanText)；\(paths) 条路径 × \(years) 年；\(ProcessInfo.processInfo.activeProcessorCount) 核")
        let settings = FundSimulationSettings(paths: paths, years: years, seed: 20_261_206, startingBalance: Cents(yuan: 200_000_000),
                                              yearlyInjections: [Cents(yuan: 20_000_000)], recoveryBasisPoints: 2_000, recoveryLagYears: 1)
        let simulator = try FundSimulator(loans: book, settings: settings)
        for (name, version) in versions {
            let started = Date(), cpu = Self.cpuSeconds()
            let result = await simulator.run(version)
            let wall = Date().timeIntervalSince(started)
            say(String(format: "%@（%@）：%.2f 秒（CPU %.2f 秒），平均违约 %.0f 笔/路径，耗尽概率 %.1f%%，第 %d 年末余额 P5 %@ / P50 %@",
                       name, version.share.kind.rawValue, wall, Self.cpuSeconds() - cpu, result.meanDefaults,
                       result.probabilityOfRunningDry * 100, years, result.years.last?.balance.p5.wanYuanText ?? "—",
                       result.years.last?.balance.p50.wanYuanText ?? "—"))
        }
        if versions.count >= 2 {
            let started = Date()
            let comparison = await simulator.compare(versions[0].1, versions[1].1)
            say(String(format: "方案对比（%@ 对 %@，同一组抽样）：%.2f 秒", versions[0].0, versions[1].0, Date().timeIntervalSince(started)))
            for line in comparison.lines { say("  " + line) }
        }
        // The simulator and the claim engine on fixed paths, claim by claim.
        var checked = 0, mismatched = 0
        for path in [0, 1, 2] {
            for (trace, (_, version)) in zip(simulator.trace(path: path, versions: versions.map(\.1)), versions) {
                var firmPaid: [Int: Cents] = [:], institutionPaid: [Int: Cents] = [:]
                var institutionYear: [Int: Cents] = [:], yearPaid = Cents.zero, year = 0
                for claim in trace.claims {
                    if claim.year != year { year = claim.year; institutionYear = [:]; yearPaid = .zero }
                    let loan = book[claim.loan]
                    let coverage = FundCoverage(schemeCode: "bench", version: version.version, loanId: String(claim.loan),
                                                institutionId: String(loan.institution), firmUSCC: String(loan.firm), amount: loan.amount,
                                                disbursedOn: today, maturesOn: today, registeredOn: today, features: loan.features)
                    let usage = FundUsage(firm: firmPaid[loan.firm] ?? .zero, institutionYear: institutionYear[loan.institution] ?? .zero,
                                          institution: institutionPaid[loan.institution] ?? .zero, year: yearPaid)
                    let c = ClaimComputation.compute(version: version, coverage: coverage, principalLoss: loan.amount, usage: usage)
                    checked += 1
                    if c.compensation != claim.compensation || c.fundShare != claim.fundShare { mismatched += 1 }
                    firmPaid[loan.firm] = (firmPaid[loan.firm] ?? .zero) + c.compensation
                    institutionPaid[loan.institution] = (institutionPaid[loan.institution] ?? .zero) + c.compensation
                    institutionYear[loan.institution] = (institutionYear[loan.institution] ?? .zero) + c.compensation
                    yearPaid = yearPaid + c.compensation
                }
            }
        }
        say("固定路径（0、1、2）逐笔复算：\(checked) 笔补偿，与补偿计算不一致 \(mismatched) 笔")
        say(String(format: "进程峰值内存（VmHWM）：%.0f MB", Double(peakMemoryKB()) / 1024))
        if mismatched > 0 { throw DomainError.conflict("模拟器与补偿计算有 \(mismatched) 笔不一致") }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
