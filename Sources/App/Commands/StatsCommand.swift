import Domain
import Foundation
import Persistence
import Services
import Vapor

/// `xyd stats refresh|rebuild|verify|close MONTH|show [MONTH]`: the statistics from the command line — the same use
/// cases as the pages and the job.
struct StatsCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "refresh、rebuild、verify、close 或 show") var action: String
        @Option(name: "month", help: "close、show：月份 YYYY-MM（show 默认上月）") var month: String?
        init() {}
    }

    var help: String { "统计分析：refresh 增量更新，rebuild 全量重算，verify 核对增量与全量，close 结账，show 查看一个月的主要指标" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let services = app.services
        let refresh = StatRefresh(database: services.database, platform: services.platform)
        let office = Principal(name: "cli", displayName: "命令行", role: .creditCenter, department: nil)
        let started = Date()
        func elapsed() -> String { String(format: "%.2f 秒", Date().timeIntervalSince(started)) }
        func month() throws -> StatMonth {
            guard let text = signature.month else { return StatMonth(Day(services.clock.now())).adding(months: -1) }
            guard let m = StatMonth(text: text) else { throw DomainError.invalidInput(field: "month", reason: "月份应为 YYYY-MM，如 2026-03") }
            return m
        }
        switch signature.action {
        case "refresh", "rebuild":
            let s = signature.action == "refresh" ? try await refresh.refresh() : try await refresh.rebuild()
            context.console.print("\(s.rebuilt ? "全量重算" : "增量更新")：读取 \(s.entitiesRead) 个对象，\(s.entitiesChanged) 个有变化，涉及 \(s.cellsTouched) 个统计单元（\(elapsed())）")
        case "verify":
            let differences = try await refresh.verify()
            if differences.isEmpty {
                context.console.print("一致：增量维护的统计与全量重算相同（\(elapsed())）")
            } else {
                for line in differences.prefix(20) { context.console.print(line) }
                throw DomainError.conflict("增量维护的统计与全量重算有 \(differences.count) 处不同；可运行 xyd stats rebuild 重算")
            }
        case "close":
            let snapshot = try await Statistics(context: services).close(office, month: try month())
            context.console.print("\(snapshot.month.label)已结账：快照摘要 \(snapshot.digest)（\(snapshot.rows.count) 项，\(elapsed())）")
        case "show":
            let m = try month()
            let values = try await Statistics(context: services).aggregate().values(period: .month(m))
            for indicator in IndicatorCatalog.all {
                context.console.print("\(indicator.group.label)\t\(indicator.name)\t\((values[indicator.code] ?? .undefined).text(indicator.unit))")
            }
        default:
            throw DomainError.invalidInput(field: "action", reason: "应为 refresh、rebuild、verify、close 或 show")
        }
    }
}
