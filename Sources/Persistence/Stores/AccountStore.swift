import Crypto
import Domain
import FluentKit
import Foundation
import SQLKit

/// Departments, users and API tokens. Passwords arrive already hashed; tokens are stored as SHA-256.
public struct AccountStore: Sendable {
    let database: any Database
    public init(database: any Database) { self.database = database }

    struct DRow: Decodable { let id: Int64; let code: String; let name: String; let datasets: String }

    static func department(_ row: DRow) -> Department {
        Department(id: row.id, code: row.code, name: row.name,
                   datasets: row.datasets.split(separator: ",").map(String.init))
    }

    @discardableResult
    public func createDepartment(code: String, name: String, datasets: [String]) async throws -> Department {
        let row = try await database.sql().raw("""
            INSERT INTO departments (code, name, datasets, created_at)
            VALUES (\(bind: code), \(bind: name), \(bind: datasets.joined(separator: ",")), \(bind: epochMillis()))
            RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.missingRow("部门编号") }
        return Department(id: id, code: code, name: name, datasets: datasets)
    }

    public func departments() async throws -> [Department] {
        try await database.sql().raw("SELECT id, code, name, datasets FROM departments ORDER BY id")
            .all(decoding: DRow.self).map(Self.department)
    }

    public func department(id: Int64) async throws -> Department? {
        try await database.sql().raw("SELECT id, code, name, datasets FROM departments WHERE id = \(bind: id)")
            .first(decoding: DRow.self).map(Self.department)
    }

    public func department(code: String) async throws -> Department? {
        try await database.sql().raw("SELECT id, code, name, datasets FROM departments WHERE code = \(bind: code)")
            .first(decoding: DRow.self).map(Self.department)
    }

    struct URow: Decodable {
        let id: Int64; let username: String; let display_name: String; let password_hash: String
        let role: String; let department_id: Int64?
    }

    @discardableResult
    public func createUser(username: String, displayName: String, passwordHash: String, role: Role,
                           departmentID: Int64?) async throws -> Int64 {
        let row = try await database.sql().raw("""
            INSERT INTO users (username, display_name, password_hash, role, department_id, created_at)
            VALUES (\(bind: username), \(bind: displayName), \(bind: passwordHash), \(bind: role.rawValue),
              \(bind: departmentID), \(bind: epochMillis()))
            RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.missingRow("用户编号") }
        return id
    }

    public func user(username: String) async throws -> UserAccount? {
        try await user(where: "username = \(bind: username)")
    }

    public func user(id: Int64) async throws -> UserAccount? {
        try await user(where: "id = \(bind: id)")
    }

    func user(where condition: SQLQueryString) async throws -> UserAccount? {
        guard let row = try await database.sql().raw("""
            SELECT id, username, display_name, password_hash, role, department_id FROM users WHERE
            """ + " " + condition).first(decoding: URow.self), let role = Role(rawValue: row.role) else { return nil }
        return UserAccount(id: row.id, username: row.username, displayName: row.display_name,
                           passwordHash: row.password_hash, role: role, departmentID: row.department_id)
    }

    /// The principal behind a user account.
    public func principal(for user: UserAccount) async throws -> Principal {
        let department = try await user.departmentID.asyncMap { try await self.department(id: $0) } ?? nil
        return Principal(name: user.username, displayName: user.displayName, role: user.role, department: department)
    }

    /// Makes a new API token; the clear text is returned once and only its hash is kept.
    public func createToken(name: String, role: Role, departmentID: Int64?) async throws -> String {
        var bytes = [UInt8](repeating: 0, count: 24)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        let token = "xyd_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        try await database.sql().raw("""
            INSERT INTO api_tokens (token_hash, name, role, department_id, created_at)
            VALUES (\(bind: Self.hash(token)), \(bind: name), \(bind: role.rawValue), \(bind: departmentID),
              \(bind: epochMillis()))
            """).run()
        return token
    }

    /// The principal holding a token, unless the token is unknown or revoked.
    public func principal(forToken token: String) async throws -> Principal? {
        struct T: Decodable { let name: String; let role: String; let department_id: Int64? }
        guard let row = try await database.sql().raw("""
            SELECT name, role, department_id FROM api_tokens
            WHERE token_hash = \(bind: Self.hash(token)) AND revoked_at IS NULL
            """).first(decoding: T.self), let role = Role(rawValue: row.role) else { return nil }
        let department = try await row.department_id.asyncMap { try await self.department(id: $0) } ?? nil
        return Principal(name: "token:\(row.name)", displayName: row.name, role: role, department: department)
    }

    public func revokeToken(name: String) async throws {
        try await database.sql().raw("""
            UPDATE api_tokens SET revoked_at = \(bind: epochMillis()) WHERE name = \(bind: name) AND revoked_at IS NULL
            """).run()
    }

    static func hash(_ token: String) -> String {
        Hex.encode(SHA256.hash(data: Array(token.utf8)))
    }
}

extension Optional {
    /// `map` with an async transform.
    public func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
