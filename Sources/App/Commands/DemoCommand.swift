import DemoCity
import Domain
import Foundation
import Persistence
import Services
import Vapor

/// `xyd demo`: a realistic demo city on the embedded database, loaded once, then the server.
enum DemoCommand {
    struct Options {
        var fresh = false
        var enterprises = 2000
        var months = 24
        var seed: UInt64 = 2026

        init(arguments: [String]) {
            var i = 0
            while i < arguments.count {
                let value = i + 1 < arguments.count ? arguments[i + 1] : ""
                switch arguments[i] {
                case "--fresh": fresh = true
                case "--enterprises": enterprises = Int(value) ?? enterprises; i += 1
                case "--months": months = Int(value) ?? months; i += 1
                case "--seed": seed = UInt64(value) ?? seed; i += 1
                default: break
                }
                i += 1
            }
        }
    }

    /// Demo departments: code, name (matching the catalog's department names) and the datasets they send.
    static let departments: [(String, String, [String])] = [
        ("scjgj", "市场监管局", ["market.registration", "market.abnormal"]),
        ("swj", "税务局", ["tax.rating", "tax.payment"]),
        ("rsj", "人社局", ["social.insurance"]),
        ("gjj", "公积金中心", ["housing.fund"]),
        ("ggsy", "水/电/气/暖公司", ["utility.payment"]),
        ("fy", "法院", ["judicial.case", "judicial.dishonest"]),
        ("fgw", "发改委/信用中心", ["credit.list"]),
        ("kjj", "科技局/工信局", ["tech.qualification"]),
        ("zscqj", "知识产权局", ["ip.patent"]),
        ("sthjj", "生态环境局", ["env.rating"]),
    ]

    static let password = "xyd-demo-2026"

    static func prepare(_ app: Application, options: Options) async throws {
        let console = app.console
        if try await app.registry.count() == 0 {
            try await seedAccounts(app)
            let directory = app.config.dataDirectory.appendingPathComponent("demo-city", isDirectory: true)
            try? FileManager.default.removeItem(at: directory)
            console.print("正在生成演示城市：\(options.enterprises) 家企业，\(options.months) 个月……")
            let config = CityGenerator.Config(asOf: Date(), enterprises: options.enterprises, months: options.months,
                                              seed: options.seed)
            _ = try CityGenerator(config: config).write(to: directory)
            try await load(app, directory: directory)
        }
        let market = try await DemoMarket.seed(app) + DemoDemands.seed(app) + DemoCredit.seed(app) + DemoFirmLoan.seed(app) + DemoRecommendations.seed(app) + DemoAlerts.seed(app) + DemoListings.seed(app)
            + DemoFunds.seed(app) + DemoStats.seed(app)
        try await printLogins(app, market: market)
    }

    static func seedAccounts(_ app: Application) async throws {
        let accounts = app.accounts
        let hash = try await app.password.async.hash(password)
        try await accounts.createUser(username: "admin", displayName: "信用中心管理员", passwordHash: hash,
                                      role: .creditCenter, departmentID: nil)
        for (code, name, datasets) in departments where try await accounts.department(code: code) == nil {
            let department = try await accounts.createDepartment(code: code, name: name, datasets: datasets)
            try await accounts.createUser(username: code, displayName: "\(name)数据报送员", passwordHash: hash,
                                          role: .department, departmentID: department.id)
        }
    }

