import Foundation
import Testing
@testable import Domain

@Suite struct AuthorisationTests {
    typealias F = MarketplaceFixtures
    let uscc = "91350100M000100Y43"

    func authorisation(id: String = "AU1", scope: AuthorisationScope = .institutions(["BANK1", "BANK2"]),
                       from: String = "2025-01-01", until: String = "2025-12-31", signed: String = "2025-01-01",
                       revoked: Date? = nil, purposes: Set<AuthorisationPurpose> = [.loanApplication]) -> Authorisation {
        Authorisation(id: id, uscc: uscc, scope: scope, categories: ["tax", "social_insurance"], purposes: purposes,
                      validFrom: Day(iso: from)!, validUntil: Day(iso: until)!, signedAt: F.date(signed),
                      revokedAt: revoked)
    }

    func denial(_ a: Authorisation, institution: String = "BANK1", category: String = "tax",
                purpose: AuthorisationPurpose = .loanApplication, on day: String) -> AuthorisationDenial? {
        a.denial(institutionID: institution, category: category, purpose: purpose, on: Day(iso: day)!)
    }

    @Test func validityDaysAreInclusive() {
        let a = authorisation()
        #expect(denial(a, on: "2025-01-01") == nil)
        #expect(denial(a, on: "2025-12-31") == nil)
        #expect(denial(a, on: "2024-12-31") == .notYetValid(from: Day(year: 2025, month: 1, day: 1)))
        #expect(denial(a, on: "2026-01-01") == .expired(on: Day(year: 2025, month: 12, day: 31)))
        #expect(AuthorisationDenial.expired(on: Day(year: 2025, month: 12, day: 31)).message == "授权书已于 2025-12-31 到期")
    }

    @Test func revocationTakesEffectOnItsDay() {
        let a = authorisation(revoked: F.date("2025-06-10", hour: 15))
        #expect(denial(a, on: "2025-06-09") == nil)
        #expect(denial(a, on: "2025-06-10") == .revoked(on: Day(year: 2025, month: 6, day: 10)))
        #expect(denial(a, on: "2025-07-01")?.message == "授权书已于 2025-06-10 撤销")
    }

    @Test func scopeCategoryAndPurposeMustAllBeCovered() {
        let a = authorisation()
        #expect(denial(a, institution: "BANK3", on: "2025-06-01") == .institutionNotCovered)
        #expect(denial(authorisation(scope: .allRegisteredInstitutions), institution: "BANK3", on: "2025-06-01") == nil)
        #expect(denial(a, category: "utilities", on: "2025-06-01") == .categoryNotCovered("utilities"))
        #expect(denial(a, category: "utilities", on: "2025-06-01")?.message == "授权范围不包含数据类别“utilities”")
        #expect(denial(a, purpose: .postLoan, on: "2025-06-01") == .purposeNotCovered(.postLoan))
        #expect(denial(a, purpose: .postLoan, on: "2025-06-01")?.message == "授权用途不包含“贷后管理”")
        let result = a.permits(institutionID: "BANK2", category: "social_insurance", purpose: .loanApplication,
                               on: Day(year: 2025, month: 6, day: 1))
        #expect((try? result.get()) != nil)
    }

    @Test func revocationIsReportedBeforeOtherProblems() {
        let a = authorisation(revoked: F.date("2025-03-01"))
        #expect(denial(a, institution: "BANK9", category: "x", purpose: .postLoan, on: "2026-02-01")
                == .revoked(on: Day(year: 2025, month: 3, day: 1)))
    }

    @Test func offlineAuthorisationNeedsAScan() throws {
        var a = authorisation()
        a.isOffline = true
        #expect(throws: DomainError.invalidInput(field: "scanReference", reason: "线下授权须上传授权书扫描件")) {
            try a.validate()
        }
        a.scanReference = "scan/2025/AU1.pdf"
        try a.validate()
        a.categories = []
        #expect(throws: DomainError.invalidInput(field: "categories", reason: "至少授权一个数据类别")) { try a.validate() }
    }

    @Test func findsTheAuthorisationAnAccessIsMadeUnder() {
        let old = authorisation(id: "AU1", from: "2024-01-01", until: "2024-12-31", signed: "2024-01-01")
        let postLoan = authorisation(id: "AU2", signed: "2025-02-01", purposes: [.postLoan])
        let broad = authorisation(id: "AU3", scope: .allRegisteredInstitutions, signed: "2025-03-01",
                                  purposes: [.loanApplication, .postLoan])
        let narrow = authorisation(id: "AU4", signed: "2025-01-15")
        var otherFirm = authorisation(id: "AU9", scope: .allRegisteredInstitutions, signed: "2025-05-01")
        otherFirm.uscc = "91210200MA0000000X"
        let all = [old, postLoan, broad, narrow, otherFirm]
        let day = Day(year: 2025, month: 6, day: 1)

        let found = Authorisation.covering(all, uscc: uscc, institutionID: "BANK1", category: "tax",
                                           purpose: .loanApplication, on: day)
        #expect((try? found.get())?.id == "AU3")

        let withoutBroad = Authorisation.covering([old, postLoan, narrow], uscc: uscc, institutionID: "BANK1",
                                                  category: "tax", purpose: .loanApplication, on: day)
        #expect((try? withoutBroad.get())?.id == "AU4")

        let denied = Authorisation.covering([old, postLoan], uscc: uscc, institutionID: "BANK1", category: "tax",
                                            purpose: .loanApplication, on: day)
        guard case .failure(let failure) = denied else { Issue.record("expected a denial"); return }
        #expect(failure.denials == [.expired(on: Day(year: 2024, month: 12, day: 31)), .purposeNotCovered(.loanApplication)])
        #expect(failure.message == "授权书已于 2024-12-31 到期；授权用途不包含“贷款申请”")

        let none = Authorisation.covering([otherFirm], uscc: uscc, institutionID: "BANK1", category: "tax",
                                          purpose: .loanApplication, on: day)
        #expect(none == .failure(AuthorisationLookupFailure(denials: [.none])))
    }

    @Test func roundTripsWithDaysAsISOText() throws {
        var a = authorisation(scope: .institutions(["B2", "B1"]), revoked: F.date("2025-06-10"))
        a.isOffline = true
        a.scanReference = "scan/1.pdf"
        #expect(try F.roundTrip(a) == a)
        let json = String(decoding: try JSONEncoder().encode(a), as: UTF8.self)
        #expect(json.contains(#""validUntil":"2025-12-31""#))
        #expect(json.contains(#""ids":["B1","B2"]"#))
        #expect(try F.roundTrip(authorisation(scope: .allRegisteredInstitutions)).scope == .allRegisteredInstitutions)
    }
}
