import Domain
import Foundation
import Persistence

/// Evidence for objections as files (issue 16: "the firm's evidence — file attachments, not typed names"): the firm
/// attaches up to five files of at most 5 MB to its own open objection; whoever may see the objection (the firm, the
/// department that answers it, the credit center) downloads them, each with its SHA-256 as logged.
public enum ObjectionEvidence {
    public static let maxBytes = 5 * 1_048_576

    public static func attach(_ context: ServiceContext, _ principal: Principal, objectionID: Int64?, fileName: String,
                              contentType: String, bytes: [UInt8]) async throws -> EvidenceFile {
        guard principal.role == .enterprise else { throw DomainError.forbidden("仅提出异议的企业可上传证明材料") }
        let objection = try await Remedies.objection(context, principal, id: objectionID)
        let name = fileName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw DomainError.invalidInput(field: "文件", reason: "请选择要上传的文件") }
        guard !bytes.isEmpty else { throw DomainError.invalidInput(field: "文件", reason: "文件是空的") }
        guard bytes.count <= maxBytes else { throw DomainError.invalidInput(field: "文件", reason: "文件超过 5 MB") }
        return try await context.remedyStore.addEvidence(objectionID: objection.id, fileName: String(name.suffix(120)),
                                                         contentType: String(contentType.prefix(100)), bytes: bytes,
                                                         actor: principal.displayName, at: context.clock.now())
    }

    /// The files of the objections the principal sees.
    public static func files(_ context: ServiceContext, for objections: [Objection]) async throws -> [Int64: [EvidenceFile]] {
        try await context.remedyStore.evidence(objectionIDs: objections.map(\.id))
    }

    /// One file, if the principal may see its objection (otherwise not found).
    public static func download(_ context: ServiceContext, _ principal: Principal, id: Int64?) async throws -> (file: EvidenceFile, bytes: [UInt8]) {
        guard let id, let found = try await context.remedyStore.evidenceFile(id: id) else { throw DomainError.notFound("该证明材料") }
        _ = try await Remedies.objection(context, principal, id: found.file.objectionID)
        return found
    }
}
