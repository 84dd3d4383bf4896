import Domain
import Foundation
import JointModel
import Vapor

/// The bank's side of joint modelling (`xyd party`), run on the bank's own machine: its customer list (USCCs), its own
/// feature columns and its default label, a server URL and an institution API token. It talks to the credit center
/// only over HTTP(S), through `JointModelAPI`'s routes, and is the guest of the protocol: it holds the labels and
/// its Paillier key pair; its features and labels never leave it in clear. At the end it has one default
/// probability per aligned firm (never a center feature) and reports the model's AUC on its labels, which the
/// center logs with the model's digest.
public struct JointParty: Sendable {
    public struct Options: Sendable {
        public var server: String
        public var token: String
        public var name: String
        public var centerFeatures: [String] = []
        public var keyBits = 2048
        public var epochs = 10
        public var learningRate = 0.5
        public var l2 = 0.00125
        public var batchSize = 512
        /// Accept keys shorter than 2048 bits (1024): for tests only, about 80-bit security.
        public var insecureTestKeys = false
        /// The (public) batch order's seed; random when nil.
        public var batchSeed: UInt64?

        public init(server: String, token: String, name: String) {
            self.server = server; self.token = token; self.name = name
        }
    }

    /// The bank's own table: ids, its feature columns and its 0/1 default label.
    public struct BankData: Sendable {
        public let ids: [String]
        public let featureNames: [String]
        /// By id: the feature values in `featureNames` order, and the label.
        public let rows: [String: (features: [Double], label: Int)]

        public init(ids: [String], featureNames: [String], rows: [String: (features: [Double], label: Int)]) {
            self.ids = ids; self.featureNames = featureNames; self.rows = rows
        }

