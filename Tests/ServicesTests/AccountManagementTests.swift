import App
import Domain
import Foundation
import Persistence
import Services
import Testing
import TestSupport

/// Account management as use cases: who may do what, and what each leaves behind.
@Suite struct AccountManagementTests {
    func principal(_ accounts: AccountStore, _ username: String) async throws -> Principal {
        try await accounts.principal(for: try #require(try await accounts.user(username: username)))
    }

    /// The sample firms' registrations, sent by the market regulator.
    func loadRegistrations(_ context: ServiceContext, _ app: AccountStore, _ f: Fixtures) async throws {
        let market = try #require(try await app.principal(forToken: f.marketToken))
        _ = try await Ingestion.load(context, dataset: try context.catalog.require("market.registration"), principal: market,
                                     source: .api, fileName: "registrations.csv", format: .csv,
                                     chunks: MemoryChunks(bytes: Array(SampleFiles.registrations.utf8)))
    }

    @Test(arguments: Backend.allCases)
    func anInstitutionAndItsFirstAdminAreCreatedTogetherOrNotAtAll(backend: Backend) async throws {
        try await withTestApp(backend) { app in
            let f = try await Fixtures.seed(app)
            let context = app.services(clock: TestClock("2026-03-02").clock, passwords: CountingHasher())
            let center = try #require(try await app.accounts.principal(forToken: f.centerToken))
            func form(_ admin: String) -> InstitutionAccounts.Form {
                .init(code: "bankc", name: "丙银行", kind: "bank", adminUsername: admin, adminName: "丙行管理员",
                      adminPassword: "long-enough-1")
            }
            // The admin's name is taken: no institution is left without its admin.
            await #expect(throws: DomainError.conflict("用户名“admin”已被使用")) {
                try await InstitutionAccounts.create(context, center, form("admin"))
            }
            #expect(try await app.accounts.institution(code: "bankc") == nil)
            let created = try await InstitutionAccounts.create(context, center, form("bankc-admin"))
            let admin = try #require(try await app.accounts.user(username: "bankc-admin"))
            #expect(admin.role == .institutionAdmin && admin.institutionID == created.institution.id)
            #expect(admin.passwordHash == "fake:long-enough-1")
            #expect(try await InstitutionAccounts.overview(context, center).map(\.staffCount) == [1])
            // A department may do neither.
            let court = try #require(try await app.accounts.principal(forToken: f.courtToken))
            await #expect(throws: DomainError.self) { try await InstitutionAccounts.overview(context, court) }
            await #expect(throws: DomainError.self) { try await InstitutionAccounts.create(context, court, form("other-admin")) }
        }
    }

