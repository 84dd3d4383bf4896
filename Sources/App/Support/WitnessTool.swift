import CreditLog
import Domain
import Foundation
import Vapor

/// How the witness reaches a log: GET a path and POST JSON, returning status and body.
public protocol LogTransport: Sendable {
    func get(_ path: String) async throws -> (UInt, String)
    func post(_ path: String, json: String) async throws -> (UInt, String)
}

/// Over HTTP with Vapor's client.
struct HTTPLogTransport: LogTransport {
    let client: any Client
    let base: String

    init(client: any Client, url: String) {
        self.client = client
        var base = url.hasSuffix("/") ? String(url.dropLast()) : url
        if base.hasSuffix("/api/v1/log") { base = String(base.dropLast("/api/v1/log".count)) }
        self.base = base
    }

    func get(_ path: String) async throws -> (UInt, String) {
        let response = try await client.get(URI(string: base + path))
        return (response.status.code, response.body.map { String(buffer: $0) } ?? "")
    }

    func post(_ path: String, json: String) async throws -> (UInt, String) {
        let response = try await client.post(URI(string: base + path), headers: ["Content-Type": "application/json"]) {
            $0.body = ByteBuffer(string: json)
        }
        return (response.status.code, response.body.map { String(buffer: $0) } ?? "")
    }
}

/// `xyd witness`: what a bank or a department runs against the platform's log. The state folder keeps
/// the witness's own key (`witness.key`, 0600), the log's public key it trusts (`log.pub`), and the last
/// checkpoint it verified and cosigned (`checkpoint`). Each run fetches the latest checkpoint, checks the
/// log's signature and its consistency with the last one, cosigns, submits the cosignature, and only then
/// moves on. A checkpoint that does not extend the last one is a fork: the witness refuses, keeps the
/// evidence (`fork-<time>.txt`) and reports it.
public struct WitnessTool: Sendable {
    public enum Outcome: Sendable, Equatable {
        case cosigned(size: UInt64, previous: UInt64)
        case fork(message: String, evidence: URL)
    }

    public let state: URL
    public let transport: any LogTransport
    public let name: String
    public let logKey: String?
    public let say: @Sendable (String) -> Void

    public init(state: URL, transport: any LogTransport, name: String, logKey: String? = nil,
                say: @escaping @Sendable (String) -> Void) {
        self.state = state; self.transport = transport; self.name = name; self.logKey = logKey; self.say = say
    }

    var keyFile: URL { state.appendingPathComponent("witness.key") }
    var logKeyFile: URL { state.appendingPathComponent("log.pub") }
    var checkpointFile: URL { state.appendingPathComponent("checkpoint") }

    static let prefix = "/api/v1/log"

