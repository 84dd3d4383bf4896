import Domain
import Foundation
import Vapor

/// `xyd party …`: the bank's side of joint modelling, run on the bank's own machine. It needs no database and no
/// configuration of its own: a CSV, the credit center's URL and the institution's API token. It talks to the center
/// only over HTTP(S) (`JointParty`), and writes one default probability per aligned firm.
public enum PartyCommand {
    static let usage = """
        用法：xyd party --server URL --token 令牌 --csv 客户文件.csv --name 模型名称 [选项]
          银行一方的联合建模（可用不可见）：与信用中心做私有集合求交，再以 Paillier 同态加密训练纵向逻辑回归，
          最后联合评分。银行的特征和标签、信用中心的特征都不出本方；银行只得到交集内每家企业的违约概率。
          --id-column 列名          企业标识列（默认 uscc 或 统一社会信用代码）
          --label 列名              违约标签列，取值 0/1（默认 default）
          --features a,b,c          银行特征列（默认：除标识和标签外的所有列）
          --center-features x,y     使用信用中心的哪些特征（默认全部；见 GET /api/v1/joint/features）
          --epochs N                训练轮数（默认 10）
          --batch N                 批大小（默认 512，至少为双方特征数较大者的两倍加一）
          --key-bits N              Paillier 密钥位数（默认 2048）
          --insecure-test-keys      仅供测试：允许 1024 位密钥（约 80 位安全强度，不得用于生产）
          --output 文件             违约概率输出（默认 joint-scores.csv：uscc,probability）
        """

    /// Runs the command; the exit code.
    public static func main(_ arguments: [String]) async -> Int32 {
        var values: [String: String] = [:]
        var insecure = false
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--insecure-test-keys" { insecure = true; i += 1; continue }
            if a == "--help" || a == "-h" { print(usage); return 0 }
            guard a.hasPrefix("--"), i + 1 < arguments.count else {
                FileHandle.standardError.write(Data("错误：无法识别的参数“\(a)”\n\(usage)\n".utf8))
                return 2
            }
            values[String(a.dropFirst(2))] = arguments[i + 1]
            i += 2
        }
        guard let server = values["server"], let token = values["token"], let csv = values["csv"], let name = values["name"] else {
            FileHandle.standardError.write(Data("错误：须提供 --server、--token、--csv 和 --name\n\(usage)\n".utf8))
            return 2
        }
        func list(_ key: String) -> [String] {
            (values[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        var options = JointParty.Options(server: server, token: token, name: name)
        options.centerFeatures = list("center-features")
        options.insecureTestKeys = insecure
        for key in ["epochs", "batch", "key-bits"] {
            guard let text = values[key] else { continue }
            guard let n = Int(text), (1...100_000).contains(n) else {
                FileHandle.standardError.write(Data("错误：--\(key) 应为正整数\n".utf8))
                return 2
            }
            switch key {
            case "epochs": options.epochs = n
            case "batch": options.batchSize = n
            default: options.keyBits = n
            }
        }
        if insecure { print("警告：--insecure-test-keys 仅供测试，1024 位密钥不得用于生产。") }
        let output = values["output"] ?? "joint-scores.csv"
        let app: Application
        do { app = try await Application.make(.init(name: "party", arguments: ["xyd"])) } catch {
            FileHandle.standardError.write(Data("错误：\(error)\n".utf8))
            return 1
        }
        let code = await run(app: app, options: options, values: values, csv: csv, output: output, features: list("features"))
        try? await app.asyncShutdown()
        return code
    }

    static func run(app: Application, options: JointParty.Options, values: [String: String], csv: String, output: String,
                    features: [String]) async -> Int32 {
        do {
            let text = try String(contentsOfFile: csv, encoding: .utf8)
            let data = try JointParty.BankData.csv(text, idColumn: values["id-column"], labelColumn: values["label"] ?? "default",
                                                   featureColumns: features)
            let party = JointParty(client: app.client, options: options) { print($0) }
            let outcome = try await party.run(data)
            var lines = ["uscc,probability"]
            for id in outcome.aligned { lines.append("\(id),\(String(format: "%.6f", outcome.probabilities[id] ?? 0))") }
            try (lines.joined(separator: "\n") + "\n").write(toFile: output, atomically: true, encoding: .utf8)
            print("""
                谁得知了什么：\(outcome.disclosure)
                信用中心放入求交的企业：\(outcome.centerSetSize) 家；银行名单：\(data.ids.count) 家；交集：\(outcome.aligned.count) 家
                信用中心特征：\(outcome.centerFeatures.joined(separator: "、"))（摘要 \(outcome.featureDigest.prefix(16))…）
                模型摘要：\(outcome.modelDigest)
                AUC（交集内、银行标签）：\(String(format: "%.4f", outcome.auc))
                通信量：发送 \(String(format: "%.1f", Double(outcome.bytesSent) / 1e6)) MB，接收 \(String(format: "%.1f", Double(outcome.bytesReceived) / 1e6)) MB
                违约概率已写入 \(output)（每家交集企业一行）；本次运行已记入信用中心的透明日志。
                """)
            return 0
        } catch {
            FileHandle.standardError.write(Data("错误：\(error)\n".utf8))
            return 1
        }
    }
}
