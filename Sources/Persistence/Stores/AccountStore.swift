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
        return try await database.write { unit in
            let row = try await unit.sql().raw("""
                INSERT INTO departments (code, name, datasets, created_at)
                VALUES (\(bind: code), \(bind: name), \(bind: datasets.joined(separator: ",")), \(bind: epochMillis()))
                RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.missingRow("部门编号") }
            return Department(id: id, code: code, name: name, datasets: datasets)
        }
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
        let role: String; let department_id: Int64?; let institution_id: Int64?; let uscc: String?
        let phone: String?; let status: String; let failed_logins: Int; let locked_until: Int64?
    }

    static let userColumns = """
        id, username, display_name, password_hash, role, department_id, institution_id, uscc, phone, status,
        failed_logins, locked_until
        """

    @discardableResult
    public func createUser(username: String, displayName: String, passwordHash: String, role: Role,
                           departmentID: Int64?, institutionID: Int64? = nil, uscc: String? = nil,
                           phone: String? = nil, status: AccountStatus = .active,
                           then: (@Sendable (UnitOfWork, Int64) async throws -> Void)? = nil) async throws -> Int64 {
        return try await database.write { unit in
            if try await AccountStore(database: unit.database).user(username: username) != nil { throw DomainError.conflict("用户名“\(username)”已被使用") }
            let row = try await unit.sql().raw("""
                INSERT INTO users (username, display_name, password_hash, role, department_id, institution_id, uscc, phone,
                  status, created_at)
                VALUES (\(bind: username), \(bind: displayName), \(bind: passwordHash), \(bind: role.rawValue),
                  \(bind: departmentID), \(bind: institutionID), \(bind: uscc), \(bind: phone), \(bind: status.rawValue),
                  \(bind: epochMillis()))
                RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.missingRow("用户编号") }
            try await then?(unit, id)
            return id
        }
    }

    public func user(username: String) async throws -> UserAccount? {
        try await users(where: "username = \(bind: username)").first
    }

    public func user(id: Int64) async throws -> UserAccount? {
        try await users(where: "id = \(bind: id)").first
    }

    /// Accounts of a role, optionally of one status or one institution, newest first.
    public func users(role: Role, status: AccountStatus? = nil, institutionID: Int64? = nil) async throws -> [UserAccount] {
        var condition: SQLQueryString = "role = \(bind: role.rawValue)"
        if let status { condition = condition + " AND status = \(bind: status.rawValue)" }
        if let institutionID { condition = condition + " AND institution_id = \(bind: institutionID)" }
        return try await users(where: condition + " ORDER BY id DESC")
    }

    func users(where condition: SQLQueryString) async throws -> [UserAccount] {
        try await database.sql().raw(SQLQueryString("SELECT \(Self.userColumns) FROM users WHERE ") + condition)
            .all(decoding: URow.self).compactMap { row in
                guard let role = Role(rawValue: row.role) else { return nil }
                return UserAccount(id: row.id, username: row.username, displayName: row.display_name,
                                   passwordHash: row.password_hash, role: role, departmentID: row.department_id,
                                   institutionID: row.institution_id, uscc: row.uscc, phone: row.phone,
                                   status: AccountStatus(rawValue: row.status) ?? .disabled,
                                   failedLogins: row.failed_logins, lockedUntil: row.locked_until)
            }
    }

    public func setStatus(userID: Int64, _ status: AccountStatus) async throws {
        try await database.write { unit in
            try await unit.sql().raw("UPDATE users SET status = \(bind: status.rawValue) WHERE id = \(bind: userID)").run()
        }
    }

    /// Counts one more wrong password against the account, in one statement so that simultaneous attempts all
    /// count: the `lockAfter`-th failure in a row locks the account until `lockUntil` (epoch milliseconds) and
    /// starts the count again.
    public func recordFailedLogin(userID: Int64, lockAfter maxFailures: Int, lockUntil: Int64) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                UPDATE users SET
                  locked_until = CASE WHEN failed_logins + 1 >= \(bind: maxFailures) THEN \(bind: lockUntil) ELSE locked_until END,
                  failed_logins = CASE WHEN failed_logins + 1 >= \(bind: maxFailures) THEN 0 ELSE failed_logins + 1 END
                WHERE id = \(bind: userID)
                """).run()
        }
    }

    /// Records a sign-in attempt's outcome for throttling.
    public func recordLogin(userID: Int64, failures: Int, lockedUntil: Int64?) async throws {
        try await database.write { unit in
            try await unit.sql().raw("""
                UPDATE users SET failed_logins = \(bind: failures), locked_until = \(bind: lockedUntil) WHERE id = \(bind: userID)
                """).run()
        }
    }

    /// The principal behind a user account.
    public func principal(for user: UserAccount) async throws -> Principal {
        let department = try await user.departmentID.asyncMap { try await self.department(id: $0) } ?? nil
        let institution = try await user.institutionID.asyncMap { try await self.institution(id: $0) } ?? nil
        return Principal(name: user.username, displayName: user.displayName, role: user.role, department: department,
                         institution: institution, uscc: user.uscc, userID: user.id)
    }

    // MARK: Institutions

    struct IRow: Decodable { let id: Int64; let code: String; let name: String; let kind: String }

    static func institution(_ row: IRow) -> Institution {
        Institution(id: row.id, code: row.code, name: row.name, kind: Institution.Kind(rawValue: row.kind) ?? .bank)
    }

    @discardableResult
    public func createInstitution(code: String, name: String, kind: Institution.Kind) async throws -> Institution {
        return try await database.write { unit in
            if try await AccountStore(database: unit.database).institution(code: code) != nil { throw DomainError.conflict("机构代码“\(code)”已存在") }
            let row = try await unit.sql().raw("""
                INSERT INTO institutions (code, name, kind, created_at)
                VALUES (\(bind: code), \(bind: name), \(bind: kind.rawValue), \(bind: epochMillis()))
                RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw PersistenceError.missingRow("机构编号") }
            return Institution(id: id, code: code, name: name, kind: kind)
        }
    }

    public func institutions() async throws -> [Institution] {
        try await database.sql().raw("SELECT id, code, name, kind FROM institutions ORDER BY id")
            .all(decoding: IRow.self).map(Self.institution)
    }

    public func institution(id: Int64) async throws -> Institution? {
        try await database.sql().raw("SELECT id, code, name, kind FROM institutions WHERE id = \(bind: id)")
            .first(decoding: IRow.self).map(Self.institution)
    }

    public func institution(code: String) async throws -> Institution? {
        try await database.sql().raw("SELECT id, code, name, kind FROM institutions WHERE code = \(bind: code)")
            .first(decoding: IRow.self).map(Self.institution)
    }

    /// Makes a new API token; the clear text is returned once and only its hash is kept.
    public func createToken(name: String, role: Role, departmentID: Int64?, institutionID: Int64? = nil,
                            uscc: String? = nil, scope: TokenScope = .write) async throws -> String {
        return try await database.write { unit in
            var bytes = [UInt8](repeating: 0, count: 24)
            for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
            let token = "xyd_" + Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            struct Taken: Decodable { let id: Int64 }
            if try await unit.sql().raw("""
                SELECT id FROM api_tokens WHERE name = \(bind: name) AND revoked_at IS NULL
                  AND COALESCE(institution_id, 0) = \(bind: institutionID ?? 0)
                """).first(decoding: Taken.self) != nil {
                throw DomainError.conflict("已有名为“\(name)”的有效令牌，请换一个名称")
            }
            try await unit.sql().raw("""
                INSERT INTO api_tokens (token_hash, name, role, department_id, institution_id, uscc, scope, created_at)
                VALUES (\(bind: Self.hash(token)), \(bind: name), \(bind: role.rawValue), \(bind: departmentID),
                  \(bind: institutionID), \(bind: uscc), \(bind: scope.rawValue), \(bind: epochMillis()))
                """).run()
            return token
        }
    }

    /// A token's row with its owner's department or institution (one query: every API call runs it).
    struct TokenRow: Decodable {
        let name: String; let role: String; let department_id: Int64?; let institution_id: Int64?
        let uscc: String?; let scope: String
        let d_code: String?; let d_name: String?; let d_datasets: String?
        let i_code: String?; let i_name: String?; let i_kind: String?
    }

    static let tokenColumns = """
        SELECT t.name, t.role, t.department_id, t.institution_id, t.uscc, t.scope,
          d.code AS d_code, d.name AS d_name, d.datasets AS d_datasets, i.code AS i_code, i.name AS i_name, i.kind AS i_kind
        FROM api_tokens t LEFT JOIN departments d ON d.id = t.department_id LEFT JOIN institutions i ON i.id = t.institution_id
        """
    /// `tokenColumns` for one hash, with SQLite's numbered parameter (`QuickReads`).
    static let tokenQuery = tokenColumns + " WHERE t.token_hash = ?1 AND t.revoked_at IS NULL"

    /// The caller a bearer token stands for, nil when it is unknown or revoked. `quick` (SQLite) reads it on this
    /// thread; if that read fails, or without it, the query goes through the database as usual.
    public func principal(forToken token: String, quick: QuickReads? = nil) async throws -> Principal? {
        if let quick, let lookup = try? Self.principal(forToken: token, quick: quick) { return lookup.principal }
        let row = try await database.sql().raw("""
            \(unsafeRaw: Self.tokenColumns) WHERE t.token_hash = \(bind: Self.hash(token)) AND t.revoked_at IS NULL
            """).first(decoding: TokenRow.self)
        return row.flatMap(Self.principal(row:))
    }

    /// What a token read on the calling thread found: its principal, nil when the token is unknown or revoked.
    public struct TokenLookup: Sendable { public let principal: Principal? }

    /// The caller a bearer token stands for, read through `quick` on the calling thread without waiting on
    /// another; throws when that read fails (the caller then asks `principal(forToken:)`).
    public static func principal(forToken token: String, quick: QuickReads) throws -> TokenLookup {
        TokenLookup(principal: try quick.token(hash: hash(token)).flatMap(principal(row:)))
    }

    private static func principal(row: TokenRow) -> Principal? {
        guard let role = Role(rawValue: row.role) else { return nil }
        let department = row.department_id.flatMap { id in
            row.d_code.map { Self.department(DRow(id: id, code: $0, name: row.d_name ?? "", datasets: row.d_datasets ?? "")) }
        }
        let institution = row.institution_id.flatMap { id in
            row.i_code.map { Self.institution(IRow(id: id, code: $0, name: row.i_name ?? "", kind: row.i_kind ?? "")) }
        }
        return Principal(name: "token:\(row.name)", displayName: row.name, role: role, department: department,
                         institution: institution, uscc: row.uscc, scope: TokenScope(rawValue: row.scope) ?? .read)
    }

    /// An API token as listed to its owner (never the token itself).
    public struct TokenInfo: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var scope: TokenScope
        public var createdAt: Date
        public var revokedAt: Date?
    }

    public func tokens(institutionID: Int64) async throws -> [TokenInfo] {
        struct Row: Decodable { let id: Int64; let name: String; let scope: String; let created_at: Int64; let revoked_at: Int64? }
        return try await database.sql().raw("""
            SELECT id, name, scope, created_at, revoked_at FROM api_tokens WHERE institution_id = \(bind: institutionID) ORDER BY id DESC
            """).all(decoding: Row.self).map {
            TokenInfo(id: $0.id, name: $0.name, scope: TokenScope(rawValue: $0.scope) ?? .read,
                      createdAt: Date(timeIntervalSince1970: Double($0.created_at) / 1000),
                      revokedAt: $0.revoked_at.map { Date(timeIntervalSince1970: Double($0) / 1000) })
        }
    }

    /// Revokes one of an institution's live tokens by id; false when it has no such token (another
    /// institution's token is never touched, whatever it is called).
    public func revokeToken(id: Int64, institutionID: Int64) async throws -> Bool {
        try await database.write { unit in
            try await unit.sql().raw("""
                UPDATE api_tokens SET revoked_at = \(bind: epochMillis())
                WHERE id = \(bind: id) AND institution_id = \(bind: institutionID) AND revoked_at IS NULL RETURNING id
                """).first() != nil
        }
    }

    /// Revokes the live token of that name among those without an institution (the operator's, departments'
    /// and firms', managed from the command line); false when there is none.
    public func revokeToken(name: String) async throws -> Bool {
        try await database.write { unit in
            try await unit.sql().raw("""
                UPDATE api_tokens SET revoked_at = \(bind: epochMillis())
                WHERE name = \(bind: name) AND institution_id IS NULL AND revoked_at IS NULL RETURNING id
                """).first() != nil
        }
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
