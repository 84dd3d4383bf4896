import App
import Fluent
import Domain
import Persistence
import Testing
import TestSupport

/// Tokens are revoked by id within the caller's institution, and a name is unique among one institution's
/// live tokens (issue 10, item 7).
@Suite struct TokenTenancyTests {
    @Test(arguments: Backend.allCases)
    func anInstitutionRevokesOnlyItsOwnTokens(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let accounts = AccountStore(database: app.db)
            let a = try await accounts.createInstitution(code: "banka", name: "甲银行", kind: .bank)
            let b = try await accounts.createInstitution(code: "bankb", name: "乙银行", kind: .bank)
            // The same name in two institutions is allowed; twice in one is not.
            let tokenA = try await accounts.createToken(name: "sync", role: .institutionStaff, departmentID: nil, institutionID: a.id)
            let tokenB = try await accounts.createToken(name: "sync", role: .institutionStaff, departmentID: nil, institutionID: b.id)
            await #expect(throws: DomainError.self) {
                try await accounts.createToken(name: "sync", role: .institutionStaff, departmentID: nil, institutionID: a.id)
            }
            let idA = try #require(try await accounts.tokens(institutionID: a.id).first?.id)
            // Bank B names bank A's token by id: nothing happens.
            #expect(try await !accounts.revokeToken(id: idA, institutionID: b.id))
            #expect(try await accounts.principal(forToken: tokenA) != nil)
            // The command line's revocation by name never reaches an institution's token.
            #expect(try await !accounts.revokeToken(name: "sync"))
            #expect(try await accounts.principal(forToken: tokenB) != nil)
            // Bank A revokes its own; bank B's namesake still works, and the name is free again in A.
            #expect(try await accounts.revokeToken(id: idA, institutionID: a.id))
            #expect(try await !accounts.revokeToken(id: idA, institutionID: a.id))
            #expect(try await accounts.principal(forToken: tokenA) == nil)
            #expect(try await accounts.principal(forToken: tokenB) != nil)
            _ = try await accounts.createToken(name: "sync", role: .institutionStaff, departmentID: nil, institutionID: a.id)
        }
    }
}
