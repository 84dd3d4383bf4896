import CreditLog
import Domain
import Persistence

/// Proof that an access to a firm's data is in the transparency log: the access's log entry, its inclusion
/// proof against the latest signed checkpoint, checked here with the RFC 9162 verifier, and the witnesses
/// that cosigned that checkpoint. The firm (or anyone with the entry) can recheck it from the public log API.
public struct AccessProof: Codable, Sendable {
    public let accessID: Int64
    public let entry: String
    public let leafHash: String
    public let leafIndex: UInt64?
    public let treeSize: UInt64?
    public let rootHash: String?
    public let proof: [String]
    public let checkpoint: String?
    public let witnesses: [String]
    public let verified: Bool
    public let message: String
}

public enum AccessProofs {
    public static func prove(_ context: ServiceContext, uscc: String, accessID: Int64) async throws -> AccessProof {
        guard let access = try await context.authorisationStore.access(id: accessID, uscc: uscc) else {
            throw DomainError.notFound("该查询记录")
        }
        let entry = try LogEvents.dataAccess(access, id: access.id)
        let store = context.logStore
        func unproven(_ message: String) -> AccessProof {
            AccessProof(accessID: accessID, entry: entry.canonicalText, leafHash: entry.leafHash.hex, leafIndex: nil, treeSize: nil,
                        rootHash: nil, proof: [], checkpoint: nil, witnesses: [], verified: false, message: message)
        }
        // The row and its entry were written in one transaction, so the entry is either sequenced or still
        // pending (looked up again after the pending check, in case it was sequenced in between); neither
        // means the row no longer says what was logged.
        var found = try await store.entry(leafHash: entry.leafHash)
        if found == nil {
            if try await store.isPending(entry) {
                return unproven("该记录尚未写入透明日志（通常在一秒内完成），请稍后再验证")
            }
            found = try await store.entry(leafHash: entry.leafHash)
        }
        guard let stored = found else {
            return unproven("与透明日志不符：该查询记录在数据库中的内容与日志记载的不一致（或日志中没有它），可能已被改动，请联系信用中心")
        }
        guard let checkpoint = try await store.latestCheckpoint(), checkpoint.size > stored.index else {
            return unproven("该记录已写入日志第 \(stored.index) 条，等待下一个签名检查点后即可验证")
        }
        let proof = try await store.inclusionProof(index: stored.index, treeSize: checkpoint.size)
        var verified = true
        do {
            try MerkleProofVerifier.verifyInclusion(leafHash: entry.leafHash, leafIndex: stored.index, treeSize: checkpoint.size,
                                                    proof: proof, root: checkpoint.rootHash)
        } catch {
            verified = false
        }
        let witnesses = try await store.cosignatures(size: checkpoint.size).map(\.witness)
        let message = verified
            ? "已验证：该查询记录是透明日志第 \(stored.index) 条，包含于大小为 \(checkpoint.size) 的签名检查点"
                + (witnesses.isEmpty ? "（尚无见证方联署）" : "，已由 \(witnesses.joined(separator: "、")) 联署")
            : "验证失败：包含证明与签名检查点不符，请联系信用中心"
        return AccessProof(accessID: accessID, entry: entry.canonicalText, leafHash: entry.leafHash.hex, leafIndex: stored.index,
                           treeSize: checkpoint.size, rootHash: checkpoint.rootHash.hex, proof: proof.map(\.hex),
                           checkpoint: checkpoint.note, witnesses: witnesses, verified: verified, message: message)
    }
}