        /// Reads the bank's CSV: an id column (`uscc` or 统一社会信用代码 by default), a 0/1 label column (`default`), and the
        /// feature columns (given, or every other column).
        public static func csv(_ text: String, idColumn: String? = nil, labelColumn: String = "default",
                               featureColumns: [String] = []) throws -> BankData {
            var parser = CSVParser()
            var table: [[String]] = []
            parser.feed(Array(text.utf8), into: &table)
            parser.finish(into: &table)
            guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "") }) else {
                throw DomainError.invalidFile(reason: "文件为空")
            }
            let idName = idColumn ?? (header.contains("uscc") ? "uscc" : "统一社会信用代码")
            guard let idIndex = header.firstIndex(of: idName) else { throw DomainError.invalidFile(reason: "缺少企业标识列“\(idName)”") }
            guard let labelIndex = header.firstIndex(of: labelColumn) else { throw DomainError.invalidFile(reason: "缺少违约标签列“\(labelColumn)”") }
            let names = featureColumns.isEmpty ? header.filter { $0 != idName && $0 != labelColumn } : featureColumns
            let indices = try names.map { name -> Int in
                guard let i = header.firstIndex(of: name) else { throw DomainError.invalidFile(reason: "缺少特征列“\(name)”") }
                return i
            }
            var ids: [String] = []
            var rows: [String: (features: [Double], label: Int)] = [:]
            for (line, row) in table.dropFirst().enumerated() {
                let lineNo = line + 2
                guard row.count == header.count else { throw DomainError.invalidFile(reason: "第 \(lineNo) 行的列数与表头不一致") }
                let id = row[idIndex].trimmingCharacters(in: .whitespaces)
                guard !id.isEmpty, rows[id] == nil else { throw DomainError.invalidFile(reason: "第 \(lineNo) 行的企业标识为空或重复") }
                guard let label = Int(row[labelIndex].trimmingCharacters(in: .whitespaces)), label == 0 || label == 1 else {
                    throw DomainError.invalidFile(reason: "第 \(lineNo) 行的违约标签应为 0 或 1")
                }
                let values = try indices.map { i -> Double in
                    guard let v = Double(row[i].trimmingCharacters(in: .whitespaces)), v.isFinite else {
                        throw DomainError.invalidFile(reason: "第 \(lineNo) 行“\(header[i])”列不是数值")
                    }
                    return v
                }
                ids.append(id)
                rows[id] = (values, label)
            }
            return BankData(ids: ids, featureNames: names, rows: rows)
        }
    }

    /// What the bank ends up with.
    public struct Outcome: Sendable {
        public let sessionID: String
        /// How many ids the center put into the PSI (its consented, in-scope firms): the only thing learnt of its set.
        public let centerSetSize: Int
        /// The bank's own ids that matched, sorted: the intersection.
        public let aligned: [String]
        public let probabilities: [String: Double]
        public let auc: Double
        public let modelDigest: String
        public let centerFeatures: [String]
        public let featureDigest: String
        public let disclosure: String
        public let steps: Int
        public let bytesSent: Int
        public let bytesReceived: Int
    }

    public let client: any Client
    public let options: Options
    /// Progress lines (Chinese), e.g. for the command's output.
    public let progress: @Sendable (String) -> Void

    public init(client: any Client, options: Options, progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.client = client; self.options = options; self.progress = progress
    }

    final class Counter: @unchecked Sendable { var sent = 0; var received = 0 }

    /// One protocol message: POST JSON, decode the JSON reply; the center's errors as `DomainError`.
    func post<T: Decodable>(_ path: String, _ body: some Encodable, counter: Counter, as type: T.Type) async throws -> T {
        let data = try JSONEncoder().encode(body)
        counter.sent += data.count
        let base = options.server.hasSuffix("/") ? String(options.server.dropLast()) : options.server
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: options.token)
        headers.contentType = .json
        let response = try await client.post(URI(string: base + "/api/v1/joint/" + path), headers: headers) { req in
            req.body = ByteBuffer(bytes: data)
        }
        let bytes = response.body.map { Data($0.readableBytesView) } ?? Data()
        counter.received += bytes.count
        guard response.status == .ok || response.status == .created else {
            let message = (try? JSONDecoder().decode(Problem.self, from: bytes).message) ?? String(decoding: bytes.prefix(300), as: UTF8.self)
            throw JointPartyError.server(status: Int(response.status.code), message: message)
        }
        return try JSONDecoder().decode(T.self, from: bytes)
    }

    struct Problem: Decodable { let message: String }
    struct Empty: Codable {}
    struct Opened: Decodable {
        let sessionId: String; let offer: PSIHostOffer; let offeredCount: Int; let centerFeatures: [String]; let featureDigest: String
        let minimumKeyBits: Int; let maxQuerySize: Int; let disclosure: String
    }
    struct Aligned: Decodable { let aligned: Int }
    struct Forward: Decodable { let finished: Bool; let forward: HostForward? }
    struct Done: Decodable { let ok: Bool }
    struct Scores: Decodable {
        let share: HostScoreShare; let hostPartDigest: String
        let run: Run
        struct Run: Decodable { let modelDigest: String; let alignedCount: Int }
    }

    /// Runs the whole protocol against the center.
    public func run(_ data: BankData) async throws -> Outcome {
        guard options.keyBits >= 2048 || (options.insecureTestKeys && options.keyBits >= 1024) else {
            throw DomainError.invalidInput(field: "key-bits", reason: "Paillier 密钥至少 2048 位（仅测试时可用 --insecure-test-keys 降到 1024 位）")
        }
        let counter = Counter()
        struct OpenBody: Encodable { let name: String; let features: [String] }
        let opened = try await post("sessions", OpenBody(name: options.name, features: options.centerFeatures), counter: counter,
                                    as: Opened.self)
        let session = "sessions/\(opened.sessionId)/"
        progress("会话 \(opened.sessionId)：信用中心放入求交的企业 \(opened.offeredCount) 家（仅为已授权且在数据目录允许范围内的企业）")
        guard data.ids.count <= opened.maxQuerySize else {
            throw DomainError.invalidInput(field: "ids", reason: "客户名单 \(data.ids.count) 个，超过信用中心约定上限 \(opened.maxQuerySize)")
        }
        // PSI: the bank learns the intersection first, then tells the center the matched positions.
        let guest = PSIGuest(ids: data.ids)
        let query = try guest.query(domain: opened.offer.domain)
        let reply = try await post(session + "psi/query", query, counter: counter, as: PSIHostReply.self)
        let (aligned, result) = try guest.finish(offer: opened.offer, reply: reply)
        let ack = try await post(session + "psi/result", result, counter: counter, as: Aligned.self)
        guard ack.aligned == aligned.count else { throw JointPartyError.protocolViolation("双方交集大小不一致（\(aligned.count) 对 \(ack.aligned)）") }
        progress("求交完成：交集 \(aligned.count) 家（银行名单 \(data.ids.count) 家）；双方均得知交集，互不得知交集以外的企业")
        guard !aligned.isEmpty else { throw DomainError.conflict(JointModelError.emptyIntersection.description) }

        // The bank's features for the aligned firms, standardised over them (the bank's own business).
        let raw = aligned.map { data.rows[$0]!.features }
        let features = try FeatureMatrix(names: data.featureNames, rows: Self.standardised(raw, columns: data.featureNames.count))
        let labels = aligned.map { data.rows[$0]!.label }
        let widest = max(data.featureNames.count + 1, opened.centerFeatures.count)
        let batch = min(max(options.batchSize, 2 * widest + 1), aligned.count)
        let seed = options.batchSeed ?? UInt64.random(in: 0...UInt64.max)
        let config = HeteroLRConfig(keyBits: options.keyBits, learningRate: options.learningRate, l2: options.l2, batchSize: batch,
                                    epochs: options.epochs, obfuscators: .shortExponent, batchSeed: seed)
        progress("生成 \(options.keyBits) 位 Paillier 密钥，开始纵向逻辑回归：\(options.epochs) 轮，批大小 \(batch)")
        var guestParty = try HeteroLRGuest(runId: opened.sessionId, features: features, labels: labels, config: config)
        let ready = try await post(session + "setup", guestParty.setup(), counter: counter, as: HeteroLRHostReady.self)
        try guestParty.receive(ready)
        var steps = 0
        while true {
            let next = try await post(session + "forward", Empty(), counter: counter, as: Forward.self)
            guard let forward = next.forward, !next.finished else { break }
            let guestForward = try guestParty.handle(forward)
            let hostBackward = try await post(session + "gradient", guestForward, counter: counter, as: HostBackward.self)
            let guestBackward = try guestParty.handle(hostBackward)
            _ = try await post(session + "backward", guestBackward, counter: counter, as: Done.self)
            steps += 1
        }
        guard guestParty.isFinished else { throw JointPartyError.protocolViolation("信用中心提前结束了训练") }
        progress("训练完成：\(steps) 步")

        // Joint scoring: the center's partial scores for the aligned firms plus the bank's part.
        let model = guestParty.model
        let guestDigest = model.digest.map { String(format: "%02x", $0) }.joined()
        struct ScoresBody: Encodable { let guestPartDigest: String; let bankFeatureCount: Int }
        let scores = try await post(session + "scores", ScoresBody(guestPartDigest: guestDigest, bankFeatureCount: data.featureNames.count),
                                    counter: counter, as: Scores.self)
        guard scores.share.ids == aligned else { throw JointPartyError.protocolViolation("评分份额的企业与交集不一致") }
        guard let hostPart = Self.bytes(hex: scores.hostPartDigest),
              JointModelDigest.combine(guestPart: model.digest, hostPart: hostPart) == scores.run.modelDigest else {
            throw JointPartyError.protocolViolation("模型摘要与本方计算不一致")
        }
        let probabilities = try model.probabilities(share: scores.share, features: features)
        let auc = AUC.compute(scores: aligned.map { probabilities[$0] ?? 0 }, labels: labels)
        struct ReportBody: Encodable { let auc: Double }
        _ = try await post(session + "report", ReportBody(auc: auc.isFinite ? auc : 0.5), counter: counter, as: Empty.self)
        return Outcome(sessionID: opened.sessionId, centerSetSize: opened.offeredCount, aligned: aligned, probabilities: probabilities,
                       auc: auc, modelDigest: scores.run.modelDigest, centerFeatures: ready.hostFeatureNames,
                       featureDigest: opened.featureDigest, disclosure: opened.disclosure, steps: steps,
                       bytesSent: counter.sent, bytesReceived: counter.received)
    }

    /// Each column to mean 0, standard deviation 1 over the rows (constant columns to 0).
    public static func standardised(_ rows: [[Double]], columns: Int) -> [[Double]] {
        var out = rows
        for j in 0..<columns {
            let column = rows.map { $0[j] }
            let mean = column.reduce(0, +) / Double(max(column.count, 1))
            let sd = (column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(column.count, 1))).squareRoot()
            for i in out.indices { out[i][j] = sd > 1e-12 ? (rows[i][j] - mean) / sd : 0 }
        }
        return out
    }

    static func bytes(hex text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count == 64 else { return nil }
        return stride(from: 0, to: 64, by: 2).compactMap { UInt8(String(decoding: chars[$0..<$0 + 2], as: UTF8.self), radix: 16) }
    }
}

public enum JointPartyError: Error, CustomStringConvertible, Equatable {
    case server(status: Int, message: String)
    case protocolViolation(String)

    public var description: String {
        switch self {
        case .server(let status, let message): "信用中心返回错误（HTTP \(status)）：\(message)"
        case .protocolViolation(let what): "协议异常：\(what)"
        }
    }
}
