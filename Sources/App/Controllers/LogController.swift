import Fluent
import CreditLog
import Domain
import Persistence
import Services
import Vapor

/// The transparency log, public (it holds no personal or credit data): the latest signed checkpoint, the
/// log's public key, inclusion and consistency proofs, the entries for auditors, and witness cosignatures.
struct LogController {
    func register(_ api: any RoutesBuilder) {
        let log = api.grouped("log")
        log.get("checkpoint", use: checkpoint)
        log.get("checkpoints", ":size", use: checkpointOfSize)
        log.get("key", use: key)
        log.get("proof", "inclusion", use: inclusion)
        log.get("proof", "consistency", use: consistency)
        log.get("entries", use: entries)
        log.get("cosignatures", use: cosignatures)
        log.post("cosignatures", use: submitCosignature)
    }

    static let maxEntries: UInt64 = 1000

    func text(_ body: String) -> Response {
        let response = Response(status: .ok, body: .init(string: body))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "plain", parameters: ["charset": "utf-8"])
        return response
    }

    /// The latest checkpoint as a C2SP signed note, with the cosignatures witnesses have sent for it.
    func checkpoint(_ req: Request) async throws -> Response {
        let store = req.logStore
        let latest: LogStore.StoredCheckpoint
        if let found = try await store.latestCheckpoint() { latest = found } else { latest = try await req.application.signLogCheckpoint() }
        return text(try await store.cosignedNote(latest))
    }

    func checkpointOfSize(_ req: Request) async throws -> Response {
        let size = try Self.size(req.parameters.get("size"), field: "size")
        guard let found = try await req.logStore.checkpoint(size: size) else { throw DomainError.notFound("大小为\(size)的检查点") }
        return text(try await req.logStore.cosignedNote(found))
    }

    /// The log's verifier key (`name+keyid+base64`), to check checkpoint signatures.
    func key(_ req: Request) async throws -> Response {
        text(try req.application.logSigner.verifier.verifierKey + "\n")
    }

    struct InclusionProof: Content {
        let index: UInt64
        let treeSize: UInt64
        let leafHash: String
        /// Base64 hashes, leaf to root (RFC 9162 §2.1.3).
        let proof: [String]
    }

    /// `index` or `leaf_hash` (hex or base64), and `size` (default: the latest checkpoint's).
    func inclusion(_ req: Request) async throws -> InclusionProof {
        let store = req.logStore
        let treeSize = try await Self.treeSize(req, store: store, parameter: "size")
        let index: UInt64
        let leafHash: MerkleHash
        if let text = req.query[String.self, at: "leaf_hash"] {
            guard let hash = MerkleHash(hex: text) ?? MerkleHash(base64: text) else {
                throw DomainError.invalidInput(field: "leaf_hash", reason: "应为64位十六进制或标准 base64 编码的32字节哈希")
            }
            guard let entry = try await store.entry(leafHash: hash), entry.index < treeSize else {
                throw DomainError.notFound("大小为\(treeSize)的日志中该叶子哈希的条目")
            }
            index = entry.index
            leafHash = hash
        } else {
            index = try Self.size(req.query[String.self, at: "index"], field: "index")
            guard index < treeSize else {
                throw DomainError.invalidInput(field: "index", reason: "序号\(index)超出树大小\(treeSize)")
            }
            guard let entry = try await store.entries(from: index, to: index + 1).first else {
                throw DomainError.notFound("第\(index)条日志")
            }
            leafHash = entry.leafHash
        }
        let proof = try await store.inclusionProof(index: index, treeSize: treeSize)
        return InclusionProof(index: index, treeSize: treeSize, leafHash: leafHash.base64, proof: proof.map(\.base64))
    }

    struct ConsistencyProof: Content {
        let oldSize: UInt64
        let newSize: UInt64
        let proof: [String]
    }

    /// `old` and `new` (default: the latest checkpoint's size).
    func consistency(_ req: Request) async throws -> ConsistencyProof {
        let store = req.logStore
        let newSize = try await Self.treeSize(req, store: store, parameter: "new")
        let oldSize = try Self.size(req.query[String.self, at: "old"], field: "old")
        guard oldSize <= newSize else {
            throw DomainError.invalidInput(field: "old", reason: "旧树大小\(oldSize)不能大于新树大小\(newSize)")
        }
        let proof = try await store.consistencyProof(oldSize: oldSize, newSize: newSize)
        return ConsistencyProof(oldSize: oldSize, newSize: newSize, proof: proof.map(\.base64))
    }

    struct Entry: Content {
        let index: UInt64
        let leafHash: String
        /// The canonical entry text (its UTF-8 bytes are what is leaf-hashed).
        let entry: String
    }

    struct Entries: Content {
        let treeSize: UInt64
        let entries: [Entry]
    }

    /// Entries [start, end), at most 1000 at a time.
    func entries(_ req: Request) async throws -> Entries {
        let start = try Self.size(req.query[String.self, at: "start"] ?? "0", field: "start")
        let size = try await req.logStore.size()
        var end = try req.query[String.self, at: "end"].map { try Self.size($0, field: "end") } ?? min(size, start + Self.maxEntries)
        end = min(end, size, start + Self.maxEntries)
        let rows = try await req.logStore.entries(from: start, to: max(start, end))
        return Entries(treeSize: size, entries: rows.map { Entry(index: $0.index, leafHash: $0.leafHash.base64, entry: $0.entry) })
    }

    struct Cosignatures: Content { let cosignatures: [LogStore.StoredCosignature] }

    /// Which witnesses cosigned which checkpoint size (`size` to see one).
    func cosignatures(_ req: Request) async throws -> Cosignatures {
        let size = try req.query[String.self, at: "size"].map { try Self.size($0, field: "size") }
        return Cosignatures(cosignatures: try await req.logStore.cosignatures(size: size))
    }

    struct Submission: Content {
        let size: UInt64
        /// The witness's verifier key (signature type 0x04).
        let verifierKey: String
        /// The cosignature line `— name base64(…)`.
        let signature: String
    }

    /// A witness sends its cosignature of a checkpoint; it is checked before it is kept.
    func submitCosignature(_ req: Request) async throws -> Response {
        let submission = try req.content.decode(Submission.self)
        guard submission.size <= UInt64(Int64.max) else {
            throw DomainError.invalidInput(field: "size", reason: "应为 0 到 \(Int64.max) 之间的整数")
        }
        let stored = try await req.logStore.addCosignature(size: submission.size, verifierKey: submission.verifierKey,
                                                           signatureLine: submission.signature)
        let response = try await stored.encodeResponse(for: req)
        response.status = .created
        return response
    }

    static func size(_ text: String?, field: String) throws -> UInt64 {
        guard let text else { throw DomainError.invalidInput(field: field, reason: "缺少该参数") }
        return try BoundedInteger.logSize(text, field: field)
    }

    /// The size asked for, or the latest checkpoint's; never beyond the tree.
    static func treeSize(_ req: Request, store: LogStore, parameter: String) async throws -> UInt64 {
        if let text = req.query[String.self, at: parameter] {
            let size = try self.size(text, field: parameter)
            let current = try await store.size()
            guard size <= current else {
                throw DomainError.invalidInput(field: parameter, reason: "树大小\(size)超过当前日志大小\(current)")
            }
            return size
        }
        if let latest = try await store.latestCheckpoint() { return latest.size }
        return try await req.application.signLogCheckpoint().size
    }
}

extension LogStore.StoredCosignature: Content {}

extension Request {
    var logStore: LogStore { LogStore(database: db) }
}
