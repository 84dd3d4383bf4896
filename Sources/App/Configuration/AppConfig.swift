import Domain
import Foundation
import Services

/// Every setting the platform reads, read once at start. All problems are reported together, by name.
public struct AppConfig: Sendable, Equatable {
    public var dataDirectory: URL
    /// PostgreSQL when set; otherwise SQLite at `<dataDirectory>/xyd.sqlite`.
    public var databaseURL: String?
    public var catalogPath: URL?
    public var hostname: String
    public var port: Int
    /// Whether this process runs background jobs (several processes may share PostgreSQL).
    public var runsJobs: Bool
    public var jobPollInterval: Double
    public var logFormat: LogFormat
    public var logLevel: String
    /// The per-account ceiling on wrong passwords (guessing is slowed per client address first: `SignInPolicy`).
    public var loginThrottle = LoginThrottle()
    /// The session cookie's `Secure` flag: on unless the server is reached over plain HTTP in development.
    public var secureCookies = true
    /// The reference rate products are capped against (basis points: 435 = 4.35 %) and the markup allowed.
    public var rateReferenceBasisPoints = 435
    public var rateMarkupPercent = 30
    /// Overdue-day limits of the five-tier loan classification.
    public var classification = ClassificationThresholds.default
    /// The transparency log's signing key file (outside the database); default `<data>/log-signing.key`.
    public var logKeyFileSetting: URL?
    /// The log's origin line in checkpoints (also the key's name).
    public var logOrigin = "xinyidai.example/log"
    /// Seconds between signed checkpoints.
    public var logCheckpointInterval: Double = 60
    /// Working days a department has to answer an objection, and the public holidays not counted.
    public var objectionPolicy = ObjectionPolicy()
    /// Working days the institution that took a demand has to contact the firm (XYD_DEMAND_CONTACT_DAYS, default 3).
    public var demandContactDays = 3
    /// The headless Chromium bulletins are printed to PDF with; nil when the server has none.
    public var chromiumPath: String?

    public enum LogFormat: String, Sendable { case text, json }

    public struct Problems: Error, CustomStringConvertible, Equatable {
        public var items: [String]
        public var description: String {
            "配置有误，请检查以下环境变量：\n" + items.map { "  - \($0)" }.joined(separator: "\n")
        }
    }

    public static let variables = [
        "XYD_DATA_DIR": "数据目录（默认 ./data）",
        "DATABASE_URL": "PostgreSQL 连接串 postgres://用户:密码@主机:端口/库名；不设置则使用 SQLite",
        "XYD_CATALOG": "数据目录文件路径（默认使用内置目录）",
        "XYD_HOST": "监听地址（默认 127.0.0.1）",
        "XYD_PORT": "监听端口（默认 8080）",
        "XYD_JOBS": "是否运行后台任务 true/false（默认 true）",
        "XYD_SECURE_COOKIES": "会话 Cookie 是否带 Secure 标志（只经 HTTPS 发送）true/false（默认 true；xyd demo 默认 false）",
        "XYD_JOB_POLL_SECONDS": "后台任务轮询间隔秒数（默认 0.25）",
        "XYD_LOG_FORMAT": "日志格式 text/json（默认 text）",
        "XYD_LOG_LEVEL": "日志级别 trace/debug/info/notice/warning/error/critical（默认 info）",
        "XYD_LOGIN_MAX_FAILURES": "同一账号连续登录失败多少次后临时锁定（默认 50；同一来源地址失败 5 次后每次失败都须等待，等待时间逐次加倍，最长 15 分钟）",
        "XYD_LOGIN_LOCK_MINUTES": "账号锁定分钟数（默认 15）",
        "XYD_RATE_REFERENCE_BP": "产品利率上限的参照利率，基点（默认 435，即 4.35%）",
        "XYD_RATE_MARKUP_PERCENT": "产品利率最多高于参照利率的百分比（默认 30）",
        "XYD_CLASSIFY_DAYS": "五级分类逾期天数界限：关注,次级,可疑,损失（默认 0,90,270,360）",
        "XYD_LOG_KEY_FILE": "透明日志签名私钥文件（默认 数据目录/log-signing.key，首次启动时生成，权限 0600）",
        "XYD_LOG_ORIGIN": "透明日志的来源标识，写入检查点第一行（默认 xinyidai.example/log）",
        "XYD_LOG_CHECKPOINT_SECONDS": "透明日志定时签发检查点的间隔秒数（默认 60）",
        "XYD_OBJECTION_DAYS": "部门处理异议的期限，工作日（默认 5）",
        "XYD_DEMAND_CONTACT_DAYS": "金融机构接单后联系企业的期限，工作日（默认 3）",
        "XYD_HOLIDAYS": "不计入工作日的节假日，逗号分隔的 YYYY-MM-DD（默认无）",
        "XYD_CHROMIUM": "生成通报 PDF 所用的 Chromium 可执行文件（默认在 PATH、/usr/bin 中查找 chromium；找不到则只提供打印页面）",
    ]