    @Test func onlyAnInstitutionsAdminsManageItsStaffAndTokens() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let m = try await MarketFixtures.seed(app, base: f)
            let context = app.services(clock: TestClock("2026-03-02").clock, passwords: CountingHasher())
            let adminA = try await principal(app.accounts, "banka-admin")
            let staffA = try await principal(app.accounts, "banka-staff")
            let adminB = try await principal(app.accounts, "bankb-admin")
            let newcomer = StaffAccounts.Form(username: "banka-new", name: "新员工", password: "long-enough-1", role: "institution_staff")
            await #expect(throws: DomainError.forbidden("仅机构管理员可管理员工")) { try await StaffAccounts.add(context, staffA, newcomer) }
            await #expect(throws: DomainError.forbidden("仅机构管理员可管理接口令牌")) {
                try await APITokens.create(context, staffA, name: "sync", scope: "write")
            }
            try await StaffAccounts.add(context, adminA, newcomer)
            #expect(try await app.accounts.user(username: "banka-new")?.institutionID == m.bankA.id)
            #expect(try await StaffAccounts.overview(context, adminA).staff.map(\.username).contains("banka-new"))
            #expect(try await !StaffAccounts.overview(context, adminB).staff.map(\.username).contains("banka-new"))

            let token = try await APITokens.create(context, adminA, name: "nightly sync", scope: "write")
            #expect(token.name == "banka-nightly-sync")
            let principal = try #require(try await app.accounts.principal(forToken: token.token))
            #expect(principal.institution?.id == m.bankA.id && principal.scope == .write)
            let id = try #require(try await StaffAccounts.overview(context, adminA).tokens.first { $0.name == token.name }?.id)
            // Bank B's admin names bank A's token by its id: not found, and the token still works.
            await #expect(throws: DomainError.notFound("该令牌")) { try await APITokens.revoke(context, adminB, id: id) }
            #expect(try await app.accounts.principal(forToken: token.token) != nil)
            #expect(try await APITokens.revoke(context, adminA, id: id).name == token.name)
            #expect(try await app.accounts.principal(forToken: token.token) == nil)
        }
    }

    @Test func theCreditCenterReviewsOnlyEnterpriseAccounts() async throws {
        try await withTestApp(.sqlite) { app in
            let f = try await Fixtures.seed(app)
            let hasher = CountingHasher()
            let context = app.services(clock: TestClock("2026-03-02").clock, passwords: hasher)
            try await loadRegistrations(context, app.accounts, f)
            // The phone proved by a code, consent given, the licence attached: without any of them, nothing is created.
            try await FirmRegistration.sendCode(context, phone: "13912345678", from: ClientAddress(text: "10.0.0.1"))
            let code = try #require(app.smsOutbox?.lastCode(to: "13912345678"))
            var registration = FirmRegistration.Form(uscc: SampleFiles.firmA, legalRepresentative: "王伟", phone: "13912345678",
                                                     username: "haiyun", password: "long-enough-1", code: code, consented: true,
                                                     documentName: "营业执照.pdf", document: Array("%PDF-1.4 营业执照".utf8))
            var wrong = registration
            wrong.legalRepresentative = "张三"
            await #expect(throws: DomainError.self) { try await FirmRegistration.register(context, wrong) }
            wrong = registration
            wrong.consented = false
            wrong.document = []
            do {
                _ = try await FirmRegistration.register(context, wrong)
                Issue.record("registered without consent or licence")
            } catch DomainError.invalidFields(let problems) {
                #expect(Set(problems.map(\.field)) == ["consent", "document"])
            }
            wrong = registration
            wrong.code = code == "000000" ? "111111" : "000000"
            await #expect(throws: DomainError.self) { try await FirmRegistration.register(context, wrong) }
            #expect(try await app.accounts.user(username: "haiyun") == nil)
            registration.code = code
            let registered = try await FirmRegistration.register(context, registration)
            #expect(registered.firmName == "大连海韵科技有限公司")
            let center = try #require(try await app.accounts.principal(forToken: f.centerToken))
            let review = try await EnterpriseAccounts.review(context, center)
            #expect(review.pending.map(\.user.username) == ["haiyun"])
            #expect(review.pending.first?.firmName == "大连海韵科技有限公司")
            #expect(review.pending.first?.registryLegalRepresentative == "王伟")
            #expect(review.pending.first?.registration?.documentName == "营业执照.pdf")
            #expect(review.pending.first?.registration?.consentVersion == RegistrationConsent.version)
            let firm = try #require(try await app.accounts.user(username: "haiyun"))
            #expect(firm.status == .pending && firm.passwordHash == "fake:long-enough-1")
            // A department may not confirm it; nor may the center change a staff account's status here.
            let court = try #require(try await app.accounts.principal(forToken: f.courtToken))
            await #expect(throws: DomainError.self) {
                try await EnterpriseAccounts.setStatus(context, court, userID: firm.id, status: "active")
            }
            let clerk = try #require(try await app.accounts.user(username: "scjgj"))
            await #expect(throws: DomainError.notFound("该账户")) {
                try await EnterpriseAccounts.setStatus(context, center, userID: clerk.id, status: "disabled")
            }
            await #expect(throws: DomainError.self) {
                try await EnterpriseAccounts.setStatus(context, center, userID: firm.id, status: "approved")
            }
            try await EnterpriseAccounts.setStatus(context, center, userID: firm.id, status: "active")
            #expect(try await app.accounts.user(username: "haiyun")?.status == .active)
            #expect(try await EnterpriseAccounts.review(context, center).pending.isEmpty)
        }
    }
}
