import Fluent
import CreditLog
import Domain
import Foundation
import Persistence
import Services
import Vapor

/// `xyd log verify|checkpoint|sequence`: the platform's own transparency-log tools.
struct LogCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify（从存储重算整棵树并核对所有检查点、节点与证明）、checkpoint（立即签发检查点）或 sequence（立即排序待入树条目）")
        var action: String
        init() {}
    }

    var help: String { "透明日志：verify 校验、checkpoint 立即签发检查点、sequence 立即入树" }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        switch signature.action {
        case "sequence":
            let added = try await LogSequencer(database: app.db).sequenceAll()
            console.print("已入树 \(added) 条，日志大小 \(try await app.logStore.size())")
        case "checkpoint":
            let checkpoint = try await app.signLogCheckpoint()
            console.print("已签发大小为 \(checkpoint.size) 的检查点：")
            console.print(checkpoint.note)
        case "verify":
            let signer = try app.logSigner
            let pending = try await app.logStore.pendingCount()
            let started = Date()
            let report = try await LogAudit(database: app.db, logVerifier: signer.verifier, origin: app.config.logOrigin)
                .run()
            let sources = try await SourceAudit(database: app.db).run()
            let seconds = Date().timeIntervalSince(started)
            console.print(String(format: "日志大小 %llu，校验条目 %llu 条、节点 %d 个、检查点 %d 个、证明 %d 个、见证签名 %d 个，用时 %.1f 秒（另有 %d 条待入树）",
                                 report.size, report.entries, report.nodes, report.checkpoints, report.proofs,
                                 report.cosignatures, seconds, pending))
            console.print("核对源数据：查询记录 \(sources.accessRows) 行、还款记录 \(sources.repaymentRows) 行"
                          + (sources.unnamedRepayments > 0 ? "（其中 \(sources.unnamedRepayments) 行早于逐行记入日志，无法逐行核对）" : ""))
            if let warning = try await LogAudit.witnessWarning(app.logStore) { console.print(warning) }
            let findings = report.findings + sources.findings
            if findings.isEmpty {
                console.print("校验通过：条目、节点、检查点、证明与源数据全部一致，未发现篡改")
                return
            }
            console.print("发现 \(findings.count) 处问题：")
            for finding in findings.prefix(200) { console.print("  - \(finding.message)") }
            if findings.count > 200 { console.print("  ……（其余 \(findings.count - 200) 处略）") }
            throw DomainError.conflict("透明日志校验未通过：发现 \(findings.count) 处篡改或不一致")
        default:
            throw DomainError.invalidInput(field: "action", reason: "应为 verify、checkpoint 或 sequence")
        }
    }
}

/// `xyd witness --log URL --state DIR`: a bank's or a department's witness for the platform's log.
struct WitnessCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "log", help: "日志地址，如 http://127.0.0.1:8080")
        var log: String?
        @Option(name: "state", help: "见证方状态目录（保存见证私钥、日志公钥和上次见证的检查点）")
        var state: String?
        @Option(name: "name", help: "见证方名称（首次运行生成密钥时使用，默认 witness-主机名）")
        var name: String?
        @Option(name: "log-key", help: "日志公钥（name+keyid+base64）；不给则使用状态目录中固定的公钥，首次运行时从日志获取")
        var logKey: String?
        @Option(name: "compare", help: "与另一见证方比对：对方的检查点文件（或其状态目录）；同一大小根须相同，大小不同须一致")
        var compare: String?
        init() {}
    }

    var help: String { "见证透明日志：获取最新检查点，验证与上次的一致性，联署并提交；发现分叉时拒绝并报告；--compare 与另一见证方比对" }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let log = signature.log, let state = signature.state else {
            throw DomainError.invalidInput(field: "log", reason: "须同时给出 --log 日志地址和 --state 状态目录")
        }
        let host = ProcessInfo.processInfo.hostName.filter { !$0.isWhitespace && $0 != "+" }
        let console = context.console
        let tool = WitnessTool(state: URL(fileURLWithPath: state, isDirectory: true),
                               transport: HTTPLogTransport(client: context.application.client, url: log),
                               name: signature.name ?? "witness-\(host.isEmpty ? "local" : host)", logKey: signature.logKey,
                               say: { console.print($0) })
        if let other = signature.compare {
            var path = URL(fileURLWithPath: other)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory), isDirectory.boolValue {
                path = path.appendingPathComponent("checkpoint")
            }
            guard let note = try? String(contentsOf: path, encoding: .utf8) else {
                throw DomainError.invalidInput(field: "compare", reason: "无法读取“\(path.path)”")
            }
            switch try await tool.compare(withCheckpoint: note) {
            case .consistent: console.print("两个见证方看到的是同一棵日志树（一致）")
            case .undetermined: console.print("无法判定：大小不同且未取得一致性证明")
            case .fork(let evidence):
                console.print("警告：\(evidence.message)")
                throw DomainError.conflict("检测到日志分叉：两个见证方看到了不同的日志树")
            }
            return
        }
        switch try await tool.run() {
        case .cosigned(let size, let previous):
            console.print(previous == size ? "检查点大小 \(size) 未变，已再次联署并提交"
                          : "已验证大小 \(previous) → \(size) 的一致性，联署并提交")
        case .fork(let message, let evidence):
            console.print("警告：\(message)")
            console.print("拒绝联署；证据已保存到 \(evidence.path)")
            throw DomainError.conflict("检测到日志分叉：\(message)")
        }
    }
}