    /// Loads every generated file as its department would send it, registrations first.
    static func load(_ app: Application, directory: URL) async throws {
        let catalog = app.platform.catalog
        let accounts = app.accounts
        let registration = catalog.datasets.filter { $0.id == Catalog.registrationDataset }
        let ordered = registration + catalog.datasets.filter { $0.id != Catalog.registrationDataset }
        for dataset in ordered {
            let url = directory.appendingPathComponent("\(dataset.id).csv")
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let code = departments.first { $0.2.contains(dataset.id) }?.0 ?? "scjgj"
            guard let department = try await accounts.department(code: code) else { continue }
            let principal = Principal(name: code, displayName: department.name, role: .department, department: department)
            let summary = try await CommandSupport.ingest(app: app, dataset: dataset, principal: principal, url: url)
            app.console.print("  \(dataset.id.padding(toLength: 20, withPad: " ", startingAt: 0)) 提交 \(summary.submitted)  接收 \(summary.accepted)  拒收 \(summary.rejected)  重复 \(summary.duplicates)")
        }
        try await app.registry.refreshRecordCounts(batchID: nil)
        let firms = try await app.recordStore.allFirms()
        let bar = ProgressBar(total: Int64(firms.count), label: "信用评价")
        try await Evaluations.refresh(app.services, firms: firms) { bar.update(bytes: Int64($0), rows: $0) }
        bar.finish()
        let counts = try await app.evaluationStore.gradeCounts()
        let shares = app.platform.evaluationModel.grades.map { "\($0.grade) \(counts[$0.grade] ?? 0)" }
        app.console.print("  信用评价：\(firms.count) 家企业（\(shares.joined(separator: "，"))）")
    }

    static func printLogins(_ app: Application, market: [String]) async throws {
        let config = app.config
        let token = try await app.accounts.createToken(name: "demo-\(Int(Date().timeIntervalSince1970))",
                                                       role: .creditCenter, departmentID: nil)
        let penaltyToken: String? = try await app.accounts.department(code: "scjgj").asyncMap {
            try await app.accounts.createToken(name: "demo-scjgj-\(Int(Date().timeIntervalSince1970))", role: .department, departmentID: $0.id)
        }
        let address = "http://\(config.hostname):\(config.port)"
        app.console.print("""

        信易贷演示平台已就绪：\(address)/console
          数据库：\(config.usesPostgres ? "PostgreSQL" : config.sqlitePath.path)
          信用中心登录：admin / \(password)
          部门登录：scjgj（市场监管局）、swj（税务局）、fy（法院）等，密码同上
          金融机构登录：dlbank-admin、dlbank-staff、ccbdl-admin、dlguarantee-admin 等，密码同上
          \(market.isEmpty ? "企业登录：firm-demo，密码同上（企业也可在 \(address)/register 自助注册）" : market.joined(separator: "\n  "))
          产品超市：\(address)/public/products
          API 令牌（信用中心）：\(token)
          API 令牌（市场监管局）：\(penaltyToken ?? "")
          示例：curl -H 'Authorization: Bearer \(token)' \(address)/api/v1/enterprises?q=大连
        """)
    }
}

/// `xyd generate --enterprises N --months M --seed S --out DIR`: the demo city's department files.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "enterprises", help: "企业数量（默认 2000）") var enterprises: Int?
        @Option(name: "months", help: "月数（默认 24）") var months: Int?
        @Option(name: "seed", help: "随机种子（默认 2026）") var seed: UInt64?
        @Option(name: "out", help: "输出目录") var out: String?
        @Option(name: "as-of", help: "数据截止日期 YYYY-MM-DD（默认今天）") var asOf: String?
        init() {}
    }

    var help: String { "生成演示城市的部门数据文件（每个数据集一个文件，可重复生成）" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out else { throw DomainError.invalidInput(field: "--out", reason: "请指定输出目录") }
        var asOf = Date()
        if let text = signature.asOf {
            guard let day = Day(iso: text) else { throw DomainError.invalidInput(field: "--as-of", reason: "应为 YYYY-MM-DD") }
            asOf = day.date
        }
        let config = CityGenerator.Config(asOf: asOf, enterprises: signature.enterprises ?? 2000,
                                          months: signature.months ?? 24, seed: signature.seed ?? 2026)
        let start = Date()
        let summary = try CityGenerator(config: config).write(to: URL(fileURLWithPath: out, isDirectory: true))
        context.console.print(String(describing: summary))
        context.console.print(String(format: "用时 %.1f 秒，输出到 %@", Date().timeIntervalSince(start), out))
    }
}
