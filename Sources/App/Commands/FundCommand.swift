import Domain
import Foundation
import Persistence
import Services
import Vapor

/// `xyd fund list` and `xyd fund simulate --scheme CODE [--compare CODE] …`: the funds the platform runs, and the
/// simulator on a fund's covered book (the same engine as the finance bureau's page), from the command line.
struct FundCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "list 或 simulate") var action: String
        @Option(name: "scheme", help: "simulate：基金代码") var scheme: String?
        @Option(name: "compare", help: "simulate：对比的方案模板或基金代码") var compare: String?
        @Option(name: "paths", help: "simulate：路径数（默认 10000）") var paths: Int?
        @Option(name: "years", help: "simulate：年数（默认 3）") var years: Int?
        @Option(name: "injection", help: "simulate：每年财政注资（元）") var injection: Int64?
        @Option(name: "recovery", help: "simulate：违约后追回比例（%，默认 20）") var recovery: Int?
        @Option(name: "seed", help: "simulate：随机种子（默认 2026）") var seed: UInt64?
        @Option(name: "share", help: "simulate：对比调整后的补偿比例（基点，如 4000 即 40%，仅固定比例基金）") var share: Int?
        @Option(name: "loan-cap", help: "simulate：对比调整后的单笔补偿上限（元）") var loanCap: Int64?
        @Option(name: "institution-cap", help: "simulate：对比调整后的每家机构累计上限（元）") var institutionCap: Int64?
        init() {}
    }

    var help: String { "风险补偿基金：list 列出在运行的基金，simulate 模拟基金余额" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let services = app.services
        let operatorPrincipal = Principal(name: "cli", displayName: "命令行", role: .creditCenter, department: nil)
        switch signature.action {
        case "list":
            let programmes = try await FundProgrammes.programmes(services)
            if programmes.isEmpty { context.console.print("尚未开设风险补偿基金") }
            for p in programmes {
                let ledger = try await services.fundJournal.ledger(scheme: p.schemeCode)
                let covered = try await services.fundStore.coveredBook(scheme: p.schemeCode)
                context.console.print("\(p.schemeCode)  \(p.name)（\(p.scheme.mode.label)，开设于 \(p.openedOn)）  专户余额\(ledger.cash().yuanText)  在保贷款 \(covered.count) 笔")
            }
        case "simulate":
            guard let scheme = signature.scheme, !scheme.isEmpty else {
                throw DomainError.invalidInput(field: "scheme", reason: "请用 --scheme 指定基金代码（xyd fund list 可查看）")
            }
            let paths = signature.paths ?? 10_000, years = signature.years ?? 3, recovery = signature.recovery ?? 20
            guard (1...1_000_000).contains(paths) else { throw DomainError.invalidInput(field: "paths", reason: "路径数须在 1 到 1000000 之间") }
            guard (1...30).contains(years) else { throw DomainError.invalidInput(field: "years", reason: "年数须在 1 到 30 之间") }
            guard (0...100).contains(recovery) else { throw DomainError.invalidInput(field: "recovery", reason: "追回比例须在 0 到 100 之间") }
            if let injection = signature.injection, injection < 0 {
                throw DomainError.invalidInput(field: "injection", reason: "注资不能为负数")
            }
            let started = Date()
            let outcome = try await FundSimulation.run(services, operatorPrincipal, .init(
                scheme: scheme, compareWith: signature.compare, paths: paths, years: years, seed: signature.seed ?? 2026,
                yearlyInjection: signature.injection.map { Cents(yuan: $0) }, recoveryBasisPoints: recovery * 100,
                variantShareBasisPoints: signature.share, variantPerLoanCap: signature.loanCap.map { Cents(yuan: $0) },
                variantPerInstitutionCap: signature.institutionCap.map { Cents(yuan: $0) }))
            for line in outcome.lines { context.console.print(line) }
            context.console.print(String(format: "用时 %.2f 秒", Date().timeIntervalSince(started)))
        default:
            throw DomainError.invalidInput(field: "action", reason: "应为 list 或 simulate")
        }
    }
}