    /// The witness's cosigner, created on first run.
    public func cosigner() throws -> CosignatureV1Signer {
        if let text = try? String(contentsOf: keyFile, encoding: .utf8) {
            return try CosignatureV1Signer(signerKey: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let signer = try CosignatureV1Signer.generate(name: name)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: keyFile.path, contents: Data((signer.signerKey + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw DomainError.invalidInput(field: "state", reason: "无法在“\(state.path)”创建见证私钥文件")
        }
        say("已生成见证密钥，公钥：\(signer.verifier.verifierKey)")
        return signer
    }

    func fetch(_ path: String) async throws -> String {
        let (status, body) = try await transport.get(Self.prefix + path)
        guard status == 200 else { throw DomainError.invalidInput(field: "log", reason: "请求 \(path) 失败（HTTP \(status)）：\(body)") }
        return body
    }

    /// The log key: given, or pinned in the state folder, or fetched and pinned on first use.
    func logVerifier() async throws -> Ed25519NoteVerifier {
        var text = logKey
        if text == nil { text = try? String(contentsOf: logKeyFile, encoding: .utf8) }
        if text == nil {
            text = try await fetch("/key")
            say("首次运行：从日志获取并固定其公钥（请与信用中心公布的公钥核对）：\(text!.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let key = text!.trimmingCharacters(in: .whitespacesAndNewlines)
        let verifier = try Ed25519NoteVerifier(verifierKey: key)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try Data((key + "\n").utf8).write(to: logKeyFile)
        return verifier
    }

    /// Compares this witness's last checkpoint with another witness's (its `checkpoint` file): the same
    /// size must have the same root, and of two sizes the larger must extend the smaller (consistency proof
    /// fetched from the log). A disagreement means the log showed the two witnesses different trees.
    public func compare(withCheckpoint other: String) async throws -> ForkVerdict {
        let verifier = try await logVerifier()
        guard let mine = try? String(contentsOf: checkpointFile, encoding: .utf8) else {
            throw DomainError.invalidInput(field: "state", reason: "本见证方尚未见证过任何检查点")
        }
        let a = try LogCheckpoint.open(mine, logVerifier: verifier).checkpoint
        let b = try LogCheckpoint.open(other, logVerifier: verifier).checkpoint
        var proof: [MerkleHash]?
        if a.size != b.size, min(a.size, b.size) > 0 {
            let body = try await fetch("/proof/consistency?old=\(min(a.size, b.size))&new=\(max(a.size, b.size))")
            struct Reply: Decodable { let proof: [String] }
            proof = try JSONDecoder().decode(Reply.self, from: Data(body.utf8)).proof.compactMap { MerkleHash(base64: $0) }
        }
        do {
            return try ForkDetector.compare(mine, other, logVerifier: verifier, consistencyProof: proof)
        } catch {
            throw DomainError.invalidInput(field: "checkpoint", reason: error.message)
        }
    }

    public func run(now: Date = Date()) async throws -> Outcome {
        let cosigner = try cosigner()
        let verifier = try await logVerifier()
        let previousNote = try? String(contentsOf: checkpointFile, encoding: .utf8)
        var witnessState = WitnessState.empty
        var origin: String?
        if let previousNote {
            let previous = try LogCheckpoint.open(previousNote, logVerifier: verifier)
            witnessState = WitnessState(size: previous.checkpoint.size, rootHash: previous.checkpoint.rootHash)
            origin = previous.checkpoint.origin
        }
        let note = try await fetch("/checkpoint")
        let offered: SignedCheckpoint
        do { offered = try LogCheckpoint.open(note, logVerifier: verifier, origin: origin) } catch {
            throw DomainError.invalidInput(field: "checkpoint", reason: error.message)
        }
        var proof: [MerkleHash] = []
        if witnessState.size > 0, offered.checkpoint.size > witnessState.size {
            let body = try await fetch("/proof/consistency?old=\(witnessState.size)&new=\(offered.checkpoint.size)")
            struct Reply: Decodable { let proof: [String] }
            let reply = try JSONDecoder().decode(Reply.self, from: Data(body.utf8))
            proof = try reply.proof.map { text in
                guard let hash = MerkleHash(base64: text) else {
                    throw DomainError.invalidInput(field: "proof", reason: "一致性证明中的哈希格式错误")
                }
                return hash
            }
        }
        var witness = LogWitness(origin: offered.checkpoint.origin, logVerifier: verifier, cosigner: cosigner, state: witnessState)
        let cosignature: WitnessCosignature
        do {
            cosignature = try witness.update(checkpoint: note, consistencyProof: proof, timestamp: UInt64(now.timeIntervalSince1970))
        } catch {
            switch error {
            case .conflictingRoot, .inconsistent, .rollback:
                let evidence = state.appendingPathComponent("fork-\(Int(now.timeIntervalSince1970)).txt")
                let text = "上次验证并见证的检查点：\n\(previousNote ?? "")\n本次收到的检查点：\n\(note)\n原因：\(error.message)\n"
                try Data(text.utf8).write(to: evidence)
                return .fork(message: error.message, evidence: evidence)
            default:
                throw DomainError.invalidInput(field: "checkpoint", reason: error.message)
            }
        }
        struct Submission: Encodable { let size: UInt64; let verifierKey: String; let signature: String }
        let json = String(decoding: try JSONEncoder().encode(Submission(
            size: offered.checkpoint.size, verifierKey: cosigner.verifier.verifierKey, signature: cosignature.signature.line)),
            as: UTF8.self)
        let (status, body) = try await transport.post(Self.prefix + "/cosignatures", json: json)
        guard status == 201 || status == 200 else {
            throw DomainError.invalidInput(field: "cosignature", reason: "提交见证签名失败（HTTP \(status)）：\(body)")
        }
        try Data(cosignature.cosignedNote.serialized.utf8).write(to: checkpointFile)
        return .cosigned(size: offered.checkpoint.size, previous: witnessState.size)
    }
}
