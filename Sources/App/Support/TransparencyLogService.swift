import Fluent
import CreditLog
import Domain
import Foundation
import Persistence
import Services
import Vapor

/// The platform's Ed25519 log key, kept in a file outside the database: created (mode 0600) on first
/// start, read on every later one. The key's name is the log's origin.
public enum LogSigningKey {
    public static func loadOrCreate(file: URL, origin: String) throws -> Ed25519NoteSigner {
        let manager = FileManager.default
        if manager.fileExists(atPath: file.path) {
            let text = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            let signer: Ed25519NoteSigner
            do { signer = try Ed25519NoteSigner(signerKey: text) } catch {
                throw DomainError.invalidInput(field: "XYD_LOG_KEY_FILE", reason: "签名私钥文件“\(file.path)”无效：\(error.message)")
            }
            guard signer.name == origin else {
                throw DomainError.invalidInput(
                    field: "XYD_LOG_KEY_FILE", reason: "签名私钥“\(file.path)”属于日志“\(signer.name)”，与 XYD_LOG_ORIGIN“\(origin)”不符")
            }
            return signer
        }
        let signer = try Ed25519NoteSigner.generate(name: origin)
        try manager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard manager.createFile(atPath: file.path, contents: Data((signer.signerKey + "\n").utf8),
                                 attributes: [.posixPermissions: 0o600]) else {
            throw DomainError.invalidInput(field: "XYD_LOG_KEY_FILE", reason: "无法创建签名私钥文件“\(file.path)”")
        }
        return signer
    }
}

extension Application {
    struct LogSignerKey: StorageKey { typealias Value = Ed25519NoteSigner }

    /// The log's signer, loaded (or created) on first use.
    public var logSigner: Ed25519NoteSigner {
        get throws {
            if let signer = storage[LogSignerKey.self] { return signer }
            let config = self.config
            let signer = try LogSigningKey.loadOrCreate(file: config.logKeyFile, origin: config.logOrigin)
            storage[LogSignerKey.self] = signer
            return signer
        }
    }

    public var logStore: LogStore { LogStore(database: db) }

    /// Sequences what is queued and signs a checkpoint of the current size (if it has none yet).
    @discardableResult
    public func signLogCheckpoint() async throws -> LogStore.StoredCheckpoint {
        try await logStore.signCheckpoint(origin: config.logOrigin, signer: try logSigner)
    }
}
