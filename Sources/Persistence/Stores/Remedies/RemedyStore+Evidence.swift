import CreditLog
import Domain
import FluentKit
import Foundation
import SQLKit

/// A file attached to an objection, without its bytes (for lists).
public struct EvidenceFile: Sendable, Equatable {
    public var id: Int64
    public var objectionID: Int64
    public var fileName: String
    public var contentType: String
    public var size: Int
    public var sha256: String
    public var uploadedAt: Date
    public init(id: Int64, objectionID: Int64, fileName: String, contentType: String, size: Int, sha256: String, uploadedAt: Date) {
        self.id = id; self.objectionID = objectionID; self.fileName = fileName; self.contentType = contentType; self.size = size
        self.sha256 = sha256; self.uploadedAt = uploadedAt
    }
}

extension RemedyStore {
    /// Most files one objection holds.
    public static let maxEvidenceFiles = 5

    /// Stores a file for an open objection and logs its digest, in one transaction; refused when the objection is
    /// closed or already holds `maxEvidenceFiles`.
    @discardableResult
    public func addEvidence(objectionID: Int64, fileName: String, contentType: String, bytes: [UInt8], actor: String,
                            at time: Date) async throws -> EvidenceFile {
        let digest = LogEntry.digest(of: bytes)
        return try await database.write { unit in
            let sql = try unit.sql()
            // Serialises uploads to one objection (PostgreSQL; SQLite's unit already holds the write lock), so two
            // parallel uploads cannot both pass the five-file check.
            if DatabaseKind(sql) == .postgres {
                try await sql.raw("SELECT id FROM objections WHERE id = \(bind: objectionID) FOR UPDATE").run()
            }
            guard let objection = try await RemedyStore(database: unit.database).objection(id: objectionID) else {
                throw DomainError.notFound("该异议")
            }
            guard objection.status.isOpen else {
                throw DomainError.conflict("该异议已处理完毕，不能再补充材料")
            }
            struct Count: Decodable { let n: Int }
            let held = try await sql.raw("SELECT COUNT(*) AS n FROM objection_evidence WHERE objection_id = \(bind: objectionID)")
                .first(decoding: Count.self)?.n ?? 0
            guard held < Self.maxEvidenceFiles else {
                throw DomainError.invalidInput(field: "文件", reason: "每项异议最多上传 \(Self.maxEvidenceFiles) 个文件")
            }
            let id = try await sql.insertReturningID("""
                INSERT INTO objection_evidence (objection_id, uscc, file_name, content_type, size, sha256, bytes, created_at)
                VALUES (\(bind: objectionID), \(bind: objection.uscc), \(bind: fileName), \(bind: contentType), \(bind: Int64(bytes.count)),
                  \(bind: digest), \(bind: Data(bytes)), \(bind: epochMillis(time)))
                RETURNING id
                """, what: "材料编号")
            unit.log(try LogEvents.objectionEvidence(objection, sha256: digest, actor: actor, at: time))
            return EvidenceFile(id: id, objectionID: objectionID, fileName: fileName, contentType: contentType, size: bytes.count,
                                sha256: digest, uploadedAt: time)
        }
    }

    /// The files of these objections, oldest first within each.
    public func evidence(objectionIDs: [Int64]) async throws -> [Int64: [EvidenceFile]] {
        guard !objectionIDs.isEmpty else { return [:] }
        struct R: Decodable {
            let id: Int64; let objection_id: Int64; let file_name: String; let content_type: String; let size: Int64; let sha256: String
            let created_at: Int64
        }
        let rows = try await database.sql().raw("""
            SELECT id, objection_id, file_name, content_type, size, sha256, created_at FROM objection_evidence
            WHERE objection_id IN (\(binds: Array(objectionIDs.prefix(1_000)))) ORDER BY id
            """).all(decoding: R.self)
        return Dictionary(grouping: rows.map {
            EvidenceFile(id: $0.id, objectionID: $0.objection_id, fileName: $0.file_name, contentType: $0.content_type, size: Int($0.size),
                         sha256: $0.sha256, uploadedAt: Date(timeIntervalSince1970: Double($0.created_at) / 1000))
        }, by: \.objectionID)
    }

    /// One file with its bytes.
    public func evidenceFile(id: Int64) async throws -> (file: EvidenceFile, bytes: [UInt8])? {
        struct R: Decodable {
            let id: Int64; let objection_id: Int64; let file_name: String; let content_type: String; let size: Int64; let sha256: String
            let created_at: Int64; let bytes: Data
        }
        return try await database.sql().raw("""
            SELECT id, objection_id, file_name, content_type, size, sha256, created_at, bytes FROM objection_evidence WHERE id = \(bind: id)
            """).first(decoding: R.self).map {
            (EvidenceFile(id: $0.id, objectionID: $0.objection_id, fileName: $0.file_name, contentType: $0.content_type, size: Int($0.size),
                          sha256: $0.sha256, uploadedAt: Date(timeIntervalSince1970: Double($0.created_at) / 1000)), Array($0.bytes))
        }
    }
}