    /// Reads the environment, naming every missing or malformed setting.
    public static func load(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(Problems) -> AppConfig {
        var problems: [String] = []
        let dataDirectory = URL(fileURLWithPath: env["XYD_DATA_DIR"]?.nonEmpty ?? "data", isDirectory: true)
        var databaseURL: String?
        if let url = env["DATABASE_URL"]?.nonEmpty {
            if let parsed = URLComponents(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
               parsed.host?.isEmpty == false || parsed.queryItems?.contains(where: { $0.name == "host" }) == true {
                databaseURL = url
            } else {
                problems.append("DATABASE_URL：应形如 postgres://用户:密码@主机:端口/库名，实际为“\(url)”")
            }
        }
        var catalogPath: URL?
        if let path = env["XYD_CATALOG"]?.nonEmpty {
            if FileManager.default.fileExists(atPath: path) { catalogPath = URL(fileURLWithPath: path) } else {
                problems.append("XYD_CATALOG：文件“\(path)”不存在")
            }
        }
        let hostname = env["XYD_HOST"]?.nonEmpty ?? "127.0.0.1"
        var port = 8080
        if let text = env["XYD_PORT"]?.nonEmpty {
            if let value = Int(text), (1...65535).contains(value) { port = value } else {
                problems.append("XYD_PORT：应为 1–65535 的整数，实际为“\(text)”")
            }
        }
        func flag(_ name: String, default value: Bool) -> Bool {
            guard let text = env[name]?.nonEmpty else { return value }
            switch text.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default:
                problems.append("\(name)：应为 true 或 false，实际为“\(text)”")
                return value
            }
        }
        let runsJobs = flag("XYD_JOBS", default: true)
        let secureCookies = flag("XYD_SECURE_COOKIES", default: true)
        var poll = 0.25
        if let text = env["XYD_JOB_POLL_SECONDS"]?.nonEmpty {
            if let value = Double(text), value > 0, value <= 3600 { poll = value } else {
                problems.append("XYD_JOB_POLL_SECONDS：应为大于 0 的秒数，实际为“\(text)”")
            }
        }
        var logFormat = LogFormat.text
        if let text = env["XYD_LOG_FORMAT"]?.nonEmpty {
            if let value = LogFormat(rawValue: text) { logFormat = value } else {
                problems.append("XYD_LOG_FORMAT：应为 text 或 json，实际为“\(text)”")
            }
        }
        let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
        let logLevel = env["XYD_LOG_LEVEL"]?.nonEmpty ?? "info"
        if !levels.contains(logLevel) { problems.append("XYD_LOG_LEVEL：应为 \(levels.joined(separator: "/")) 之一，实际为“\(logLevel)”") }
        func positive(_ name: String, default value: Int) -> Int {
            guard let text = env[name]?.nonEmpty else { return value }
            if let parsed = Int(text), parsed > 0 { return parsed }
            problems.append("\(name)：应为正整数，实际为“\(text)”")
            return value
        }
        let throttle = LoginThrottle(maxFailures: positive("XYD_LOGIN_MAX_FAILURES", default: 50),
                                     lockMinutes: positive("XYD_LOGIN_LOCK_MINUTES", default: 15))
        let reference = positive("XYD_RATE_REFERENCE_BP", default: 435)
        let markup = positive("XYD_RATE_MARKUP_PERCENT", default: 30)
        var classification = ClassificationThresholds.default
        if let text = env["XYD_CLASSIFY_DAYS"]?.nonEmpty {
            let days = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if days.count == 4, let parsed = try? ClassificationThresholds(
                specialMentionAfterDays: days[0], substandardAfterDays: days[1], doubtfulAfterDays: days[2], lossAfterDays: days[3]) {
                classification = parsed
            } else {
                problems.append("XYD_CLASSIFY_DAYS：应为四个递增的天数，如 0,90,270,360，实际为“\(text)”")
            }
        }
        let logKeyFile = env["XYD_LOG_KEY_FILE"]?.nonEmpty.map { URL(fileURLWithPath: $0) }
        let logOrigin = env["XYD_LOG_ORIGIN"]?.nonEmpty ?? "xinyidai.example/log"
        if logOrigin.contains(where: { $0.isWhitespace || $0 == "+" }) {
            problems.append("XYD_LOG_ORIGIN：不能含空白字符或加号，实际为“\(logOrigin)”")
        }
        var checkpointInterval = 60.0
        if let text = env["XYD_LOG_CHECKPOINT_SECONDS"]?.nonEmpty {
            if let value = Double(text), value >= 1, value <= 86_400 { checkpointInterval = value } else {
                problems.append("XYD_LOG_CHECKPOINT_SECONDS：应为 1–86400 的秒数，实际为“\(text)”")
            }
        }
        var holidays = Set<Day>()
        for text in (env["XYD_HOLIDAYS"] ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !text.isEmpty {
            if let day = Day(iso: text) { holidays.insert(day) } else { problems.append("XYD_HOLIDAYS：“\(text)”不是 YYYY-MM-DD") }
        }
        let objectionPolicy = ObjectionPolicy(workingDays: positive("XYD_OBJECTION_DAYS", default: 5),
                                              calendar: WorkingDays(holidays: holidays))
        let demandContactDays = positive("XYD_DEMAND_CONTACT_DAYS", default: 3)
        let chromiumSetting = env["XYD_CHROMIUM"]?.nonEmpty
        let chromium = BulletinPDF.findChromium(chromiumSetting)
        if let chromiumSetting, chromium == nil { problems.append("XYD_CHROMIUM：“\(chromiumSetting)”不是可执行文件") }
        if !problems.isEmpty { throw Problems(items: problems) }
        var config = AppConfig(dataDirectory: dataDirectory, databaseURL: databaseURL, catalogPath: catalogPath,
                         hostname: hostname, port: port, runsJobs: runsJobs, jobPollInterval: poll,
                         logFormat: logFormat, logLevel: logLevel, loginThrottle: throttle,
                         rateReferenceBasisPoints: reference, rateMarkupPercent: markup, classification: classification,
                         logKeyFileSetting: logKeyFile, logOrigin: logOrigin, logCheckpointInterval: checkpointInterval)
        config.objectionPolicy = objectionPolicy
        config.demandContactDays = demandContactDays
        config.secureCookies = secureCookies
        config.chromiumPath = chromium
        return config
    }

    /// Where the log's signing key is kept.
    public var logKeyFile: URL { logKeyFileSetting ?? dataDirectory.appendingPathComponent("log-signing.key") }

    public var sqlitePath: URL { dataDirectory.appendingPathComponent("xyd.sqlite") }
    public var usesPostgres: Bool { databaseURL != nil }
}

extension String {
    var nonEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

extension AppConfig {
    /// The settings that are rules of the platform, as the services see them.
    public var policy: Policy {
        Policy(rateReferenceBasisPoints: rateReferenceBasisPoints, rateMarkupPercent: rateMarkupPercent,
               classification: classification, objectionPolicy: objectionPolicy,
               signIn: SignInPolicy(account: loginThrottle),
               demandFollowUp: DemandFollowUpRules(contactWithin: demandContactDays, workingDays: objectionPolicy.calendar))
    }
}
