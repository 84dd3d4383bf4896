import Domain
import Foundation
import Persistence

/// An institution's API tokens for its machine clients, made and revoked by its admins. A token's name is
/// prefixed with the institution's code and unique among its live tokens; revocation is by id, within the
/// institution (another institution's token is never touched, whatever it is called).
public enum APITokens {
    public struct Created: Sendable, Equatable {
        public var name: String
        /// The token itself: shown once, only its hash is kept.
        public var token: String
    }

    /// Makes a token; `scope` as sent (`write`, otherwise read-only).
    public static func create(_ context: ServiceContext, _ principal: Principal, name: String?,
                              scope: String?) async throws -> Created {
        let institution = try StaffAccounts.administered(by: principal, "仅机构管理员可管理接口令牌")
        let name = "\(institution.code)-" + (try Validate.code(name.map { $0.replacingOccurrences(of: " ", with: "-") }, field: "名称"))
        let token = try await context.accounts.createToken(name: name, role: .institutionStaff, departmentID: nil,
                                                           institutionID: institution.id,
                                                           scope: TokenScope(rawValue: scope ?? "") ?? .read)
        return Created(name: name, token: token)
    }

    /// Revokes one of the institution's live tokens; returns it as it was listed.
    @discardableResult
    public static func revoke(_ context: ServiceContext, _ principal: Principal, id: Int64) async throws -> AccountStore.TokenInfo {
        let institution = try StaffAccounts.administered(by: principal, "仅机构管理员可管理接口令牌")
        guard let token = try await context.accounts.tokens(institutionID: institution.id).first(where: { $0.id == id }),
              try await context.accounts.revokeToken(id: id, institutionID: institution.id) else {
            throw DomainError.notFound("该令牌")
        }
        return token
    }
}
